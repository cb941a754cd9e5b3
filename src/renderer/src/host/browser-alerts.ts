import { planAlertNotifications, type AlertNotification } from '@core/alerts';
import {
  AlertPreferencesSchema,
  isPackedScheduleAlerts,
  DEFAULT_ALERT_PREFERENCES,
  type AlertPreferences,
  type DeskApi,
  type FiredAlertBatch,
} from '@core/contracts';
import type { AlertWorkerPort, AlertWorkerReply } from './alert-scheduler-service';

/** The part of the Web Locks API used to pick the one tab that notifies. */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown>;
}

export interface BrowserAlertsOptions {
  /** Starts the alert scheduler (a Web Worker, or the in-page fallback). */
  startScheduler(): AlertWorkerPort;
  /** Shows a batch's planned notifications; resolves to how many were shown. */
  notify(notifications: AlertNotification[]): Promise<number>;
  /** Calls `listener` when the page may have missed time (visible again, focused, online). */
  onWake?: ((listener: () => void) => () => void) | undefined;
  /** Web Locks, to let one tab of the desk notify; without them every tab notifies. */
  locks?: LockManagerLike | undefined;
  /** The host's time zone, for quiet hours when the preferences name none. */
  timeZone(): string;
  /** How often the page tells the scheduler its time; 5 s by default. */
  clockIntervalMs?: number;
}

export type BrowserAlerts = Pick<
  DeskApi,
  'scheduleAlerts' | 'setAlertPreferences' | 'onAlertsFired' | 'onAlertsAcknowledged'
> & {
  /** Whether this tab raises the desk's notifications (holds the notifier lock). */
  isNotifier(): boolean;
  dispose(): void;
};

/** The lock the notifying tab holds while it is open; per origin, so per desk. */
export const NOTIFIER_LOCK = 'escalation-desk:alert-notifier';
const CLOCK_INTERVAL_MS = 5_000;

interface Election {
  isLeader(): boolean;
  /** Settles once this tab knows whether it leads (at once without Web Locks). */
  decided: Promise<void>;
  release(): void;
}

/**
 * Several tabs of the desk each run the scheduler and hand every batch to their desk (recording is
 * idempotent), but only the tab holding the notifier lock shows notifications. It holds the lock
 * until it closes; a waiting tab then takes over. Without Web Locks every tab notifies, and the
 * notifications' tags make the system replace duplicates.
 */
function electNotifier(locks: LockManagerLike | undefined): Election {
  if (!locks) return { isLeader: () => true, decided: Promise.resolve(), release: () => {} };
  let leader = false;
  let released = false;
  const abort = new AbortController();
  let letGo = () => {};
  const held = new Promise<void>((resolve) => {
    letGo = resolve;
  });
  const lead = () => {
    if (released) return undefined;
    leader = true;
    return held;
  };
  const decided = new Promise<void>((resolve) => {
    locks
      .request(NOTIFIER_LOCK, { ifAvailable: true }, (lock) => {
        if (lock) {
          const holding = lead();
          resolve();
          return holding;
        }
        resolve();
        if (!released) {
          locks.request(NOTIFIER_LOCK, { signal: abort.signal }, () => lead()).catch(() => {});
        }
        return undefined;
      })
      .catch(() => {
        // Locks refused (an insecure context, say): notify, as without Web Locks.
        leader = !released;
        resolve();
      });
  });
  return {
    isLeader: () => leader,
    decided,
    release: () => {
      released = true;
      leader = false;
      abort.abort();
      letGo();
    },
  };
}

/**
 * Browser mode's SLA alerts, the page's side: hands the desk's alerts to the scheduler (a Web
 * Worker), shows the notifications of each fired batch per the alert preferences, and hands every
 * batch to the desk. Everything starts with the first `setAlertPreferences` or `scheduleAlerts`.
 *
 * `onAlertsAcknowledged` never fires here: a page's Web Notifications (without a service worker)
 * have no action buttons, so alerts are acknowledged in the desk.
 */
