import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc, tickHlc, type Hlc } from './hlc';
import {
  EXISTENCE_CLOCK,
  MAX_CLOCK_AHEAD_MS,
  applyBatch as applyBatchChecked,
  applyMutation as applyMutationChecked,
  rowKey,
  sameJson,
  toSyncChange,
  type MergeOutcome,
  type StoredRow,
} from './merge';
import type { Mutation, SyncTable } from './protocol';
import { writeRefusal } from './roles';

// The merge rules below are shown on small rows: the row-shape check has tests of its own.
const anyShape = () => null;
const applyMutation = (current: StoredRow | undefined, m: Mutation, now: number) =>
  applyMutationChecked(current, m, now, anyShape);
const applyBatch = (
  mutations: readonly Mutation[],
  lookup: (table: SyncTable, id: string) => StoredRow | undefined,
  refusal: (m: Mutation) => string | null,
  now: number,
) => applyBatchChecked(mutations, lookup, refusal, now, anyShape);

const NOW = Date.parse('2025-06-02T09:00:00Z');
/** The server's clock: a minute after the desks' changes began. */
const SERVER_NOW = NOW + 60_000;

/** The HLC of a change made `seconds` after NOW on `desk`. */
const at = (seconds: number, desk = 'deskA'): Hlc =>
  formatHlc({ wall: NOW + seconds * 1000, counter: 0, node: desk });

interface Target {
  table?: SyncTable;
  id?: string;
  tx?: number;
  baseVersion?: number;
}

let lastMid = 0;
function mutation(op: Mutation['op'], hlc: Hlc, changes: Record<string, unknown>, target: Target) {
  lastMid += 1;
  const { table = 'tickets', id = 'T-1', tx = lastMid, baseVersion } = target;
  const m: Mutation = { mid: lastMid, tx, hlc, table, op, id, changes };
  if (baseVersion !== undefined) m.baseVersion = baseVersion;
  return m;
}
const put = (hlc: Hlc, changes: Record<string, unknown>, target: Target = {}): Mutation =>
  mutation('put', hlc, changes, target);
const del = (hlc: Hlc, target: Target = {}): Mutation => mutation('delete', hlc, {}, target);

function applied(outcome: MergeOutcome): StoredRow {
  if (!outcome.ok) throw new Error(`refused (${outcome.code}): ${outcome.reason}`);
  return outcome.row;
}

/** Applies mutations in arrival order, each of which must be accepted. */
function replay(mutations: readonly Mutation[], row?: StoredRow): StoredRow | undefined {
  let current = row;
  for (const m of mutations) current = applied(applyMutation(current, m, SERVER_NOW));
  return current;
}

/** The row as a desk sees it after a pull: its fields, or null once deleted. */
const visible = (row: StoredRow | undefined): Record<string, unknown> | null =>
  row ? toSyncChange(row, 1).row : null;

