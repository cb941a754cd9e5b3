import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveTicket, type Priority } from '@core/index';
import type { DeskDatabase } from '../../db/database';
import { openTestDesk, TEST_T0 } from '../../db/test-desk';
import { applyWorkflow, createTicket } from '../../db/ticket-writes';
import {
  loadFirstQueueRows,
  loadQueueRows,
  loadQueueRowsFor,
  matchesSearch,
  queueCounts,
  searchWords,
} from './queue-rows';
import { QueueIndex, runQueueQuery } from './queue-index';

const HOUR = 3_600_000;
let database: DeskDatabase;

beforeEach(async () => {
  database = await openTestDesk('queue-rows');
  await database.customers.bulkPut([
    { id: 'c-1', name: 'Hansa Labs SE', tier: 'enterprise' },
    { id: 'c-2', name: 'Carla Schmidt', tier: 'standard' },
  ]);
  await database.people.put({ id: 'p-1', name: 'Bruno Costa', role: 'agent', teamId: 't-1' });
  await database.teams.put({ id: 't-1', name: 'Billing', skills: [] });
});
afterEach(async () => {
  await database.delete();
});

function log(title: string, priority: Priority, customerId = 'c-1', at = TEST_T0) {
  return createTicket(
    {
      title,
      description: `About ${title.toLowerCase()}; the customer sent a screenshot.`,
      customerId,
      tier: customerId === 'c-1' ? 'enterprise' : 'standard',
      channel: 'email',
      category: 'billing',
      priority,
    },
    at,
    database,
  );
}

describe('queue rows', () => {
  it('lists every open ticket (custom statuses too) with names and its SLA, never a done one', async () => {
    const a = await log('Invoice charged twice', 'P1');
    const b = await log('Refund missing', 'P3', 'c-2');
    const c = await log('Portal down', 'P2');
    await applyWorkflow(
      b.id,
      (t, ctx) => resolveTicket(t, { notes: 'Fixed' }, ctx),
      TEST_T0 + 1,
      database,
    );
    await database.tickets.update(c.id, {
      status: 'waiting_on_vendor',
      ownerId: 'p-1',
      teamId: 't-1',
    });

    const { rows } = await loadQueueRows(database);
    const byId = new Map(rows.map((row) => [row.ticket.id, row]));
    expect([...byId.keys()].sort()).toEqual([a.id, c.id].sort());
    expect(byId.get(a.id)).toMatchObject({ customer: 'Hansa Labs SE', owner: '', team: '' });
    expect(byId.get(a.id)!.sla).toMatchObject({ target: 'first_response', dueAt: TEST_T0 + HOUR });
    expect(byId.get(c.id)).toMatchObject({ owner: 'Bruno Costa', team: 'Billing' });
  });

  it('re-reads a few tickets: changed ones come back, resolved ones are reported gone', async () => {
    const a = await log('Invoice charged twice', 'P1');
    const b = await log('Refund missing', 'P3', 'c-2');
    const { names } = await loadQueueRows(database);
    await applyWorkflow(
      a.id,
      (t, ctx) => resolveTicket(t, { notes: 'Fixed' }, ctx),
      TEST_T0 + 1,
      database,
    );
    const fresh = await loadQueueRowsFor(database, [a.id, b.id, 'ESC-404'], names);
    expect(fresh.rows.map((row) => row.ticket.id)).toEqual([b.id]);
    expect(fresh.gone).toEqual([a.id, 'ESC-404']);
    expect(fresh.rows[0]!.customer).toBe('Carla Schmidt');
  });

  it('reads the first screen: the open tickets due soonest, in due order, none that are done', async () => {
    const late = await log('Portal down', 'P2', 'c-1', TEST_T0 + 2 * HOUR);
    const soon = await log('Invoice charged twice', 'P1', 'c-1', TEST_T0);
    const done = await log('Refund missing', 'P3', 'c-2', TEST_T0 - HOUR);
    const middle = await log('Card declined', 'P1', 'c-2', TEST_T0 + HOUR);
    await applyWorkflow(
      done.id,
      (t, ctx) => resolveTicket(t, { notes: 'Fixed' }, ctx),
      TEST_T0,
      database,
    );
    const first = await loadFirstQueueRows(database, 2);
    expect(first.rows.map((row) => row.ticket.id)).toEqual([soon.id, middle.id]);
    expect(first.rows[1]!.customer).toBe('Carla Schmidt');
    const all = await loadFirstQueueRows(database, 10);
    expect(all.rows.map((row) => row.ticket.id)).toEqual([soon.id, middle.id, late.id]);
  });

  it('leaves paused and met clocks out of the first screen: the full SLA order puts them last', async () => {
    const tickets = [];
    for (let i = 0; i < 6; i++)
      tickets.push(await log(`Ticket ${i}`, 'P2', 'c-1', TEST_T0 + i * HOUR));
    // The three due soonest wait on the customer or met every target: their stored due times
    // are early, but the queue sorts them after every running clock.
    await database.ticketSla.update(tickets[0]!.id, { state: 'paused' });
    await database.ticketSla.update(tickets[1]!.id, { state: 'met' });
    await database.ticketSla.update(tickets[2]!.id, { state: 'paused' });
    const running = tickets.slice(3).map((t) => t.id);
    expect((await loadFirstQueueRows(database, 2)).rows.map((r) => r.ticket.id)).toEqual(
      running.slice(0, 2),
    );
    expect((await loadFirstQueueRows(database, 10)).rows.map((r) => r.ticket.id)).toEqual(running);
    const { rows } = await loadQueueRows(database);
    const bySla = runQueueQuery(QueueIndex.of(rows), {
      sorting: [{ id: 'sla', desc: false }],
      columnFilters: [],
      search: '',
      grouping: [],
      collapsed: {},
      now: TEST_T0,
      currentUserId: 'p-1',
    }).ticketRows.map((r) => r.ticket.id);
    expect(bySla).toEqual([...running, tickets[0]!.id, tickets[2]!.id, tickets[1]!.id]);
  });

  it('counts open, at risk, breached and unassigned live, as time passes', async () => {
    await log('Invoice charged twice', 'P1');
    await log('Refund missing', 'P3', 'c-2', TEST_T0 + HOUR);
    const { rows } = await loadQueueRows(database);
    // First response: 60 min, warning at 75 %.
    expect(queueCounts(rows, TEST_T0)).toEqual({ open: 2, atRisk: 0, breached: 0, unassigned: 2 });
    expect(queueCounts(rows, TEST_T0 + 50 * 60_000)).toMatchObject({ atRisk: 1, breached: 0 });
    expect(queueCounts(rows, TEST_T0 + 110 * 60_000)).toMatchObject({ atRisk: 1, breached: 1 });
    expect(queueCounts(rows, TEST_T0 + 3 * HOUR)).toMatchObject({ atRisk: 0, breached: 2 });
  });

  it('searches id, title, customer and description for every word, in any case and order', async () => {
    const a = await log('Invoice charged twice', 'P1');
    const { rows } = await loadQueueRows(database);
    const row = rows[0]!;
    for (const [query, expected] of [
      [a.id.toLowerCase(), true],
      ['TWICE invoice', true],
      ['hansa', true],
      ['screenshot', true],
      ['twice refund', false],
      ['', true],
    ] as const) {
      expect(matchesSearch(row, searchWords(query)), query).toBe(expected);
    }
  });
});
