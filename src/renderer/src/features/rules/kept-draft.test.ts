import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { DeskDatabase } from '../../db/database';
import { openTestDesk } from '../../db/test-desk';
import { keepDraft } from './kept-draft';

interface EditorState {
  draft: string[] | null;
}

let database: DeskDatabase;
beforeEach(async () => {
  database = await openTestDesk('kept-draft');
});
afterEach(async () => {
  await database.delete();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function editor(restored: number[] = []) {
  const store = create<EditorState>(() => ({ draft: null }));
  const stop = keepDraft<EditorState>({
    id: 'test-editor',
    store,
    pick: (state) => state.draft,
    restore: (value) =>
      Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? { draft: value as string[] }
        : null,
    onRestored: (at) => restored.push(at),
    database,
    now: () => 1_000,
    delayMs: 5,
  });
  return { store, stop };
}

describe('keepDraft', () => {
  it('keeps unsaved work and brings it back in the next session', async () => {
    const first = editor();
    await settle();
    first.store.setState({ draft: ['row 1'] });
    first.store.setState({ draft: ['row 1', 'row 2'] });
    await settle();
    expect(await database.drafts.get('test-editor')).toEqual({
      id: 'test-editor',
      value: ['row 1', 'row 2'],
      updatedAt: 1_000,
    });
    first.stop();

    const restored: number[] = [];
    const second = editor(restored);
    await settle();
    expect(second.store.getState().draft).toEqual(['row 1', 'row 2']);
    expect(restored).toEqual([1_000]);
    second.stop();
  });

  it('forgets the kept draft once nothing is unsaved (saved or discarded)', async () => {
    const session = editor();
    await settle();
    session.store.setState({ draft: ['row 1'] });
    await settle();
    session.store.setState({ draft: null });
    await settle();
    expect(await database.drafts.get('test-editor')).toBeUndefined();
    session.stop();
  });

  it('writes a change still pending when the editor closes', async () => {
    const session = editor();
    await settle();
    session.store.setState({ draft: ['typed just before closing'] });
    session.stop();
    await settle();
    expect((await database.drafts.get('test-editor'))?.value).toEqual([
      'typed just before closing',
    ]);
  });

  it('drops a kept value that is not a valid draft, and never overrides work in progress', async () => {
    await database.drafts.put({ id: 'test-editor', value: { not: 'a draft' }, updatedAt: 1 });
    const session = editor();
    await settle();
    expect(session.store.getState().draft).toBeNull();
    expect(await database.drafts.get('test-editor')).toBeUndefined();
    session.stop();

    await database.drafts.put({ id: 'test-editor', value: ['older'], updatedAt: 1 });
    const store = create<EditorState>(() => ({ draft: ['current'] }));
    const stop = keepDraft<EditorState>({
      id: 'test-editor',
      store,
      pick: (state) => state.draft,
      restore: (value) => ({ draft: value as string[] }),
      database,
      delayMs: 5,
    });
    await settle();
    expect(store.getState().draft).toEqual(['current']);
    stop();
  });
});