describe('applyMutation on a fields table (last writer wins per field)', () => {
  it.each([
    {
      name: 'an older change to a field loses to a newer one that arrived first',
      arrivals: () => [
        put(at(1), { priority: 'normal', title: 'Printer down' }),
        put(at(3), { priority: 'urgent' }),
        put(at(2), { priority: 'low' }),
      ],
      row: { priority: 'urgent', title: 'Printer down' },
    },
    {
      name: 'a newer change wins',
      arrivals: () => [put(at(1), { priority: 'normal' }), put(at(2), { priority: 'high' })],
      row: { priority: 'high' },
    },
    {
      name: 'fields merge independently',
      arrivals: () => [
        put(at(1), { priority: 'normal', title: 'VPN drops', ownerId: 'p-1' }),
        put(at(3, 'deskB'), { priority: 'urgent' }),
        put(at(2, 'deskC'), { priority: 'low', title: 'VPN drops hourly' }),
      ],
      row: { priority: 'urgent', title: 'VPN drops hourly', ownerId: 'p-1' },
    },
    {
      name: 'null removes a field',
      arrivals: () => [
        put(at(1), { title: 'VPN drops', ownerId: 'p-1' }),
        put(at(2), { ownerId: null }),
      ],
      row: { title: 'VPN drops' },
    },
    {
      name: 'an older value does not bring back a removed field',
      arrivals: () => [
        put(at(1), { title: 'VPN drops', ownerId: 'p-1' }),
        put(at(3), { ownerId: null }),
        put(at(2, 'deskB'), { ownerId: 'p-2' }),
      ],
      row: { title: 'VPN drops' },
    },
    {
      name: 'a delete hides the row',
      arrivals: () => [put(at(1), { title: 'VPN drops' }), del(at(2))],
      row: null,
    },
    {
      name: 'a put made after a delete restores the row with the fields it had',
      arrivals: () => [
        put(at(1), { title: 'VPN drops', priority: 'low' }),
        del(at(2, 'deskB')),
        put(at(3), { priority: 'high' }),
      ],
      row: { title: 'VPN drops', priority: 'high' },
    },
    {
      name: 'a delete made before the last change loses to it even when it arrives later',
      arrivals: () => [
        put(at(1), { title: 'VPN drops' }),
        put(at(3), { priority: 'high' }),
        del(at(2, 'deskB')),
      ],
      row: { title: 'VPN drops', priority: 'high' },
    },
  ])('$name', ({ arrivals, row }) => {
    expect(visible(replay(arrivals()))).toEqual(row);
  });

  it('settles changes made in the same millisecond by desk id, whatever the arrival order', () => {
    const fromA = put(at(1, 'deskA'), { priority: 'low' });
    const fromB = put(at(1, 'deskB'), { priority: 'high' });
    expect(visible(replay([fromA, fromB]))).toEqual({ priority: 'high' });
    expect(visible(replay([fromB, fromA]))).toEqual({ priority: 'high' });
  });

  it('refuses an older put after a delete with a conflict, so the desk learns the row is gone', () => {
    const row = replay([put(at(1), { title: 'VPN drops' }), del(at(3, 'deskB'))]);
    expect(applyMutation(row, put(at(2), { priority: 'high' }), SERVER_NOW)).toEqual({
      ok: false,
      code: 'conflict',
      reason: 'The ticket "T-1" was deleted on another desk after this change.',
    });
  });

  it('refuses a put made between two deletes whichever delete arrives first', () => {
    const created = replay([put(at(1), { title: 'VPN drops' })]);
    const early = del(at(2, 'deskB'));
    const late = del(at(4, 'deskC'));
    const between = put(at(3), { priority: 'high' });
    for (const deletes of [
      [early, late],
      [late, early],
    ]) {
      const row = replay(deletes, created);
      expect(applyMutation(row, between, SERVER_NOW)).toMatchObject({
        ok: false,
        code: 'conflict',
      });
    }
  });

  it('reports a losing change as no change and counts each change that lands', () => {
    const first = replay([put(at(1), { priority: 'normal' })]);
    expect(first?.rowVersion).toBe(1);
    const losing = applyMutation(first, put(at(0), { priority: 'low' }), SERVER_NOW);
    // The desk that sent it must be given the server's row: its own copy differs.
    expect(losing).toEqual({ ok: true, changed: false, superseded: true, row: first });
    const sameValue = applyMutation(first, put(at(0), { priority: 'normal' }), SERVER_NOW);
    expect(sameValue).toEqual({ ok: true, changed: false, superseded: false, row: first });
    const winning = applied(applyMutation(first, put(at(2), { priority: 'high' }), SERVER_NOW));
    expect(winning.rowVersion).toBe(2);
    expect(winning.clocks).toEqual({ [EXISTENCE_CLOCK]: at(2), priority: at(2) });
  });

  it('treats a delete of a row the server never had as nothing to do', () => {
    expect(applyMutation(undefined, del(at(1)), SERVER_NOW)).toMatchObject({
      ok: true,
      changed: false,
      row: { deleted: true, rowVersion: 0 },
    });
  });
});

