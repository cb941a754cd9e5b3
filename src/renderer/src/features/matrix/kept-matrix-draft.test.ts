import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RULES_TEMPLATES } from '@core/index';
import type { DeskDatabase } from '../../db/database';
import { openTestDesk } from '../../db/test-desk';
import { resetMatrixDraft, useMatrixDraftStore } from './draft-store';
import { keepMatrixDraft, MATRIX_DRAFT_ID } from './kept-matrix-draft';

const matrix = RULES_TEMPLATES[0]!.matrix;
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

let database: DeskDatabase;
beforeEach(async () => {
  database = await openTestDesk('kept-matrix');
  resetMatrixDraft();
});
afterEach(async () => {
  await database.delete();
});

describe('the kept matrix draft', () => {
  it('is restored with its baseline, version and origin in the next session', async () => {
    const kept = { matrix, baseline: { rows: [] }, baseVersion: 3, origin: 'Imported from m.csv' };
    await database.drafts.put({ id: MATRIX_DRAFT_ID, value: kept, updatedAt: 42 });
    const restored: number[] = [];
    const stop = keepMatrixDraft((at) => restored.push(at), database);
    await settle();
    expect(useMatrixDraftStore.getState().draft).toEqual(kept);
    expect(restored).toEqual([42]);
    stop();
  });

  it('drops a kept draft that is no longer a valid matrix', async () => {
    await database.drafts.put({
      id: MATRIX_DRAFT_ID,
      value: { matrix: { rows: [{ id: 'r' }] }, baseVersion: 1 },
      updatedAt: 1,
    });
    const stop = keepMatrixDraft(undefined, database);
    await settle();
    expect(useMatrixDraftStore.getState().draft.matrix.rows).toEqual([]);
    expect(await database.drafts.get(MATRIX_DRAFT_ID)).toBeUndefined();
    stop();
  });

  it('is written while the draft differs from the saved matrix', async () => {
    const stop = keepMatrixDraft(undefined, database);
    await settle();
    useMatrixDraftStore.getState().dispatch({ kind: 'load', matrix: { rows: [] }, version: 0 });
    useMatrixDraftStore.getState().dispatch({ kind: 'replace', matrix, origin: 'Template' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await database.drafts.get(MATRIX_DRAFT_ID))?.value).toMatchObject({ matrix });
    stop();
  });
});
