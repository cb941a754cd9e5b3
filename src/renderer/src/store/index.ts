import { create } from 'zustand';
import { createToastSlice, type ToastSlice } from './toast-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type DeskStore = UiSlice & ToastSlice;

/** The renderer's session state (not persisted: persistent data lives in Dexie). */
export const useDeskStore = create<DeskStore>()((...args) => ({
  ...createUiSlice(...args),
  ...createToastSlice(...args),
}));
