import { checkTransition } from '../tickets/lifecycle';
import { BUILT_IN_STATUSES } from '../tickets/ticket';
import { compareHlc, hlcWall, type Hlc } from './hlc';
import {
  TABLE_MERGE,
  TABLE_NOUN,
  type Mutation,
  type RejectionCode,
  type SyncChange,
  type SyncTable,
} from './protocol';

/** The clock of a row's existence (put or delete), kept beside the field clocks. */
export const EXISTENCE_CLOCK = '_exists';

/** How far ahead of the server's clock a change's HLC may be (a desk with a wrong clock). */
export const MAX_CLOCK_AHEAD_MS = 60 * 60 * 1000;

/** A row as the server stores it: data, per-field clocks and its row version. */
export interface StoredRow {
  table: SyncTable;
  id: string;
  /** The row's fields; kept after a delete so a later put can restore them field by field. */
  data: Record<string, unknown>;
  /** For `fields` tables, the HLC of each field's last write, and of the row's existence. */
  clocks: Record<string, Hlc>;
  rowVersion: number;
  deleted: boolean;
}

/** The outcome of applying one mutation to a row. */
export type MergeOutcome =
  | { ok: true; row: StoredRow; changed: boolean }
  | { ok: false; code: RejectionCode; reason: string };

const BUILT_IN: ReadonlySet<string> = new Set(BUILT_IN_STATUSES);

/** The row as a pull or a refusal shows it. */
export function toSyncChange(row: StoredRow, version: number): SyncChange {
  return {
    table: row.table,
    id: row.id,
    version,
    rowVersion: row.rowVersion,
    deleted: row.deleted,
    row: row.deleted ? null : row.data,
  };
}

/** Whether two JSON values are equal, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => k in rb && sameJson(ra[k], rb[k]));
}

function refuse(code: RejectionCode, reason: string): MergeOutcome {
  return { ok: false, code, reason };
}

function fresh(table: SyncTable, id: string): StoredRow {
  return { table, id, data: {}, clocks: {}, rowVersion: 0, deleted: true };
}

function mergeFields(current: StoredRow | undefined, m: Mutation): MergeOutcome {
  const row = current ?? fresh(m.table, m.id);
  const noun = TABLE_NOUN[m.table];
  const existsWins = compareHlc(m.hlc, row.clocks[EXISTENCE_CLOCK]) > 0;
  if (m.op === 'delete') {
    // A later delete of a row already deleted still moves its existence clock forward: otherwise a
    // put made between the two deletes would win or lose by the order the deletes arrived in.
    if (!existsWins || !current) return { ok: true, row, changed: false };
    return {
      ok: true,
      changed: true,
      row: {
        ...row,
        deleted: true,
        clocks: { ...row.clocks, [EXISTENCE_CLOCK]: m.hlc },
        rowVersion: row.rowVersion + 1,
      },
    };
  }
  if (row.deleted && !existsWins && current) {
    return refuse(
      'conflict',
      `The ${noun} "${m.id}" was deleted on another desk after this change.`,
    );
  }
  const data = { ...row.data };
  const clocks = { ...row.clocks };
  let changed = false;
  // Every put is a write of the row's existence, not only one that restores it: a delete made
  // before this put must lose to it even when the delete reaches the server afterwards.
  if (existsWins) {
    clocks[EXISTENCE_CLOCK] = m.hlc;
    changed = true;
  }
  for (const [field, value] of Object.entries(m.changes)) {
    const wins = compareHlc(m.hlc, row.clocks[field]) > 0;
    if (m.table === 'tickets' && field === 'status' && row.data.status !== value && !row.deleted) {
      const from = String(row.data.status);
      const to = String(value);
      if (!wins) {
        return refuse(
          'conflict',
          `Ticket "${m.id}" was set to "${from}" on another desk after your change to "${to}".`,
        );
      }
      if (BUILT_IN.has(from) && BUILT_IN.has(to)) {
        const check = checkTransition(from, to);
        if (!check.ok) return refuse('transition', `Ticket "${m.id}": ${check.message}`);
      }
    }
    if (!wins) continue;
    if (value === null) delete data[field];
    else data[field] = value;
    clocks[field] = m.hlc;
    changed = true;
  }
  if (!changed) return { ok: true, row, changed: false };
  return {
    ok: true,
    changed: true,
    row: { ...row, data, clocks, deleted: false, rowVersion: row.rowVersion + 1 },
  };
}

function mergeInsertOnly(current: StoredRow | undefined, m: Mutation): MergeOutcome {
  const noun = TABLE_NOUN[m.table];
  if (m.op === 'delete') {
    if (!current || current.deleted)
      return { ok: true, row: current ?? fresh(m.table, m.id), changed: false };
    return {
      ok: true,
      changed: true,
      row: { ...current, deleted: true, rowVersion: current.rowVersion + 1 },
    };
  }
  if (current && !current.deleted) {
    if (sameJson(current.data, m.changes)) return { ok: true, row: current, changed: false };
    return refuse(
      'conflict',
      `An ${noun} with id "${m.id}" already exists with different content; log entries are never changed.`,
    );
  }
  if (current?.deleted)
    return refuse('conflict', `The ${noun} "${m.id}" was deleted; it cannot be written again.`);
  return {
    ok: true,
    changed: true,
    row: { table: m.table, id: m.id, data: m.changes, clocks: {}, rowVersion: 1, deleted: false },
  };
}

function mergeReplace(current: StoredRow | undefined, m: Mutation): MergeOutcome {
  const noun = TABLE_NOUN[m.table];
  const have = current?.rowVersion ?? 0;
  const base = m.baseVersion ?? 0;
  if (base !== have) {
    return refuse(
      'stale',
      `The ${noun} "${m.id}" was saved elsewhere (server version ${have}) after the version ` +
        `${base} your change was made on; your save was not applied. The server's version is now shown: ` +
        'make your change again on it.',
    );
  }
  if (m.op === 'delete') {
    if (!current || current.deleted)
      return { ok: true, row: current ?? fresh(m.table, m.id), changed: false };
    return { ok: true, changed: true, row: { ...current, deleted: true, rowVersion: have + 1 } };
  }
  return {
    ok: true,
    changed: true,
    row: {
      table: m.table,
      id: m.id,
      data: m.changes,
      clocks: {},
      rowVersion: have + 1,
      deleted: false,
    },
  };
}

/**
 * Applies one mutation to the server's copy of its row (undefined when the server has none) at
 * server time `now`: per-field last-writer-wins with the ticket lifecycle, insert-only, or a
 * version-guarded replace, by the table's merge kind. Authorisation is checked before this.
 */
