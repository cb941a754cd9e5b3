import { afterEach, describe, expect, it } from 'vitest';
import { DeskDatabase } from '../../db/database';
import {
  discardDraft,
  draftTimeLabel,
  loadDraft,
  NEW_ESCALATION_DRAFT_ID,
  saveDraft,
} from './draft';
import { emptyForm } from './form';

const NAME = 'draft-test';
let database: DeskDatabase;
afterEach(async () => {
  await database.delete();
});

const half = { ...emptyForm('phone'), customerName: 'Half Done Ltd', title: 'Printer jams' };

describe('the new-escalation draft', () => {
  it('is there after the app is closed and opened again', async () => {
    database = new DeskDatabase(NAME);
    await saveDraft(half, 1_000, database);
    database.close();
    database = new DeskDatabase(NAME);
    expect(await loadDraft(database)).toEqual({ form: half, updatedAt: 1_000 });
  });

  it('keeps only the latest version', async () => {
    database = new DeskDatabase(NAME);
    await saveDraft(half, 1_000, database);
    await saveDraft({ ...half, title: 'Printer jams on every receipt' }, 2_000, database);
    expect(await database.drafts.count()).toBe(1);
    expect((await loadDraft(database))?.form.title).toBe('Printer jams on every receipt');
  });

  it('is removed when the form is emptied or discarded', async () => {
    database = new DeskDatabase(NAME);
    await saveDraft(half, 1_000, database);
    await saveDraft(emptyForm('phone'), 2_000, database);
    expect(await loadDraft(database)).toBeNull();
    await saveDraft(half, 3_000, database);
    await discardDraft(database);
    expect(await database.drafts.get(NEW_ESCALATION_DRAFT_ID)).toBeUndefined();
  });

  it('ignores a stored value that is not a form', async () => {
    database = new DeskDatabase(NAME);
    await database.drafts.put({ id: NEW_ESCALATION_DRAFT_ID, value: 'garbage', updatedAt: 1 });
    expect(await loadDraft(database)).toBeNull();
  });
});

describe('draftTimeLabel', () => {
  const now = new Date(2026, 10, 3, 16, 0).getTime();
  it('gives only the time for a draft from today', () => {
    const label = draftTimeLabel(new Date(2026, 10, 3, 14, 32).getTime(), now);
    expect(label).toMatch(/32/);
    expect(label).not.toMatch(/Nov/);
  });

  it('adds the day for an older draft', () => {
    expect(draftTimeLabel(new Date(2026, 10, 1, 14, 32).getTime(), now)).toMatch(/Nov/);
  });
});
