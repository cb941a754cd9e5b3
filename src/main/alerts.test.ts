import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  class FakeNotification {
    static supported = true;
    static created: FakeNotification[] = [];
    static isSupported = vi.fn(() => FakeNotification.supported);
    readonly listeners = new Map<string, Listener[]>();
    show = vi.fn();
    close = vi.fn(() => this.emit('close'));
    constructor(readonly options: Record<string, unknown>) {
      FakeNotification.created.push(this);
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
  }
  return { Notification: FakeNotification };
});

vi.mock('electron', () => ({ Notification: electron.Notification }));

import type { PowerMonitor } from 'electron';
import {
  AcknowledgedKeysSchema,
  DEFAULT_ALERT_PREFERENCES,
  type Alert,
  type AlertPreferences,
  type AlertTicket,
  type FiredAlertBatch,
  type ScheduleAlertsRequest,
} from '@core/contracts';
import { DeskAlerts, acknowledgementMessages } from './alerts';
import { whenJsonWritesSettled } from './json-file';
import { DeskNotifier } from './notifications';

const { Notification } = electron;
const MINUTE = 60_000;
/** 2030-03-04 10:00 UTC, a Monday morning. */
const T0 = Date.UTC(2030, 2, 4, 10, 0);

const tier2 = { teamId: 'tier-2', team: 'Tier 2 Support' };

function ticket(id: string, overrides: Partial<AlertTicket> = {}): AlertTicket {
  return {
    id,
    title: 'Checkout fails for EU cards',
    customer: 'Acme GmbH',
    priority: 'P1',
    ...tier2,
    ...overrides,
  };
}

function breach(ticketId: string, at: number): Alert {
  return {
    key: `${ticketId}:resolution:breach`,
    at,
    ticketId,
    kind: 'sla_breach',
    target: 'resolution',
  };
}

function request(alerts: Alert[], tickets: AlertTicket[]): ScheduleAlertsRequest {
  return { scope: 'all', tickets, alerts };
}

/** Main's alert path as wired in index.ts: DeskAlerts → DeskNotifier → (mocked) Notification. */
function setup(options: { platform?: NodeJS.Platform; preferencesFile?: string } = {}) {
  const delivered: FiredAlertBatch[] = [];
  const onClick = vi.fn();
  const onAcknowledge = vi.fn();
  const notifier = new DeskNotifier({ onClick, onAcknowledge }, options.platform ?? 'darwin');
  const alerts = new DeskAlerts({
    notify: (notification) => notifier.showAlert(notification),
    deliver: (batch) => delivered.push(batch),
    timeZone: () => 'UTC',
    ...(options.preferencesFile ? { preferencesFile: options.preferencesFile } : {}),
  });
  const shown = () => Notification.created.map((n) => n.options);
  return { alerts, delivered, onClick, onAcknowledge, shown };
}

const quietAt = (from: string, to: string): AlertPreferences => ({
  ...DEFAULT_ALERT_PREFERENCES,
  quietHours: { enabled: true, from, to },
  timeZone: 'UTC',
});

