import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AlertScheduler,
  changeStatus,
  DEFAULT_ALERT_PREFERENCES,
  resolveTicket,
  unpackScheduleAlerts,
  type AlertPreferences,
  type BadgeCounts,
  type DeskApi,
  type EscalationMatrix,
  type FiredAlertBatch,
  type ScheduleAlertsRequest,
} from '@core/index';
import { FakeClock } from '@core/scheduler/fake-clock';
import { openTestDesk, TEST_T0 } from '../../db/test-desk';
import type { DeskDatabase } from '../../db/database';
import { onDeskChanged, onTicketsRestated } from '../../db/desk-changes';
import { writeSetting } from '../../db/settings';
import { applyWorkflow, createTicket, ticketEvents } from '../../db/ticket-writes';
import { startAlertEngine, type AlertEngine } from './alert-engine';
import { acknowledgeAlerts } from './alert-writes';
import type { DeriveProgress } from './derive-alerts';
import { useDeskScan } from './desk-scan';
import { inPageDeskWork, type DeskWork } from './desk-work';

const MINUTE = 60_000;
const T0 = TEST_T0;

const matrix: EscalationMatrix = {
  rows: [
    {
      id: 'row-all',
      name: 'Everything',
      criteria: {},
      levels: [
        {
          id: 'l1',
          name: 'Billing specialists',
          type: 'functional',
          owner: { kind: 'team', id: 'team-billing', name: 'Billing', contacts: [] },
          trigger: { kind: 'sla_percent', target: 'resolution', percent: 50 },
          actions: [{ kind: 'reassign' }, { kind: 'raise_priority' }],
          repeat: { kind: 'every', minutes: 30, maxTimes: 3 },
        },
      ],
    },
  ],
};

/** A host with the real core alert scheduler on the fake clock, and nothing else. */
function fakeHost(clock: FakeClock) {
  const fired: ((batch: FiredAlertBatch) => void)[] = [];
  const acknowledged: ((keys: string[]) => void)[] = [];
  const requests: ScheduleAlertsRequest[] = [];
  const badges: BadgeCounts[] = [];
  const preferences: AlertPreferences[] = [];
  const scheduler = new AlertScheduler(clock, (batch) => {
    for (const listener of fired) listener(batch);
  });
  const host: Pick<
    DeskApi,
    | 'scheduleAlerts'
    | 'onAlertsFired'
    | 'onAlertsAcknowledged'
    | 'setAlertPreferences'
    | 'setBadgeCounts'
  > = {
    scheduleAlerts: async (payload) => {
      const request = unpackScheduleAlerts(payload);
      requests.push(request);
      scheduler.schedule(request);
    },
    onAlertsFired: (listener) => {
      fired.push(listener);
      return () => fired.splice(fired.indexOf(listener), 1);
    },
    onAlertsAcknowledged: (listener) => {
      acknowledged.push(listener);
      return () => acknowledged.splice(acknowledged.indexOf(listener), 1);
    },
    setAlertPreferences: async (value) => {
      preferences.push(value);
    },
    setBadgeCounts: async (counts) => {
      badges.push(counts);
    },
  };
  return {
    host: host as DeskApi,
    requests,
    badges,
    preferences,
    scheduler,
    acknowledgeFromNotification: (keys: string[]) => acknowledged.forEach((l) => l(keys)),
  };
}

let database: DeskDatabase;
let clock: FakeClock;
let engines: AlertEngine[];

beforeEach(async () => {
  database = await openTestDesk('alerts');
  clock = new FakeClock(T0);
  engines = [];
  await database.matrices.put({ id: 'active', version: 1, matrix, updatedAt: 0 });
  await database.customers.put({ id: 'c-1', name: 'Acme Retail', tier: 'enterprise' });
  await database.teams.put({ id: 'team-billing', name: 'Billing', skills: [] });
});
afterEach(async () => {
  for (const engine of engines) engine.stop();
  await database.delete();
});

function start(host: DeskApi) {
  const engine = startAlertEngine(host, { database, now: clock.now, debounceMs: 0 });
  engines.push(engine);
  return engine;
}

