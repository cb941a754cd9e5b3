/**
 * Saved queue views: the user's own views in the `views` table, and which view (built-in or saved)
 * the queue opens with. A stored view is validated when read back; one that no longer fits the
 * view state is reported, never thrown and never deleted behind the user's back.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { z } from 'zod';
import { db, type DeskDatabase, type SavedViewRow } from '../../../db/database';
import { readSetting, writeSetting } from '../../../db/settings';
import {
  BUILT_IN_VIEWS,
  QueueViewStateSchema,
  type QueueView,
  type QueueViewState,
} from '../view-state';

/** The longest view name, so it fits the views column. */
export const MAX_VIEW_NAME_LENGTH = 60;

/** The view the queue opens with when no other default is set (or the default is gone). */
export const FALLBACK_VIEW_ID = 'all';

/** A stored view whose state can no longer be read: shown to the user, who may delete it. */
export interface InvalidSavedView {
  id: string;
  name: string;
  /** What is wrong, naming the field, e.g. `columnFilters[0].value: Too small: …`. */
  problem: string;
}

/** The user's saved views, sorted by name, and the stored views that could not be read. */
export interface UserViews {
  views: QueueView[];
  invalid: InvalidSavedView[];
}

/** Everything the views navigation shows. `loaded` is false until the first read finishes. */
export interface QueueViews {
  builtIn: readonly QueueView[];
  user: QueueView[];
  invalid: InvalidSavedView[];
  defaultId: string;
  loaded: boolean;
}

/** What `saveView` stores: without an id a new view is created, with one that view is replaced. */
export interface SaveViewInput {
  id?: string;
  name: string;
  state: QueueViewState;
  makeDefault?: boolean;
}

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function isBuiltIn(id: string): boolean {
  return BUILT_IN_VIEWS.some((view) => view.id === id);
}

