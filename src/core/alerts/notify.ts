import type { AlertPreferences, AlertTicket, FiredAlert } from '../contracts/alerts';
import type { NotificationTarget } from '../contracts/desk-api';
import { targetName } from '../sla/policy';
import { formatDuration } from './describe';
import { inQuietHours } from './quiet-hours';

/** One system notification the host shows for fired alerts. */
export interface AlertNotification {
  title: string;
  body: string;
  /** What a click opens: the ticket of a single alert, the alert centre for a group. */
  target: NotificationTarget;
  /** Notifications with the same tag replace each other. */
  tag: string;
  urgency: 'normal' | 'critical';
  /** No sound: every notification but a breach when "sound on breach" is chosen. */
  silent: boolean;
  /** The alerts it stands for; its Acknowledge button acknowledges them all. */
  keys: string[];
}

export interface NotificationPlan {
  notifications: AlertNotification[];
  /** Alerts that notify nobody: of teams not followed, or during quiet hours. */
  muted: number;
  quietHours: boolean;
}

export interface PlanOptions {
  now: number;
  /** The time zone for quiet hours when the preferences name none. */
  timeZone: string;
  /** Up to this many alerts each get their own notification; more are grouped. Default 3. */
  maxSingles?: number;
  /** Up to this many groups each get a notification; more make one summary. Default 3. */
  maxGroups?: number;
}

const SEVERITY: Record<FiredAlert['kind'], number> = {
  sla_breach: 0,
  escalation: 1,
  escalation_repeat: 2,
  sla_warning: 3,
};

function severityOrder(a: FiredAlert, b: FiredAlert): number {
  return SEVERITY[a.kind] - SEVERITY[b.kind] || a.at - b.at || (a.key < b.key ? -1 : 1);
}

function urgencyOf(alerts: readonly FiredAlert[]): 'normal' | 'critical' {
  return alerts.some((alert) => alert.kind === 'sla_breach' || alert.kind === 'escalation')
    ? 'critical'
    : 'normal';
}

function silentFor(alerts: readonly FiredAlert[], preferences: AlertPreferences): boolean {
  return !(preferences.soundOnBreach && alerts.some((alert) => alert.kind === 'sla_breach'));
}