export function applyMutation(
  current: StoredRow | undefined,
  m: Mutation,
  now: number,
): MergeOutcome {
  if (hlcWall(m.hlc) > now + MAX_CLOCK_AHEAD_MS) {
    return refuse(
      'invalid',
      `This desk's clock is more than an hour ahead of the server's (${new Date(hlcWall(m.hlc)).toISOString()}); ` +
        "correct the computer's clock and sync again.",
    );
  }
  if (m.op === 'put' && typeof m.changes !== 'object')
    return refuse('invalid', 'A put needs its fields.');
  switch (TABLE_MERGE[m.table]) {
    case 'fields':
      return mergeFields(current, m);
    case 'insert_only':
      return mergeInsertOnly(current, m);
    case 'replace':
      return mergeReplace(current, m);
  }
}

/** The key of a row across tables. */
export function rowKey(table: SyncTable, id: string): string {
  return `${table}/${id}`;
}

/** A refused mutation before the server attaches its row. */
export interface BatchRejection {
  mutation: Mutation;
  code: RejectionCode;
  reason: string;
}

/** What a push does: the rows it changes (last state of each, in first-change order) and refusals. */
export interface BatchOutcome {
  changed: StoredRow[];
  rejected: BatchRejection[];
}

/**
 * Applies a push's mutations in order over the rows the server holds (`lookup`), checking
 * `refusal` (authorisation) first. The mutations of one local transaction (`tx`, consecutive) stand
 * or fall together: if one is refused, all are, each saying why.
 */
export function applyBatch(
  mutations: readonly Mutation[],
  lookup: (table: SyncTable, id: string) => StoredRow | undefined,
  refusal: (m: Mutation) => string | null,
  now: number,
): BatchOutcome {
  const working = new Map<string, StoredRow>();
  const order: string[] = [];
  const rejected: BatchRejection[] = [];
  const current = (table: SyncTable, id: string): StoredRow | undefined =>
    working.get(rowKey(table, id)) ?? lookup(table, id);
  let start = 0;
  while (start < mutations.length) {
    let end = start + 1;
    while (end < mutations.length && mutations[end]!.tx === mutations[start]!.tx) end += 1;
    const group = mutations.slice(start, end);
    const staged = new Map<string, StoredRow>();
    let failure: { at: Mutation; code: RejectionCode; reason: string } | undefined;
    for (const m of group) {
      const key = rowKey(m.table, m.id);
      const forbidden = refusal(m);
      if (forbidden) {
        failure = { at: m, code: 'forbidden', reason: forbidden };
        break;
      }
      const outcome = applyMutation(staged.get(key) ?? current(m.table, m.id), m, now);
      if (!outcome.ok) {
        failure = { at: m, code: outcome.code, reason: outcome.reason };
        break;
      }
      if (outcome.changed) staged.set(key, outcome.row);
    }
    if (failure) {
      const { at, code, reason } = failure;
      for (const m of group) {
        rejected.push(
          m === at
            ? { mutation: m, code, reason }
            : {
                mutation: m,
                code,
                reason: `Refused with the rest of its change: ${reason}`,
              },
        );
      }
    } else {
      for (const [key, row] of staged) {
        if (!working.has(key)) order.push(key);
        working.set(key, row);
      }
    }
    start = end;
  }
  return { changed: order.map((key) => working.get(key)!), rejected };
}