let dir: string;
beforeEach(async () => {
  vi.useFakeTimers({ now: T0 });
  Notification.supported = true;
  Notification.created = [];
  dir = await mkdtemp(join(tmpdir(), 'desk-alerts-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await whenJsonWritesSettled();
  await rm(dir, { recursive: true, force: true });
});

describe('DeskAlerts: what the notification says', () => {
  it('a warning at 75% names the ticket, the customer, the target and the time left', () => {
    const { alerts, shown, delivered } = setup();
    alerts.schedule(
      request(
        [
          {
            key: 'ESC-101:resolution:warn:75',
            at: T0 + 10 * MINUTE,
            ticketId: 'ESC-101',
            kind: 'sla_warning',
            target: 'resolution',
            percent: 75,
            dueAt: T0 + 30 * MINUTE,
          },
        ],
        [ticket('ESC-101')],
      ),
    );
    vi.advanceTimersByTime(10 * MINUTE - 1);
    expect(shown()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([
      expect.objectContaining({
        title: 'ESC-101: 75% of resolution time used',
        body: 'Acme GmbH — Checkout fails for EU cards\nP1 · Tier 2 Support\nDue in 20 min.',
        urgency: 'normal',
        silent: true,
      }),
    ]);
    expect(delivered).toHaveLength(1);
  });

  it('a breach names the ticket, customer and target; critical; silent unless sound on breach', () => {
    const { alerts, shown } = setup();
    alerts.schedule(request([breach('ESC-102', T0 + MINUTE)], [ticket('ESC-102')]));
    vi.advanceTimersByTime(MINUTE);
    expect(shown()).toEqual([
      expect.objectContaining({
        title: 'ESC-102 breached resolution',
        body: 'Acme GmbH — Checkout fails for EU cards\nP1 · Tier 2 Support',
        urgency: 'critical',
        timeoutType: 'never',
        silent: true,
      }),
    ]);
  });

  it('with sound on breach, a breach plays the sound and a warning stays silent', async () => {
    const { alerts, shown } = setup();
    await alerts.setPreferences({ ...DEFAULT_ALERT_PREFERENCES, soundOnBreach: true });
    alerts.schedule(
      request(
        [
          breach('ESC-103', T0 + MINUTE),
          {
            key: 'ESC-104:first_response:warn:75',
            at: T0 + 2 * MINUTE,
            ticketId: 'ESC-104',
            kind: 'sla_warning',
            target: 'first_response',
            percent: 75,
          },
        ],
        [ticket('ESC-103'), ticket('ESC-104')],
      ),
    );
    vi.advanceTimersByTime(2 * MINUTE);
    expect(shown().map((o) => [o.title, o.silent])).toEqual([
      ['ESC-103 breached resolution', false],
      ['ESC-104: 75% of first response time used', true],
    ]);
  });

  it('an escalation names the level and to whom', () => {
    const { alerts, shown } = setup();
    alerts.schedule(
      request(
        [
          {
            key: 'ESC-105:level:2',
            at: T0 + MINUTE,
            ticketId: 'ESC-105',
            kind: 'escalation',
            level: 2,
            to: 'Dana Smith',
          },
        ],
        [ticket('ESC-105', { customer: 'Globex', priority: 'P2' })],
      ),
    );
    vi.advanceTimersByTime(MINUTE);
    expect(shown()).toEqual([
      expect.objectContaining({
        title: 'ESC-105 escalated to L2 — Dana Smith',
        body: 'Globex — Checkout fails for EU cards\nP2 · Tier 2 Support',
        urgency: 'critical',
      }),
    ]);
  });
});

describe('DeskAlerts: grouping', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `ESC-${201 + i}`);

  it('12 breaches in one team at once make one notification, not twelve', () => {
    const { alerts, shown, delivered, onClick, onAcknowledge } = setup();
    alerts.schedule(
      request(
        ids.map((id) => breach(id, T0 + 5 * MINUTE)),
        ids.map((id) => ticket(id)),
      ),
    );
    vi.advanceTimersByTime(5 * MINUTE);
    expect(shown()).toEqual([
      expect.objectContaining({
        title: '12 tickets breached resolution in Tier 2 Support',
        body: 'ESC-201, ESC-202, ESC-203 and 9 more',
        urgency: 'critical',
      }),
    ]);
    // The desk gets every alert to record.
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.alerts.map((a) => a.ticketId)).toEqual(ids);

    // A click opens the alert centre; Acknowledge acknowledges all twelve.
    Notification.created[0]?.emit('click');
    expect(onClick).toHaveBeenCalledExactlyOnceWith({ view: 'alerts' });
    Notification.created[0]?.emit('action', { actionIndex: 0 }, 0);
    expect(onAcknowledge).toHaveBeenCalledExactlyOnceWith(
      ids.map((id) => `${id}:resolution:breach`),
    );
  });

  it('many groups at once become one summary', () => {
    const { alerts, shown } = setup();
    const teams = ['Billing', 'Tier 1', 'Tier 2', 'Tier 3', 'Platform'];
    const tickets = teams.flatMap((team, t) =>
      [0, 1].map((n) => ticket(`ESC-${300 + t * 10 + n}`, { teamId: `team-${t}`, team })),
    );
    alerts.schedule(
      request(
        tickets.map((t) => breach(t.id, T0 + MINUTE)),
        tickets,
      ),
    );
    vi.advanceTimersByTime(MINUTE);
    expect(shown()).toHaveLength(1);
    expect(shown()[0]).toMatchObject({ title: '10 SLA alerts: 10 breaches' });
  });
});

