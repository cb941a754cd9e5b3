import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  escalationKey,
  logMessage,
  type DeskEvent,
  type EscalationMatrix,
  type EscalationTrigger,
  type FiredAlertBatch,
} from '@core/index';
import type { DeskDatabase } from '../../db/database';
import { writeSetting } from '../../db/settings';
import { openTestDesk, TEST_T0 } from '../../db/test-desk';
import { applyWorkflow, createTicket, ticketEvents } from '../../db/ticket-writes';
import { deriveAlertRequest } from './derive-alerts';
import { recordFiredAlerts } from './record-alerts';

// The matrix's risk and sentiment triggers, through the alert engine's own derivation and
// recording on a real (fake-indexeddb) desk: an angry customer message escalates the ticket.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
let database: DeskDatabase;

beforeEach(async () => {
  database = await openTestDesk('risk-triggers');
  await database.customers.put({ id: 'c-1', name: 'Quay Road Store', tier: 'standard' });
});
afterEach(async () => {
  await database.delete();
});

function matrixWith(trigger: EscalationTrigger): EscalationMatrix {
  return {
    rows: [
      {
        id: 'row-all',
        name: 'Every ticket',
        criteria: {},
        levels: [
          {
            id: 'l1',
            type: 'automatic',
            owner: { kind: 'team', id: 'team-care', name: 'Customer care', contacts: [] },
            trigger,
            actions: [{ kind: 'reassign' }],
            repeat: { kind: 'none' },
          },
        ],
      },
    ],
  };
}

async function deskWith(trigger: EscalationTrigger): Promise<string> {
  await database.matrices.put({
    id: 'active',
    version: 1,
    matrix: matrixWith(trigger),
    updatedAt: 0,
  });
  const ticket = await createTicket(
    {
      title: 'Exchange refused',
      description: 'The store refused to exchange a kettle.',
      customerId: 'c-1',
      tier: 'standard',
      channel: 'store',
      category: 'returns',
      priority: 'P3',
    },
    TEST_T0,
    database,
  );
  return ticket.id;
}

const customerWrites = (ticketId: string, body: string, at: number) =>
  applyWorkflow(
    ticketId,
    (ticket, ctx) => logMessage(ticket, 'from_customer', body, ctx),
    at,
    database,
  );

const ANGRY = 'This is absolutely UNACCEPTABLE!!! Nothing works and I am furious.';

/** The level-1 escalation the derivation finds due for the ticket, if any. */
async function dueEscalation(ticketId: string, now: number) {
  const { request } = await deriveAlertRequest(database, [ticketId], now);
  return request.alerts.find(
    (alert) => alert.key === escalationKey(ticketId, 1) && alert.at <= now,
  );
}

