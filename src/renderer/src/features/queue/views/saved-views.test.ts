import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskDatabase } from '../../../db/database';
import { readSetting } from '../../../db/settings';
import { DEFAULT_VIEW_STATE, QUEUE_COLUMNS, type QueueViewState } from '../view-state';
import {
  defaultViewId,
  deleteView,
  listUserViews,
  renameView,
  saveView,
  setDefaultView,
} from './saved-views';

let database: DeskDatabase;
beforeEach(() => {
  database = new DeskDatabase(`saved-views-${Math.random()}`);
});
afterEach(async () => {
  await database.delete();
});

/** A state with every part set, so a round trip shows nothing is dropped. */
const FULL_STATE: QueueViewState = {
  sorting: [
    { id: 'priority', desc: true },
    { id: 'age', desc: false },
  ],
  columnFilters: [
    { id: 'team', value: ['T-2', ''] },
    { id: 'sla', value: ['breached', 'at_risk'] },
    { id: 'owner', value: ['@me'] },
  ],
  globalFilter: 'refund “duplicate”',
  grouping: ['level'],
  columnVisibility: { tier: true, team: true, channel: false, category: false },
  columnOrder: [...QUEUE_COLUMNS].reverse(),
};

async function save(name: string, options: { id?: string; makeDefault?: boolean } = {}) {
  return saveView(database, { name, state: DEFAULT_VIEW_STATE, ...options });
}

describe('saveView: names', () => {
  it.each([
    { name: '', message: 'Give the view a name.' },
    { name: '   \t ', message: 'Give the view a name.' },
    {
      name: 'x'.repeat(61),
      message: 'Keep the view name to 60 characters or fewer (this one has 61).',
    },
    { name: 'Breached', message: 'A view called “Breached” already exists.' },
    { name: '  at RISK ', message: 'A view called “At risk” already exists.' },
    { name: 'all open', message: 'A view called “All open” already exists.' },
    { name: 'ENTERPRISE p1', message: 'A view called “Enterprise P1” already exists.' },
    { name: ' Enterprise P1', message: 'A view called “Enterprise P1” already exists.' },
  ])('refuses “$name”: $message', async ({ name, message }) => {
    await save('Enterprise P1');
    await expect(save(name)).rejects.toThrow(message);
    expect(await database.views.count()).toBe(1);
  });

  it.each([
    { name: '  Nights team  ', stored: 'Nights team' },
    { name: 'x'.repeat(60), stored: 'x'.repeat(60) },
    { name: 'Breached today', stored: 'Breached today' },
  ])('stores “$name” as “$stored”', async ({ name, stored }) => {
    const view = await save(name);
    expect(view.name).toBe(stored);
    expect((await database.views.get(view.id))?.name).toBe(stored);
  });

  it('replaces a view by its id, keeping the name it had or a new one', async () => {
    const first = await save('Enterprise P1');
    const replaced = await saveView(database, {
      id: first.id,
      name: 'enterprise p1',
      state: FULL_STATE,
    });
    expect(replaced).toEqual({
      id: first.id,
      name: 'enterprise p1',
      builtIn: false,
      state: FULL_STATE,
    });
    expect(await database.views.count()).toBe(1);
  });

  it('refuses to overwrite a built-in view or to store an invalid state', async () => {
    await expect(save('Mine', { id: 'breached' })).rejects.toThrow(/built-in view/);
    const bad = { ...DEFAULT_VIEW_STATE, grouping: ['owner'] } as unknown as QueueViewState;
    await expect(saveView(database, { name: 'Mine', state: bad })).rejects.toThrow(/grouping\[0\]/);
    expect(await database.views.count()).toBe(0);
  });
});

