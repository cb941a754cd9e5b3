import { create } from 'zustand';
import { DEFAULT_VIEW_STATE, type QueueViewState } from './view-state';

/**
 * The queue's session state: the view being worked, its (possibly edited) state, the selection,
 * the active row, collapsed groups and the scroll position. It outlives the queue's component, so
 * opening a ticket full screen and coming back finds everything where it was.
 */
export interface QueueUiState {
  /** The saved or built-in view the state came from; undefined until the default is read. */
  viewId: string | undefined;
  state: QueueViewState;
  /** The state differs from the view's saved state. */
  edited: boolean;
  selection: Record<string, boolean>;
  /** Where a Shift range selection starts. */
  anchorId: string | undefined;
  activeId: string | undefined;
  /** Group ids the user closed (groups start open). */
  collapsed: Record<string, boolean>;
  scrollTop: number;
  applyView(viewId: string, state: QueueViewState): void;
  editState(update: (state: QueueViewState) => QueueViewState): void;
  setSelection(selection: Record<string, boolean>, anchorId?: string): void;
  setActive(activeId: string | undefined): void;
  setCollapsed(collapsed: Record<string, boolean>): void;
  setScrollTop(scrollTop: number): void;
}

export const useQueueUi = create<QueueUiState>()((set) => ({
  viewId: undefined,
  state: DEFAULT_VIEW_STATE,
  edited: false,
  selection: {},
  anchorId: undefined,
  activeId: undefined,
  collapsed: {},
  scrollTop: 0,
  applyView: (viewId, state) => set({ viewId, state, edited: false, collapsed: {}, scrollTop: 0 }),
  editState: (update) => set((current) => ({ state: update(current.state), edited: true })),
  setSelection: (selection, anchorId) =>
    set((current) => ({ selection, anchorId: anchorId ?? current.anchorId })),
  setActive: (activeId) => set({ activeId }),
  setCollapsed: (collapsed) => set({ collapsed }),
  setScrollTop: (scrollTop) => set({ scrollTop }),
}));