describe('risk and sentiment triggers', () => {
  it.each([
    // The first response, due within the hour, adds 20 on its own; the angry message adds more.
    ['risk above 25', { kind: 'risk_above', score: 25 }],
    ['sentiment below -0.5', { kind: 'sentiment_below', score: -0.5 }],
  ] as const)(
    'with "%s", a calm ticket waits and an angry message escalates it',
    async (_n, trigger) => {
      const ticketId = await deskWith(trigger);
      expect(await dueEscalation(ticketId, TEST_T0 + MINUTE)).toBeUndefined();

      await customerWrites(ticketId, 'Thanks, the new one works fine.', TEST_T0 + 2 * MINUTE);
      expect(await dueEscalation(ticketId, TEST_T0 + 3 * MINUTE)).toBeUndefined();

      await customerWrites(ticketId, ANGRY, TEST_T0 + 4 * MINUTE);
      const now = TEST_T0 + 5 * MINUTE;
      const due = await dueEscalation(ticketId, now);
      expect(due).toBeDefined();

      // Recording the fired level escalates the ticket, judged on the signals it was scheduled from.
      const batch: FiredAlertBatch = {
        firedAt: now,
        alerts: [{ ...due!, firedAt: now, late: false }],
      };
      const before = {
        tickets: await database.tickets.toArray(),
        events: await database.events.toArray(),
      };
      const recorded = await recordFiredAlerts(database, batch);
      expect(recorded.changedTicketIds).toEqual([ticketId]);
      const ticket = await database.tickets.get(ticketId);
      expect(ticket).toMatchObject({ level: 1, teamId: 'team-care', escalated: true });
      const escalations = (await ticketEvents(ticketId, database)).filter(
        (event) => event.type === 'escalated',
      );
      expect(escalations).toHaveLength(1);
      expect(escalations[0]).toMatchObject({ escalationType: 'automatic' });
      // Once fired, never again.
      expect(await dueEscalation(ticketId, now + MINUTE)).toBeUndefined();

      // Another desk of the team, recording the same alert ten minutes later, writes the very
      // same entries: sync keeps one of each instead of two escalations.
      const systemEntries = async () =>
        (await ticketEvents(ticketId, database)).filter((event) => event.by === 'system');
      const first = await systemEntries();
      await database.transaction(
        'rw',
        database.tickets,
        database.events,
        database.firedAlerts,
        async () => {
          await database.tickets.bulkPut(before.tickets);
          await database.events.clear();
          await database.events.bulkPut(before.events);
          await database.firedAlerts.clear();
        },
      );
      const later = now + 10 * MINUTE;
      await recordFiredAlerts(database, {
        firedAt: later,
        alerts: [{ ...due!, firedAt: later, late: true }],
      });
      expect(first.length).toBeGreaterThan(0);
      expect(await systemEntries()).toEqual(first);
    },
  );

  it('schedules a risk level for the moment the SLA clock carries the score over it', async () => {
    // A first response due within the hour adds 20; its breach, an hour after creation, 25.
    const ticketId = await deskWith({ kind: 'risk_above', score: 20 });
    const { request } = await deriveAlertRequest(database, [ticketId], TEST_T0 + MINUTE);
    const level = request.alerts.find((alert) => alert.key === escalationKey(ticketId, 1));
    expect(level?.at).toBe(TEST_T0 + 60 * MINUTE);
  });

  it('fires a sentiment level with escalation risk switched off, but no risk level', async () => {
    const ticketId = await deskWith({ kind: 'sentiment_below', score: -0.5 });
    await writeSetting(
      'assist',
      { sentiment: true, risk: false, routing: true, similar: true },
      database,
    );
    await customerWrites(ticketId, ANGRY, TEST_T0 + MINUTE);
    expect(await dueEscalation(ticketId, TEST_T0 + 2 * MINUTE)).toBeDefined();
    expect((await database.ticketSla.get(ticketId))?.risk).toBeUndefined();
  });

  it('drops stored signals once risk is switched off, and says which rows changed', async () => {
    const ticketId = await deskWith({ kind: 'risk_above', score: 90 });
    await deriveAlertRequest(database, 'all', TEST_T0 + MINUTE);
    expect((await database.ticketSla.get(ticketId))?.risk).toBeDefined();
    await writeSetting(
      'assist',
      { sentiment: true, risk: false, routing: true, similar: true },
      database,
    );
    const { restated } = await deriveAlertRequest(database, 'all', TEST_T0 + 2 * MINUTE);
    expect(restated).toEqual([ticketId]);
    expect((await database.ticketSla.get(ticketId))?.risk).toBeUndefined();
    expect((await deriveAlertRequest(database, 'all', TEST_T0 + 3 * MINUTE)).restated).toEqual([]);
  });

  it('holds back a fired sentiment level when a calmer message came after it was scheduled', async () => {
    const ticketId = await deskWith({ kind: 'sentiment_below', score: -0.5 });
    await customerWrites(ticketId, ANGRY, TEST_T0 + MINUTE);
    const due = await dueEscalation(ticketId, TEST_T0 + 2 * MINUTE);
    expect(due).toBeDefined();
    // The customer calms down before the host's timer is recorded.
    await customerWrites(ticketId, 'All fixed now, thank you so much!', TEST_T0 + 3 * MINUTE);
    const now = TEST_T0 + 4 * MINUTE;
    const recorded = await recordFiredAlerts(database, {
      firedAt: now,
      alerts: [{ ...due!, firedAt: now, late: false }],
    });
    expect(recorded.changedTicketIds).toEqual([]);
    expect((await database.tickets.get(ticketId))?.level).toBe(0);
  });

  it('stays quiet with escalation risk switched off, and keeps no signals', async () => {
    const ticketId = await deskWith({ kind: 'risk_above', score: 10 });
    await writeSetting(
      'assist',
      { sentiment: true, risk: false, routing: true, similar: true },
      database,
    );
    await customerWrites(ticketId, ANGRY, TEST_T0 + MINUTE);
    expect(await dueEscalation(ticketId, TEST_T0 + 2 * MINUTE)).toBeUndefined();
    expect((await database.ticketSla.get(ticketId))?.risk).toBeUndefined();
  });

  it("counts the customer's earlier escalations among the signals", async () => {
    await database.tickets.bulkPut(
      [1, 2].map((n) => ({
        id: `OLD-${n}`,
        title: 'Earlier',
        description: '',
        customerId: 'c-1',
        tier: 'standard' as const,
        channel: 'store' as const,
        category: 'returns',
        priority: 'P3' as const,
        status: 'resolved',
        level: 1,
        createdAt: TEST_T0 - n * 10 * DAY,
        updatedAt: TEST_T0,
        escalated: true,
        breached: false,
      })),
    );
    const ticketId = await deskWith({ kind: 'risk_above', score: 90 });
    await deriveAlertRequest(database, [ticketId], TEST_T0 + MINUTE);
    expect((await database.ticketSla.get(ticketId))?.risk?.pastEscalations).toBe(2);
  });

  it.each([
    // [what happened to an older closed ticket, counted]
    ['created 120 days before, escalated 60 days before (inside the window)', 120, 60, 60, 1],
    ['created 120 days before, escalated 100 days before (outside the window)', 120, 100, 100, 0],
    ['created 120 days before, escalated 110 days before, a note 10 days before', 120, 110, 10, 0],
    ['created 30 days before, escalated 20 days before', 30, 20, 20, 1],
  ])(
    'counts an older ticket by when it was escalated: %s',
    async (_, createdDays, escalatedDays, touchedDays, counted) => {
      await database.tickets.put({
        id: 'OLD-1',
        title: 'Earlier',
        description: '',
        customerId: 'c-1',
        tier: 'standard',
        channel: 'store',
        category: 'returns',
        priority: 'P3',
        status: 'closed',
        level: 1,
        createdAt: TEST_T0 - createdDays * DAY,
        updatedAt: TEST_T0 - touchedDays * DAY,
        escalated: true,
        breached: false,
      });
      const escalated: DeskEvent = {
        id: 'OLD-1-escalated',
        ticketId: 'OLD-1',
        at: TEST_T0 - escalatedDays * DAY,
        by: 'agent-1',
        type: 'escalated',
        escalationType: 'hierarchical',
        fromLevel: 0,
        toLevel: 1,
        reason: 'Customer asked for a manager',
      };
      await database.events.put(escalated);
      const ticketId = await deskWith({ kind: 'risk_above', score: 90 });
      await deriveAlertRequest(database, 'all', TEST_T0 + MINUTE);
      expect((await database.ticketSla.get(ticketId))?.risk?.pastEscalations).toBe(counted);
    },
  );

  it("re-derives the customer's other open tickets when one of theirs changes", async () => {
    const first = await deskWith({ kind: 'risk_above', score: 90 });
    const second = await createTicket(
      {
        title: 'Another exchange refused',
        description: 'Same store again.',
        customerId: 'c-1',
        tier: 'standard',
        channel: 'store',
        category: 'returns',
        priority: 'P3',
      },
      TEST_T0 + DAY,
      database,
    );
    await deriveAlertRequest(database, 'all', TEST_T0 + DAY);
    expect((await database.ticketSla.get(second.id))?.risk?.pastEscalations).toBe(0);
    // The first ticket is escalated: the second, created after it, now has one past escalation.
    await database.tickets.update(first, { escalated: true, level: 1 });
    const { request, restated } = await deriveAlertRequest(database, [first], TEST_T0 + DAY);
    expect(request.scope).toEqual([first, second.id]);
    expect(restated).toEqual([second.id]);
    expect((await database.ticketSla.get(second.id))?.risk?.pastEscalations).toBe(1);
  });
});