describe('applyMutation on ticket status', () => {
  /** A ticket at `status`, last set at second 1 on deskA. */
  const ticket = (status: string): StoredRow =>
    applied(applyMutation(undefined, put(at(1), { status, title: 'VPN drops' }), SERVER_NOW));

  it.each([
    { from: 'new', to: 'open' },
    { from: 'open', to: 'pending_customer' },
    { from: 'pending_customer', to: 'pending_third_party' },
    { from: 'open', to: 'resolved' },
    { from: 'resolved', to: 'closed' },
    { from: 'closed', to: 'open' },
  ])('applies the legal change $from → $to', ({ from, to }) => {
    const row = applied(applyMutation(ticket(from), put(at(2), { status: to }), SERVER_NOW));
    expect(visible(row)).toEqual({ status: to, title: 'VPN drops' });
  });

  it.each([
    { from: 'closed', to: 'pending_customer', fromLabel: 'Closed', toLabel: 'Pending customer' },
    { from: 'new', to: 'closed', fromLabel: 'New', toLabel: 'Closed' },
    { from: 'open', to: 'new', fromLabel: 'Open', toLabel: 'New' },
    {
      from: 'resolved',
      to: 'pending_third_party',
      fromLabel: 'Resolved',
      toLabel: 'Pending third party',
    },
  ])('refuses the illegal change $from → $to, naming both', ({ from, to, fromLabel, toLabel }) => {
    const outcome = applyMutation(ticket(from), put(at(2), { status: to }), SERVER_NOW);
    expect(outcome).toMatchObject({ ok: false, code: 'transition' });
    const reason = outcome.ok ? '' : outcome.reason;
    expect(reason).toMatch(/^Ticket "T-1": /);
    expect(reason).toContain(`A ${fromLabel} ticket cannot become ${toLabel}`);
  });

  it('says what a closed ticket can become instead', () => {
    const outcome = applyMutation(
      ticket('closed'),
      put(at(2), { status: 'pending_customer' }),
      SERVER_NOW,
    );
    expect(outcome).toEqual({
      ok: false,
      code: 'transition',
      reason: 'Ticket "T-1": A Closed ticket cannot become Pending customer; it can become: Open.',
    });
  });

  it('refuses a status change that lost to a later one, with the rest of that mutation', () => {
    const resolved = applied(
      applyMutation(ticket('open'), put(at(3, 'deskB'), { status: 'resolved' }), SERVER_NOW),
    );
    const late = put(at(2), { status: 'pending_customer', priority: 'high' });
    expect(applyMutation(resolved, late, SERVER_NOW)).toEqual({
      ok: false,
      code: 'conflict',
      reason:
        'Ticket "T-1" was set to "Resolved" on another desk after your change to "Pending customer".',
    });
  });

  it('lets two desks resolve the same ticket without a conflict', () => {
    const resolved = applied(
      applyMutation(ticket('open'), put(at(3, 'deskB'), { status: 'resolved' }), SERVER_NOW),
    );
    const alsoResolved = applyMutation(resolved, put(at(2), { status: 'resolved' }), SERVER_NOW);
    expect(alsoResolved).toMatchObject({ ok: true, changed: false });
  });

  // A custom status is a pause state: it goes and comes where "pending third party" does.
  it.each([
    { from: 'open', to: 'waiting_on_legal' },
    { from: 'new', to: 'waiting_on_legal' },
    { from: 'pending_customer', to: 'waiting_on_legal' },
    { from: 'pending_third_party', to: 'waiting_on_legal' },
    { from: 'waiting_on_legal', to: 'pending_third_party' },
    { from: 'waiting_on_legal', to: 'open' },
    { from: 'waiting_on_legal', to: 'resolved' },
    { from: 'waiting_on_legal', to: 'waiting_on_vendor' },
  ])('applies the custom status change $from → $to', ({ from, to }) => {
    const row = applied(applyMutation(ticket(from), put(at(2), { status: to }), SERVER_NOW));
    expect(row.data.status).toBe(to);
  });

  it.each([
    { from: 'closed', to: 'waiting_on_legal', says: 'from "Closed" to "waiting_on_legal"' },
    { from: 'resolved', to: 'waiting_on_legal', says: 'from "Resolved" to "waiting_on_legal"' },
    { from: 'waiting_on_legal', to: 'new', says: 'from "waiting_on_legal" to "New"' },
    { from: 'waiting_on_legal', to: 'closed', says: 'from "waiting_on_legal" to "Closed"' },
  ])('refuses the custom status change $from → $to', ({ from, to, says }) => {
    const outcome = applyMutation(ticket(from), put(at(2), { status: to }), SERVER_NOW);
    expect(outcome).toMatchObject({ ok: false, code: 'transition' });
    expect(outcome.ok ? '' : outcome.reason).toContain(`Ticket "T-1" cannot go ${says}`);
  });

  it('takes any status on a new ticket and applies the lifecycle to tickets only', () => {
    expect(ticket('closed').data.status).toBe('closed');
    const customer = replay([
      put(at(1), { status: 'closed' }, { table: 'customers', id: 'C-1' }),
      put(at(2), { status: 'pending_customer' }, { table: 'customers', id: 'C-1' }),
    ]);
    expect(customer?.data.status).toBe('pending_customer');
  });
});

