import { describe, expect, it } from 'vitest';
import type {
  Alert,
  AlertTicket,
  FiredAlertBatch,
  ScheduleAlertsRequest,
} from '../contracts/alerts';
import { FakeClock } from '../scheduler/fake-clock';
import {
  AlertScheduler,
  type AlertFireContext,
  type AlertSchedulerOptions,
} from './alert-scheduler';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
const START = Date.parse('2025-01-15T09:00Z');

function setup(options?: AlertSchedulerOptions) {
  const clock = new FakeClock(START);
  const fired: { batch: FiredAlertBatch; context: AlertFireContext }[] = [];
  const scheduler = new AlertScheduler(
    clock,
    (batch, context) => fired.push({ batch, context }),
    options,
  );
  const firedKeys = () => fired.map(({ batch }) => batch.alerts.map((alert) => alert.key));
  return { clock, fired, firedKeys, scheduler };
}

const warning = (ticketId: string, inMs: number): Alert => ({
  key: `${ticketId}:resolution:warn:75`,
  at: START + inMs,
  ticketId,
  kind: 'sla_warning',
  target: 'resolution',
  percent: 75,
  dueAt: START + inMs + 20 * MINUTE,
});
const breach = (ticketId: string, inMs: number): Alert => ({
  key: `${ticketId}:resolution:breach`,
  at: START + inMs,
  ticketId,
  kind: 'sla_breach',
  target: 'resolution',
});

const facts = (id: string, fields: Partial<AlertTicket> = {}): AlertTicket => ({
  id,
  title: `Title of ${id}`,
  customer: `Customer of ${id}`,
  priority: 'P2',
  ...fields,
});

/** A request whose tickets are those of its alerts and scope. */
function request(
  scope: ScheduleAlertsRequest['scope'],
  alerts: Alert[],
  tickets: AlertTicket[] = [],
): ScheduleAlertsRequest {
  const ids = new Set([...alerts.map((a) => a.ticketId), ...(scope === 'all' ? [] : scope)]);
  const given = new Map(tickets.map((t) => [t.id, t]));
  return { scope, alerts, tickets: [...ids].map((id) => given.get(id) ?? facts(id)) };
}

