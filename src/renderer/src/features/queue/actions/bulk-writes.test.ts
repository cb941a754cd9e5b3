import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignTicket, changePriority, resolveTicket, type Ticket } from '@core/index';
import type { DeskDatabase } from '../../../db/database';
import { onDeskChanged } from '../../../db/desk-changes';
import { openTestDesk, TEST_T0 } from '../../../db/test-desk';
import { createTicket, ticketEvents } from '../../../db/ticket-writes';
import {
  applyWorkflowToMany,
  describeActionResult,
  escalateEach,
  type BulkResult,
  type QueueAction,
} from './bulk-writes';

const MINUTE = 60_000;
const T0 = TEST_T0;

let database: DeskDatabase;
let changes: (readonly string[] | 'all')[];
let unsubscribe = () => {};

beforeEach(async () => {
  database = await openTestDesk('bulk-writes');
  changes = [];
  unsubscribe = () => {};
});
afterEach(async () => {
  unsubscribe();
  await database.delete();
});

/** `n` new P3 tickets (ESC-1001…), then starts recording desk changes. */
async function seedTickets(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const ticket = await createTicket(
      {
        title: `Ticket ${i + 1}`,
        description: '',
        customerId: 'c-1',
        tier: 'standard',
        channel: 'email',
        category: 'payments',
        priority: 'P3',
      },
      T0,
      database,
    );
    ids.push(ticket.id);
  }
  unsubscribe = onDeskChanged((ticketIds) => changes.push(ticketIds));
  return ids;
}

const toTeamNet = (t: Ticket, ctx: Parameters<typeof assignTicket>[2]) =>
  assignTicket(t, { teamId: 'team-net' }, ctx);

async function eventTypes(ticketId: string): Promise<string[]> {
  return (await ticketEvents(ticketId, database)).map((event) => event.type);
}

describe('applyWorkflowToMany', () => {
  it('assigns 20 tickets in one call: 20 assigned events, one change notice', async () => {
    const ids = await seedTickets(20);
    const result = await applyWorkflowToMany(ids, toTeamNet, T0 + MINUTE, database);
    expect(result).toEqual({ done: ids, skipped: [] });
    expect(await database.events.where('type').equals('assigned').count()).toBe(20);
    const tickets = await database.tickets.bulkGet(ids);
    expect(tickets.every((ticket) => ticket?.teamId === 'team-net')).toBe(true);
    expect(changes).toEqual([ids]);
  });

  it('skips a ticket the step refuses, says why, and writes the others', async () => {
    const [first, second, third] = await seedTickets(3);
    await applyWorkflowToMany([second!], toTeamNet, T0 + MINUTE, database);
    changes.length = 0;

    const result = await applyWorkflowToMany(
      [first!, second!, third!, 'ESC-9'],
      toTeamNet,
      T0 + 2 * MINUTE,
      database,
    );
    expect(result).toEqual({
      done: [first, third],
      skipped: [
        { ticketId: second, reason: 'The ticket is already assigned there.' },
        { ticketId: 'ESC-9', reason: 'The ticket was not found.' },
      ],
    });
    expect(await eventTypes(first!)).toEqual(['created', 'assigned']);
    expect(await eventTypes(second!)).toEqual(['created', 'assigned']);
    expect(await eventTypes(third!)).toEqual(['created', 'assigned']);
    expect(changes).toEqual([[first, third]]);
  });

  it('writes nothing when a step fails for any other reason', async () => {
    const ids = await seedTickets(3);
    const before = await database.tickets.toArray();
    const broken = (t: Ticket, ctx: Parameters<typeof assignTicket>[2]) => {
      if (t.id === ids[2]) throw new TypeError('Cannot read properties of undefined');
      return toTeamNet(t, ctx);
    };
    await expect(applyWorkflowToMany(ids, broken, T0 + MINUTE, database)).rejects.toThrow(
      TypeError,
    );
    expect(await database.tickets.toArray()).toEqual(before);
    expect(await database.events.count()).toBe(3);
    expect(changes).toEqual([]);
  });

  it('writes nothing when the database refuses part of the batch', async () => {
    const ids = await seedTickets(2);
    const before = await database.tickets.toArray();
    const [existing] = await ticketEvents(ids[1]!, database);
    // The second ticket's event reuses an id already in the log: the whole batch is rolled back.
    const clashing = (t: Ticket, ctx: Parameters<typeof assignTicket>[2]) => {
      const change = toTeamNet(t, ctx);
      if (t.id !== ids[1]) return change;
      return { ...change, events: change.events.map((e) => ({ ...e, id: existing!.id })) };
    };
    await expect(applyWorkflowToMany(ids, clashing, T0 + MINUTE, database)).rejects.toThrow();
    expect(await database.tickets.toArray()).toEqual(before);
    expect(await database.events.count()).toBe(2);
    expect(changes).toEqual([]);
  });

  it('resolving resolves the tickets’ fired alerts, and only theirs', async () => {
    const [first, second, other] = await seedTickets(3);
    await database.firedAlerts.bulkAdd([
      { key: `${first}:first_response:warn:75`, ticketId: first!, firedAt: T0, state: 'new' },
      { key: `${second}:level:1`, ticketId: second!, firedAt: T0, state: 'acknowledged' },
      { key: `${other}:first_response:warn:75`, ticketId: other!, firedAt: T0, state: 'new' },
    ]);
    const now = T0 + 30 * MINUTE;
    const result = await applyWorkflowToMany(
      [first!, second!],
      (t, ctx) => resolveTicket(t, {}, ctx),
      now,
      database,
    );
    expect(result.done).toEqual([first, second]);
    const alerts = await database.firedAlerts.orderBy('ticketId').toArray();
    expect(alerts.map((alert) => [alert.ticketId, alert.state, alert.resolvedAt])).toEqual([
      [first, 'resolved', now],
      [second, 'resolved', now],
      [other, 'new', undefined],
    ]);
    expect((await database.tickets.get(first!))?.status).toBe('resolved');
    expect((await database.ticketSla.get(first!))?.state).toBe('met');
  });

  it('refreshes the SLA rows of the changed tickets', async () => {
    const ids = await seedTickets(2);
    await applyWorkflowToMany(
      ids,
      (t, ctx) => changePriority(t, 'P1', ctx),
      T0 + 2 * 60 * MINUTE,
      database,
    );
    // An hour for the first response has passed: both rows (and tickets) show the breach.
    for (const id of ids) {
      expect((await database.ticketSla.get(id))?.state).toBe('breached');
      expect((await database.tickets.get(id))?.breached).toBe(true);
    }
  });
});