describe('DeskAlerts: a click opens the ticket', () => {
  it('clicking a single alert asks to open its ticket', () => {
    const { alerts, onClick } = setup();
    alerts.schedule(request([breach('ESC-401', T0 + MINUTE)], [ticket('ESC-401')]));
    vi.advanceTimersByTime(MINUTE);
    Notification.created[0]?.emit('click');
    expect(onClick).toHaveBeenCalledExactlyOnceWith({ ticketId: 'ESC-401' });
  });
});

describe('DeskAlerts: preferences', () => {
  it('quiet hours mute notifications, but the desk still gets the batch to record', async () => {
    const { alerts, shown, delivered } = setup();
    await alerts.setPreferences(quietAt('09:30', '11:00'));
    alerts.schedule(request([breach('ESC-501', T0 + MINUTE)], [ticket('ESC-501')]));
    vi.advanceTimersByTime(MINUTE);
    expect(shown()).toEqual([]);
    expect(delivered.map((b) => b.alerts.map((a) => a.key))).toEqual([
      ['ESC-501:resolution:breach'],
    ]);
  });

  it('quiet hours over midnight, read in the host time zone when the preferences name none', async () => {
    const { alerts, shown } = setup(); // host zone: UTC; T0 is 10:00 UTC
    await alerts.setPreferences({
      ...DEFAULT_ALERT_PREFERENCES,
      quietHours: { enabled: true, from: '22:00', to: '10:30' },
    });
    alerts.schedule(
      request(
        [breach('ESC-502', T0 + MINUTE), breach('ESC-503', T0 + 31 * MINUTE)],
        [ticket('ESC-502'), ticket('ESC-503')],
      ),
    );
    vi.advanceTimersByTime(31 * MINUTE);
    expect(shown().map((o) => o.title)).toEqual(['ESC-503 breached resolution']);
  });

  it('only followed teams notify; tickets of other teams are still delivered', async () => {
    const { alerts, shown, delivered } = setup();
    await alerts.setPreferences({ ...DEFAULT_ALERT_PREFERENCES, followedTeamIds: ['billing'] });
    alerts.schedule(
      request(
        [breach('ESC-601', T0 + MINUTE), breach('ESC-602', T0 + MINUTE)],
        [ticket('ESC-601'), ticket('ESC-602', { teamId: 'billing', team: 'Billing' })],
      ),
    );
    vi.advanceTimersByTime(MINUTE);
    expect(shown().map((o) => o.title)).toEqual(['ESC-602 breached resolution']);
    expect(delivered[0]?.alerts).toHaveLength(2);
  });

  it('are kept in a file, so the next start respects them before the desk sends any', async () => {
    const file = join(dir, 'alert-preferences.json');
    const first = setup({ preferencesFile: file });
    expect(await first.alerts.loadPreferences()).toEqual(DEFAULT_ALERT_PREFERENCES);
    const chosen = quietAt('09:00', '12:00');
    await first.alerts.setPreferences(chosen);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(chosen);

    const next = setup({ preferencesFile: file });
    expect(await next.alerts.loadPreferences()).toEqual(chosen);
    next.alerts.schedule(request([breach('ESC-701', T0 - MINUTE)], [ticket('ESC-701')]));
    vi.advanceTimersByTime(0);
    expect(next.delivered).toHaveLength(1);
    expect(Notification.created).toHaveLength(0);
  });

  it('are written only when they change (the desk sends them on every start)', async () => {
    const file = join(dir, 'alert-preferences.json');
    const { alerts } = setup({ preferencesFile: file });
    await alerts.loadPreferences();
    const chosen = quietAt('09:00', '12:00');
    await alerts.setPreferences(chosen);
    await rm(file);
    await alerts.setPreferences(quietAt('09:00', '12:00'));
    await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
    await alerts.setPreferences(DEFAULT_ALERT_PREFERENCES);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(DEFAULT_ALERT_PREFERENCES);
  });

  it('still apply when they cannot be saved (and only warn)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const blocked = join(dir, 'a-file');
    await writeFile(blocked, 'x');
    const { alerts, shown } = setup({ preferencesFile: join(blocked, 'alert-preferences.json') });
    await expect(alerts.setPreferences(quietAt('09:00', '12:00'))).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith('Could not save the alert preferences:', expect.any(Error));
    alerts.schedule(request([breach('ESC-711', T0 + MINUTE)], [ticket('ESC-711')]));
    vi.advanceTimersByTime(MINUTE);
    expect(shown()).toEqual([]);
    warn.mockRestore();
  });

  it('fall back to the defaults for a corrupt file', async () => {
    const file = join(dir, 'alert-preferences.json');
    await writeFile(file, '{"followedTeamIds": "all"}');
    const { alerts } = setup({ preferencesFile: file });
    expect(await alerts.loadPreferences()).toEqual(DEFAULT_ALERT_PREFERENCES);
  });

  it('cannot be changed through what they returned', async () => {
    const { alerts } = setup();
    const preferences = await alerts.loadPreferences();
    preferences.followedTeamIds.push('x');
    preferences.quietHours.enabled = true;
    expect(alerts.getPreferences()).toEqual(DEFAULT_ALERT_PREFERENCES);
    expect(DEFAULT_ALERT_PREFERENCES.followedTeamIds).toEqual([]);
  });
});

