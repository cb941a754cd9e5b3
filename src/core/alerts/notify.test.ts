import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALERT_PREFERENCES,
  type AlertPreferences,
  type AlertTicket,
  type FiredAlert,
} from '../contracts/alerts';
import { planAlertNotifications, type PlanOptions } from './notify';

const MINUTE = 60_000;
const NOW = Date.parse('2025-01-15T10:00Z');

const TIER2 = { teamId: 'tier2', team: 'Tier 2 Support' };
const BILLING = { teamId: 'billing', team: 'Billing' };

const ticket = (id: string, fields: Partial<AlertTicket> = {}): AlertTicket => ({
  id,
  title: `Title of ${id}`,
  customer: `Customer of ${id}`,
  priority: 'P2',
  ...fields,
});

const warning = (ticketId: string, fields: Partial<FiredAlert> = {}): FiredAlert => ({
  key: `${ticketId}:resolution:warn:75`,
  at: NOW,
  ticketId,
  kind: 'sla_warning',
  target: 'resolution',
  percent: 75,
  dueAt: NOW + 20 * MINUTE,
  firedAt: NOW,
  late: false,
  ...fields,
});
const breach = (ticketId: string, fields: Partial<FiredAlert> = {}): FiredAlert => ({
  key: `${ticketId}:resolution:breach`,
  at: NOW,
  ticketId,
  kind: 'sla_breach',
  target: 'resolution',
  firedAt: NOW,
  late: false,
  ...fields,
});
const escalation = (ticketId: string, fields: Partial<FiredAlert> = {}): FiredAlert => ({
  key: `${ticketId}:level:2`,
  at: NOW,
  ticketId,
  kind: 'escalation',
  level: 2,
  to: 'Dana Smith',
  firedAt: NOW,
  late: false,
  ...fields,
});
const reminder = (ticketId: string, fields: Partial<FiredAlert> = {}): FiredAlert => ({
  key: `${ticketId}:level:2:repeat:1`,
  at: NOW,
  ticketId,
  kind: 'escalation_repeat',
  level: 2,
  to: 'Dana Smith',
  repeat: 1,
  firedAt: NOW,
  late: false,
  ...fields,
});

const preferences = (fields: Partial<AlertPreferences> = {}): AlertPreferences => ({
  ...DEFAULT_ALERT_PREFERENCES,
  ...fields,
});

function plan(
  alerts: FiredAlert[],
  tickets: AlertTicket[] = [],
  prefs: AlertPreferences = preferences(),
  options: Partial<PlanOptions> = {},
) {
  return planAlertNotifications(alerts, new Map(tickets.map((t) => [t.id, t])), prefs, {
    now: NOW,
    timeZone: 'UTC',
    ...options,
  });
}

