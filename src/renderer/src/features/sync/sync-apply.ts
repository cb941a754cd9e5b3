import {
  describeIssue,
  rowKey,
  rowProblem,
  sameJson,
  SYNC_TABLES,
  TABLE_MERGE,
  type Hlc,
  type Mutation,
  type SyncTable,
} from '@core/index';
import type { DeskDatabase, SyncMetaRow } from '../../db/database';
import { isSyncTable, versionKey } from '../../db/outbox';
import { ServerChangeSchema } from './sync-api';

/**
 * Applying the server's rows to the desk: each row is checked against the desk's own row shape
 * first, and local changes not sent yet are laid back over what arrives, so a pull never hides
 * them.
 */

/** A server row the desk can take: a row of the desk's shape, or a deletion. */
export interface ServerRow {
  table: SyncTable;
  id: string;
  /** The space version of the row's last change. */
  version: number;
  rowVersion: number;
  deleted: boolean;
  row: Record<string, unknown> | null;
  /** The row's latest field clock, when the server sent one. */
  hlc?: Hlc;
}

/** A server row checked: usable, or the problem that keeps it out. */
export type ReadServerRow =
  { ok: true; change: ServerRow } | { ok: false; table: string; id: string; problem: string };

/** Checks one change from a pull or a refusal before anything of it is applied. */
export function readServerRow(value: unknown): ReadServerRow {
  const envelope = ServerChangeSchema.safeParse(value);
  if (!envelope.success) {
    const raw =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    return {
      ok: false,
      table: typeof raw.table === 'string' ? raw.table.slice(0, 40) : '?',
      id: typeof raw.id === 'string' ? raw.id.slice(0, 200) : '?',
      problem: describeIssue(envelope.error),
    };
  }
  const { table, id: rowId, version, rowVersion, deleted, row, hlc } = envelope.data;
  if (!isSyncTable(table)) {
    return {
      ok: false,
      table: table.slice(0, 40),
      id: rowId,
      problem: 'not a table this desk syncs',
    };
  }
  const clock = hlc === undefined ? {} : { hlc };
  if (deleted) {
    return {
      ok: true,
      change: { table, id: rowId, version, rowVersion, deleted, row: null, ...clock },
    };
  }
  if (row === null) return { ok: false, table, id: rowId, problem: 'row: missing' };
  const problem = rowProblem(table, rowId, row);
  if (problem !== null) return { ok: false, table, id: rowId, problem };
  return { ok: true, change: { table, id: rowId, version, rowVersion, deleted, row, ...clock } };
}

/**
 * A `fields` row as it stands locally: the server's row with the pending changes laid over it
 * in order (a null field is removed); null when a pending change deletes it.
 */
export function overlayPending(
  row: Record<string, unknown>,
  pending: readonly Mutation[],
): Record<string, unknown> | null {
  let current: Record<string, unknown> | null = { ...row };
  for (const mutation of pending) {
    if (mutation.op === 'delete') {
      current = null;
      continue;
    }
    current = { ...(current ?? {}) };
    for (const [field, value] of Object.entries(mutation.changes)) {
      if (value === null) delete current[field];
      else current[field] = value;
    }
  }
  return current;
}

/** What applying server rows changed, for the desk to follow (SLA clocks, alerts, views). */
export interface AppliedChanges {
  /** Tickets whose record, activity log or alerts changed. */
  ticketIds: Set<string>;
  /** Tables with changed rows. */
  tables: Set<SyncTable>;
}

/** Nothing applied yet. */
export function noChanges(): AppliedChanges {
  return { ticketIds: new Set(), tables: new Set() };
}

/** The ticket a log entry or an alert belongs to. */
function ticketOf(table: SyncTable, row: unknown): string | undefined {
  if (table !== 'events' && table !== 'firedAlerts') return undefined;
  const ticketId = (row as { ticketId?: unknown } | undefined)?.ticketId;
  return typeof ticketId === 'string' ? ticketId : undefined;
}

/**
 * Writes the server's rows in the caller's transaction (which must include every synced table,
 * `outbox`, `syncMeta` and `ticketSla`, and be marked remote so nothing is recorded). A row with
 * local changes waiting keeps them: a `fields` row gets them laid over the server's, a log entry
 * or a rules row stays as this desk has it until its push is answered. Replace rows remember the
 * server's version, which the next local save is based on.
 */
export async function applyServerRows(
  database: DeskDatabase,
  rows: readonly ServerRow[],
  applied: AppliedChanges,
): Promise<void> {
  if (rows.length === 0) return;
  const latest = new Map<string, ServerRow>();
  for (const row of rows) latest.set(rowKey(row.table, row.id), row);
  const pending = new Map<string, Mutation[]>();
  for (const mutation of await database.outbox.orderBy('mid').toArray()) {
    const key = rowKey(mutation.table, mutation.id);
    pending.set(key, [...(pending.get(key) ?? []), mutation]);
  }

  for (const table of SYNC_TABLES) {
    const changes = [...latest.values()].filter((change) => change.table === table);
    if (changes.length === 0) continue;
    const store = database.table<Record<string, unknown>, string>(table);
    const local = await store.bulkGet(changes.map((change) => change.id));
    const puts: Record<string, unknown>[] = [];
    const deletes: string[] = [];
    const versions: SyncMetaRow[] = [];
    changes.forEach((change, index) => {
      const mine = pending.get(rowKey(table, change.id));
      const before = local[index];
      let after: Record<string, unknown> | null;
      if (!mine) {
        after = change.row;
        if (TABLE_MERGE[table] === 'replace') {
          versions.push({ key: versionKey(table, change.id), value: change.rowVersion });
        }
      } else if (TABLE_MERGE[table] === 'fields' && change.row) {
        after = overlayPending(change.row, mine);
      } else {
        return;
      }
      if (after === null ? before === undefined : before !== undefined && sameJson(before, after)) {
        return;
      }
      if (after === null) deletes.push(change.id);
      else puts.push(after);
      applied.tables.add(table);
      if (table === 'tickets') applied.ticketIds.add(change.id);
      const ticketId = ticketOf(table, after ?? before);
      if (ticketId) applied.ticketIds.add(ticketId);
    });
    if (puts.length > 0) await store.bulkPut(puts);
    if (deletes.length > 0) {
      await store.bulkDelete(deletes);
      if (table === 'tickets') await database.ticketSla.bulkDelete(deletes);
    }
    if (versions.length > 0) await database.syncMeta.bulkPut(versions);
  }
}