describe('saved views', () => {
  it('round-trips a full state after reopening the database', async () => {
    const saved = await saveView(database, { name: 'Everything', state: FULL_STATE });
    database.close();
    database = new DeskDatabase(database.name);
    const { views, invalid } = await listUserViews(database);
    expect(invalid).toEqual([]);
    expect(views).toEqual([
      { id: saved.id, name: 'Everything', builtIn: false, state: FULL_STATE },
    ]);
  });

  it('lists views by name, regardless of case, with numbers in order', async () => {
    for (const name of ['team 10', 'Zebra', 'apple', 'Team 9']) await save(name);
    const { views } = await listUserViews(database);
    expect(views.map((view) => view.name)).toEqual(['apple', 'Team 9', 'team 10', 'Zebra']);
  });

  it('renames with the same rules, and deletes', async () => {
    const nights = await save('Nights');
    const days = await save('Days');
    await expect(renameView(database, nights.id, 'days')).rejects.toThrow(
      'A view called “Days” already exists.',
    );
    await expect(renameView(database, 'all', 'Everything')).rejects.toThrow(/built-in/);
    await renameView(database, nights.id, '  Nights and weekends ');
    await renameView(database, days.id, 'DAYS');
    expect((await listUserViews(database)).views.map((view) => view.name)).toEqual([
      'DAYS',
      'Nights and weekends',
    ]);
    await deleteView(database, days.id);
    expect((await listUserViews(database)).views.map((view) => view.id)).toEqual([nights.id]);
    await expect(renameView(database, days.id, 'Back')).rejects.toThrow('no longer exists');
  });
});

describe('stored views that no longer fit', () => {
  it.each([
    { state: undefined, problem: /^Invalid input: expected object/ },
    { state: 'breached', problem: /^Invalid input: expected object/ },
    { state: { ...DEFAULT_VIEW_STATE, sorting: undefined }, problem: /^sorting: / },
    {
      state: { ...DEFAULT_VIEW_STATE, sorting: [{ id: 'mood', desc: false }] },
      problem: /^sorting\[0\]\.id: Invalid option/,
    },
    {
      state: { ...DEFAULT_VIEW_STATE, columnFilters: [{ id: 'owner', value: [] }] },
      problem: /^columnFilters\[0\]\.value: Too small/,
    },
    {
      state: { ...DEFAULT_VIEW_STATE, globalFilter: 42, grouping: ['owner'] },
      problem: /^globalFilter: .*\(and 1 more problem\)$/,
    },
  ])('reports $problem without throwing', async ({ state, problem }) => {
    await save('Good one');
    await database.views.put({ id: 'old-1', name: 'From an old version', state });
    const { views, invalid } = await listUserViews(database);
    expect(views.map((view) => view.name)).toEqual(['Good one']);
    expect(invalid).toEqual([
      { id: 'old-1', name: 'From an old version', problem: expect.stringMatching(problem) },
    ]);
    expect(await database.views.get('old-1')).toBeDefined();
  });

  it('still blocks its name, and can be deleted', async () => {
    await database.views.put({ id: 'old-1', name: 'Legacy', state: null });
    await expect(save('legacy')).rejects.toThrow('A view called “Legacy” already exists.');
    await deleteView(database, 'old-1');
    expect(await listUserViews(database)).toEqual({ views: [], invalid: [] });
  });
});

describe('the default view', () => {
  it('is “All open” until another is chosen, and there is only one', async () => {
    expect(await defaultViewId(database)).toBe('all');
    await setDefaultView(database, 'breached');
    expect(await defaultViewId(database)).toBe('breached');
    const mine = await save('Mine', { makeDefault: true });
    expect(await defaultViewId(database)).toBe(mine.id);
    await setDefaultView(database, 'at-risk');
    expect(await defaultViewId(database)).toBe('at-risk');
    await setDefaultView(database, mine.id);
    expect(await defaultViewId(database)).toBe(mine.id);
  });

  it('falls back to “All open” when the default view is deleted', async () => {
    const mine = await save('Mine', { makeDefault: true });
    await deleteView(database, mine.id);
    expect(await defaultViewId(database)).toBe('all');
    expect(await database.settings.get('defaultQueueView')).toBeUndefined();
  });

  it('falls back when the stored default points at a missing or unreadable view', async () => {
    await database.settings.put({ key: 'defaultQueueView', value: 'view-gone' });
    expect(await defaultViewId(database)).toBe('all');
    await database.views.put({ id: 'old-1', name: 'Legacy', state: {} });
    await database.settings.put({ key: 'defaultQueueView', value: 'old-1' });
    expect(await defaultViewId(database)).toBe('all');
  });

  it('refuses a view that does not exist, keeping the current default', async () => {
    await setDefaultView(database, 'waiting');
    await expect(setDefaultView(database, 'view-gone')).rejects.toThrow('no longer exists');
    expect(await readSetting('defaultQueueView', database)).toBe('waiting');
  });

  it('keeps the default when another view is replaced without “make default”', async () => {
    const mine = await save('Mine', { makeDefault: true });
    const other = await save('Other');
    await save('Other', { id: other.id });
    expect(await defaultViewId(database)).toBe(mine.id);
  });
});
