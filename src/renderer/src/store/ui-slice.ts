import type { StateCreator } from 'zustand';
import type { DeskStore } from './index';

export type EffectiveTheme = 'light' | 'dark';

export interface UiSlice {
  /** The operating system's colour scheme, kept current by a media-query listener. */
  systemTheme: EffectiveTheme;
  setSystemTheme(theme: EffectiveTheme): void;
  /** Whether the keyboard shortcut list is open. */
  shortcutsOpen: boolean;
  setShortcutsOpen(open: boolean): void;
}

export const createUiSlice: StateCreator<DeskStore, [], [], UiSlice> = (set) => ({
  systemTheme: 'light',
  setSystemTheme: (systemTheme) => set({ systemTheme }),
  shortcutsOpen: false,
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
});
