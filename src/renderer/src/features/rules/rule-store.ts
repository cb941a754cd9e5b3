import {
  EscalationMatrixSchema,
  policyLabel,
  SlaPolicySchema,
  validateCalendar,
  validateMatrix,
  validatePolicies,
  type BusinessCalendar,
  type EscalationMatrix,
  type SlaPolicy,
} from '@core/index';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  db as defaultDb,
  type CalendarRow,
  type DeskDatabase,
  type RuleKind,
  type RuleValue,
  type RuleVersionRow,
} from '../../db/database';
import { deskChanged } from '../../db/desk-changes';
import { currentUserId } from '../../db/ticket-writes';
import { markSlaRefreshPending, refreshSlaInBackground } from './sla-refresh';

/** Rules that fail validation: nothing was written. `problems` are the engine's messages. */
export class RulesInvalidError extends Error {
  constructor(
    readonly problems: readonly string[],
    what: string,
  ) {
    const shown = problems.slice(0, 5).join(' ');
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    super(`The ${what} can't be saved: ${shown}${more}`);
    this.name = 'RulesInvalidError';
  }
}

/** A calendar as the editors handle it: its id, display name and hours. */
export interface NamedCalendar {
  id: string;
  name: string;
  calendar: BusinessCalendar;
}

/** Where a save happens: when, on which database, and a note for the history. */
export interface SaveOptions {
  note?: string;
  now?: number;
  database?: DeskDatabase;
}

/**
 * A saved version; `refreshed` settles once the open tickets' SLA clocks follow the new rules
 * (at once for the matrix, which sets no clocks).
 */
export interface SavedRules {
  version: number;
  refreshed: Promise<void>;
}

const EMPTY_MATRIX: EscalationMatrix = { rows: [] };

/** The stored escalation matrix and its version (0 and no rows when none was ever saved). */
export function useActiveMatrix(
  database: DeskDatabase = defaultDb,
): { matrix: EscalationMatrix; version: number; updatedAt: number } | undefined {
  return useLiveQuery(async () => {
    const row = await database.matrices.get('active');
    return row
      ? { matrix: row.matrix, version: row.version, updatedAt: row.updatedAt }
      : { matrix: EMPTY_MATRIX, version: 0, updatedAt: 0 };
  }, [database]);
}

/** The stored SLA policies in first-match order, and the policy list's history version. */
export function usePolicies(
  database: DeskDatabase = defaultDb,
): { policies: SlaPolicy[]; version: number } | undefined {
  return useLiveQuery(async () => {
    const [rows, latest] = await Promise.all([
      database.policies.orderBy('order').toArray(),
      latestVersion(database, 'policies', 'all'),
    ]);
    return { policies: rows.map((row) => row.policy), version: latest?.version ?? 0 };
  }, [database]);
}

/** The stored calendars, by name. */
export function useCalendars(database: DeskDatabase = defaultDb): CalendarRow[] | undefined {
  return useLiveQuery(
    async () => (await database.calendars.toArray()).sort((a, b) => a.name.localeCompare(b.name)),
    [database],
  );
}

/** The saved versions of one rule set, newest first. */
export function ruleHistory(
  kind: RuleKind,
  subject: string,
  database: DeskDatabase = defaultDb,
): Promise<RuleVersionRow[]> {
  return database.ruleVersions
    .where('[kind+subject+version]')
    .between([kind, subject, -Infinity], [kind, subject, Infinity])
    .reverse()
    .toArray();
}

/** The saved versions of one rule set, newest first, kept up to date. */
export function useRuleHistory(
  kind: RuleKind,
  subject: string,
  database: DeskDatabase = defaultDb,
): RuleVersionRow[] | undefined {
  return useLiveQuery(() => ruleHistory(kind, subject, database), [kind, subject, database]);
}

function latestVersion(
  database: DeskDatabase,
  kind: RuleKind,
  subject: string,
): Promise<RuleVersionRow | undefined> {
  return database.ruleVersions
    .where('[kind+subject+version]')
    .between([kind, subject, -Infinity], [kind, subject, Infinity])
    .last();
}

/**
 * Adds a version to a rule set's history. Rules that were in place before history was kept (a
 * demo desk, an older install) are recorded first, "as found" (as version 1, or the matrix's
 * stored version number), so the first save
 * can still be compared with and rolled back to.
 */
