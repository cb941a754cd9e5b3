import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskDatabase } from '../../db/database';
import { ALL_DAY_CALENDAR, EVERYTHING_POLICY, openTestDesk } from '../../db/test-desk';
import { resetPolicyEditor, usePolicyEditor } from './editor-state';
import { keepPolicyEditorDrafts, POLICY_EDITOR_DRAFT_ID } from './kept-editor-drafts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

let database: DeskDatabase;
beforeEach(async () => {
  database = await openTestDesk('kept-policies');
  resetPolicyEditor();
});
afterEach(async () => {
  await database.delete();
});

describe('the kept policy and calendar drafts', () => {
  it('come back in the next session, and nothing else of the editor changes', async () => {
    const kept = {
      policyDraft: { policies: [EVERYTHING_POLICY], pendingCalendars: [] },
      calendarDrafts: { night: { id: 'night', name: 'Night', calendar: ALL_DAY_CALENDAR } },
      createdCalendars: ['night'],
    };
    await database.drafts.put({ id: POLICY_EDITOR_DRAFT_ID, value: kept, updatedAt: 7 });
    const stop = keepPolicyEditorDrafts(undefined, database);
    await settle();
    expect(usePolicyEditor.getState()).toMatchObject({ ...kept, selectedPolicy: 0 });
    stop();
  });

  it('drop a kept value of the wrong shape', async () => {
    await database.drafts.put({
      id: POLICY_EDITOR_DRAFT_ID,
      value: { policyDraft: { policies: [{ name: 5 }] } },
      updatedAt: 7,
    });
    const stop = keepPolicyEditorDrafts(undefined, database);
    await settle();
    expect(usePolicyEditor.getState().policyDraft).toBeNull();
    expect(await database.drafts.get(POLICY_EDITOR_DRAFT_ID)).toBeUndefined();
    stop();
  });
});
