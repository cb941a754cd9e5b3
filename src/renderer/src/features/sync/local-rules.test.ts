import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlaPolicy, Ticket } from '@core/index';
import { DeskDatabase } from '../../db/database';
import { testTicket } from '../assist/test-tickets';
import { versionKey } from '../../db/outbox';
import { localRules, planTeamRulesOnly } from './local-rules';
import { REJECTED_KEY, type RejectedChange } from './sync-store';

const calendar = 'cal-247';
const policy = (id: string, priorities: Ticket['priority'][]): SlaPolicy => ({
  id,
  name: id,
  conditions: { priorities },
  calendar,
  targets: { resolution: { minutes: 60, mode: 'calendar' } },
  pauseStatuses: [],
  warningPercents: [],
});

const ticket = (id: string, priority: Ticket['priority']): Ticket =>
  testTicket(id, { priority, status: 'open', resolvedAt: undefined });

let database: DeskDatabase;

beforeEach(async () => {
  database = new DeskDatabase(`local-rules-${Math.random()}`);
  await database.calendars.put({
    id: calendar,
    name: '24/7',
    calendar: { timeZone: 'UTC', week: { mon: [{ from: '00:00', to: '24:00' }] } },
    updatedAt: 1,
  });
  // The team's P2 policy came down with a pull; the store's P1 policy never left the desk.
  await database.policies.bulkPut([
    { id: 'team-p2', order: 0, policy: policy('team-p2', ['P2']), updatedAt: 1 },
    { id: 'store-p1', order: 1, policy: policy('store-p1', ['P1']), updatedAt: 1 },
  ]);
  await database.syncMeta.bulkPut([
    { key: versionKey('policies', 'team-p2'), value: 3 },
    { key: versionKey('calendars', calendar), value: 1 },
  ]);
});

afterEach(async () => {
  database.close();
  await Dexie.delete(database.name);
});

describe('localRules', () => {
  it('lists the rows with no server version, whatever the refusals say', async () => {
    expect(await localRules(database)).toEqual([
      { table: 'policies', id: 'store-p1', name: 'store-p1' },
    ]);
    const refusal: RejectedChange = {
      mid: 4,
      table: 'policies',
      id: 'team-p2',
      code: 'forbidden',
      reason: 'Only managers and admins can change the SLA policies.',
      at: 1,
      serverRow: null,
      kept: true,
    };
    // A refusal kept before the team's version came down: the row is the team's now.
    await database.syncMeta.put({ key: REJECTED_KEY, value: [refusal] });
    expect((await localRules(database)).map((rule) => rule.id)).toEqual(['store-p1']);
    // A kept refusal removes the row's version (the engine does it): the row is this desk's own.
    await database.syncMeta.delete(versionKey('policies', 'team-p2'));
    expect((await localRules(database)).map((rule) => rule.id)).toEqual(['team-p2', 'store-p1']);
  });
});

describe('planTeamRulesOnly', () => {
  it('counts the open tickets only a dropped policy covers', async () => {
    await database.tickets.bulkPut([ticket('T-1', 'P1'), ticket('T-2', 'P2'), ticket('T-3', 'P1')]);
    await database.ticketSla.bulkPut(
      ['T-1', 'T-2'].map((ticketId) => ({ ticketId, state: 'running' as const, open: 1 as const })),
    );
    const plan = await planTeamRulesOnly(database, { countUncovered: true });
    expect(plan.drop.map((rule) => rule.id)).toEqual(['store-p1']);
    // T-1 loses its clock; T-2 has the team's; T-3 is not open.
    expect(plan.uncovered).toBe(1);
    expect((await planTeamRulesOnly(database)).uncovered).toBeUndefined();
  });
});
