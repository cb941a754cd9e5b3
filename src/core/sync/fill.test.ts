import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Ticket } from '../tickets';
import { formatHlc, type Hlc } from './hlc';
import { applyBatch, applyMutation, toSyncChange, type StoredRow } from './merge';
import { FILL_WALL, isFill, type Mutation, type SyncTable } from './protocol';

/**
 * Fills (rows a desk held before it joined a space), superseded changes (the desk must be given
 * the server's row) and the row-shape check at apply time, with real desk rows.
 */

const T0 = Date.UTC(2025, 5, 2, 9, 0);
const SERVER_NOW = T0 + 60_000;
const at = (seconds: number, desk = 'deskA'): Hlc =>
  formatHlc({ wall: T0 + seconds * 1000, counter: 0, node: desk });
const fill = (desk = 'deskA'): Hlc => formatHlc({ wall: FILL_WALL, counter: 0, node: desk });

const ticket: Ticket = {
  id: 'ESC-1',
  title: 'VPN drops hourly',
  description: 'Since Monday',
  customerId: 'c-1',
  tier: 'enterprise',
  channel: 'email',
  category: 'network',
  priority: 'P2',
  status: 'open',
  level: 0,
  createdAt: T0,
  updatedAt: T0,
  escalated: false,
  breached: false,
};
const row = (changes: Partial<Ticket> = {}): Record<string, unknown> => ({ ...ticket, ...changes });

let mid = 0;
function mutation(
  hlc: Hlc,
  op: Mutation['op'],
  changes: Record<string, unknown>,
  table: SyncTable = 'tickets',
  id = 'ESC-1',
  baseVersion?: number,
): Mutation {
  mid += 1;
  const m: Mutation = { mid, tx: mid, hlc, table, op, id, changes };
  if (baseVersion !== undefined) m.baseVersion = baseVersion;
  return m;
}
const put = (hlc: Hlc, changes: Record<string, unknown>, table?: SyncTable, id?: string) =>
  mutation(hlc, 'put', changes, table, id);

function stored(mutations: readonly Mutation[], start?: StoredRow): StoredRow {
  let current = start;
  for (const m of mutations) {
    const outcome = applyMutation(current, m, SERVER_NOW);
    if (!outcome.ok) throw new Error(outcome.reason);
    current = outcome.row;
  }
  return current!;
}