/** "ESC-1, ESC-2, ESC-3 and 9 more". */
function ticketList(ids: readonly string[]): string {
  const unique = [...new Set(ids)];
  const shown = unique.slice(0, 3).join(', ');
  return unique.length > 3 ? `${shown} and ${unique.length - 3} more` : shown;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The title of a single alert: names the ticket and what happened. */
function singleTitle(alert: FiredAlert): string {
  const id = alert.ticketId;
  switch (alert.kind) {
    case 'sla_warning':
      return `${id}: ${alert.percent ?? 0}% of ${targetName(alert.target)} time used`;
    case 'sla_breach':
      return `${id} breached ${targetName(alert.target)}`;
    case 'escalation':
      return `${id} escalated to L${alert.level ?? '?'}${alert.to ? ` — ${alert.to}` : ''}`;
    case 'escalation_repeat':
      return `${id} still waits at L${alert.level ?? '?'}${alert.to ? ` (${alert.to})` : ''}: not acknowledged`;
  }
}

function singleBody(alert: FiredAlert, ticket: AlertTicket | undefined, now: number): string {
  const lines: string[] = [];
  if (ticket) {
    lines.push(`${ticket.customer} — ${ticket.title}`);
    lines.push([ticket.priority, ticket.team].filter(Boolean).join(' · '));
  }
  if (alert.kind === 'sla_warning' && alert.dueAt !== undefined) {
    const left = alert.dueAt - now;
    lines.push(left > 0 ? `Due in ${formatDuration(left)}.` : 'Due now.');
  }
  if (alert.late) {
    lines.push(`Came due ${formatDuration(now - alert.at)} ago, while the desk was closed.`);
  }
  return lines.filter((line) => line.length > 0).join('\n');
}

/** What a group of alerts of one kind, step and team says: "12 tickets breached resolution in Billing". */
function groupTitle(alerts: readonly FiredAlert[], team: string | undefined): string {
  const first = alerts[0]!;
  const count = plural(alerts.length, 'ticket');
  const where = team ? ` in ${team}` : '';
  switch (first.kind) {
    case 'sla_warning':
      return `${count} at ${first.percent ?? 0}% of ${targetName(first.target)} time${where}`;
    case 'sla_breach':
      return `${count} breached ${targetName(first.target)}${where}`;
    case 'escalation':
      return `${count} escalated to L${first.level ?? '?'}${where}`;
    case 'escalation_repeat':
      return `${count} still wait at L${first.level ?? '?'}${where}: not acknowledged`;
  }
}

function groupKey(alert: FiredAlert, ticket: AlertTicket | undefined): string {
  const step =
    alert.kind === 'sla_warning'
      ? `${alert.target}:${alert.percent}`
      : alert.kind === 'sla_breach'
        ? alert.target
        : `L${alert.level}`;
  return `${alert.kind}:${step}:${ticket?.teamId ?? ''}`;
}

function lateNote(alerts: readonly FiredAlert[]): string {
  const late = alerts.filter((alert) => alert.late).length;
  if (late === 0) return '';
  return late === alerts.length
    ? '\nThese came due while the desk was closed.'
    : `\n${plural(late, 'alert')} came due while the desk was closed.`;
}

/**
 * The notifications for a batch of fired alerts, after the user's preferences: alerts of teams not
 * followed and everything during quiet hours are muted (they are still recorded by the desk). A
 * few alerts notify one by one; more are grouped by kind, step and team ("12 tickets breached
 * resolution in Tier 2"); many groups become one summary, so a batch never floods the screen.
 */
export function planAlertNotifications(
  alerts: readonly FiredAlert[],
  tickets: ReadonlyMap<string, AlertTicket>,
  preferences: AlertPreferences,
  options: PlanOptions,
): NotificationPlan {
  const timeZone = preferences.timeZone ?? options.timeZone;
  if (inQuietHours(preferences.quietHours, options.now, timeZone)) {
    return { notifications: [], muted: alerts.length, quietHours: true };
  }
  const followed = new Set(preferences.followedTeamIds);
  const shown = alerts
    .filter((alert) => {
      const teamId = tickets.get(alert.ticketId)?.teamId;
      return followed.size === 0 || teamId === undefined || followed.has(teamId);
    })
    .sort(severityOrder);
  const muted = alerts.length - shown.length;
  const maxSingles = options.maxSingles ?? 3;
  const maxGroups = options.maxGroups ?? 3;

  const single = (alert: FiredAlert): AlertNotification => ({
    title: singleTitle(alert),
    body: singleBody(alert, tickets.get(alert.ticketId), options.now),
    target: { ticketId: alert.ticketId },
    tag: alert.key,
    urgency: urgencyOf([alert]),
    silent: silentFor([alert], preferences),
    keys: [alert.key],
  });

  if (shown.length <= maxSingles) {
    return { notifications: shown.map(single), muted, quietHours: false };
  }

  const groups = new Map<string, FiredAlert[]>();
  for (const alert of shown) {
    const key = groupKey(alert, tickets.get(alert.ticketId));
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(alert);
  }
  if (groups.size <= maxGroups) {
    const notifications = [...groups.entries()].map(([key, group]) => {
      if (group.length === 1) return single(group[0]!);
      const team = tickets.get(group[0]!.ticketId)?.team;
      return {
        title: groupTitle(group, team),
        body: ticketList(group.map((alert) => alert.ticketId)) + lateNote(group),
        target: { view: 'alerts' } as const,
        tag: `group:${key}`,
        urgency: urgencyOf(group),
        silent: silentFor(group, preferences),
        keys: group.map((alert) => alert.key),
      };
    });
    return { notifications, muted, quietHours: false };
  }

  const count = (kind: FiredAlert['kind']) => shown.filter((alert) => alert.kind === kind).length;
  const parts = [
    [count('sla_breach'), 'breach', 'breaches'],
    [count('escalation'), 'escalation'],
    [count('escalation_repeat'), 'reminder'],
    [count('sla_warning'), 'warning'],
  ] as const;
  const summary = parts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => plural(n, one, many))
    .join(' · ');
  const biggest = [...groups.values()]
    .sort((a, b) => b.length - a.length)
    .slice(0, 3)
    .map((group) => groupTitle(group, tickets.get(group[0]!.ticketId)?.team))
    .join('\n');
  return {
    notifications: [
      {
        title: `${shown.length} SLA alerts: ${summary}`,
        body: biggest + lateNote(shown),
        target: { view: 'alerts' },
        tag: 'group:summary',
        urgency: urgencyOf(shown),
        silent: silentFor(shown, preferences),
        keys: shown.map((alert) => alert.key),
      },
    ],
    muted,
    quietHours: false,
  };
}