describe('applyMutation on an insert-only table (activity log)', () => {
  const entry = {
    id: 'E-1',
    ticketId: 'T-1',
    kind: 'note',
    body: 'Called the customer back',
    meta: { channel: 'phone', minutes: 5, tags: ['callback', 'vip'] },
  };
  const onEvents = { table: 'events', id: 'E-1' } as const;
  const logged = (): StoredRow =>
    applied(applyMutation(undefined, put(at(1), entry, onEvents), SERVER_NOW));

  it('writes a new entry once', () => {
    expect(logged()).toMatchObject({ data: entry, rowVersion: 1, deleted: false });
  });

  it('accepts the same entry again, keys in another order, as no change', () => {
    const reordered = {
      meta: { tags: ['callback', 'vip'], minutes: 5, channel: 'phone' },
      body: 'Called the customer back',
      kind: 'note',
      ticketId: 'T-1',
      id: 'E-1',
    };
    const row = logged();
    expect(applyMutation(row, put(at(5, 'deskB'), reordered, onEvents), SERVER_NOW)).toEqual({
      ok: true,
      changed: false,
      superseded: false,
      row,
    });
  });

  it.each([
    { name: 'another body', changes: { ...entry, body: 'Emailed the customer' } },
    { name: 'a field more', changes: { ...entry, pinned: true } },
    { name: 'a field less', changes: { id: 'E-1', ticketId: 'T-1', kind: 'note' } },
    {
      name: 'tags in another order',
      changes: { ...entry, meta: { ...entry.meta, tags: ['vip', 'callback'] } },
    },
  ])('refuses the same id with $name as a conflict', ({ changes }) => {
    expect(applyMutation(logged(), put(at(5), changes, onEvents), SERVER_NOW)).toEqual({
      ok: false,
      code: 'conflict',
      reason:
        'An activity-log entry with id "E-1" already exists with different content; log entries are never changed.',
    });
  });

  it("takes another desk's record of the same automatic step quietly: the first recorded stays", () => {
    const step = { id: 'E-1', ticketId: 'T-1', type: 'escalated', by: 'system', reason: 'risk 72' };
    const first = applied(applyMutation(undefined, put(at(1), step, onEvents), SERVER_NOW));
    const other = { ...step, reason: 'risk 71' };
    expect(applyMutation(first, put(at(2, 'deskB'), other, onEvents), SERVER_NOW)).toEqual({
      ok: true,
      changed: false,
      superseded: true,
      row: first,
    });
    // A person's entry under that id is still refused.
    const byPerson = { ...other, by: 'p-1' };
    expect(applyMutation(first, put(at(2), byPerson, onEvents), SERVER_NOW)).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });

  it('deletes an entry and refuses to write it again', () => {
    const deleted = applied(applyMutation(logged(), del(at(2), onEvents), SERVER_NOW));
    expect(deleted).toMatchObject({ deleted: true, rowVersion: 2 });
    expect(applyMutation(deleted, del(at(3), onEvents), SERVER_NOW)).toMatchObject({
      changed: false,
    });
    expect(applyMutation(deleted, put(at(3), entry, onEvents), SERVER_NOW)).toMatchObject({
      ok: false,
      code: 'conflict',
      reason: 'The activity-log entry "E-1" was deleted; it cannot be written again.',
    });
  });
});

