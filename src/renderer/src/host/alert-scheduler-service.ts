import { AlertScheduler, type AlertSchedulerOptions } from '@core/alerts';
import {
  unpackScheduleAlerts,
  type AlertTicket,
  type FiredAlert,
  type FiredAlertBatch,
  type ScheduleAlertsPayload,
} from '@core/contracts';
import type { SchedulerClock } from '@core/scheduler';

/**
 * What the page sends the alert scheduler. Every message carries the page's `Date.now()` taken
 * just before it was posted: the page's clock is the desk's clock (see AlertSchedulerService).
 */
export type AlertWorkerRequest =
  /** Replace alerts (all, or those of the tickets in scope), then fire whatever is due. */
  | { type: 'schedule'; request: ScheduleAlertsPayload; now: number }
  /** The page's time now: fire whatever is due by it (after sleep, a clock jump, a wake-up). */
  | { type: 'clock'; now: number };

/** What the alert scheduler sends the page. */
export type AlertWorkerReply =
  /** The scheduler is running (a worker posts it once its module loaded). */
  | { type: 'ready' }
  /**
   * One wake-up's alerts. `batch` goes to the desk whole; only `fresh` alerts (never fired by this
   * scheduler before) notify; `tickets` are the notification facts of the batch's tickets.
   */
  | { type: 'fired'; batch: FiredAlertBatch; fresh: FiredAlert[]; tickets: AlertTicket[] }
  /** A message the scheduler could not handle. */
  | { type: 'error'; message: string };

/** The page's end of a running alert scheduler: a Web Worker, or the in-page fallback. */
export interface AlertWorkerPort {
  /**
   * Sends a message; `transfer` lists buffers handed over rather than copied (a packed request's
   * bytes), which the page must not use afterwards.
   */
  post(message: AlertWorkerRequest, transfer?: Transferable[]): void;
  /** `onFailure` is called when the scheduler could not start or stopped (a worker's error). */
  listen(onReply: (reply: AlertWorkerReply) => void, onFailure: (reason: string) => void): void;
  close(): void;
}

const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The alert scheduler behind the message protocol; the worker module only wires it to its scope.
 *
 * The clock: the page's clock is the desk's clock, and the worker's may differ from it. Playwright's
 * `page.clock` fakes Date and timers in the page but not in workers, and the e2e tests fast-forward
 * the page's clock to make SLA warnings and breaches come due. So this scheduler tells time as
 * `own Date.now() + offset`, where `offset` is the page's `Date.now()` (carried on every message)
 * minus its own at arrival, and it re-times its wake-up on every message. The page sends a `clock`
 * message every few seconds and when it becomes visible, gains focus or comes back online, so a
 * jump of the page's clock is noticed within seconds. In real use the offset is about zero (the
 * message's latency, which only ever makes an alert fire that much later, never early), and this
 * scheduler's own timers wake it on time even with the tab in the background, where the page's
 * timers are throttled and a worker's much less.
 */
export class AlertSchedulerService {
  private offset = 0;
  private readonly scheduler: AlertScheduler;

  constructor(
    private readonly post: (reply: AlertWorkerReply) => void,
    private readonly base: SchedulerClock = systemClock,
    options: AlertSchedulerOptions = {},
  ) {
    this.scheduler = new AlertScheduler(
      {
        now: () => this.base.now() + this.offset,
        setTimer: (callback, delayMs) => this.base.setTimer(callback, delayMs),
        clearTimer: (handle) => this.base.clearTimer(handle),
      },
      (batch, { tickets, fresh }) =>
        this.post({ type: 'fired', batch, fresh, tickets: [...tickets.values()] }),
      options,
    );
  }

  /** The page's time as this scheduler reckons it. */
  now(): number {
    return this.base.now() + this.offset;
  }

  /** Alerts pending. */
  get size(): number {
    return this.scheduler.size;
  }

  handle(message: AlertWorkerRequest): void {
    try {
      this.offset = message.now - this.base.now();
      // The armed wake-up was timed with the old offset: drop it; recheck fires what is due by the
      // page's time and arms a new one.
      this.scheduler.stop();
      if (message.type === 'schedule') {
        this.scheduler.schedule(unpackScheduleAlerts(message.request));
      }
      this.scheduler.recheck();
    } catch (error) {
      this.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  stop(): void {
    this.scheduler.stop();
  }
}

/**
 * The scheduler run in the page itself: where Web Workers are missing (or the worker could not
 * start). Same protocol and behaviour, but the page's timers are throttled in a background tab.
 * Replies arrive asynchronously, as a worker's would.
 */
export function inPageAlertPort(clock: SchedulerClock = systemClock): AlertWorkerPort {
  let onReply: (reply: AlertWorkerReply) => void = () => {};
  let closed = false;
  const service = new AlertSchedulerService((reply) => {
    queueMicrotask(() => {
      if (!closed) onReply(reply);
    });
  }, clock);
  return {
    post: (message) => {
      if (!closed) service.handle(message);
    },
    listen: (listener) => {
      onReply = listener;
    },
    close: () => {
      closed = true;
      service.stop();
    },
  };
}
