import {
  LATE_AFTER_MS,
  type Alert,
  type AlertTicket,
  type FiredAlert,
  type FiredAlertBatch,
  type ScheduleAlertsRequest,
} from '../contracts/alerts';
import { DeadlineScheduler, type SchedulerClock } from '../scheduler';

/** What a wake-up hands the host besides the batch the desk records. */
export interface AlertFireContext {
  /** The tickets of the batch's alerts, for the notification text. */
  tickets: ReadonlyMap<string, AlertTicket>;
  /** The alerts this scheduler had not fired before: only these notify (the others repeat a fire
   * the desk has not recorded yet, and the desk still needs them). */
  fresh: FiredAlert[];
}

export type AlertFireHandler = (batch: FiredAlertBatch, context: AlertFireContext) => void;

export interface AlertSchedulerOptions {
  /** The longest single wait (see DeadlineScheduler); one minute by default. */
  maxWaitMs?: number;
  /** How long a fired key is remembered so it never notifies twice; a week by default. */
  rememberFiredMs?: number;
}

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * The host's side of SLA alerts: the desk's alerts in one deadline scheduler, replaced whole or per
 * ticket, each ticket's notification facts beside them. Every wake-up fires one batch.
 */
export class AlertScheduler {
  private readonly scheduler: DeadlineScheduler<Alert>;
  private readonly tickets = new Map<string, AlertTicket>();
  private readonly keysByTicket = new Map<string, Set<string>>();
  private readonly fired = new Map<string, number>();
  private readonly rememberFiredMs: number;

  constructor(
    clock: SchedulerClock,
    private readonly onFire: AlertFireHandler,
    options: AlertSchedulerOptions = {},
  ) {
    this.rememberFiredMs = options.rememberFiredMs ?? WEEK_MS;
    this.scheduler = new DeadlineScheduler<Alert>(
      clock,
      (due, firedAt) =>
        this.fire(
          due.map((deadline) => deadline.payload),
          firedAt,
        ),
      options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs },
    );
  }

  /** Alerts pending. */
  get size(): number {
    return this.scheduler.size;
  }

  /** The notification facts of a ticket with pending alerts. */
  ticket(ticketId: string): AlertTicket | undefined {
    return this.tickets.get(ticketId);
  }

  /** Applies a request: replaces every alert, or those of the tickets in its scope. */
  schedule(request: ScheduleAlertsRequest): void {
    const byTicket = new Map<string, Alert[]>();
    for (const alert of request.alerts) {
      let list = byTicket.get(alert.ticketId);
      if (!list) byTicket.set(alert.ticketId, (list = []));
      list.push(alert);
    }
    const info = new Map(request.tickets.map((ticket) => [ticket.id, ticket]));
    if (request.scope === 'all') {
      this.tickets.clear();
      this.keysByTicket.clear();
      for (const [ticketId, alerts] of byTicket) this.remember(ticketId, alerts, info);
      this.scheduler.replaceAll(
        request.alerts.map((alert) => ({ key: alert.key, at: alert.at, payload: alert })),
      );
      return;
    }
    for (const ticketId of new Set(request.scope)) {
      const alerts = byTicket.get(ticketId) ?? [];
      const keep = new Set(alerts.map((alert) => alert.key));
      for (const key of this.keysByTicket.get(ticketId) ?? []) {
        if (!keep.has(key)) this.scheduler.cancel(key);
      }
      this.tickets.delete(ticketId);
      this.keysByTicket.delete(ticketId);
      this.remember(ticketId, alerts, info);
      for (const alert of alerts) this.scheduler.upsert(alert.key, alert.at, alert);
    }
  }

  /** Fires what came due (after sleep or a clock change) and re-arms. */
  recheck(): void {
    this.scheduler.recheck();
  }

  /** Stops the wake-up timer. */
  stop(): void {
    this.scheduler.stop();
  }

  private remember(ticketId: string, alerts: Alert[], info: ReadonlyMap<string, AlertTicket>) {
    if (alerts.length === 0) return;
    const ticket = info.get(ticketId);
    if (ticket) this.tickets.set(ticketId, ticket);
    this.keysByTicket.set(ticketId, new Set(alerts.map((alert) => alert.key)));
  }

  private fire(popped: Alert[], firedAt: number): void {
    const due = withoutStale(popped);
    const alerts: FiredAlert[] = due.map((alert) => ({
      ...alert,
      firedAt,
      late: firedAt - alert.at > LATE_AFTER_MS,
    }));
    const tickets = new Map<string, AlertTicket>();
    const fresh: FiredAlert[] = [];
    for (const alert of alerts) {
      const ticket = this.tickets.get(alert.ticketId);
      if (ticket) tickets.set(alert.ticketId, ticket);
      if (!this.fired.has(alert.key)) fresh.push(alert);
      this.fired.set(alert.key, firedAt);
    }
    for (const alert of popped) {
      const keys = this.keysByTicket.get(alert.ticketId);
      keys?.delete(alert.key);
      if (keys?.size === 0) {
        this.keysByTicket.delete(alert.ticketId);
        this.tickets.delete(alert.ticketId);
      }
    }
    for (const [key, at] of this.fired) {
      if (firedAt - at > this.rememberFiredMs) this.fired.delete(key);
    }
    this.onFire({ firedAt, alerts }, { tickets, fresh });
  }
}

/** The clock (or level reminders) an alert belongs to: `T1:first_response`, `T1:level:2`. */
function familyOf(alert: Alert): string {
  if (alert.kind === 'escalation') return alert.key;
  if (alert.kind === 'escalation_repeat') return `${alert.ticketId}:level:${alert.level}:repeat`;
  return alert.key.replace(/:(warn:[^:]+|breach)$/, '');
}

/**
 * Of several instants of one SLA clock, or of one level's reminders, that came due together (after
 * sleep, or a clock jump), only the latest still says something: a breach makes its warnings
 * stale, a later reminder the earlier ones, and reaching a level the reminders of the levels below.
 */
export function withoutStale(alerts: readonly Alert[]): Alert[] {
  const latest = new Map<string, Alert>();
  const topLevel = new Map<string, number>();
  for (const alert of alerts) {
    const family = familyOf(alert);
    const seen = latest.get(family);
    if (!seen || alert.at > seen.at || (alert.at === seen.at && alert.kind === 'sla_breach')) {
      latest.set(family, alert);
    }
    if (alert.kind === 'escalation') {
      topLevel.set(alert.ticketId, Math.max(topLevel.get(alert.ticketId) ?? 0, alert.level ?? 0));
    }
  }
  return alerts.filter(
    (alert) =>
      latest.get(familyOf(alert)) === alert &&
      !(
        alert.kind === 'escalation_repeat' &&
        (alert.level ?? 0) < (topLevel.get(alert.ticketId) ?? 0)
      ),
  );
}