describe('DeskAlerts: sleep, resume and repeats', () => {
  function powerMonitor() {
    const listeners = new Map<string, Listener[]>();
    const monitor = {
      on: vi.fn((name: string, listener: Listener) => {
        listeners.set(name, [...(listeners.get(name) ?? []), listener]);
        return monitor;
      }),
    };
    const emit = (name: string) => {
      for (const listener of listeners.get(name) ?? []) listener();
    };
    return { monitor: monitor as unknown as Pick<PowerMonitor, 'on'>, listeners, emit };
  }

  it('re-checks on resume, unlock and a session becoming active', () => {
    const { alerts } = setup();
    const power = powerMonitor();
    alerts.watchPower(power.monitor);
    expect([...power.listeners.keys()].sort()).toEqual([
      'resume',
      'unlock-screen',
      'user-did-become-active',
    ]);
  });

  it('on resume, fires what came due while asleep exactly once, as one grouped notification', () => {
    const { alerts, delivered, shown } = setup();
    const power = powerMonitor();
    alerts.watchPower(power.monitor);
    const ids = Array.from({ length: 12 }, (_, i) => `ESC-${801 + i}`);
    alerts.schedule(
      request(
        [
          ...ids.map((id, i) => breach(id, T0 + (i + 1) * MINUTE)),
          breach('ESC-899', T0 + 3 * 60 * MINUTE),
        ],
        [...ids.map((id) => ticket(id)), ticket('ESC-899')],
      ),
    );
    // The machine sleeps for 30 minutes: the wall clock moves on, no timer runs.
    vi.setSystemTime(T0 + 30 * MINUTE);
    power.emit('resume');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ firedAt: T0 + 30 * MINUTE });
    expect(delivered[0]?.alerts.map((a) => a.ticketId)).toEqual(ids);
    expect(delivered[0]?.alerts.every((a) => a.late)).toBe(true);
    expect(shown()).toEqual([
      expect.objectContaining({
        title: '12 tickets breached resolution in Tier 2 Support',
        body: 'ESC-801, ESC-802, ESC-803 and 9 more\nThese came due while the desk was closed.',
      }),
    ]);

    // The timer armed before the sleep, another resume and an unlock fire nothing again.
    vi.advanceTimersByTime(2 * MINUTE);
    power.emit('resume');
    power.emit('unlock-screen');
    expect(delivered).toHaveLength(1);
    expect(shown()).toHaveLength(1);
    expect(alerts.pending).toBe(1);

    vi.advanceTimersByTime(3 * 60 * MINUTE);
    expect(delivered.map((b) => b.alerts.map((a) => a.ticketId))).toEqual([ids, ['ESC-899']]);
    expect(shown()).toHaveLength(2);
  });

  it('an alert rescheduled before the desk recorded it is delivered again but not notified twice', () => {
    const { alerts, delivered, shown } = setup();
    const alert = breach('ESC-901', T0 + MINUTE);
    alerts.schedule(request([alert], [ticket('ESC-901')]));
    vi.advanceTimersByTime(MINUTE);
    expect(delivered).toHaveLength(1);
    expect(shown()).toHaveLength(1);

    // The desk re-derives its timers (say, after a reload) before it recorded the breach.
    alerts.schedule({ scope: ['ESC-901'], tickets: [ticket('ESC-901')], alerts: [alert] });
    vi.advanceTimersByTime(0);
    expect(delivered).toHaveLength(2);
    expect(delivered[1]?.alerts.map((a) => a.key)).toEqual([alert.key]);
    expect(shown()).toHaveLength(1);
  });

  it('delivers batches even where the platform has no notifications', () => {
    Notification.supported = false;
    const { alerts, delivered } = setup();
    alerts.schedule(request([breach('ESC-911', T0 + MINUTE)], [ticket('ESC-911')]));
    vi.advanceTimersByTime(MINUTE);
    expect(delivered).toHaveLength(1);
    expect(Notification.created).toHaveLength(0);
  });

  it('keeps running when showing a notification or delivering a batch throws', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const notify = vi.fn(() => {
      throw new Error('notification service gone');
    });
    const deliver = vi.fn(() => {
      throw new Error('window gone');
    });
    const alerts = new DeskAlerts({ notify, deliver, timeZone: () => 'UTC' });
    alerts.schedule(
      request(
        [breach('ESC-921', T0 + MINUTE), breach('ESC-922', T0 + 2 * MINUTE)],
        [ticket('ESC-921'), ticket('ESC-922')],
      ),
    );
    vi.advanceTimersByTime(2 * MINUTE);
    expect(deliver).toHaveBeenCalledTimes(2);
    expect(notify).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('stop() stops the wake-ups', () => {
    const { alerts, delivered } = setup();
    alerts.schedule(request([breach('ESC-931', T0 + MINUTE)], [ticket('ESC-931')]));
    alerts.stop();
    vi.advanceTimersByTime(10 * MINUTE);
    expect(delivered).toHaveLength(0);
  });
});

describe('acknowledgementMessages', () => {
  it('splits many keys into messages the desk accepts, in order, losing none', () => {
    const keys = Array.from({ length: 25_001 }, (_, i) => `T${i}:resolution:breach`);
    const messages = acknowledgementMessages(keys);
    expect(messages.map((m) => m.length)).toEqual([10_000, 10_000, 5_001]);
    for (const message of messages)
      expect(AcknowledgedKeysSchema.safeParse(message).success).toBe(true);
    expect(messages.flat()).toEqual(keys);
    expect(acknowledgementMessages(['a'])).toEqual([['a']]);
    expect(acknowledgementMessages([])).toEqual([]);
  });
});