describe('escalateEach', () => {
  const escalation = { type: 'functional' as const, toTeamId: 'team-net', reason: 'Needs network' };

  it('takes each ticket one level up from its own level', async () => {
    const [low, high] = await seedTickets(2);
    await applyWorkflowToMany(
      [high!],
      escalateEach({ ...escalation, toLevel: 2, raisePriority: true }),
      T0 + MINUTE,
      database,
    );
    const result = await applyWorkflowToMany(
      [low!, high!],
      escalateEach({ ...escalation, toLevel: 'next', raisePriority: true }),
      T0 + 2 * MINUTE,
      database,
    );
    expect(result.done).toEqual([low, high]);
    const [lowTicket, highTicket] = await database.tickets.bulkGet([low!, high!]);
    expect([lowTicket?.level, highTicket?.level]).toEqual([1, 3]);
    expect([lowTicket?.priority, highTicket?.priority]).toEqual(['P2', 'P1']);
    expect(lowTicket?.escalated).toBe(true);
    const escalated = await database.events.where('type').equals('escalated').toArray();
    expect(escalated.map((e) => e.type === 'escalated' && [e.fromLevel, e.toLevel])).toEqual([
      [0, 2],
      [0, 1],
      [2, 3],
    ]);
  });

  it('to a fixed level, skips tickets already there or above', async () => {
    const [low, high] = await seedTickets(2);
    const toL2 = escalateEach({ ...escalation, toLevel: 2, raisePriority: false });
    await applyWorkflowToMany([high!], toL2, T0 + MINUTE, database);
    const result = await applyWorkflowToMany([low!, high!], toL2, T0 + 2 * MINUTE, database);
    expect(result).toEqual({
      done: [low],
      skipped: [{ ticketId: high, reason: 'The ticket is already at L2 or above.' }],
    });
    expect((await database.tickets.get(low!))?.level).toBe(2);
  });

  it('one level up skips tickets at the highest level', async () => {
    const [top] = await seedTickets(1);
    await applyWorkflowToMany(
      [top!],
      escalateEach({ ...escalation, toLevel: 5, raisePriority: false }),
      T0 + MINUTE,
      database,
    );
    const result = await applyWorkflowToMany(
      [top!],
      escalateEach({ ...escalation, toLevel: 'next', raisePriority: false }),
      T0 + 2 * MINUTE,
      database,
    );
    expect(result.skipped).toEqual([
      { ticketId: top, reason: 'The ticket is already at the highest level.' },
    ]);
  });
});

describe('describeActionResult', () => {
  const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `ESC-${from + i}`);
  const skip = (n: number, reason: string, from = 100) =>
    ids(n, from).map((ticketId) => ({ ticketId, reason }));
  const cases: [QueueAction, BulkResult, string][] = [
    ['assign', { done: ids(20), skipped: [] }, 'Assigned 20 tickets'],
    [
      'assign',
      { done: ids(18), skipped: skip(2, 'The ticket is already assigned there.') },
      'Assigned 18 tickets; 2 skipped: already assigned there',
    ],
    ['escalate', { done: ['ESC-1042'], skipped: [] }, 'Escalated ESC-1042'],
    [
      'escalate',
      {
        done: ids(5),
        skipped: [
          ...skip(1, 'A Resolved ticket cannot be escalated; reopen it first.', 200),
          ...skip(3, 'The ticket is already at L2 or above.'),
        ],
      },
      'Escalated 5 tickets; 4 skipped: already at L2 or above (3), a Resolved ticket cannot be escalated; reopen it first (1)',
    ],
    [
      'priority',
      { done: ids(3), skipped: skip(1, 'The ticket is already P2.', 7) },
      'Changed the priority of 3 tickets; ESC-7 skipped: already P2',
    ],
    [
      'resolve',
      { done: [], skipped: skip(2, 'The ticket is already Resolved.') },
      'No tickets resolved; 2 skipped: already Resolved',
    ],
    ['resolve', { done: [], skipped: [] }, 'No tickets resolved'],
    [
      'assign',
      { done: ids(1), skipped: skip(1, 'The ticket was not found.', 9) },
      'Assigned ESC-1; ESC-9 skipped: not found',
    ],
  ];
  it.each(cases.map(([action, result, text]) => ({ action, result, text })))(
    '$action: $text',
    ({ action, result, text }) => {
      expect(describeActionResult(action, result)).toBe(text);
    },
  );
});
