import { create } from 'zustand';
import {
  EMPTY_DRAFT,
  matrixDraftReducer,
  type DraftAction,
  type MatrixDraft,
} from './matrix-draft';

interface MatrixDraftStore {
  draft: MatrixDraft;
  dispatch(action: DraftAction): void;
}

/**
 * The matrix draft, outside the view so that it survives going to another view and back: a
 * half-edited matrix is not lost by a look at the queue. Nothing here is persisted.
 */
export const useMatrixDraftStore = create<MatrixDraftStore>()((set) => ({
  draft: EMPTY_DRAFT,
  dispatch: (action) => set((state) => ({ draft: matrixDraftReducer(state.draft, action) })),
}));

/** Forgets the draft (for tests, which share the module between cases). */
export function resetMatrixDraft(): void {
  useMatrixDraftStore.setState({ draft: EMPTY_DRAFT });
}