describe('applyMutation on a replace table (escalation matrix)', () => {
  const matrix = (baseVersion?: number): Target => ({ table: 'matrices', id: 'M-1', baseVersion });
  const saved = (rules: number, baseVersion?: number) =>
    put(
      at(rules),
      { id: 'M-1', name: 'Default', rules: Array.from({ length: rules }, (_, i) => i) },
      matrix(baseVersion),
    );
  /** The matrix after `count` saves, each on the version before it. */
  const savedTimes = (count: number): StoredRow | undefined =>
    replay(Array.from({ length: count }, (_, i) => saved(i + 1, i)));

  it('creates a new row on version 0, whether the base is given or not', () => {
    expect(replay([saved(1)])).toMatchObject({ rowVersion: 1, deleted: false });
    expect(replay([saved(1, 0)])).toMatchObject({ rowVersion: 1, deleted: false });
  });

  it('replaces the whole row and counts the version when the base matches', () => {
    const row = applied(
      applyMutation(
        savedTimes(2),
        put(at(0), { id: 'M-1', name: 'Night shift' }, matrix(2)),
        SERVER_NOW,
      ),
    );
    expect(row).toMatchObject({ rowVersion: 3, data: { id: 'M-1', name: 'Night shift' } });
  });

  it.each([
    { name: 'an older base', current: 2, base: 1 },
    { name: 'a new row over one that exists', current: 2, base: 0 },
    { name: 'a base the server never had', current: 0, base: 4 },
  ])('refuses a save on $name as stale, naming both versions', ({ current, base }) => {
    const outcome = applyMutation(savedTimes(current), saved(9, base), SERVER_NOW);
    expect(outcome).toMatchObject({ ok: false, code: 'stale' });
    const reason = outcome.ok ? '' : outcome.reason;
    expect(reason).toContain(`(server version ${current})`);
    expect(reason).toContain(`the version ${base} your change was made on`);
    expect(reason).toMatch(/^The escalation matrix "M-1" was saved elsewhere/);
  });

  it('deletes on a matching base and refuses a delete on a stale one', () => {
    const row = savedTimes(2);
    expect(applyMutation(row, del(at(9), matrix(1)), SERVER_NOW)).toMatchObject({ code: 'stale' });
    expect(applied(applyMutation(row, del(at(9), matrix(2)), SERVER_NOW))).toMatchObject({
      deleted: true,
      rowVersion: 3,
    });
  });
});

describe('applyMutation with a desk clock far ahead', () => {
  const ahead = (ms: number, desk = 'deskA'): Hlc =>
    formatHlc({ wall: SERVER_NOW + ms, counter: 0, node: desk });

  it.each([
    { table: 'tickets', changes: { title: 'VPN drops' } },
    { table: 'events', changes: { id: 'X-1', kind: 'note' } },
    { table: 'matrices', changes: { id: 'X-1' } },
  ] as const)(
    'refuses a $table change more than an hour ahead as invalid',
    ({ table, changes }) => {
      const early = put(ahead(MAX_CLOCK_AHEAD_MS + 1), changes, { table, id: 'X-1' });
      expect(applyMutation(undefined, early, SERVER_NOW)).toEqual({
        ok: false,
        code: 'invalid',
        reason:
          "This desk's clock is more than an hour ahead of the server's (2025-06-02T10:01:00.001Z); " +
          "correct the computer's clock and sync again.",
      });
      const justInTime = put(ahead(MAX_CLOCK_AHEAD_MS), changes, { table, id: 'X-1' });
      expect(applyMutation(undefined, justInTime, SERVER_NOW)).toMatchObject({ ok: true });
    },
  );
});