const newTicket = () =>
  createTicket(
    {
      title: 'Refund never arrived',
      description: 'Card refund missing for two weeks',
      customerId: 'c-1',
      tier: 'enterprise',
      channel: 'store',
      category: 'billing',
      priority: 'P3',
    },
    clock.now(),
    database,
  );

async function settle(engine: AlertEngine) {
  // Recording a batch asks for a re-derive, which may fire again: settle until quiet.
  for (let round = 0; round < 5; round++) await engine.idle();
}

const alertRows = async () =>
  (await database.firedAlerts.orderBy('firedAt').toArray()).map((row) => ({
    key: row.key,
    state: row.state,
    late: row.late ?? false,
  }));

describe('the alert engine', () => {
  it('hands every open ticket’s alerts to the host at start, with what notifications say', async () => {
    const ticket = await newTicket();
    const fake = fakeHost(clock);
    await settle(start(fake.host));
    const [first] = fake.requests;
    expect(first?.scope).toBe('all');
    expect(first?.tickets).toEqual([
      {
        id: ticket.id,
        title: 'Refund never arrived',
        customer: 'Acme Retail',
        priority: 'P3',
      },
    ]);
    expect(first?.alerts.map((alert) => [alert.key, alert.at - T0])).toEqual([
      [`${ticket.id}:first_response:warn:75`, 45 * MINUTE],
      [`${ticket.id}:first_response:breach`, 60 * MINUTE],
      [`${ticket.id}:level:1`, 240 * MINUTE],
      [`${ticket.id}:level:1:repeat:1`, 270 * MINUTE],
      [`${ticket.id}:level:1:repeat:2`, 300 * MINUTE],
      [`${ticket.id}:level:1:repeat:3`, 330 * MINUTE],
      [`${ticket.id}:resolution:warn:75`, 360 * MINUTE],
      [`${ticket.id}:resolution:breach`, 480 * MINUTE],
    ]);
    expect(first?.alerts.find((a) => a.kind === 'escalation')?.to).toBe('Billing');
    expect(fake.preferences.at(-1)).toEqual(DEFAULT_ALERT_PREFERENCES);
  });

  it('records the warning, then the breach, each once, and counts them for the badge', async () => {
    const ticket = await newTicket();
    const fake = fakeHost(clock);
    const engine = start(fake.host);
    await settle(engine);

    clock.advanceTo(T0 + 46 * MINUTE);
    await settle(engine);
    let events = await ticketEvents(ticket.id, database);
    expect(events.filter((e) => e.type === 'sla_warning')).toEqual([
      expect.objectContaining({
        by: 'system',
        at: T0 + 45 * MINUTE,
        target: 'first_response',
        percent: 75,
        dueAt: T0 + 60 * MINUTE,
      }),
    ]);
    expect(await alertRows()).toEqual([
      { key: `${ticket.id}:first_response:warn:75`, state: 'new', late: false },
    ]);
    expect(fake.badges.at(-1)).toEqual({ breached: 0, atRisk: 1 });
    // The host was told the ticket's remaining alerts, without the one that fired.
    const scoped = fake.requests.at(-1)!;
    expect(scoped.scope).toEqual([ticket.id]);
    expect(scoped.alerts.map((a) => a.key)).not.toContain(`${ticket.id}:first_response:warn:75`);

    clock.advanceTo(T0 + 61 * MINUTE);
    await settle(engine);
    events = await ticketEvents(ticket.id, database);
    expect(events.filter((e) => e.type === 'sla_breached')).toHaveLength(1);
    expect((await database.tickets.get(ticket.id))?.breached).toBe(true);
    expect(fake.badges.at(-1)).toEqual({ breached: 1, atRisk: 0 });
    expect((await alertRows()).map((row) => row.key)).toEqual([
      `${ticket.id}:first_response:warn:75`,
      `${ticket.id}:first_response:breach`,
    ]);
  });

  it('records a batch delivered twice only once', async () => {
    const ticket = await newTicket();
    const fake = fakeHost(clock);
    const engine = start(fake.host);
    await settle(engine);
    const batch: FiredAlertBatch = {
      firedAt: T0 + 46 * MINUTE,
      alerts: [
        {
          key: `${ticket.id}:first_response:warn:75`,
          at: T0 + 45 * MINUTE,
          ticketId: ticket.id,
          kind: 'sla_warning',
          target: 'first_response',
          percent: 75,
          firedAt: T0 + 46 * MINUTE,
          late: false,
        },
      ],
    };
    clock.advanceTo(batch.firedAt);
    const { recordFiredAlerts } = await import('./record-alerts');
    await recordFiredAlerts(database, batch);
    await recordFiredAlerts(database, batch);
    const events = await ticketEvents(ticket.id, database);
    expect(events.filter((e) => e.type === 'sla_warning')).toHaveLength(1);
    expect(await database.firedAlerts.count()).toBe(1);
  });

  it('applies the matrix step: escalates, reassigns to the level’s team and raises priority', async () => {
    const ticket = await newTicket();
    const fake = fakeHost(clock);
    const engine = start(fake.host);
    await settle(engine);
    // The queue and the other views hear of the ticket the engine changed.
    const heard: string[] = [];
    const stopListening = onDeskChanged((ids) => {
      if (ids !== 'all') heard.push(...ids);
    });
    clock.advanceTo(T0 + 241 * MINUTE);
    await settle(engine);
    stopListening();
    expect(heard).toContain(ticket.id);
    const stored = await database.tickets.get(ticket.id);
    expect(stored).toMatchObject({
      level: 1,
      teamId: 'team-billing',
      priority: 'P2',
      escalated: true,
    });
    const escalated = (await ticketEvents(ticket.id, database)).find((e) => e.type === 'escalated');
    expect(escalated).toMatchObject({
      by: 'system',
      fromLevel: 0,
      toLevel: 1,
      escalationType: 'functional',
      toTeamId: 'team-billing',
      reason: 'Automatic: 50% of resolution time used',
    });
    // The notification facts now name the new team.
    expect(fake.requests.at(-1)?.tickets[0]).toMatchObject({
      teamId: 'team-billing',
      team: 'Billing',
    });
  });

  it('acknowledging an alert stops its reminders', async () => {
    const ticket = await newTicket();
    const fake = fakeHost(clock);
    const engine = start(fake.host);
    await settle(engine);
    clock.advanceTo(T0 + 241 * MINUTE);
    await settle(engine);
    const repeats = () =>
      fake.requests.at(-1)!.alerts.filter((alert) => alert.kind === 'escalation_repeat');
    expect(repeats()).toHaveLength(3);

    fake.acknowledgeFromNotification([`${ticket.id}:level:1`]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await settle(engine);
    expect((await database.firedAlerts.get(`${ticket.id}:level:1`))?.state).toBe('acknowledged');
    expect(repeats()).toEqual([]);
    clock.advanceTo(T0 + 340 * MINUTE);
    await settle(engine);
    expect((await alertRows()).some((row) => row.key.includes('repeat'))).toBe(false);
  });

  it('after a restart, an alert that came due while closed fires once, marked late', async () => {
    const ticket = await newTicket();
    const first = fakeHost(clock);
    const engine = start(first.host);
    await settle(engine);
    engine.stop();
    first.scheduler.stop();

    // The desk is closed from 09:00 to 10:30: the warning (09:45) and breach (10:00) pass unseen.
    clock.advanceTo(T0 + 90 * MINUTE);
    const second = fakeHost(clock);
    await settle(start(second.host));
    clock.advanceTo(T0 + 91 * MINUTE);
    await settle(engines.at(-1)!);
    // Only the latest instant of the clock is due (the warning is stale): the breach, late.
    expect(await alertRows()).toEqual([
      { key: `${ticket.id}:first_response:breach`, state: 'new', late: true },
    ]);

    engines.at(-1)!.stop();
    second.scheduler.stop();
    const third = fakeHost(clock);
    await settle(start(third.host));
    clock.advanceTo(T0 + 92 * MINUTE);
    await settle(engines.at(-1)!);
    expect(await alertRows()).toHaveLength(1);
    expect(third.requests[0]?.alerts.map((a) => a.key)).not.toContain(
      `${ticket.id}:first_response:breach`,
    );
  });

  it('resolving a ticket resolves its alerts and cancels what is pending', async () => {
    const ticket = await newTicket();
    const fake = fakeHost(clock);
    const engine = start(fake.host);
    await settle(engine);
    clock.advanceTo(T0 + 46 * MINUTE);
    await settle(engine);
    await applyWorkflow(
      ticket.id,
      (t, ctx) => changeStatus(t, 'open', undefined, ctx),
      clock.now(),
      database,
    );
    await applyWorkflow(
      ticket.id,
      (t, ctx) => resolveTicket(t, { rootCause: 'billing_error', notes: 'Refund reissued' }, ctx),
      clock.now(),
      database,
    );
    await settle(engine);
    expect(await alertRows()).toEqual([
      { key: `${ticket.id}:first_response:warn:75`, state: 'resolved', late: false },
    ]);
    expect(fake.requests.at(-1)).toMatchObject({ scope: [ticket.id], alerts: [] });
    expect(fake.scheduler.size).toBe(0);
  });

  it('hands changed alert preferences to the host', async () => {
    const fake = fakeHost(clock);
    await settle(start(fake.host));
    const quiet: AlertPreferences = {
      followedTeamIds: ['team-billing'],
      quietHours: { enabled: true, from: '22:00', to: '07:00' },
      soundOnBreach: true,
    };
    await writeSetting('alertPreferences', quiet, database);
    await expect.poll(() => fake.preferences.at(-1)).toEqual(quiet);
  });

  it('acknowledging twice changes nothing the second time', async () => {
    const ticket = await newTicket();
    const fake = fakeHost(clock);
    const engine = start(fake.host);
    await settle(engine);
    clock.advanceTo(T0 + 46 * MINUTE);
    await settle(engine);
    const key = `${ticket.id}:first_response:warn:75`;
    expect(await acknowledgeAlerts([key], clock.now(), database)).toBe(1);
    expect(await acknowledgeAlerts([key], clock.now(), database)).toBe(0);
    expect(await database.firedAlerts.get(key)).toMatchObject({
      state: 'acknowledged',
      acknowledgedAt: clock.now(),
      acknowledgedBy: 'local-user',
    });
  });

  it('shows a whole-desk pass’s progress and announces its risk signals as it goes, each once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const restatements: string[][] = [];
      const unsubscribe = onTicketsRestated((ids) => restatements.push([...ids]));
      let report: (progress: DeriveProgress) => void = () => {};
      let finish: () => void = () => {};
      const slices = new Promise<void>((resolve) => (finish = resolve));
      const work: DeskWork = {
        ...inPageDeskWork(database),
        derive: async (scope, _now, onProgress) => {
          report = onProgress ?? (() => {});
          await slices;
          return {
            schedule: { scope: 'all', tickets: [], alerts: [] },
            restated: scope === 'all' ? ['t-1', 't-2', 't-3', 't-4'] : [],
          };
        },
      };
      const engine = startAlertEngine(fakeHost(clock).host, { database, work, debounceMs: 0 });
      engines.push(engine);
      await vi.waitFor(() => expect(useDeskScan.getState().scan).toEqual({ done: 0, total: 0 }));

      report({ done: 100, total: 400, restated: ['t-1', 't-2'] });
      expect(useDeskScan.getState().scan).toEqual({ done: 100, total: 400 });
      // Held back for a moment, then announced with what came since.
      expect(restatements).toEqual([]);
      vi.setSystemTime(Date.now() + 2_100);
      report({ done: 300, total: 400, restated: ['t-3'] });
      expect(restatements).toEqual([['t-1', 't-2', 't-3']]);
      report({ done: 400, total: 400, restated: ['t-4'] });
      finish();
      await settle(engine);
      // The rest at the end; none twice.
      expect(restatements).toEqual([['t-1', 't-2', 't-3'], ['t-4']]);
      expect(useDeskScan.getState().scan).toBeUndefined();
      unsubscribe();
    } finally {
      vi.useRealTimers();
    }
  });
});
