import { z } from 'zod';
import { DESK_TIMER_KINDS } from '../escalation/evaluate';
import { SLA_TARGETS } from '../sla/policy';
import { PRIORITIES } from '../tickets/ticket';

/** The largest number of alerts one `scheduleAlerts` call may carry (a 100k-ticket desk has ~65k). */
export const MAX_SCHEDULED_ALERTS = 1_000_000;
/** Alerts later than this after their due time are marked late (the desk was closed or asleep). */
export const LATE_AFTER_MS = 60_000;

const ticketId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'a ticket id has only letters, digits, "-" and "_"');

const instant = z
  .number()
  .finite('a time must be a finite number of milliseconds')
  .min(0)
  .max(7_258_118_400_000, 'a time must be before the year 2200');

/** What an alert's notification says about its ticket. */
export const AlertTicketSchema = z.strictObject({
  id: ticketId,
  title: z.string().max(500),
  customer: z.string().max(200),
  priority: z.enum(PRIORITIES),
  teamId: z.string().max(64).optional(),
  /** The team's name, e.g. "Tier 2 Support"; grouped notifications name it. */
  team: z.string().max(200).optional(),
});
export type AlertTicket = z.infer<typeof AlertTicketSchema>;

/**
 * One pending alert of a ticket, as the SLA engine derived it: an SLA warning or breach, a matrix
 * level being reached, or a level's repeated reminder. `key` is stable across re-derivations.
 */
export const AlertSchema = z.strictObject({
  key: z.string().min(1).max(200),
  at: instant,
  ticketId,
  kind: z.enum(DESK_TIMER_KINDS),
  target: z.enum(SLA_TARGETS).optional(),
  /** The share of the target's time used, for a warning. */
  percent: z.number().min(0).max(1000).optional(),
  /** The matrix level (1-based), for an escalation or a reminder. */
  level: z.number().int().min(1).max(50).optional(),
  /** Who the level escalates to, e.g. "Tier 2 Support" or "Dana Smith". */
  to: z.string().max(200).optional(),
  /** The target's due time, for a warning ("due in 20 min"). */
  dueAt: instant.optional(),
  /** The n-th reminder, for a repeat. */
  repeat: z.number().int().min(1).max(1000).optional(),
});
export type Alert = z.infer<typeof AlertSchema>;

/**
 * The alerts the desk hands to the host: with `scope: 'all'` they replace every alert; with a list
 * of ticket ids they replace those tickets' alerts (an id with no alerts listed cancels its alerts).
 * Idempotent: handing the same request twice changes nothing.
 */
export const ScheduleAlertsRequestSchema = z
  .strictObject({
    scope: z.union([z.literal('all'), z.array(ticketId).max(200_000)]),
    tickets: z.array(AlertTicketSchema).max(200_000),
    alerts: z.array(AlertSchema).max(MAX_SCHEDULED_ALERTS),
  })
  .superRefine((request, ctx) => {
    const known = new Set(request.tickets.map((ticket) => ticket.id));
    const scope = request.scope === 'all' ? undefined : new Set(request.scope);
    for (const [index, alert] of request.alerts.entries()) {
      if (!known.has(alert.ticketId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['alerts', index, 'ticketId'],
          message: `ticket ${alert.ticketId} is not among the request's tickets`,
        });
        return;
      }
      if (scope && !scope.has(alert.ticketId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['alerts', index, 'ticketId'],
          message: `ticket ${alert.ticketId} is outside the request's scope`,
        });
        return;
      }
    }
  });
export type ScheduleAlertsRequest = z.infer<typeof ScheduleAlertsRequestSchema>;

/** The largest packed request accepted (a 100,000-ticket desk's is about 15 MB). */
export const MAX_PACKED_REQUEST_BYTES = 256 * 1024 * 1024;