describe('planAlertNotifications: one alert', () => {
  it('a warning names the ticket, the share used and the target, then who, what and when', () => {
    const { notifications } = plan(
      [warning('ESC-1')],
      [ticket('ESC-1', { customer: 'Acme GmbH', title: 'VPN down', priority: 'P1', ...TIER2 })],
    );
    expect(notifications).toHaveLength(1);
    const [shown] = notifications;
    expect(shown!.title).toBe('ESC-1: 75% of resolution time used');
    expect(shown!.body.split('\n')).toEqual([
      'Acme GmbH — VPN down',
      'P1 · Tier 2 Support',
      'Due in 20 min.',
    ]);
    expect(shown!.target).toEqual({ ticketId: 'ESC-1' });
    expect(shown!.keys).toEqual(['ESC-1:resolution:warn:75']);
  });

  it('a warning whose target is already due says so', () => {
    const { notifications } = plan([warning('ESC-1', { dueAt: NOW - MINUTE })], [ticket('ESC-1')]);
    expect(notifications[0]!.body).toContain('Due now.');
    expect(notifications[0]!.body).not.toContain('Due in');
  });

  it.each([
    {
      label: 'a breach',
      alert: breach('ESC-1', { target: 'first_response' }),
      title: 'ESC-1 breached first response',
    },
    {
      label: 'an escalation',
      alert: escalation('ESC-1'),
      title: 'ESC-1 escalated to L2 — Dana Smith',
    },
    {
      label: 'an escalation to no one named',
      alert: escalation('ESC-1', { to: undefined }),
      title: 'ESC-1 escalated to L2',
    },
    {
      label: 'a reminder',
      alert: reminder('ESC-1'),
      title: 'ESC-1 still waits at L2 (Dana Smith): not acknowledged',
    },
  ])('$label is titled "$title"', ({ alert, title }) => {
    expect(plan([alert], [ticket('ESC-1')]).notifications.map((n) => n.title)).toEqual([title]);
  });

  it('an alert that came due while the desk was closed says so and how long ago', () => {
    const late = breach('ESC-1', { at: NOW - 3 * 60 * MINUTE, late: true });
    const { notifications } = plan([late], [ticket('ESC-1')]);
    expect(notifications[0]!.body).toContain('Came due 3 h ago, while the desk was closed.');
    const onTime = plan([breach('ESC-1')], [ticket('ESC-1')]).notifications[0]!;
    expect(onTime.body).not.toContain('closed');
  });

  it('without the ticket facts it still names the alert', () => {
    const { notifications } = plan([breach('ESC-7')]);
    expect(notifications).toEqual([
      expect.objectContaining({
        title: 'ESC-7 breached resolution',
        body: '',
        keys: ['ESC-7:resolution:breach'],
      }),
    ]);
  });
});

describe('planAlertNotifications: sound and urgency', () => {
  it.each([
    {
      kind: 'breach',
      alert: breach('T1'),
      soundOnBreach: true,
      silent: false,
      urgency: 'critical',
    },
    {
      kind: 'breach',
      alert: breach('T1'),
      soundOnBreach: false,
      silent: true,
      urgency: 'critical',
    },
    {
      kind: 'escalation',
      alert: escalation('T1'),
      soundOnBreach: true,
      silent: true,
      urgency: 'critical',
    },
    {
      kind: 'reminder',
      alert: reminder('T1'),
      soundOnBreach: true,
      silent: true,
      urgency: 'normal',
    },
    { kind: 'warning', alert: warning('T1'), soundOnBreach: true, silent: true, urgency: 'normal' },
  ])(
    'a $kind with sound on breach $soundOnBreach: silent $silent, urgency $urgency',
    ({ alert, soundOnBreach, silent, urgency }) => {
      const [shown] = plan([alert], [ticket('T1')], preferences({ soundOnBreach })).notifications;
      expect(shown).toMatchObject({ silent, urgency });
    },
  );

  it('a group of breaches sounds; a group of warnings stays silent', () => {
    const alerts = [
      ...['T1', 'T2', 'T3'].map((id) => breach(id)),
      ...['T1', 'T2', 'T3'].map((id) => warning(id)),
    ];
    const { notifications } = plan(alerts, [], preferences({ soundOnBreach: true }));
    expect(notifications.map((n) => [n.title, n.silent, n.urgency])).toEqual([
      ['3 tickets breached resolution', false, 'critical'],
      ['3 tickets at 75% of resolution time', true, 'normal'],
    ]);
  });
});

