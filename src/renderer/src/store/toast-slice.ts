import type { StateCreator } from 'zustand';
import type { DeskStore } from './index';

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'warning' | 'danger';
  title: string;
  body?: string;
  ticketId?: string;
}

export interface ToastSlice {
  toasts: Toast[];
  /** Shows an in-app alert; also the fallback when system notifications are unavailable. */
  pushToast(toast: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;
}

let nextToastId = 1;
const MAX_TOASTS = 5;

export const createToastSlice: StateCreator<DeskStore, [], [], ToastSlice> = (set) => ({
  toasts: [],
  pushToast: (toast) => {
    const id = nextToastId++;
    set((state) => ({ toasts: [...state.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
    return id;
  },
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
});
