import { EscalationMatrixSchema } from '@core/index';
import { z } from 'zod';
import type { DeskDatabase } from '../../db/database';
import { keepDraft } from '../rules/kept-draft';
import { useMatrixDraftStore } from './draft-store';
import { hasUnsavedChanges, type MatrixDraft } from './matrix-draft';

/** The drafts-table row of the matrix editor's unsaved work. */
export const MATRIX_DRAFT_ID = 'matrix';

const KeptMatrixDraftSchema = z.object({
  matrix: EscalationMatrixSchema,
  baseline: EscalationMatrixSchema.optional(),
  baseVersion: z.number(),
  origin: z.string().optional(),
});

/**
 * Keeps the matrix draft in the database while it has unsaved changes, and restores it in the
 * next session (see keepDraft); `onRestored` hears when it was last changed.
 */
export function keepMatrixDraft(
  onRestored?: (updatedAt: number) => void,
  database?: DeskDatabase,
): () => void {
  return keepDraft({
    id: MATRIX_DRAFT_ID,
    store: useMatrixDraftStore,
    pick: (state) => (hasUnsavedChanges(state.draft) ? state.draft : null),
    restore: (value) => {
      const kept = KeptMatrixDraftSchema.safeParse(value);
      if (!kept.success) return null;
      const draft: MatrixDraft = {
        matrix: kept.data.matrix,
        baseline: kept.data.baseline,
        baseVersion: kept.data.baseVersion,
        origin: kept.data.origin,
      };
      return { draft };
    },
    onRestored,
    database,
  });
}