describe('planAlertNotifications: many alerts', () => {
  it('up to three alerts notify one by one, each opening its ticket', () => {
    const { notifications } = plan(
      [warning('T1'), breach('T2'), escalation('T3')],
      ['T1', 'T2', 'T3'].map((id) => ticket(id)),
    );
    expect(notifications.map((n) => [n.target, n.keys])).toEqual([
      [{ ticketId: 'T2' }, ['T2:resolution:breach']],
      [{ ticketId: 'T3' }, ['T3:level:2']],
      [{ ticketId: 'T1' }, ['T1:resolution:warn:75']],
    ]);
  });

  it('12 breaches of resolution in one team make one notification opening the alert centre', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `ESC-${101 + i}`);
    const alerts = ids.map((id, i) => breach(id, { at: NOW - (12 - i) * MINUTE }));
    const { notifications } = plan(
      alerts,
      ids.map((id) => ticket(id, TIER2)),
    );
    expect(notifications).toHaveLength(1);
    const [group] = notifications;
    expect(group!.title).toBe('12 tickets breached resolution in Tier 2 Support');
    expect(group!.body).toBe('ESC-101, ESC-102, ESC-103 and 9 more');
    expect(group!.target).toEqual({ view: 'alerts' });
    expect([...group!.keys].sort()).toEqual(alerts.map((a) => a.key).sort());
  });

  it('groups by team and kind; a group of one notifies alone', () => {
    const alerts = [...['T1', 'T2', 'T3'].map((id) => breach(id)), breach('B1'), warning('T4')];
    const tickets = [
      ...['T1', 'T2', 'T3', 'T4'].map((id) => ticket(id, TIER2)),
      ticket('B1', BILLING),
    ];
    const { notifications } = plan(alerts, tickets);
    const byTitle = notifications.map((n) => [n.title, n.target]).sort();
    expect(byTitle).toEqual([
      ['3 tickets breached resolution in Tier 2 Support', { view: 'alerts' }],
      ['B1 breached resolution', { ticketId: 'B1' }],
      ['T4: 75% of resolution time used', { ticketId: 'T4' }],
    ]);
    const keysOf = (title: string) => notifications.find((n) => n.title === title)?.keys;
    expect(keysOf('B1 breached resolution')).toEqual(['B1:resolution:breach']);
  });

  it.each([
    ['all', [true, true, true, true], 'These came due while the desk was closed.'],
    ['some', [true, false, true, false], '2 alerts came due while the desk was closed.'],
  ])('a group says when %s of its alerts came due while the desk was closed', (_, lates, note) => {
    const alerts = lates.map((late, i) => breach(`T${i + 1}`, { late }));
    const [group] = plan(alerts).notifications;
    expect(group!.body.split('\n')).toEqual(['T1, T2, T3 and 1 more', note]);
  });

  it('more than three groups make one summary that counts by kind', () => {
    const alerts = [
      breach('T1'),
      breach('T2'),
      breach('B1'),
      breach('B2'),
      warning('T3'),
      warning('T4'),
      escalation('T5'),
    ];
    const tickets = [
      ...['T1', 'T2', 'T3', 'T4', 'T5'].map((id) => ticket(id, TIER2)),
      ...['B1', 'B2'].map((id) => ticket(id, BILLING)),
    ];
    const { notifications } = plan(alerts, tickets);
    expect(notifications).toHaveLength(1);
    const [summary] = notifications;
    expect(summary!.title).toBe('7 SLA alerts: 4 breaches · 1 escalation · 2 warnings');
    expect(summary!.body.split('\n')).toHaveLength(3);
    expect(summary!.body).toContain('2 tickets breached resolution in Tier 2 Support');
    expect(summary!.body).toContain('2 tickets breached resolution in Billing');
    expect(summary!.target).toEqual({ view: 'alerts' });
    expect(summary!.urgency).toBe('critical');
    expect([...summary!.keys].sort()).toEqual(alerts.map((a) => a.key).sort());
  });
});

describe('planAlertNotifications: preferences', () => {
  const tickets = [ticket('T1', TIER2), ticket('B1', BILLING), ticket('N1')];
  const alerts = [breach('T1'), breach('B1'), breach('N1')];

  it('notifies only for followed teams; tickets with no team always notify', () => {
    const result = plan(alerts, tickets, preferences({ followedTeamIds: ['tier2'] }));
    expect(result.notifications.map((n) => n.target)).toEqual([
      { ticketId: 'N1' },
      { ticketId: 'T1' },
    ]);
    expect(result.muted).toBe(1);
  });

  it('following no team means every team', () => {
    const result = plan(alerts, tickets, preferences({ followedTeamIds: [] }));
    expect(result.notifications).toHaveLength(3);
    expect(result.muted).toBe(0);
  });

  const quiet = { enabled: true, from: '22:00', to: '07:00' };
  const lateEvening = Date.parse('2025-01-15T22:30Z');

  it('during quiet hours nothing notifies and every alert counts as muted', () => {
    const result = plan(alerts, tickets, preferences({ quietHours: quiet }), { now: lateEvening });
    expect(result).toEqual({ notifications: [], muted: 3, quietHours: true });
  });

  it('quiet hours are read in the chosen time zone, else the host one', () => {
    const inNewYork = preferences({ quietHours: quiet, timeZone: 'America/New_York' });
    expect(plan(alerts, tickets, inNewYork, { now: lateEvening }).notifications).toHaveLength(3);
    const hostInBerlin = { now: lateEvening, timeZone: 'Europe/Berlin' };
    const quietOnly = preferences({ quietHours: quiet });
    expect(plan(alerts, tickets, quietOnly, hostInBerlin).quietHours).toBe(true);
    const outside = plan(alerts, tickets, quietOnly, { now: NOW });
    expect(outside.quietHours).toBe(false);
    expect(outside.notifications).toHaveLength(3);
  });
});

