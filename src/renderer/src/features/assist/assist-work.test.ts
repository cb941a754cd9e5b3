import { MIN_ROUTING_EXAMPLES, type DeskEvent } from '@core/index';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskDatabase } from '../../db/database';
import { ticketsChanged } from '../../db/desk-changes';
import { openTestDesk, TEST_T0 } from '../../db/test-desk';
import { createAssistClient } from './assist-client';
import { AssistWork } from './assist-work';
import { NETWORK_EXAMPLE, routingDesk, testTicket } from './test-tickets';

const HOUR = 3_600_000;

let database: DeskDatabase;

beforeEach(async () => {
  database = await openTestDesk('assist-work');
});

afterEach(async () => {
  await database.delete();
});

describe('team suggestions', () => {
  it('suggests the team that resolved tickets like this one, with how many it learned from', async () => {
    await database.tickets.bulkAdd(routingDesk(12));
    // Open tickets and tickets without a team teach nothing.
    await database.tickets.bulkAdd([
      testTicket('OPEN-1', { status: 'open', category: 'network', teamId: 'team-billing' }),
      testTicket('NOTEAM-1', { category: 'network' }),
    ]);
    const work = new AssistWork(database);
    const { suggestions, learnedFrom } = await work.suggestTeams(NETWORK_EXAMPLE, []);
    expect(learnedFrom).toBe(24);
    expect(suggestions[0]).toMatchObject({ teamId: 'team-network' });
    expect(suggestions[0]!.confidence).toBeGreaterThan(0.5);
    expect(suggestions[0]!.reasons.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(3);

    const others = await work.suggestTeams(NETWORK_EXAMPLE, ['team-network']);
    expect(others.suggestions.map((s) => s.teamId)).toEqual(['team-billing']);
  });

  it('suggests nothing until the desk has enough resolved tickets', async () => {
    await database.tickets.bulkAdd(routingDesk(2));
    const work = new AssistWork(database);
    const answer = await work.suggestTeams(NETWORK_EXAMPLE, []);
    expect(MIN_ROUTING_EXAMPLES).toBeGreaterThan(4);
    expect(answer).toEqual({ suggestions: [], learnedFrom: 4 });
  });

  it('reads a large desk in slices and learns every ticket', async () => {
    await database.tickets.bulkAdd(routingDesk(1_100));
    const where = vi.spyOn(database.tickets, 'where');
    const work = new AssistWork(database);
    expect((await work.suggestTeams(NETWORK_EXAMPLE, [])).learnedFrom).toBe(2_200);
    // 2,000 then 200 then none: the two reads after the first go on by id.
    expect(where).toHaveBeenCalledTimes(2);
  });

  it('learns a ticket resolved later once told it changed, and never counts it twice', async () => {
    await database.tickets.bulkAdd(routingDesk(12));
    await database.tickets.add(
      testTicket('LATE-1', { status: 'open', category: 'network', teamId: 'team-network' }),
    );
    const work = new AssistWork(database);
    expect((await work.suggestTeams(NETWORK_EXAMPLE, [])).learnedFrom).toBe(24);

    await database.tickets.update('LATE-1', { status: 'resolved', resolvedAt: TEST_T0 + HOUR });
    // Not told yet: the model stands.
    expect((await work.suggestTeams(NETWORK_EXAMPLE, [])).learnedFrom).toBe(24);
    work.invalidate(['LATE-1']);
    expect((await work.suggestTeams(NETWORK_EXAMPLE, [])).learnedFrom).toBe(25);

    // Closed (or reopened and resolved again) by the same team: still one ticket learned.
    await database.tickets.update('LATE-1', { status: 'closed', closedAt: TEST_T0 + 2 * HOUR });
    work.invalidate(['LATE-1']);
    expect((await work.suggestTeams(NETWORK_EXAMPLE, [])).learnedFrom).toBe(25);
  });

  it('learns again from the desk when a ticket is resolved again by another team', async () => {
    await database.tickets.bulkAdd(routingDesk(10));
    const work = new AssistWork(database);
    const before = await work.suggestTeams(NETWORK_EXAMPLE, []);
    expect(before.learnedFrom).toBe(20);
    // Every network ticket goes to billing: the network team has nothing left to its name.
    const network = await database.tickets.where('category').equals('network').primaryKeys();
    await database.tickets.bulkUpdate(
      network.map((key) => ({ key, changes: { teamId: 'team-billing' } })),
    );
    work.invalidate(network);
    const after = await work.suggestTeams(NETWORK_EXAMPLE, []);
    expect(after.learnedFrom).toBe(20);
    expect(after.suggestions.map((s) => s.teamId)).toEqual(['team-billing']);
  });

  it('forgets the desk after a change to all of it', async () => {
    await database.tickets.bulkAdd(routingDesk(12));
    const work = new AssistWork(database);
    expect((await work.suggestTeams(NETWORK_EXAMPLE, [])).learnedFrom).toBe(24);
    await database.tickets.clear();
    work.invalidate('all');
    expect(await work.suggestTeams(NETWORK_EXAMPLE, [])).toEqual({
      suggestions: [],
      learnedFrom: 0,
    });
  });

  it('reports a failed read, and reads the desk again on the next request', async () => {
    await database.tickets.bulkAdd(routingDesk(12));
    const work = new AssistWork(database);
    const orderBy = vi.spyOn(database.tickets, 'orderBy').mockImplementationOnce(() => {
      throw new Error('The disk is not readable.');
    });
    await expect(work.suggestTeams(NETWORK_EXAMPLE, [])).rejects.toThrow(
      'The disk is not readable.',
    );
    orderBy.mockRestore();
    expect((await work.suggestTeams(NETWORK_EXAMPLE, [])).learnedFrom).toBe(24);
  });

  it('reports a failed re-read of a changed ticket, and reads it again next time', async () => {
    await database.tickets.bulkAdd(routingDesk(12));
    await database.tickets.add(
      testTicket('LATE-1', { status: 'open', category: 'network', teamId: 'team-network' }),
    );
    const work = new AssistWork(database);
    await work.suggestTeams(NETWORK_EXAMPLE, []);
    await database.tickets.update('LATE-1', { status: 'resolved' });
    work.invalidate(['LATE-1']);
    const bulkGet = vi.spyOn(database.tickets, 'bulkGet').mockRejectedValueOnce(new Error('Busy.'));
    await expect(work.suggestTeams(NETWORK_EXAMPLE, [])).rejects.toThrow('Busy.');
    bulkGet.mockRestore();
    expect((await work.suggestTeams(NETWORK_EXAMPLE, [])).learnedFrom).toBe(25);
  });
});

/** Escalated tickets: an open checkout problem, its resolved twin, and two unrelated ones. */
async function escalationDesk() {
  await database.tickets.bulkAdd([
    testTicket('ESC-1', {
      title: 'Checkout times out when paying by card',
      description: 'Card payments at checkout spin and time out after the 3-D Secure step.',
      category: 'payments',
      customerId: 'c-shop',
      status: 'open',
      level: 1,
      escalated: true,
      teamId: 'team-payments',
      resolvedAt: undefined,
    }),
    testTicket('ESC-2', {
      title: 'Card checkout times out at 3-D Secure',
      description: 'Paying by card at checkout times out after the 3-D Secure challenge.',
      category: 'payments',
      customerId: 'c-shop',
      level: 1,
      escalated: true,
      teamId: 'team-payments',
      createdAt: TEST_T0 - 30 * HOUR,
      resolvedAt: TEST_T0 - 24 * HOUR,
      rootCause: 'third_party',
      rootCauseNotes: 'The card gateway changed its 3-D Secure callback.',
    }),
    testTicket('ESC-3', {
      title: 'Printer jams on labels',
      description: 'The label printer in the warehouse jams on every second label.',
      category: 'hardware',
      level: 2,
      escalated: true,
    }),
    testTicket('ESC-4', {
      title: 'Password reset email never arrives',
      description: 'The reset email does not reach the customer mailbox.',
      category: 'accounts',
      level: 1,
      escalated: true,
    }),
    // Not escalated: never a "similar escalation", however alike.
    testTicket('PLAIN-1', {
      title: 'Checkout times out when paying by card',
      description: 'Card payments at checkout time out after the 3-D Secure step.',
      category: 'payments',
      customerId: 'c-shop',
    }),
  ]);
}

describe('similar escalations', () => {
  it('finds the obvious twin first, with its root cause, and leaves out the ticket itself', async () => {
    await escalationDesk();
    const work = new AssistWork(database);
    const similar = await work.similarTo('ESC-1');
    expect(similar[0]).toMatchObject({
      ticketId: 'ESC-2',
      sameCategory: true,
      sameCustomer: true,
      status: 'resolved',
      rootCause: 'third_party',
      rootCauseNotes: 'The card gateway changed its 3-D Secure callback.',
      resolutionMs: 6 * HOUR,
    });
    expect(similar[0]!.similarity).toBeGreaterThan(0.3);
    expect(similar[0]!.sharedTerms.length).toBeGreaterThan(0);
    const ids = similar.map((s) => s.ticketId);
    expect(ids).not.toContain('ESC-1');
    expect(ids).not.toContain('PLAIN-1');
    expect(similar.length).toBeLessThanOrEqual(5);
  });

  it('holds a changed ticket as it is now once told', async () => {
    await escalationDesk();
    const work = new AssistWork(database);
    expect((await work.similarTo('ESC-1')).map((s) => s.ticketId)).not.toContain('PLAIN-1');
    await database.tickets.update('PLAIN-1', { escalated: true, level: 1 });
    work.invalidate(['PLAIN-1']);
    expect((await work.similarTo('ESC-1')).map((s) => s.ticketId)).toContain('PLAIN-1');
  });

  it('answers nothing for a ticket not on the desk', async () => {
    await escalationDesk();
    expect(await new AssistWork(database).similarTo('ESC-404')).toEqual([]);
  });

  it('reports a failed read', async () => {
    await escalationDesk();
    const work = new AssistWork(database);
    vi.spyOn(database.tickets, 'orderBy').mockImplementationOnce(() => {
      throw new Error('The disk is not readable.');
    });
    await expect(work.similarTo('ESC-1')).rejects.toThrow('The disk is not readable.');
    expect((await work.similarTo('ESC-1'))[0]?.ticketId).toBe('ESC-2');
  });
});

describe("recurrence, by the reports' rule", () => {
  const DAY = 24 * HOUR;
  async function escalatedAt(id: string, at: number, patch: Parameters<typeof testTicket>[1] = {}) {
    await database.tickets.add(
      testTicket(id, { escalated: true, level: 1, category: 'network', createdAt: at, ...patch }),
    );
    const escalation: DeskEvent = {
      id: `${id}-esc`,
      ticketId: id,
      at: at + HOUR,
      by: 'p1',
      type: 'escalated',
      escalationType: 'functional',
      fromLevel: 0,
      toLevel: 1,
      reason: 'Needs the network team',
    };
    await database.events.add(escalation);
  }

  it("names the same customer's escalation in the same category just before, within 30 days", async () => {
    await escalatedAt('OLD', TEST_T0 - 40 * DAY, { title: 'Router down last month' });
    await escalatedAt('PREV', TEST_T0 - 12 * DAY, { title: 'Router down again' });
    await escalatedAt('OTHER-CAT', TEST_T0 - 2 * DAY, { category: 'billing' });
    await escalatedAt('OTHER-CUST', TEST_T0 - 1 * DAY, { customerId: 'c-9' });
    await escalatedAt('NOW', TEST_T0, { status: 'open' });
    const work = new AssistWork(database);
    expect(await work.recurrenceOf('NOW')).toEqual({
      ticketId: 'PREV',
      title: 'Router down again',
      escalatedAt: TEST_T0 - 12 * DAY + HOUR,
      beforeMs: 12 * DAY,
      windowDays: 30,
    });
    // PREV came 28 days after OLD: a recurrence too; OLD had none before it.
    expect((await work.recurrenceOf('PREV'))?.ticketId).toBe('OLD');
    expect(await work.recurrenceOf('OLD')).toBeUndefined();
  });

  it('says nothing for a ticket never escalated, or one not on the desk', async () => {
    await database.tickets.add(testTicket('CALM', { status: 'open' }));
    const work = new AssistWork(database);
    expect(await work.recurrenceOf('CALM')).toBeUndefined();
    expect(await work.recurrenceOf('ESC-404')).toBeUndefined();
  });
});

describe('the assist client on the page', () => {
  it('learns from the desk changes writers announce', async () => {
    await database.tickets.bulkAdd(routingDesk(12));
    await database.tickets.add(
      testTicket('LATE-1', { status: 'open', category: 'network', teamId: 'team-network' }),
    );
    const client = createAssistClient(database, undefined);
    expect((await client.suggestTeams(NETWORK_EXAMPLE, [])).learnedFrom).toBe(24);
    await database.tickets.update('LATE-1', { status: 'resolved' });
    ticketsChanged(['LATE-1']);
    expect((await client.suggestTeams(NETWORK_EXAMPLE, [])).learnedFrom).toBe(25);
  });
});