describe('applyBatch', () => {
  function server(rows: readonly StoredRow[]) {
    const byKey = new Map(rows.map((row) => [rowKey(row.table, row.id), row]));
    return (table: SyncTable, id: string) => byKey.get(rowKey(table, id));
  }
  const anyone = () => null;
  const stored = (id: string, data: Record<string, unknown>, rowVersion = 1): StoredRow => ({
    table: 'tickets',
    id,
    data,
    clocks: Object.fromEntries([EXISTENCE_CLOCK, ...Object.keys(data)].map((k) => [k, at(0)])),
    rowVersion,
    deleted: false,
  });

  it('refuses every mutation of a local transaction when one is refused', () => {
    const group = [
      put(at(1), { title: 'Printer down' }, { id: 'T-2', tx: 7 }),
      put(at(1), { priority: 'high' }, { id: 'T-1', tx: 7 }),
      put(at(1), { status: 'pending_customer' }, { id: 'T-1', tx: 7 }),
      put(at(1), { title: 'Follow-up' }, { id: 'T-3', tx: 7 }),
    ];
    const after = put(at(2), { title: 'Unrelated' }, { id: 'T-4', tx: 8 });
    const outcome = applyBatch(
      [...group, after],
      server([stored('T-1', { status: 'closed' })]),
      anyone,
      SERVER_NOW,
    );
    const why =
      'Ticket "T-1": A Closed ticket cannot become Pending customer; it can become: Open.';
    expect(outcome.rejected).toEqual(
      group.map((mutation) => ({
        mutation,
        code: 'transition',
        reason: mutation === group[2] ? why : `Refused with the rest of its change: ${why}`,
      })),
    );
    expect(outcome.changed.map((row) => row.id)).toEqual(['T-4']);
  });

  it('refuses what the role may not do, with the role in the reason, and applies the rest', () => {
    const allowed = put(at(1), { priority: 'high' }, { id: 'T-1' });
    const deletion = del(at(2), { id: 'T-1' });
    const matrix = put(at(3), { id: 'M-1' }, { table: 'matrices', id: 'M-1' });
    const outcome = applyBatch(
      [allowed, deletion, matrix],
      server([stored('T-1', { title: 'VPN drops' })]),
      (m) => writeRefusal('agent', m.table, m.op),
      SERVER_NOW,
    );
    expect(outcome.rejected).toEqual([
      { mutation: deletion, code: 'forbidden', reason: 'Agents cannot delete a ticket.' },
      {
        mutation: matrix,
        code: 'forbidden',
        reason:
          'Only managers and admins can change the escalation matrix; you are signed in as agent.',
      },
    ]);
    expect(outcome.changed.map(visible)).toEqual([{ title: 'VPN drops', priority: 'high' }]);
  });

  it('lists each changed row once, in its final state, in the order first changed', () => {
    const outcome = applyBatch(
      [
        put(at(1), { title: 'Printer down' }, { id: 'T-1', tx: 1 }),
        put(at(2), { title: 'Badge reader' }, { id: 'T-2', tx: 2 }),
        put(at(3), { priority: 'high' }, { id: 'T-1', tx: 3 }),
        put(at(4), { title: 'Printer down again' }, { id: 'T-1', tx: 3 }),
        put(at(5), { ownerId: 'p-2' }, { id: 'T-1', tx: 4 }),
      ],
      server([stored('T-1', { title: 'Old title', priority: 'low' }, 4)]),
      anyone,
      SERVER_NOW,
    );
    expect(outcome.rejected).toEqual([]);
    expect(outcome.changed.map((row) => [row.id, row.rowVersion, visible(row)])).toEqual([
      ['T-1', 8, { title: 'Printer down again', priority: 'high', ownerId: 'p-2' }],
      ['T-2', 1, { title: 'Badge reader' }],
    ]);
  });

  it('lets a later transaction build on an earlier one and keeps the earlier one when the later is refused', () => {
    const outcome = applyBatch(
      [
        put(at(1), { status: 'resolved' }, { id: 'T-1' }),
        put(at(2), { status: 'pending_customer' }, { id: 'T-1' }),
      ],
      server([stored('T-1', { status: 'open' })]),
      anyone,
      SERVER_NOW,
    );
    expect(outcome.changed.map(visible)).toEqual([{ status: 'resolved' }]);
    expect(outcome.rejected).toMatchObject([
      {
        code: 'transition',
        reason: expect.stringContaining('A Resolved ticket cannot become Pending customer'),
      },
    ]);
  });

  it('lists no row for a push that changes nothing', () => {
    const row = stored('T-1', { title: 'VPN drops' });
    const older = put(at(-1), { title: 'Older' });
    const outcome = applyBatch([older], server([row]), anyone, SERVER_NOW);
    // Nothing changed, but the desk that sent it is to be given the server's row.
    expect(outcome).toEqual({ changed: [], rejected: [], superseded: [older] });
  });
});

