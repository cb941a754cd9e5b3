import {
  packScheduleAlerts,
  type Alert,
  type AlertTicket,
  type FiredAlertBatch,
  type NotificationTarget,
} from '@core/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AlertSchedulerService,
  type AlertWorkerPort,
  type AlertWorkerReply,
  type AlertWorkerRequest,
} from './alert-scheduler-service';
import { withFallback } from './alert-worker-port';
import { NOTIFIER_LOCK, type LockManagerLike } from './browser-alerts';
import { createBrowserHost, type BrowserEnvironment, type BrowserHost } from './browser-host';

/** Monday 6 January 2025, 12:00 UTC. */
const T0 = Date.UTC(2025, 0, 6, 12, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

function ticket(id: string, teamId = 'tier1', team = 'Tier 1'): AlertTicket {
  return { id, title: 'Printer on fire', customer: 'Acme', priority: 'P1', teamId, team };
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

function warning(ticketId: string, at: number, dueAt: number): Alert {
  return {
    key: `${ticketId}:resolution:warn:75`,
    at,
    ticketId,
    kind: 'sla_warning',
    target: 'resolution',
    percent: 75,
    dueAt,
  };
}

/**
 * The worker's clock: Playwright fakes the page's clock but not a worker's, so this one follows the
 * fake timers' monotonic time (performance.now) and ignores `vi.setSystemTime`, the page's jumps.
 */
function workerClock() {
  return {
    now: () => T0 + performance.now(),
    setTimer: (callback: () => void, delayMs: number) => setTimeout(callback, delayMs),
    clearTimer: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

/** An in-process stand-in for the worker: structured-clones both ways, replies asynchronously. */
function fakeWorker() {
  const sent: AlertWorkerRequest[] = [];
  let onReply: (reply: AlertWorkerReply) => void = () => {};
  let closed = false;
  const service = new AlertSchedulerService((reply) => {
    const copy = structuredClone(reply);
    queueMicrotask(() => {
      if (!closed) onReply(copy);
    });
  }, workerClock());
  const port: AlertWorkerPort = {
    post: (message) => {
      sent.push(message);
      service.handle(structuredClone(message));
    },
    listen: (listener) => {
      onReply = listener;
    },
    close: () => {
      closed = true;
      service.stop();
    },
  };
  return { port, sent, service };
}

function notificationClass(permission: NotificationPermission = 'granted') {
  return class FakeNotification {
    static permission: NotificationPermission = permission;
    static requestPermission = vi.fn(async () => FakeNotification.permission);
    static created: FakeNotification[] = [];
    onclick: (() => void) | null = null;
    closed = false;
    constructor(
      readonly title: string,
      readonly options: NotificationOptions,
    ) {
      FakeNotification.created.push(this);
    }
    close() {
      this.closed = true;
    }
  };
}

/** Web Locks in one process: one holder, a queue, `ifAvailable` and abort. */
class FakeLocks implements LockManagerLike {
  private held = false;
  private readonly queue: (() => void)[] = [];

  async request(
    _name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown> {
    if (this.held && options.ifAvailable) return callback(null);
    if (this.held) {
      await new Promise<void>((resolve, reject) => {
        this.queue.push(resolve);
        options.signal?.addEventListener('abort', () => {
          this.queue.splice(this.queue.indexOf(resolve), 1);
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    }
    this.held = true;
    try {
      return await callback({ name: NOTIFIER_LOCK });
    } finally {
      this.held = false;
      this.queue.shift()?.();
    }
  }
}

const hosts: BrowserHost[] = [];

function setup(
  options: {
    permission?: NotificationPermission;
    locks?: LockManagerLike;
    subscribe?: boolean;
  } = {},
) {
  const worker = fakeWorker();
  const Notifications = notificationClass(options.permission);
  const wakeListeners = new Set<() => void>();
  const env: BrowserEnvironment = {
    Notification: Notifications as unknown as typeof Notification,
    focus: vi.fn(),
    open: vi.fn(),
    print: vi.fn(),
    setTitle: vi.fn(),
    platform: 'Linux x86_64',
    startAlertScheduler: () => worker.port,
    onWake: (listener) => {
      wakeListeners.add(listener);
      return () => wakeListeners.delete(listener);
    },
    locks: options.locks,
    timeZone: () => 'UTC',
  };
  const host = createBrowserHost(env);
  hosts.push(host);
  const batches: FiredAlertBatch[] = [];
  if (options.subscribe !== false) host.onAlertsFired((batch) => batches.push(batch));
  const clicks: NotificationTarget[] = [];
  host.onNotificationClick((target) => clicks.push(target));
  return {
    host,
    env,
    worker,
    batches,
    clicks,
    shown: Notifications.created,
    Notifications,
    wake: () => wakeListeners.forEach((listener) => listener()),
  };
}

/** Lets `ms` pass on the page and in the worker, running timers and the replies' microtasks. */
const pass = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(() => {
  for (const host of hosts.splice(0)) host.dispose();
  vi.useRealTimers();
});

describe('AlertSchedulerService (the worker’s side)', () => {
  it('fires on time with the fresh alerts and the tickets’ facts', async () => {
    const replies: AlertWorkerReply[] = [];
    const service = new AlertSchedulerService((reply) => replies.push(reply), workerClock());
    service.handle({
      type: 'schedule',
      now: Date.now(),
      request: { scope: 'all', tickets: [ticket('ESC-1')], alerts: [breach('ESC-1', T0 + MIN)] },
    });
    vi.advanceTimersByTime(MIN - 1);
    expect(replies).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    expect(reply).toMatchObject({
      type: 'fired',
      batch: { firedAt: T0 + MIN, alerts: [{ key: 'ESC-1:resolution:breach', late: false }] },
      fresh: [{ key: 'ESC-1:resolution:breach' }],
      tickets: [ticket('ESC-1')],
    });
    service.stop();
  });

  it('tells time by the page’s clock: a page ahead fires what is due by it, never early', () => {
    const replies: AlertWorkerReply[] = [];
    const service = new AlertSchedulerService((reply) => replies.push(reply), workerClock());
    service.handle({
      type: 'schedule',
      now: T0,
      request: {
        scope: 'all',
        tickets: [ticket('ESC-1')],
        alerts: [breach('ESC-1', T0 + 2 * HOUR)],
      },
    });
    service.handle({ type: 'clock', now: T0 + 2 * HOUR - 1 });
    expect(replies).toEqual([]);
    expect(service.now()).toBe(T0 + 2 * HOUR - 1);
    // The re-timed wake-up follows the page's clock: one millisecond later, not an hour.
    vi.advanceTimersByTime(1);
    expect(replies).toHaveLength(1);
    service.stop();
  });

  it('reports a request it cannot handle instead of throwing', () => {
    const replies: AlertWorkerReply[] = [];
    const service = new AlertSchedulerService((reply) => replies.push(reply), workerClock());
    service.handle({ type: 'schedule', now: T0, request: null as never });
    expect(replies).toEqual([{ type: 'error', message: expect.any(String) }]);
  });
});

describe('BrowserHost SLA alerts', () => {
  it('fires a scheduled alert on time: the desk gets the batch and a notification shows', async () => {
    const { host, batches, shown } = setup();
    await host.scheduleAlerts({
      scope: 'all',
      tickets: [ticket('ESC-1')],
      alerts: [warning('ESC-1', T0 + 10 * MIN, T0 + 30 * MIN)],
    });
    await pass(10 * MIN - 1);
    expect(batches).toEqual([]);
    await pass(1);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.alerts.map((alert) => alert.key)).toEqual(['ESC-1:resolution:warn:75']);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe('ESC-1: 75% of resolution time used');
    expect(shown[0]?.options).toMatchObject({
      body: 'Acme — Printer on fire\nP1 · Tier 1\nDue in 20 min.',
      tag: 'ESC-1:resolution:warn:75',
      silent: true,
      requireInteraction: false,
    });
  });

  it('schedules a packed request (a whole desk as one string) like the request itself', async () => {
    const { host, batches } = setup();
    await host.scheduleAlerts(
      packScheduleAlerts({
        scope: 'all',
        tickets: [ticket('ESC-1')],
        alerts: [warning('ESC-1', T0 + 10 * MIN, T0 + 30 * MIN)],
      }),
    );
    await pass(10 * MIN);
    expect(batches.map((batch) => batch.alerts.map((alert) => alert.key))).toEqual([
      ['ESC-1:resolution:warn:75'],
    ]);
  });

  it('a breach needs interaction and plays the sound when the user chose it', async () => {
    const { host, shown } = setup();
    await host.setAlertPreferences({
      followedTeamIds: [],
      quietHours: { enabled: false, from: '22:00', to: '07:00' },
      soundOnBreach: true,
    });
    await host.scheduleAlerts({
      scope: 'all',
      tickets: [ticket('ESC-1')],
      alerts: [breach('ESC-1', T0 + MIN)],
    });
    await pass(MIN);
    expect(shown[0]?.title).toBe('ESC-1 breached resolution');
    expect(shown[0]?.options).toMatchObject({ silent: false, requireInteraction: true });
  });

  it('a click focuses the desk and opens the ticket', async () => {
    const { host, env, shown, clicks } = setup();
    await host.scheduleAlerts({
      scope: 'all',
      tickets: [ticket('ESC-1')],
      alerts: [breach('ESC-1', T0 + MIN)],
    });
    await pass(MIN);
    shown[0]?.onclick?.();
    expect(env.focus).toHaveBeenCalled();
    expect(shown[0]?.closed).toBe(true);
    expect(clicks).toEqual([{ ticketId: 'ESC-1' }]);
  });

  it('groups many alerts into one notification that opens the alert centre', async () => {
    const { host, batches, shown, clicks } = setup();
    const ids = ['ESC-1', 'ESC-2', 'ESC-3', 'ESC-4', 'ESC-5'];
    await host.scheduleAlerts({
      scope: 'all',
      tickets: ids.map((id) => ticket(id)),
      alerts: ids.map((id) => breach(id, T0 + MIN)),
    });
    await pass(MIN);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.alerts).toHaveLength(5);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe('5 tickets breached resolution in Tier 1');
    expect(shown[0]?.options.body).toBe('ESC-1, ESC-2, ESC-3 and 2 more');
    shown[0]?.onclick?.();
    expect(clicks).toEqual([{ view: 'alerts' }]);
  });

  it('quiet hours mute the notifications but the desk still gets the batch', async () => {
    const { host, batches, shown } = setup();
    await host.setAlertPreferences({
      followedTeamIds: [],
      quietHours: { enabled: true, from: '11:00', to: '13:00' },
      soundOnBreach: true,
      timeZone: 'UTC',
    });
    await host.scheduleAlerts({
      scope: 'all',
      tickets: [ticket('ESC-1')],
      alerts: [breach('ESC-1', T0 + MIN)],
    });
    await pass(MIN);
    expect(batches).toHaveLength(1);
    expect(shown).toHaveLength(0);
  });

  it('alerts of teams not followed do not notify; those of followed teams do', async () => {
    const { host, batches, shown } = setup();
    await host.setAlertPreferences({
      followedTeamIds: ['billing'],
      quietHours: { enabled: false, from: '22:00', to: '07:00' },
      soundOnBreach: false,
    });
    await host.scheduleAlerts({
      scope: 'all',
      tickets: [ticket('ESC-1'), ticket('ESC-2', 'billing', 'Billing')],
      alerts: [breach('ESC-1', T0 + MIN), breach('ESC-2', T0 + MIN)],
    });
    await pass(MIN);
    expect(batches[0]?.alerts).toHaveLength(2);
    expect(shown.map((notification) => notification.title)).toEqual(['ESC-2 breached resolution']);
  });

  it('rejects malformed alert preferences', async () => {
    const { host } = setup();
    await expect(
      host.setAlertPreferences({ followedTeamIds: [], soundOnBreach: true } as never),
    ).rejects.toThrow();
  });

  it('notices a jump of the page’s clock within one clock message', async () => {
    const { host, batches, shown, worker } = setup();
    await host.scheduleAlerts({
      scope: 'all',
      tickets: [ticket('ESC-1')],
      alerts: [breach('ESC-1', T0 + 2 * HOUR)],
    });
    // The page's clock jumps two hours; the worker's does not (as with Playwright's page.clock).
    vi.setSystemTime(T0 + 2 * HOUR);
    await pass(1_000);
    expect(batches).toEqual([]);
    await pass(4_000);
    expect(worker.sent.at(-1)).toEqual({ type: 'clock', now: T0 + 2 * HOUR + 5_000 });
    expect(batches).toHaveLength(1);
    expect(batches[0]?.firedAt).toBe(T0 + 2 * HOUR + 5_000);
    expect(shown[0]?.title).toBe('ESC-1 breached resolution');
  });

  it('tells the worker the time at once when the page wakes (visible, focus, online)', async () => {
    const { host, batches, wake } = setup();
    await host.scheduleAlerts({
      scope: 'all',
      tickets: [ticket('ESC-1')],
      alerts: [breach('ESC-1', T0 + 3 * HOUR)],
    });
    vi.setSystemTime(T0 + 3 * HOUR);
    wake();
    await pass(0);
    expect(batches).toHaveLength(1);
  });

  it('never notifies twice for an alert fired again before the desk recorded it', async () => {
    const { host, batches, shown } = setup();
    const request = {
      scope: 'all' as const,
      tickets: [ticket('ESC-1')],
      alerts: [breach('ESC-1', T0 + MIN)],
    };
    await host.scheduleAlerts(request);
    await pass(MIN);
    // The desk re-derives its alerts before recording the first fire: the same key comes again.
    await host.scheduleAlerts(request);
    await pass(0);
    expect(batches).toHaveLength(2);
    expect(batches[1]?.alerts.map((alert) => alert.key)).toEqual(['ESC-1:resolution:breach']);
    expect(shown).toHaveLength(1);
  });

  it('without permission shows nothing but still hands the desk every batch', async () => {
    const { host, batches, shown, Notifications } = setup({ permission: 'denied' });
    await host.scheduleAlerts({
      scope: 'all',
      tickets: [ticket('ESC-1')],
      alerts: [breach('ESC-1', T0 + MIN)],
    });
    await pass(MIN);
    expect(batches).toHaveLength(1);
    expect(shown).toHaveLength(0);
    expect(Notifications.requestPermission).not.toHaveBeenCalled();
  });

  it('asks for permission while undecided, and shows the notification once granted', async () => {
    const { host, shown, Notifications } = setup({ permission: 'default' });
    Notifications.requestPermission.mockImplementationOnce(async () => {
      Notifications.permission = 'granted';
      return 'granted';
    });
    await host.scheduleAlerts({
      scope: 'all',
      tickets: [ticket('ESC-1')],
      alerts: [breach('ESC-1', T0 + MIN)],
    });
    await pass(MIN);
    expect(Notifications.requestPermission).toHaveBeenCalledTimes(1);
    expect(shown).toHaveLength(1);
  });

  it('holds batches fired before the desk subscribed and hands them over on subscription', async () => {
    const { host } = setup({ subscribe: false });
    await host.scheduleAlerts({
      scope: 'all',
      tickets: [ticket('ESC-1')],
      alerts: [breach('ESC-1', T0 + MIN)],
    });
    await pass(MIN);
    const late: FiredAlertBatch[] = [];
    host.onAlertsFired((batch) => late.push(batch));
    await pass(0);
    expect(late.map((batch) => batch.alerts.length)).toEqual([1]);
    const again: FiredAlertBatch[] = [];
    host.onAlertsFired((batch) => again.push(batch));
    await pass(0);
    expect(again).toEqual([]);
  });

  it('replaces one ticket’s alerts by scope and leaves the others', async () => {
    const { host, batches } = setup();
    await host.scheduleAlerts({
      scope: 'all',
      tickets: [ticket('ESC-1'), ticket('ESC-2')],
      alerts: [breach('ESC-1', T0 + MIN), breach('ESC-2', T0 + MIN)],
    });
    await host.scheduleAlerts({ scope: ['ESC-1'], tickets: [], alerts: [] });
    await pass(MIN);
    expect(batches.flatMap((batch) => batch.alerts.map((alert) => alert.ticketId))).toEqual([
      'ESC-2',
    ]);
  });

  it('with several tabs only the lock holder notifies; another takes over when it closes', async () => {
    const locks = new FakeLocks();
    const first = setup({ locks });
    const second = setup({ locks });
    const request = {
      scope: 'all' as const,
      tickets: [ticket('ESC-1'), ticket('ESC-2')],
      alerts: [breach('ESC-1', T0 + MIN), breach('ESC-2', T0 + 2 * MIN)],
    };
    await first.host.scheduleAlerts(request);
    await pass(0);
    await second.host.scheduleAlerts(request);
    await pass(MIN);
    expect(first.batches).toHaveLength(1);
    expect(second.batches).toHaveLength(1);
    expect(first.shown).toHaveLength(1);
    expect(second.shown).toHaveLength(0);

    first.host.dispose();
    await pass(MIN);
    expect(second.batches).toHaveLength(2);
    expect(second.shown.map((notification) => notification.title)).toEqual([
      'ESC-2 breached resolution',
    ]);
  });

  it('never reports acknowledgements (Web Notifications without a service worker have no buttons)', () => {
    const { host } = setup();
    const unsubscribe = host.onAlertsAcknowledged(() => {});
    expect(unsubscribe).toBeTypeOf('function');
    unsubscribe();
  });
});

describe('withFallback', () => {
  function fakePort() {
    const sent: AlertWorkerRequest[] = [];
    const transfers: (Transferable[] | undefined)[] = [];
    let reply: (message: AlertWorkerReply) => void = () => {};
    let fail: (reason: string) => void = () => {};
    const port: AlertWorkerPort = {
      post: (message, transfer) => {
        sent.push(message);
        transfers.push(transfer);
      },
      listen: (onReply, onFailure) => {
        reply = onReply;
        fail = onFailure;
      },
      close: vi.fn(),
    };
    return {
      port,
      sent,
      transfers,
      reply: (message: AlertWorkerReply) => reply(message),
      fail: (reason: string) => fail(reason),
    };
  }

  const request = { scope: 'all' as const, tickets: [], alerts: [] };

  it('runs the fallback when the worker fails before it is ready, replaying with the current time', () => {
    const primary = fakePort();
    const fallback = fakePort();
    let now = T0;
    const port = withFallback(
      () => primary.port,
      () => fallback.port,
      () => now,
    );
    const failures: string[] = [];
    port.listen(
      () => {},
      (reason) => failures.push(reason),
    );
    port.post({ type: 'schedule', request, now: T0 });
    now = T0 + 50;
    primary.fail('Failed to load the worker.');
    expect(primary.port.close).toHaveBeenCalled();
    expect(fallback.sent).toEqual([{ type: 'schedule', request, now: T0 + 50 }]);
    expect(failures[0]).toMatch(/runs in the page instead/);
    port.post({ type: 'clock', now: T0 + 60 });
    expect(fallback.sent).toHaveLength(2);
  });

  it('keeps a worker that was ready and reports its errors', () => {
    const primary = fakePort();
    const fallback = fakePort();
    const port = withFallback(
      () => primary.port,
      () => fallback.port,
    );
    const replies: AlertWorkerReply[] = [];
    const failures: string[] = [];
    port.listen(
      (reply) => replies.push(reply),
      (reason) => failures.push(reason),
    );
    primary.reply({ type: 'ready' });
    primary.fail('oops');
    port.post({ type: 'clock', now: T0 });
    expect(primary.sent).toHaveLength(1);
    expect(fallback.sent).toHaveLength(0);
    expect(failures).toEqual(['oops']);
    expect(replies).toEqual([{ type: 'ready' }]);
  });

  it('copies a packed request while it may be replayed, and hands it over once the worker is ready', () => {
    const primary = fakePort();
    const port = withFallback(
      () => primary.port,
      () => fakePort().port,
    );
    port.listen(
      () => {},
      () => {},
    );
    const packed = packScheduleAlerts(request);
    port.post({ type: 'schedule', request: packed, now: T0 }, [packed.utf8.buffer]);
    primary.reply({ type: 'ready' });
    port.post({ type: 'schedule', request: packed, now: T0 }, [packed.utf8.buffer]);
    expect(primary.transfers).toEqual([undefined, [packed.utf8.buffer]]);
  });

  it('runs the fallback when the worker cannot even be created', () => {
    const fallback = fakePort();
    const port = withFallback(
      () => {
        throw new Error('blocked');
      },
      () => fallback.port,
    );
    port.listen(
      () => {},
      () => {},
    );
    port.post({ type: 'clock', now: T0 });
    expect(fallback.sent).toHaveLength(1);
  });
});
