import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escalateTicket, logMessage, resolveTicket, WorkflowError } from '@core/index';
import { openTestDesk, TEST_T0 } from './test-desk';
import type { DeskDatabase } from './database';
import { CLIENT_STATE_KEY, setSyncRecording } from './outbox';
import { applyWorkflow, createTicket, sortableEventId, ticketEvents } from './ticket-writes';

const HOUR = 3_600_000;
const T0 = TEST_T0;

let database: DeskDatabase;
beforeEach(async () => {
  database = await openTestDesk('writes');
});
afterEach(async () => {
  await database.delete();
});

const input = {
  title: 'Checkout fails for every card',
  description: 'Since the 09:00 deploy',
  customerId: 'c-1',
  tier: 'enterprise' as const,
  channel: 'email' as const,
  category: 'payments',
  priority: 'P1' as const,
};

describe('ticket writes', () => {
  it('creates tickets with consecutive ids, a created event and a running SLA row', async () => {
    const first = await createTicket(input, T0, database);
    const second = await createTicket(input, T0 + 1, database);
    expect([first.id, second.id]).toEqual(['ESC-1001', 'ESC-1002']);
    expect((await ticketEvents(first.id, database)).map((e) => e.type)).toEqual(['created']);
    expect(await database.ticketSla.get(first.id)).toEqual({
      ticketId: first.id,
      target: 'first_response',
      dueAt: T0 + HOUR,
      open: 1,
      // The first warning (75 %), so the queue can turn the row "at risk" as time passes.
      warnAt: T0 + 0.75 * HOUR,
      state: 'running',
      targets: [
        { target: 'first_response', state: 'running', dueAt: T0 + HOUR, warnAt: T0 + 0.75 * HOUR },
        { target: 'resolution', state: 'running', dueAt: T0 + 8 * HOUR, warnAt: T0 + 6 * HOUR },
      ],
    });
  });

  it('records a team chosen at creation as an assignment, as the Assign action writes it', async () => {
    const ticket = await createTicket({ ...input, teamId: 'team-net' }, T0, database);
    expect(ticket.teamId).toBe('team-net');
    expect((await database.tickets.get(ticket.id))?.teamId).toBe('team-net');
    const events = await ticketEvents(ticket.id, database);
    expect(events.map((e) => e.type)).toEqual(['created', 'assigned']);
    expect(events[1]).toMatchObject({ type: 'assigned', toTeamId: 'team-net', at: T0 });
    expect(events[1]).not.toHaveProperty('fromTeamId');
    expect(events[1]).not.toHaveProperty('toOwnerId');
  });

  it('skips ids already taken by imported tickets', async () => {
    await database.tickets.put({ ...(await createTicket(input, T0, database)), id: 'ESC-1002' });
    expect((await createTicket(input, T0, database)).id).toBe('ESC-1003');
  });

  it("while the desk syncs, new ids carry the desk's code, so two desks never number alike", async () => {
    await setSyncRecording(database, true);
    await database.syncMeta.put({
      key: CLIENT_STATE_KEY,
      value: { clientId: '3fa2c9d0e1', nextMid: 1, nextTx: 1 },
    });
    const synced = await createTicket(input, T0, database);
    expect(synced.id).toBe('ESC-3FA2C9D0-1001');
    await setSyncRecording(database, false);
    expect((await createTicket(input, T0, database)).id).toBe('ESC-1002');
  });

  it('writes the change and its events together and updates the SLA row', async () => {
    const { id } = await createTicket(input, T0, database);
    await applyWorkflow(
      id,
      (t, ctx) => logMessage(t, 'to_customer', 'Looking into it', ctx),
      T0 + 10 * 60_000,
      database,
    );
    const sla = await database.ticketSla.get(id);
    expect(sla).toMatchObject({ target: 'resolution', dueAt: T0 + 8 * HOUR, state: 'running' });
    const ticket = await database.tickets.get(id);
    expect(ticket?.status).toBe('open');
    expect((await ticketEvents(id, database)).map((e) => e.type)).toEqual([
      'created',
      'reply',
      'status_changed',
    ]);
  });

  it('marks a ticket breached once a target is overdue', async () => {
    const { id } = await createTicket(input, T0, database);
    const after = await applyWorkflow(
      id,
      (t, ctx) =>
        escalateTicket(
          t,
          { type: 'hierarchical', toLevel: 1, toOwnerId: 'p-sup', reason: 'No answer in 2 h' },
          ctx,
        ),
      T0 + 2 * HOUR,
      database,
    );
    expect(after.breached).toBe(true);
    expect((await database.tickets.get(id))?.breached).toBe(true);
    expect((await database.ticketSla.get(id))?.state).toBe('breached');
  });

  it('writes nothing when a step is refused', async () => {
    const { id } = await createTicket(input, T0, database);
    await applyWorkflow(
      id,
      (t, ctx) =>
        escalateTicket(
          t,
          { type: 'functional', toLevel: 1, toTeamId: 'team-net', reason: 'Needs network' },
          ctx,
        ),
      T0 + 60_000,
      database,
    );
    const before = await database.tickets.get(id);
    await expect(
      applyWorkflow(id, (t, ctx) => resolveTicket(t, {}, ctx), T0 + 120_000, database),
    ).rejects.toThrow(WorkflowError);
    expect(await database.tickets.get(id)).toEqual(before);
    expect(await database.events.count()).toBe(3);
  });

  it('says which ticket is missing', async () => {
    await expect(
      applyWorkflow('ESC-9', (t, ctx) => logMessage(t, 'note', 'x', ctx), T0, database),
    ).rejects.toThrow('Ticket ESC-9 was not found.');
  });
});

describe('sortableEventId', () => {
  it('sorts in the order ids were made, also within one millisecond', () => {
    const ids = [sortableEventId(5), sortableEventId(5), sortableEventId(5), sortableEventId(6)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
  });
});