/** `['columnFilters', 0, 'value']` as `columnFilters[0].value`. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}

/** A zod error as one readable line naming the field at fault. */
function describeProblem(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  if (!first) return 'The stored view state is not valid.';
  const where = first.path.length > 0 ? `${fieldPath(first.path)}: ` : '';
  const more =
    rest.length === 0 ? '' : ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`;
  return `${where}${first.message}${more}`;
}

function readRow(row: SavedViewRow): QueueView | InvalidSavedView {
  const name = typeof row.name === 'string' ? row.name : String(row.id);
  const parsed = QueueViewStateSchema.safeParse(row.state);
  if (!parsed.success) return { id: row.id, name, problem: describeProblem(parsed.error) };
  return { id: row.id, name, builtIn: false, state: parsed.data };
}

function readRows(rows: SavedViewRow[]): UserViews {
  const views: QueueView[] = [];
  const invalid: InvalidSavedView[] = [];
  for (const row of rows) {
    const read = readRow(row);
    if ('problem' in read) invalid.push(read);
    else views.push(read);
  }
  views.sort((a, b) => byName.compare(a.name, b.name));
  invalid.sort((a, b) => byName.compare(a.name, b.name));
  return { views, invalid };
}

/** A view name as stored (trimmed); throws a message for the user when it cannot be used. */
function checkName(name: string, others: readonly { id: string; name: string }[]): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new Error('Give the view a name.');
  if (trimmed.length > MAX_VIEW_NAME_LENGTH) {
    throw new Error(
      `Keep the view name to ${MAX_VIEW_NAME_LENGTH} characters or fewer (this one has ${trimmed.length}).`,
    );
  }
  const taken = [...BUILT_IN_VIEWS, ...others].find(
    (other) => String(other.name).trim().toLocaleLowerCase() === trimmed.toLocaleLowerCase(),
  );
  if (taken) throw new Error(`A view called “${taken.name}” already exists.`);
  return trimmed;
}

/** The default view id among these views: the stored one if it still opens, otherwise "All open". */
function resolveDefault(stored: string, views: readonly QueueView[]): string {
  if (isBuiltIn(stored) || views.some((view) => view.id === stored)) return stored;
  return FALLBACK_VIEW_ID;
}

/** The user's saved views sorted by name; rows whose state fails validation come back separately. */
export async function listUserViews(database: DeskDatabase = db): Promise<UserViews> {
  return readRows(await database.views.toArray());
}

/**
 * Creates a view (no id) or replaces one (its id) in one transaction. The name is trimmed, 1–60
 * characters, and unique case-insensitively among saved and built-in views; a name or state that
 * cannot be used throws an error whose message is written for the user.
 */
export async function saveView(database: DeskDatabase, input: SaveViewInput): Promise<QueueView> {
  if (input.id !== undefined && isBuiltIn(input.id)) {
    throw new Error('A built-in view cannot be changed; save it under a new name.');
  }
  const parsed = QueueViewStateSchema.safeParse(input.state);
  if (!parsed.success) {
    throw new Error(`The view cannot be saved: ${describeProblem(parsed.error)}`);
  }
  const state = parsed.data;
  return database.transaction('rw', database.views, database.settings, async () => {
    const others = (await database.views.toArray()).filter((row) => row.id !== input.id);
    const name = checkName(input.name, others);
    const id = input.id ?? `view-${crypto.randomUUID()}`;
    await database.views.put({ id, name, state });
    if (input.makeDefault) await writeSetting('defaultQueueView', id, database);
    return { id, name, builtIn: false, state };
  });
}

/** Renames a saved view, with the same name rules as `saveView`. */
export async function renameView(database: DeskDatabase, id: string, name: string): Promise<void> {
  if (isBuiltIn(id)) throw new Error('A built-in view cannot be renamed.');
  await database.transaction('rw', database.views, async () => {
    const rows = await database.views.toArray();
    if (!rows.some((row) => row.id === id)) throw new Error('That view no longer exists.');
    const trimmed = checkName(
      name,
      rows.filter((row) => row.id !== id),
    );
    await database.views.update(id, { name: trimmed });
  });
}

/** Deletes a saved view; if it was the default, the queue opens with "All open" again. */
export async function deleteView(database: DeskDatabase, id: string): Promise<void> {
  if (isBuiltIn(id)) throw new Error('A built-in view cannot be deleted.');
  await database.transaction('rw', database.views, database.settings, async () => {
    await database.views.delete(id);
    if ((await readSetting('defaultQueueView', database)) === id) {
      await database.settings.delete('defaultQueueView');
    }
  });
}

/** Makes a built-in or saved view the one the queue opens with (there is only one default). */
export async function setDefaultView(database: DeskDatabase, viewId: string): Promise<void> {
  await database.transaction('rw', database.views, database.settings, async () => {
    if (!isBuiltIn(viewId) && (await database.views.get(viewId)) === undefined) {
      throw new Error('That view no longer exists.');
    }
    await writeSetting('defaultQueueView', viewId, database);
  });
}

/** The id of the view the queue opens with; "all" when none is set or the default is gone. */
export async function defaultViewId(database: DeskDatabase = db): Promise<string> {
  const [stored, { views }] = await Promise.all([
    readSetting('defaultQueueView', database),
    listUserViews(database),
  ]);
  return resolveDefault(stored, views);
}

async function readQueueViews(database: DeskDatabase): Promise<Omit<QueueViews, 'builtIn'>> {
  const [stored, { views, invalid }] = await Promise.all([
    readSetting('defaultQueueView', database),
    listUserViews(database),
  ]);
  return { user: views, invalid, defaultId: resolveDefault(stored, views), loaded: true };
}

const NOT_LOADED: Omit<QueueViews, 'builtIn'> = {
  user: [],
  invalid: [],
  defaultId: FALLBACK_VIEW_ID,
  loaded: false,
};

/** The built-in and saved views and the default, read live (before the first read: built-ins only). */
export function useQueueViews(database: DeskDatabase = db): QueueViews {
  const read = useLiveQuery(() => readQueueViews(database), [database], NOT_LOADED);
  return { builtIn: BUILT_IN_VIEWS, ...read };
}