async function addVersion(
  database: DeskDatabase,
  subject: string,
  value: RuleValue,
  found: { value: RuleValue; at: number; version?: number } | undefined,
  now: number,
  note: string,
): Promise<number> {
  const savedBy = await currentUserId(database);
  let latest = (await latestVersion(database, value.kind, subject))?.version ?? 0;
  if (latest === 0 && found) {
    latest = Math.max(1, found.version ?? 1);
    await database.ruleVersions.add({
      kind: value.kind,
      subject,
      version: latest,
      value: found.value,
      savedAt: found.at,
      savedBy: 'system',
      note: 'As found before history was kept',
    });
  }
  const version = latest + 1;
  await database.ruleVersions.add({
    kind: value.kind,
    subject,
    version,
    value,
    savedAt: now,
    savedBy,
    note,
  });
  return version;
}

/** A zod failure in words: where, and what was expected. */
function shapeProblems(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): string[] {
  return error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || 'value'}: ${issue.message}.`,
  );
}

/**
 * Saves the escalation matrix as a new version (the matrix and its history row in one
 * transaction). A matrix with errors is refused with RulesInvalidError; warnings are allowed.
 */
export async function saveMatrix(
  matrix: EscalationMatrix,
  options: SaveOptions = {},
): Promise<SavedRules> {
  const { now = Date.now(), database = defaultDb, note = '' } = options;
  const shape = EscalationMatrixSchema.safeParse(matrix);
  if (!shape.success) throw new RulesInvalidError(shapeProblems(shape.error), 'matrix');
  const errors = validateMatrix(matrix).filter((problem) => problem.severity === 'error');
  if (errors.length) {
    throw new RulesInvalidError(
      errors.map((problem) => problem.message),
      'matrix',
    );
  }
  const version = await database.transaction(
    'rw',
    [database.matrices, database.ruleVersions, database.settings],
    async () => {
      const stored = await database.matrices.get('active');
      const found = stored
        ? {
            value: { kind: 'matrix' as const, matrix: stored.matrix },
            at: stored.updatedAt,
            version: stored.version,
          }
        : undefined;
      const next = await addVersion(
        database,
        'active',
        { kind: 'matrix', matrix },
        found,
        now,
        note,
      );
      await database.matrices.put({ id: 'active', version: next, matrix, updatedAt: now });
      return next;
    },
  );
  // The alert engine re-derives every open ticket's escalation timers with the new matrix.
  deskChanged();
  return { version, refreshed: Promise.resolve() };
}

/** Problems of a calendar, in the editor's words ("Calendar 'Office hours', week.mon[0].to: …"). */
function calendarProblems(calendar: NamedCalendar): string[] {
  return validateCalendar(calendar.calendar).map(
    (problem) => `Calendar '${calendar.name || calendar.id}', ${problem.path}: ${problem.message}`,
  );
}

/**
 * Saves the ordered SLA policy list as a new version, with any calendars it brings along (a
 * template's), in one transaction; then the open tickets' SLA clocks are recomputed in the
 * background. Policies with problems, or naming a calendar that doesn't exist, are refused.
 */
export async function savePolicies(
  policies: readonly SlaPolicy[],
  options: SaveOptions & { calendars?: readonly NamedCalendar[] } = {},
): Promise<SavedRules> {
  const { now = Date.now(), database = defaultDb, note = '', calendars: added = [] } = options;
  const shapes = policies.flatMap((policy, index) => {
    const shape = SlaPolicySchema.safeParse(policy);
    return shape.success
      ? []
      : shapeProblems(shape.error).map((text) => `${policyLabel(policy, index)}: ${text}`);
  });
  if (shapes.length) throw new RulesInvalidError(shapes, 'SLA policies');
  const addedProblems = added.flatMap(calendarProblems);
  if (addedProblems.length) throw new RulesInvalidError(addedProblems, 'SLA policies');
  const version = await database.transaction(
    'rw',
    [database.policies, database.calendars, database.ruleVersions, database.settings],
    async () => {
      const stored = new Map((await database.calendars.toArray()).map((row) => [row.id, row]));
      const lookup = (id: string) =>
        added.find((calendar) => calendar.id === id)?.calendar ?? stored.get(id)?.calendar;
      const problems = validatePolicies([...policies], lookup);
      if (problems.length) {
        throw new RulesInvalidError(
          problems.map((problem) => problem.message),
          'SLA policies',
        );
      }
      for (const calendar of added) await writeCalendar(database, calendar, stored, now, note);
      const rows = await database.policies.orderBy('order').toArray();
      const found = rows.length
        ? {
            value: { kind: 'policies' as const, policies: rows.map((row) => row.policy) },
            at: Math.max(...rows.map((row) => row.updatedAt)),
          }
        : undefined;
      const next = await addVersion(
        database,
        'all',
        { kind: 'policies', policies: [...policies] },
        found,
        now,
        note,
      );
      await markSlaRefreshPending(database, now);
      await database.policies.clear();
      await database.policies.bulkAdd(
        policies.map((policy, order) => ({ id: policy.id, order, policy, updatedAt: now })),
      );
      return next;
    },
  );
  return { version, refreshed: refreshSlaInBackground(database, now) };
}

async function writeCalendar(
  database: DeskDatabase,
  calendar: NamedCalendar,
  stored: ReadonlyMap<string, CalendarRow>,
  now: number,
  note: string,
): Promise<number> {
  const before = stored.get(calendar.id);
  const found = before
    ? {
        value: { kind: 'calendar' as const, name: before.name, calendar: before.calendar },
        at: before.updatedAt,
      }
    : undefined;
  const value = { kind: 'calendar' as const, name: calendar.name, calendar: calendar.calendar };
  const version = await addVersion(database, calendar.id, value, found, now, note);
  await database.calendars.put({ ...calendar, updatedAt: now });
  return version;
}

/**
 * Saves one business calendar as a new version; then the open tickets' SLA clocks are
 * recomputed in the background. An invalid calendar is refused with the engine's messages.
 */
export async function saveCalendar(
  calendar: NamedCalendar,
  options: SaveOptions = {},
): Promise<SavedRules> {
  const { now = Date.now(), database = defaultDb, note = '' } = options;
  const problems = [
    ...(calendar.id.trim() ? [] : ['The calendar needs an id.']),
    ...(calendar.name.trim() ? [] : ['The calendar needs a name.']),
    ...calendarProblems(calendar),
  ];
  if (problems.length) throw new RulesInvalidError(problems, 'calendar');
  const version = await database.transaction(
    'rw',
    [database.calendars, database.ruleVersions, database.settings],
    async () => {
      const stored = new Map((await database.calendars.toArray()).map((row) => [row.id, row]));
      await markSlaRefreshPending(database, now);
      return writeCalendar(database, calendar, stored, now, note);
    },
  );
  return { version, refreshed: refreshSlaInBackground(database, now) };
}

/** Deletes a calendar no policy uses; refused, naming them, while some do. Its history is kept. */
export async function deleteCalendar(
  calendarId: string,
  database: DeskDatabase = defaultDb,
): Promise<void> {
  await database.transaction('rw', [database.calendars, database.policies], async () => {
    const users = (await database.policies.orderBy('order').toArray()).filter(
      (row) => row.policy.calendar === calendarId,
    );
    if (users.length) {
      const names = users.map((row) => `'${row.policy.name}'`).join(', ');
      throw new RulesInvalidError(
        [`It is used by ${users.length === 1 ? 'policy' : 'policies'} ${names}.`],
        'calendar deletion',
      );
    }
    await database.calendars.delete(calendarId);
  });
}

/** Makes an earlier version current again, as a new version noting where it came from. */
export async function rollBackTo(
  versionId: number,
  options: Omit<SaveOptions, 'note'> = {},
): Promise<SavedRules> {
  const database = options.database ?? defaultDb;
  const row = await database.ruleVersions.get(versionId);
  if (!row) throw new Error(`Version ${versionId} no longer exists.`);
  const note = `Rolled back to version ${row.version}`;
  const value = row.value;
  switch (value.kind) {
    case 'matrix':
      return saveMatrix(value.matrix, { ...options, note });
    case 'policies':
      return savePolicies(value.policies, { ...options, note });
    case 'calendar':
      return saveCalendar(
        { id: row.subject, name: value.name, calendar: value.calendar },
        { ...options, note },
      );
  }
}