describe('sameJson', () => {
  it.each([
    { a: { x: 1, y: [1, { z: 2 }] }, b: { y: [1, { z: 2 }], x: 1 }, same: true },
    { a: { x: 1, gone: undefined }, b: { x: 1 }, same: true },
    { a: [1, 2], b: [2, 1], same: false },
    { a: { 0: 'a' }, b: ['a'], same: false },
    { a: { x: null }, b: {}, same: false },
    { a: { x: 1 }, b: { x: '1' }, same: false },
  ])('compares $a and $b', ({ a, b, same }) => {
    expect(sameJson(a, b)).toBe(same);
    expect(sameJson(b, a)).toBe(same);
  });
});

describe('convergence', () => {
  const DESKS = ['deskA', 'deskB', 'deskC'] as const;
  const TICKETS = ['T-1', 'T-2', 'T-3'] as const;

  /** A change a desk makes at its own wall-clock reading, which may stand still or go back. */
  const editArbitrary = fc.record({
    id: fc.constantFrom(...TICKETS),
    op: fc.constant<'put' | 'delete'>('put'),
    changes: fc.record(
      {
        priority: fc.constantFrom('low', 'normal', 'high', 'urgent', null),
        title: fc.constantFrom('Printer down', 'VPN drops', 'Invoice wrong', null),
        ownerId: fc.constantFrom('p-1', 'p-2', 'p-3', null),
      },
      { requiredKeys: [] },
    ),
    now: fc.integer({ min: NOW, max: NOW + 20 }),
  });
  const editOrDeleteArbitrary = fc.oneof(
    { arbitrary: editArbitrary, weight: 3 },
    {
      arbitrary: editArbitrary.map((edit) => ({ ...edit, op: 'delete' as const, changes: {} })),
      weight: 1,
    },
  );
  type Edit = typeof editArbitrary extends fc.Arbitrary<infer E> ? E : never;

  /** Each desk's mutations in the order it made them, stamped by its own ticking clock. */
  function mutationsOf(desks: readonly (readonly Edit[])[]): Mutation[][] {
    return desks.map((edits, d) => {
      let clock: Hlc | undefined;
      return edits.map((edit, i): Mutation => {
        clock = tickHlc(clock, edit.now, DESKS[d]!);
        return {
          mid: i + 1,
          tx: i + 1,
          hlc: clock,
          table: 'tickets',
          op: edit.op,
          id: edit.id,
          changes: edit.changes,
        };
      });
    });
  }

  /** The desks' edits and several arrival orders at the server, each keeping every desk's own order. */
  function scenarioArbitrary(edit: fc.Arbitrary<Edit>) {
    return fc
      .array(fc.array(edit, { maxLength: 10 }), {
        minLength: DESKS.length,
        maxLength: DESKS.length,
      })
      .chain((desks) => {
        const turns = desks.flatMap((edits, d) => edits.map(() => d));
        const order = fc.shuffledSubarray(turns, {
          minLength: turns.length,
          maxLength: turns.length,
        });
        return fc.record({
          mutations: fc.constant(mutationsOf(desks)),
          orders: fc.array(order, { minLength: 3, maxLength: 4 }),
        });
      });
  }

  function arrivals(mutations: readonly Mutation[][], order: readonly number[]): Mutation[] {
    const taken = mutations.map(() => 0);
    return order.map((d) => {
      const i = taken[d]!;
      taken[d] = i + 1;
      return mutations[d]![i]!;
    });
  }

  /** Applies the mutations in arrival order over `seed`, checking a repeat of each changes nothing. */
  function serve(
    arrived: readonly Mutation[],
    seed: readonly StoredRow[] = [],
  ): Map<string, StoredRow> {
    const rows = new Map(seed.map((row) => [row.id, row]));
    for (const m of arrived) {
      const first = applyMutation(rows.get(m.id), m, SERVER_NOW);
      const current = first.ok ? first.row : rows.get(m.id);
      const again = applyMutation(current, m, SERVER_NOW);
      if (first.ok) {
        expect(again).toEqual({
          ok: true,
          changed: false,
          superseded: first.superseded,
          row: current,
        });
        if (first.changed) rows.set(m.id, first.row);
      } else {
        expect(again).toEqual(first);
      }
    }
    return rows;
  }

  const settled = (rows: Map<string, StoredRow>) =>
    Object.fromEntries(
      [...rows.values()].map((row) => [
        row.id,
        { data: row.data, clocks: row.clocks, deleted: row.deleted },
      ]),
    );

  it('ends with the same rows, field by field the latest value, in whatever order the desks sync', () => {
    fc.assert(
      fc.property(scenarioArbitrary(editArbitrary), ({ mutations, orders }) => {
        const results = orders.map((order) => settled(serve(arrivals(mutations, order))));
        for (const result of results.slice(1)) expect(result).toEqual(results[0]);

        const latest = new Map<string, { hlc: Hlc; value: unknown }>();
        for (const m of mutations.flat()) {
          for (const [field, value] of Object.entries(m.changes)) {
            const key = `${m.id}.${field}`;
            if ((latest.get(key)?.hlc ?? '') < m.hlc) latest.set(key, { hlc: m.hlc, value });
          }
        }
        for (const id of TICKETS) {
          const expected = Object.fromEntries(
            [...latest]
              .filter(([key, { value }]) => key.startsWith(`${id}.`) && value !== null)
              .map(([key, { value }]) => [key.slice(id.length + 1), value]),
          );
          const touched = mutations.flat().some((m) => m.id === id);
          expect(results[0]![id]).toEqual(
            touched ? expect.objectContaining({ data: expected, deleted: false }) : undefined,
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('deletes a ticket exactly when its latest put or delete was a delete, in any order', () => {
    const seed = TICKETS.map((id) =>
      applied(
        applyMutation(
          undefined,
          put(formatHlc({ wall: NOW - 1, counter: 0, node: 'seed' }), { title: 'Seeded' }, { id }),
          SERVER_NOW,
        ),
      ),
    );
    fc.assert(
      fc.property(scenarioArbitrary(editOrDeleteArbitrary), ({ mutations, orders }) => {
        for (const order of orders) {
          const rows = serve(arrivals(mutations, order), seed);
          for (const id of TICKETS) {
            const last = mutations
              .flat()
              .filter((m) => m.id === id)
              .reduce<Mutation | undefined>((a, m) => (a && a.hlc > m.hlc ? a : m), undefined);
            expect(rows.get(id)?.deleted).toBe(last?.op === 'delete');
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