describe('a fill (a row the desk had before joining)', () => {
  it('is told apart by its wall time', () => {
    expect(isFill(fill())).toBe(true);
    expect(isFill(at(0))).toBe(false);
  });

  it('creates a row the team does not have, which any later real change overwrites', () => {
    const created = stored([put(fill(), row({ title: 'From the store desk' }))]);
    expect(created.data.title).toBe('From the store desk');
    const edited = stored([put(at(1, 'deskB'), { title: 'Edited by the team' })], created);
    expect(edited.data.title).toBe('Edited by the team');
  });

  it("never overwrites the team's fields, however late the desk's clock; the desk gets the team's row", () => {
    const team = stored([put(at(1, 'deskB'), row({ priority: 'P1', title: 'Team title' }))]);
    const outcome = applyMutation(team, put(fill('deskZ'), row({ priority: 'P4' })), SERVER_NOW);
    expect(outcome).toEqual({ ok: true, changed: false, superseded: true, row: team });
  });

  it('adds a field the team never had, keeping the rest', () => {
    const team = stored([put(at(1, 'deskB'), row())]);
    const outcome = applyMutation(team, put(fill(), row({ ownerId: 'p-9' })), SERVER_NOW);
    expect(outcome).toMatchObject({ ok: true, changed: true, superseded: false });
    expect(outcome.ok && outcome.row.data).toEqual(row({ ownerId: 'p-9' }));
  });

  it('does not bring back a row the team deleted, and is not shown as a refusal', () => {
    const deleted = stored([put(at(1, 'deskB'), row()), mutation(at(2, 'deskB'), 'delete', {})]);
    const outcome = applyMutation(deleted, put(fill(), row()), SERVER_NOW);
    expect(outcome).toEqual({ ok: true, changed: false, superseded: true, row: deleted });
  });

  it("does not fight another desk's fill of the same row: the first one stays", () => {
    const first = stored([put(fill('deskA'), row({ title: 'A' }))]);
    for (const node of ['deskB', 'deskZ', 'aaa']) {
      const outcome = applyMutation(first, put(fill(node), row({ title: 'B' })), SERVER_NOW);
      expect(outcome).toMatchObject({ ok: true, changed: false, superseded: true });
    }
  });

  it("loses a status to the team's without a lifecycle refusal", () => {
    const team = stored([put(at(1, 'deskB'), row({ status: 'closed' }))]);
    const outcome = applyMutation(team, put(fill(), row({ status: 'open' })), SERVER_NOW);
    expect(outcome).toMatchObject({ ok: true, changed: false, superseded: true });
  });

  it.each([
    {
      name: 'a log entry with other content',
      table: 'events' as const,
      first: { id: 'e-1', ticketId: 'ESC-1', at: T0, by: 'p-1', type: 'note', body: 'Team note' },
      second: { id: 'e-1', ticketId: 'ESC-1', at: T0, by: 'p-2', type: 'note', body: 'Mine' },
    },
    {
      name: 'a business calendar',
      table: 'calendars' as const,
      first: {
        id: 'cal-1',
        name: 'Team hours',
        updatedAt: T0,
        calendar: { id: 'cal-1', name: 'Team hours', timeZone: 'UTC', week: {}, holidays: [] },
      },
      second: {
        id: 'cal-1',
        name: 'My hours',
        updatedAt: T0,
        calendar: { id: 'cal-1', name: 'My hours', timeZone: 'UTC', week: {}, holidays: [] },
      },
    },
  ])("gives way to the team's copy of $name", ({ table, first, second }) => {
    const team = applyMutation(
      undefined,
      mutation(at(1, 'deskB'), 'put', first, table, first.id, 0),
      SERVER_NOW,
      () => null,
    );
    expect(team.ok).toBe(true);
    if (!team.ok) return;
    const outcome = applyMutation(
      team.row,
      mutation(fill(), 'put', second, table, second.id, 0),
      SERVER_NOW,
    );
    expect(outcome).toEqual({ ok: true, changed: false, superseded: true, row: team.row });
  });

  it('ends with every field as the first writer to have it, in any arrival order (property)', () => {
    const fields = ['title', 'description', 'category'] as const;
    const fillArb = fc.record({
      node: fc.constantFrom('deskA', 'deskB', 'deskC'),
      values: fc.record(
        Object.fromEntries(fields.map((f) => [f, fc.option(fc.constantFrom('x', 'y', 'z'))])),
      ),
    });
    fc.assert(
      fc.property(fc.array(fillArb, { minLength: 1, maxLength: 5 }), (fills) => {
        const puts = fills.map(({ node, values }) => {
          const changes: Record<string, unknown> = row();
          for (const f of fields) if (values[f] !== null) changes[f] = values[f];
          return put(fill(node), changes);
        });
        const result = stored(puts);
        // Every field is the first fill's (the row exists from the first one on).
        expect(result.data).toEqual(puts[0]!.changes);
      }),
    );
  });
});