describe('planAlertNotifications: never a flood', () => {
  const TEAMS = [TIER2, BILLING, { teamId: 'network', team: 'Network' }, {}];
  // A batch mixes a few kinds of step (a kind, its target or level, a team), so that some batches
  // notify one by one, some by group and some as one summary.
  const stepArb = fc.record({
    kind: fc.constantFrom('sla_warning', 'sla_breach', 'escalation', 'escalation_repeat'),
    target: fc.constantFrom('first_response', 'next_update', 'resolution'),
    percent: fc.constantFrom(75, 90),
    level: fc.integer({ min: 1, max: 3 }),
    team: fc.integer({ min: 0, max: TEAMS.length - 1 }),
  });
  const batchArb = fc.record({
    steps: fc.array(stepArb, { minLength: 1, maxLength: 6 }),
    alerts: fc.array(
      fc.record({
        step: fc.nat(),
        ticket: fc.integer({ min: 0, max: 20 }),
        at: fc.integer({ min: NOW - 3 * 86_400_000, max: NOW }),
      }),
      { maxLength: 40 },
    ),
    followed: fc.subarray(['tier2', 'billing', 'network']),
    soundOnBreach: fc.boolean(),
  });

  it('every shown alert is in exactly one notification, none is empty, at most three show', () => {
    fc.assert(
      fc.property(batchArb, ({ steps, alerts: specs, followed, soundOnBreach }) => {
        const tickets = new Map<string, AlertTicket>();
        const alerts: FiredAlert[] = specs.map((spec, i) => {
          const step = steps[spec.step % steps.length]!;
          const ticketId = `T${step.team}-${spec.ticket}`;
          tickets.set(ticketId, ticket(ticketId, TEAMS[step.team]));
          return {
            key: `${ticketId}:alert-${i}`,
            at: spec.at,
            ticketId,
            kind: step.kind,
            ...(step.kind.startsWith('sla')
              ? { target: step.target, percent: step.percent }
              : { level: step.level }),
            firedAt: NOW,
            late: NOW - spec.at > MINUTE,
          };
        });
        const result = plan(
          alerts,
          [...tickets.values()],
          preferences({ followedTeamIds: followed, soundOnBreach }),
        );

        const followedSet = new Set(followed);
        const shownKeys = alerts
          .filter((alert) => {
            const teamId = tickets.get(alert.ticketId)?.teamId;
            return followedSet.size === 0 || teamId === undefined || followedSet.has(teamId);
          })
          .map((alert) => alert.key);
        const notifiedKeys = result.notifications.flatMap((n) => n.keys);
        expect(notifiedKeys.sort()).toEqual(shownKeys.sort());
        expect(result.muted).toBe(alerts.length - shownKeys.length);
        expect(result.notifications.length).toBeLessThanOrEqual(3);
        for (const notification of result.notifications) {
          expect(notification.keys.length).toBeGreaterThan(0);
          const [only] = notification.keys;
          expect(notification.target).toEqual(
            notification.keys.length === 1
              ? { ticketId: alerts.find((a) => a.key === only)!.ticketId }
              : { view: 'alerts' },
          );
        }
      }),
    );
  });
});