describe('AlertScheduler', () => {
  it('fires each alert at its time, once', () => {
    const { clock, firedKeys, fired, scheduler } = setup();
    scheduler.schedule(request('all', [warning('A', MINUTE), breach('A', 5 * MINUTE)]));
    clock.advance(MINUTE - 1);
    expect(firedKeys()).toEqual([]);
    clock.advance(1);
    expect(firedKeys()).toEqual([['A:resolution:warn:75']]);
    clock.advance(DAY);
    expect(firedKeys()).toEqual([['A:resolution:warn:75'], ['A:resolution:breach']]);
    expect(fired.map(({ batch }) => batch.firedAt)).toEqual([START + MINUTE, START + 5 * MINUTE]);
    expect(scheduler.size).toBe(0);
  });

  it("scope 'all' replaces every alert", () => {
    const { clock, firedKeys, scheduler } = setup();
    scheduler.schedule(request('all', [warning('A', MINUTE), breach('B', 2 * MINUTE)]));
    scheduler.schedule(request('all', [breach('C', 3 * MINUTE)]));
    expect(scheduler.size).toBe(1);
    expect(scheduler.ticket('A')).toBeUndefined();
    clock.advance(DAY);
    expect(firedKeys()).toEqual([['C:resolution:breach']]);
  });

  it("a ticket's request replaces that ticket's alerts and leaves the others alone", () => {
    const { clock, firedKeys, scheduler } = setup();
    scheduler.schedule(
      request('all', [warning('A', MINUTE), breach('A', 5 * MINUTE), breach('B', 2 * MINUTE)]),
    );
    // A's warning is gone (say a reply met the target) and its breach moved later.
    scheduler.schedule(request(['A'], [breach('A', 7 * MINUTE)]));
    expect(scheduler.size).toBe(2);
    clock.advance(DAY);
    expect(firedKeys()).toEqual([['B:resolution:breach'], ['A:resolution:breach']]);
  });

  it("a ticket's request without alerts cancels that ticket's alerts", () => {
    const { clock, firedKeys, scheduler } = setup();
    scheduler.schedule(request('all', [warning('A', MINUTE), breach('B', 2 * MINUTE)]));
    scheduler.schedule(request(['A'], []));
    expect(scheduler.ticket('A')).toBeUndefined();
    expect(scheduler.ticket('B')).toEqual(facts('B'));
    clock.advance(DAY);
    expect(firedKeys()).toEqual([['B:resolution:breach']]);
  });

  it('handing the same request twice changes nothing: each alert fires once', () => {
    const { clock, firedKeys, scheduler } = setup();
    const same = request(['A', 'B'], [warning('A', MINUTE), breach('B', MINUTE)]);
    scheduler.schedule(same);
    scheduler.schedule(same);
    scheduler.schedule(request('all', same.alerts, same.tickets));
    scheduler.schedule(request('all', same.alerts, same.tickets));
    expect(scheduler.size).toBe(2);
    clock.advance(DAY);
    expect(firedKeys()).toEqual([['A:resolution:warn:75', 'B:resolution:breach']]);
  });

  it('marks an alert late only when it fires more than a minute after it was due', () => {
    const { clock, fired, scheduler } = setup();
    scheduler.schedule(
      request('all', [
        breach('A', MINUTE),
        breach('B', 29 * MINUTE),
        breach('C', 29 * MINUTE + 30 * SECOND),
        breach('D', 2 * 60 * MINUTE),
      ]),
    );
    clock.sleep(30 * MINUTE);
    scheduler.recheck();
    expect(fired).toHaveLength(1);
    const { batch } = fired[0]!;
    expect(batch.firedAt).toBe(START + 30 * MINUTE);
    expect(batch.alerts.map((alert) => [alert.ticketId, alert.firedAt, alert.late])).toEqual([
      ['A', START + 30 * MINUTE, true],
      ['B', START + 30 * MINUTE, false],
      ['C', START + 30 * MINUTE, false],
    ]);
    clock.advance(2 * 60 * MINUTE);
    expect(fired[1]!.batch.alerts).toEqual([
      { ...breach('D', 2 * 60 * MINUTE), firedAt: START + 2 * 60 * MINUTE, late: false },
    ]);
  });

  it('a key fired before fires again when re-scheduled, but is not fresh', () => {
    const { clock, fired, scheduler } = setup();
    scheduler.schedule(request('all', [breach('A', MINUTE)]));
    clock.advance(MINUTE);
    expect(fired[0]!.context.fresh.map((alert) => alert.key)).toEqual(['A:resolution:breach']);
    // The desk had not recorded the breach yet: it hands it over again with a new warning.
    const firstResponse: Alert = {
      ...warning('A', 0),
      key: 'A:first_response:warn:75',
      target: 'first_response',
    };
    scheduler.schedule(request(['A'], [breach('A', MINUTE), firstResponse]));
    clock.advance(0);
    expect(fired).toHaveLength(2);
    const { batch, context } = fired[1]!;
    expect(batch.alerts.map((alert) => alert.key).sort()).toEqual([
      'A:first_response:warn:75',
      'A:resolution:breach',
    ]);
    expect(context.fresh.map((alert) => alert.key)).toEqual(['A:first_response:warn:75']);
  });

  it('forgets fired keys after the remembering time', () => {
    const { clock, fired, scheduler } = setup({ rememberFiredMs: 10 * MINUTE });
    scheduler.schedule(request('all', [breach('A', MINUTE), breach('B', 20 * MINUTE)]));
    clock.advance(20 * MINUTE);
    scheduler.schedule(request(['A'], [breach('A', MINUTE)]));
    clock.advance(0);
    expect(fired.map(({ context }) => context.fresh.map((alert) => alert.key))).toEqual([
      ['A:resolution:breach'],
      ['B:resolution:breach'],
      ['A:resolution:breach'],
    ]);
  });

  it("hands the facts of the batch's tickets, as last given", () => {
    const { clock, fired, scheduler } = setup();
    scheduler.schedule(
      request(
        'all',
        [breach('A', MINUTE), breach('B', MINUTE), breach('C', 5 * MINUTE)],
        [facts('A', { title: 'Old title' })],
      ),
    );
    scheduler.schedule(
      request(['A'], [breach('A', MINUTE)], [facts('A', { title: 'VPN down', teamId: 'tier2' })]),
    );
    clock.advance(MINUTE);
    const { tickets } = fired[0]!.context;
    expect([...tickets.keys()].sort()).toEqual(['A', 'B']);
    expect(tickets.get('A')).toEqual(facts('A', { title: 'VPN down', teamId: 'tier2' }));
    expect(scheduler.ticket('A')).toBeUndefined();
    expect(scheduler.ticket('C')).toEqual(facts('C'));
  });

  it('fires an alert 30 days away at its time, never waiting more than a minute at once', () => {
    const { clock, fired, scheduler } = setup();
    scheduler.schedule(request('all', [breach('A', 30 * DAY)]));
    clock.advance(30 * DAY - 1);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired.map(({ batch }) => [batch.firedAt, batch.alerts[0]!.late])).toEqual([
      [START + 30 * DAY, false],
    ]);
    expect(clock.longestWait).toBeLessThanOrEqual(MINUTE);
  });

  it('stops waking up when stopped, and fires what came due on the next recheck', () => {
    const { clock, firedKeys, scheduler } = setup();
    scheduler.schedule(request('all', [breach('A', MINUTE)]));
    scheduler.stop();
    clock.advance(10 * MINUTE);
    expect(firedKeys()).toEqual([]);
    scheduler.recheck();
    expect(firedKeys()).toEqual([['A:resolution:breach']]);
  });

  it('of one clock’s instants that came due together, only the latest fires', () => {
    const { clock, fired, scheduler } = setup();
    const ninety: Alert = {
      ...warning('A', 20 * MINUTE),
      key: 'A:resolution:warn:90',
      percent: 90,
    };
    const repeat = (level: number, n: number, inMs: number): Alert => ({
      key: `A:level:${level}:repeat:${n}`,
      at: START + inMs,
      ticketId: 'A',
      kind: 'escalation_repeat',
      level,
      repeat: n,
    });
    const level2: Alert = {
      key: 'A:level:2',
      at: START + 25 * MINUTE,
      ticketId: 'A',
      kind: 'escalation',
      level: 2,
    };
    scheduler.schedule(
      request('all', [
        warning('A', 10 * MINUTE),
        ninety,
        breach('A', 30 * MINUTE),
        repeat(1, 1, 5 * MINUTE),
        repeat(1, 2, 15 * MINUTE),
        level2,
        repeat(2, 1, 28 * MINUTE),
        repeat(2, 2, 29 * MINUTE),
        warning('B', 10 * MINUTE),
      ]),
    );
    // The machine sleeps through all of it.
    clock.sleep(60 * MINUTE);
    scheduler.recheck();
    expect(fired).toHaveLength(1);
    expect(fired[0]!.batch.alerts.map((alert) => alert.key).sort()).toEqual([
      'A:level:2',
      'A:level:2:repeat:2',
      'A:resolution:breach',
      'B:resolution:warn:75',
    ]);
    expect(scheduler.size).toBe(0);
  });
});