describe('a change that loses to a later one', () => {
  it('is answered with the row when a delete lost to a later edit', () => {
    const edited = stored([put(at(1), row()), put(at(3, 'deskB'), { title: 'Later' })]);
    const outcome = applyMutation(edited, mutation(at(2), 'delete', {}), SERVER_NOW);
    expect(outcome).toEqual({ ok: true, changed: false, superseded: true, row: edited });
  });

  it('is answered in a push, once per mutation, only when its local transaction stood', () => {
    const base = stored([put(at(1, 'deskB'), row()), put(at(5, 'deskB'), { title: 'Newer' })]);
    const losing = put(at(2), { title: 'Older', priority: 'P1' });
    const outcome = applyBatch(
      [losing],
      () => base,
      () => null,
      SERVER_NOW,
    );
    expect(outcome.superseded).toEqual([losing]);
    expect(outcome.changed[0]?.data).toMatchObject({ title: 'Newer', priority: 'P1' });

    const refusedGroup = [
      { ...put(at(2), { title: 'Older' }), tx: 99 },
      { ...put(at(2), { status: 'closed' }), tx: 99 },
    ];
    const refused = applyBatch(
      refusedGroup,
      () => base,
      () => null,
      SERVER_NOW,
    );
    expect(refused.superseded).toEqual([]);
    expect(refused.rejected).toHaveLength(2);
  });

  it('carries the latest field clock in what desks pull, so their clocks move past it', () => {
    const edited = stored([put(at(1), row()), put(at(7, 'deskB'), { title: 'Later' })]);
    expect(toSyncChange(edited, 4).hlc).toBe(at(7, 'deskB'));
    const event = applyMutation(
      undefined,
      put(
        at(1),
        { id: 'e-1', ticketId: 'ESC-1', at: T0, by: 'p-1', type: 'note', body: 'x' },
        'events',
        'e-1',
      ),
      SERVER_NOW,
    );
    expect(event.ok && toSyncChange(event.row, 1).hlc).toBeUndefined();
  });
});

describe('the row-shape check at apply time', () => {
  it.each([
    { name: 'a ticket without a title', changes: row({ title: '' }), says: 'row.title' },
    {
      name: 'a ticket with an unknown priority',
      changes: row({ priority: 'urgent' as never }),
      says: 'row.priority',
    },
    {
      name: 'a ticket whose level is text',
      changes: { ...row(), level: 'two' },
      says: 'row.level',
    },
  ])('refuses $name as invalid, naming the field', ({ changes, says }) => {
    const outcome = applyMutation(undefined, put(at(1), changes), SERVER_NOW);
    expect(outcome).toMatchObject({ ok: false, code: 'invalid' });
    expect(outcome.ok ? '' : outcome.reason).toContain(`The ticket "ESC-1" is not valid: ${says}`);
  });

  it('checks the row as merged, so a field edit that breaks a stored ticket is refused', () => {
    const good = stored([put(at(1), row())]);
    const outcome = applyMutation(good, put(at(2), { customerId: null }), SERVER_NOW);
    expect(outcome).toMatchObject({ ok: false, code: 'invalid' });
    expect(outcome.ok ? '' : outcome.reason).toContain('row.customerId');
    expect(applyMutation(good, put(at(2), { ownerId: 'p-1' }), SERVER_NOW).ok).toBe(true);
  });

  it.each([
    { table: 'tickets' as const, changes: row({ id: 'ESC-2' }), key: 'id' },
    {
      table: 'firedAlerts' as const,
      changes: { key: 'other', ticketId: 'ESC-1', firedAt: T0, state: 'new' },
      key: 'key',
    },
  ])("refuses a $table change whose $key is not the row's", ({ table, changes, key }) => {
    const outcome = applyMutation(undefined, put(at(1), changes, table, 'ESC-1'), SERVER_NOW);
    expect(outcome).toMatchObject({ ok: false, code: 'invalid' });
    expect(outcome.ok ? '' : outcome.reason).toContain(`cannot change its ${key}`);
  });

  it('refuses a malformed log entry and a malformed rules row', () => {
    const entry = put(at(1), { id: 'e-1', ticketId: 'ESC-1', type: 'nonsense' }, 'events', 'e-1');
    expect(applyMutation(undefined, entry, SERVER_NOW)).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    const policy = mutation(at(1), 'put', { id: 'pol-1', order: 1 }, 'policies', 'pol-1', 0);
    expect(applyMutation(undefined, policy, SERVER_NOW)).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });
});