export function createBrowserAlerts(options: BrowserAlertsOptions): BrowserAlerts {
  const firedListeners = new Set<(batch: FiredAlertBatch) => void>();
  /** Batches that came before the desk subscribed; handed over on subscription. */
  const held: FiredAlertBatch[] = [];
  let preferences: AlertPreferences = DEFAULT_ALERT_PREFERENCES;
  let port: AlertWorkerPort | undefined;
  let stopWatching: (() => void) | undefined;
  let election: Election | undefined;
  let disposed = false;

  const sendClock = () => port?.post({ type: 'clock', now: Date.now() });

  /** Hands held batches to the desk, in order, once it listens. */
  function flush() {
    if (firedListeners.size === 0) return;
    for (const batch of held.splice(0)) {
      for (const listener of [...firedListeners]) {
        try {
          listener(batch);
        } catch (error) {
          console.error('An alert listener failed:', error);
        }
      }
    }
  }

  function deliver(batch: FiredAlertBatch) {
    held.push(batch);
    flush();
  }

  async function notifyFresh(reply: Extract<AlertWorkerReply, { type: 'fired' }>) {
    if (reply.fresh.length === 0 || !election) return;
    await election.decided;
    if (!election.isLeader() || disposed) return;
    const plan = planAlertNotifications(
      reply.fresh,
      new Map(reply.tickets.map((ticket) => [ticket.id, ticket])),
      preferences,
      { now: Date.now(), timeZone: options.timeZone() },
    );
    if (plan.notifications.length > 0) await options.notify(plan.notifications);
  }

  function onReply(reply: AlertWorkerReply) {
    if (disposed) return;
    if (reply.type === 'error') {
      console.error(`The alert scheduler refused a request: ${reply.message}`);
      return;
    }
    if (reply.type !== 'fired') return;
    // The desk gets the batch at once, whether or not notifications are allowed (a permission
    // prompt may wait for the user); the notifications follow.
    deliver(reply.batch);
    notifyFresh(reply).catch((error: unknown) =>
      console.error('Alert notifications failed:', error),
    );
  }

  function start(): AlertWorkerPort {
    if (port) return port;
    election = electNotifier(options.locks);
    const started = options.startScheduler();
    port = started;
    started.listen(onReply, (reason) => console.warn(`Alert scheduler: ${reason}`));
    // The page's clock is the desk's clock: tell the scheduler the time regularly and whenever the
    // page may have missed some (see AlertSchedulerService).
    const interval = setInterval(sendClock, options.clockIntervalMs ?? CLOCK_INTERVAL_MS);
    const unwatch = options.onWake?.(sendClock);
    stopWatching = () => {
      clearInterval(interval);
      unwatch?.();
    };
    return started;
  }

  return {
    scheduleAlerts: async (request) => {
      if (disposed) return;
      // A packed request's bytes are handed to the scheduler, not copied (the desk is done with them).
      const transfer = isPackedScheduleAlerts(request) ? [request.utf8.buffer] : [];
      start().post({ type: 'schedule', request, now: Date.now() }, transfer);
    },
    setAlertPreferences: async (next) => {
      preferences = AlertPreferencesSchema.parse(next);
      // The desk's alert engine is up (it sends its preferences first): start the scheduler now,
      // so it is ready when the whole desk's alerts come, which it then takes without a copy.
      if (!disposed) start();
    },
    onAlertsFired: (listener) => {
      firedListeners.add(listener);
      if (held.length > 0) queueMicrotask(flush);
      return () => {
        firedListeners.delete(listener);
      };
    },
    // Never fires in a browser (see above): nothing to keep.
    onAlertsAcknowledged: () => () => {},
    isNotifier: () => election?.isLeader() ?? false,
    dispose: () => {
      disposed = true;
      stopWatching?.();
      port?.close();
      election?.release();
    },
  };
}
