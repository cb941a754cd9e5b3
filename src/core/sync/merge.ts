import { checkTransition, statusLabel } from '../tickets/lifecycle';
import { BUILT_IN_STATUSES } from '../tickets/ticket';
import { compareHlc, hlcWall, type Hlc } from './hlc';
import {
  isFill,
  TABLE_KEY,
  TABLE_MERGE,
  TABLE_NOUN,
  type Mutation,
  type RejectionCode,
  type SyncChange,
  type SyncTable,
} from './protocol';
import { rowProblem } from './rows';

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

/**
 * The outcome of applying one mutation to a row. `superseded`: some of the change did not take
 * (a later change from another desk won, or a fill met the team's copy), so the desk that sent it
 * must be given the server's row.
 */
export type MergeOutcome =
  | { ok: true; row: StoredRow; changed: boolean; superseded: boolean }
  | { ok: false; code: RejectionCode; reason: string };

const BUILT_IN: ReadonlySet<string> = new Set(BUILT_IN_STATUSES);

/** The row as a pull or a refusal shows it, with its latest field clock when it has one. */
export function toSyncChange(row: StoredRow, version: number): SyncChange {
  const change: SyncChange = {
    table: row.table,
    id: row.id,
    version,
    rowVersion: row.rowVersion,
    deleted: row.deleted,
    row: row.deleted ? null : row.data,
  };
  const latest = latestClock(row.clocks);
  if (latest !== undefined) change.hlc = latest;
  return change;
}