/**
 * A ScheduleAlertsRequest packed as the UTF-8 bytes of its JSON. A whole desk's request holds
 * ~100,000 small objects, and each thread or process it crosses (worker to page, page to
 * scheduler, renderer to main) copies them one by one: ~150 ms of a blocked page each way, and a
 * 15 MB string still takes tens of milliseconds. Bytes are handed between threads without a copy
 * (a transfer), and parsed where the work is done, off the page.
 */
export interface PackedScheduleAlerts {
  utf8: Uint8Array<ArrayBuffer>;
}

/** What `scheduleAlerts` takes: a request, or the same request packed. */
export type ScheduleAlertsPayload = ScheduleAlertsRequest | PackedScheduleAlerts;

export function packScheduleAlerts(request: ScheduleAlertsRequest): PackedScheduleAlerts {
  return { utf8: new TextEncoder().encode(JSON.stringify(request)) };
}

/** Whether a payload is packed. */
export function isPackedScheduleAlerts(
  payload: ScheduleAlertsPayload,
): payload is PackedScheduleAlerts {
  return 'utf8' in payload;
}

/** The request of a payload from a trusted sender (the desk's own code, not across IPC). */
export function unpackScheduleAlerts(payload: ScheduleAlertsPayload): ScheduleAlertsRequest {
  return isPackedScheduleAlerts(payload)
    ? (JSON.parse(new TextDecoder().decode(payload.utf8)) as ScheduleAlertsRequest)
    : payload;
}

/** A payload from an untrusted sender: unpacked, then checked as a request. */
export const ScheduleAlertsPayloadSchema = z.preprocess((value, ctx) => {
  if (typeof value !== 'object' || value === null || !('utf8' in value)) return value;
  const { utf8, ...rest } = value as Record<string, unknown>;
  if (!(utf8 instanceof Uint8Array) || Object.keys(rest).length > 0) {
    ctx.addIssue({ code: 'custom', message: 'a packed request is { utf8: <the JSON as bytes> }' });
    return z.NEVER;
  }
  if (utf8.byteLength > MAX_PACKED_REQUEST_BYTES) {
    ctx.addIssue({ code: 'custom', path: ['utf8'], message: 'the packed request is too large' });
    return z.NEVER;
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(utf8)) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', path: ['utf8'], message: 'a packed request must be JSON' });
    return z.NEVER;
  }
}, ScheduleAlertsRequestSchema);

/** An alert that came due: when the host fired it, and whether it fired late. */
export interface FiredAlert extends Alert {
  firedAt: number;
  /** Fired more than a minute after it was due: the desk was closed or the machine asleep. */
  late: boolean;
}

/** Everything that came due at one wake-up, earliest first. */
export interface FiredAlertBatch {
  firedAt: number;
  alerts: FiredAlert[];
}

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day is written HH:MM, from 00:00 to 23:59');

/** Which alerts notify this user, and how. */
export const AlertPreferencesSchema = z.strictObject({
  /** Teams whose tickets notify; empty: every team. Tickets with no team always notify. */
  followedTeamIds: z.array(z.string().min(1).max(64)).max(500),
  /** No system notifications in this daily window (it may run over midnight); alerts still record. */
  quietHours: z.strictObject({ enabled: z.boolean(), from: clockTime, to: clockTime }),
  /** Breach notifications play the system sound; the others are silent. */
  soundOnBreach: z.boolean(),
  /** The IANA time zone quiet hours are in; the host's own when absent. */
  timeZone: z.string().min(1).max(64).optional(),
});
export type AlertPreferences = z.infer<typeof AlertPreferencesSchema>;

export const DEFAULT_ALERT_PREFERENCES: Readonly<AlertPreferences> = Object.freeze({
  followedTeamIds: [],
  quietHours: { enabled: false, from: '22:00', to: '07:00' },
  soundOnBreach: false,
});

/** Alert keys acknowledged from a notification's action button, sent from the host to the desk. */
export const AcknowledgedKeysSchema = z.array(z.string().min(1).max(200)).min(1).max(10_000);