/** The latest of a row's clocks, or undefined when it has none. */
export function latestClock(clocks: Record<string, Hlc>): Hlc | undefined {
  let latest: Hlc | undefined;
  for (const clock of Object.values(clocks)) if (compareHlc(clock, latest) > 0) latest = clock;
  return latest;
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

/** Who the desk's own automatic steps are recorded as (core/escalation's SYSTEM_ACTOR). */
const DESK_ACTOR = 'system';
const recordedByDesk = (data: Readonly<Record<string, unknown>>): boolean => data.by === DESK_ACTOR;

function kept(row: StoredRow, superseded: boolean): MergeOutcome {
  return { ok: true, row, changed: false, superseded };
}

function fresh(table: SyncTable, id: string): StoredRow {
  return { table, id, data: {}, clocks: {}, rowVersion: 0, deleted: true };
}

/** What is wrong with a whole row of a table (see rowProblem), or null. */
export type RowCheck = (
  table: SyncTable,
  id: string,
  row: Record<string, unknown>,
) => string | null;

/** A whole row the server would store, checked; refused as invalid when malformed. */
function malformed(
  m: Mutation,
  row: Record<string, unknown>,
  check: RowCheck,
): MergeOutcome | null {
  const problem = check(m.table, m.id, row);
  return problem === null
    ? null
    : refuse('invalid', `The ${TABLE_NOUN[m.table]} "${m.id}" is not valid: ${problem}.`);
}

/**
 * Where a status sits in the lifecycle: custom statuses (added by SLA policies) are pause
 * states, so they go where a "pending third party" ticket may go and come from the same places.
 */
function lifecycleStage(status: string): string {
  return BUILT_IN.has(status) ? status : 'pending_third_party';
}

/** Whether a ticket may go from one status to another on the server; null when it may. */
function transitionProblem(id: string, from: string, to: string): string | null {
  const stageFrom = lifecycleStage(from);
  const stageTo = lifecycleStage(to);
  if (stageFrom === stageTo && from !== to) return null;
  const check = checkTransition(stageFrom, stageTo);
  if (check.ok) return null;
  if (stageFrom === from && stageTo === to) return `Ticket "${id}": ${check.message}`;
  return (
    `Ticket "${id}" cannot go from "${statusLabel(from)}" to "${statusLabel(to)}": a custom ` +
    'status is a pause state, which a resolved or closed ticket cannot enter directly.'
  );
}

function mergeFields(current: StoredRow | undefined, m: Mutation, check: RowCheck): MergeOutcome {
  const row = current ?? fresh(m.table, m.id);
  const noun = TABLE_NOUN[m.table];
  const fill = isFill(m.hlc);
  // A fill takes only what the server has never had; anything else goes by clock.
  const beats = (clock: Hlc | undefined): boolean =>
    fill ? clock === undefined : compareHlc(m.hlc, clock) > 0;
  const existsWins = beats(row.clocks[EXISTENCE_CLOCK]);
  if (m.op === 'delete') {
    if (!current) return kept(row, false);
    // Lost to a later write: the row stands, and the desk that deleted it must get it back.
    if (!existsWins) return kept(row, !row.deleted);
    // A later delete of a row already deleted still moves its existence clock forward: otherwise a
    // put made between the two deletes would win or lose by the order the deletes arrived in.
    return {
      ok: true,
      changed: true,
      superseded: false,
      row: {
        ...row,
        deleted: true,
        clocks: { ...row.clocks, [EXISTENCE_CLOCK]: m.hlc },
        rowVersion: row.rowVersion + 1,
      },
    };
  }
  if (row.deleted && !existsWins && current) {
    if (fill) return kept(row, true);
    return refuse(
      'conflict',
      `The ${noun} "${m.id}" was deleted on another desk after this change.`,
    );
  }
  const data = { ...row.data };
  const clocks = { ...row.clocks };
  let changed = false;
  let superseded = false;
  // Every put is a write of the row's existence, not only one that restores it: a delete made
  // before this put must lose to it even when the delete reaches the server afterwards.
  if (existsWins) {
    clocks[EXISTENCE_CLOCK] = m.hlc;
    changed = true;
  }
  for (const [field, value] of Object.entries(m.changes)) {
    const wins = beats(row.clocks[field]);
    if (m.table === 'tickets' && field === 'status' && row.data.status !== value && !row.deleted) {
      const from = String(row.data.status);
      const to = String(value);
      if (!wins && !fill) {
        return refuse(
          'conflict',
          `Ticket "${m.id}" was set to "${statusLabel(from)}" on another desk after your change to "${statusLabel(to)}".`,
        );
      }
      if (wins) {
        const problem = transitionProblem(m.id, from, to);
        if (problem !== null) return refuse('transition', problem);
      }
    }
    if (!wins) {
      if (!sameJson(row.data[field] ?? null, value)) superseded = true;
      continue;
    }
    if (value === null) delete data[field];
    else data[field] = value;
    clocks[field] = m.hlc;
    changed = true;
  }
  if (!changed) return kept(row, superseded);
  const invalid = malformed(m, data, check);
  if (invalid) return invalid;
  return {
    ok: true,
    changed: true,
    superseded,
    row: { ...row, data, clocks, deleted: false, rowVersion: row.rowVersion + 1 },
  };
}

function mergeInsertOnly(
  current: StoredRow | undefined,
  m: Mutation,
  check: RowCheck,
): MergeOutcome {
  const noun = TABLE_NOUN[m.table];
  if (m.op === 'delete') {
    if (!current || current.deleted) return kept(current ?? fresh(m.table, m.id), false);
    return {
      ok: true,
      changed: true,
      superseded: false,
      row: { ...current, deleted: true, rowVersion: current.rowVersion + 1 },
    };
  }
  if (current && !current.deleted) {
    if (sameJson(current.data, m.changes)) return kept(current, false);
    // The desk's own steps (an alert's escalation, its SLA notes) are recorded by every desk that
    // sees them due, under one id; what they measured may differ a little from desk to desk. The
    // first recorded stays, and the others take it quietly.
    if (isFill(m.hlc) || (recordedByDesk(current.data) && recordedByDesk(m.changes)))
      return kept(current, true);
    return refuse(
      'conflict',
      `An ${noun} with id "${m.id}" already exists with different content; log entries are never changed.`,
    );
  }
  if (current?.deleted) {
    if (isFill(m.hlc)) return kept(current, true);
    return refuse('conflict', `The ${noun} "${m.id}" was deleted; it cannot be written again.`);
  }
  const invalid = malformed(m, m.changes, check);
  if (invalid) return invalid;
  return {
    ok: true,
    changed: true,
    superseded: false,
    row: { table: m.table, id: m.id, data: m.changes, clocks: {}, rowVersion: 1, deleted: false },
  };
}

function mergeReplace(current: StoredRow | undefined, m: Mutation, check: RowCheck): MergeOutcome {
  const noun = TABLE_NOUN[m.table];
  // A fill of a rules row the team already has (or had) gives way to the team's.
  if (current && isFill(m.hlc)) return kept(current, true);
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
    if (!current || current.deleted) return kept(current ?? fresh(m.table, m.id), false);
    return {
      ok: true,
      changed: true,
      superseded: false,
      row: { ...current, deleted: true, rowVersion: have + 1 },
    };
  }
  const invalid = malformed(m, m.changes, check);
  if (invalid) return invalid;
  return {
    ok: true,
    changed: true,
    superseded: false,
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
 * version-guarded replace, by the table's merge kind. Every row it would store is checked with
 * `check` (the table's row shape). Authorisation is checked before this.
 */
export function applyMutation(
  current: StoredRow | undefined,
  m: Mutation,
  now: number,
  check: RowCheck = rowProblem,
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
  const key = TABLE_KEY[m.table];
  if (m.changes[key] !== undefined && m.changes[key] !== m.id) {
    return refuse(
      'invalid',
      `The ${TABLE_NOUN[m.table]} "${m.id}" cannot change its ${key} to "${String(m.changes[key])}".`,
    );
  }
  switch (TABLE_MERGE[m.table]) {
    case 'fields':
      return mergeFields(current, m, check);
    case 'insert_only':
      return mergeInsertOnly(current, m, check);
    case 'replace':
      return mergeReplace(current, m, check);
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

/**
 * What a push does: the rows it changes (last state of each, in first-change order), refusals,
 * and the applied mutations of which some part did not take (see MergeOutcome).
 */
export interface BatchOutcome {
  changed: StoredRow[];
  rejected: BatchRejection[];
  superseded: Mutation[];
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
  check: RowCheck = rowProblem,
): BatchOutcome {
  const working = new Map<string, StoredRow>();
  const order: string[] = [];
  const rejected: BatchRejection[] = [];
  const superseded: Mutation[] = [];
  const current = (table: SyncTable, id: string): StoredRow | undefined =>
    working.get(rowKey(table, id)) ?? lookup(table, id);
  let start = 0;
  while (start < mutations.length) {
    let end = start + 1;
    while (end < mutations.length && mutations[end]!.tx === mutations[start]!.tx) end += 1;
    const group = mutations.slice(start, end);
    const staged = new Map<string, StoredRow>();
    const lost: Mutation[] = [];
    let failure: { at: Mutation; code: RejectionCode; reason: string } | undefined;
    for (const m of group) {
      const key = rowKey(m.table, m.id);
      const forbidden = refusal(m);
      if (forbidden) {
        failure = { at: m, code: 'forbidden', reason: forbidden };
        break;
      }
      const outcome = applyMutation(staged.get(key) ?? current(m.table, m.id), m, now, check);
      if (!outcome.ok) {
        failure = { at: m, code: outcome.code, reason: outcome.reason };
        break;
      }
      if (outcome.changed) staged.set(key, outcome.row);
      if (outcome.superseded) lost.push(m);
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
      superseded.push(...lost);
      for (const [key, row] of staged) {
        if (!working.has(key)) order.push(key);
        working.set(key, row);
      }
    }
    start = end;
  }
  return { changed: order.map((key) => working.get(key)!), rejected, superseded };
}
