import { businessMinutesBetween } from '../calendar/business-time';
import type { BusinessCalendar } from '../calendar/types';
import { SLA_TARGETS, type SlaTargetName } from '../sla/policy';
import type { SlaSummary, SlaTargetBrief } from '../sla/summary';
import type { DeskEvent, Ticket } from '../tickets/desk';
import { inFoldOrder } from '../tickets/events';
import { isDoneStatus } from '../tickets/ticket';
import type { DropReason, ReportBreach, ReportFacts, TargetOutcome } from './types';

/** What `deriveReportFacts` needs besides the ticket and its log. */
export interface ReportFactsContext {
  /** The instant the report is made for: open tickets' level time runs until here. */
  now: number;
  /** The ticket's cached SLA summary; its targets decide the SLA outcomes. */
  sla?: SlaSummary;
  /** The calendar of the ticket's SLA policy, for business-time durations. */
  calendar?: BusinessCalendar;
}

type EscalatedEvent = Extract<DeskEvent, { type: 'escalated' }>;

const MINUTE_MS = 60_000;

function isScore(value: number | undefined): value is number {
  return value !== undefined && Number.isInteger(value) && value >= 1 && value <= 5;
}

/**
 * How a summarised target stands at `now`: a running clock past its due time has breached even
 * before the desk records it (the app was closed, or the alert is still on its way).
 */
function outcomeOf(brief: SlaTargetBrief, now: number): TargetOutcome {
  if (brief.state === 'met' || brief.state === 'breached') return brief.state;
  return brief.state === 'running' && brief.dueAt <= now ? 'breached' : 'open';
}

/**
 * Where the ticket stood when it was created. The log's first move says where it came from; a
 * ticket whose log never moves it (imported, or logged straight to a team) stood where its
 * record says all along.
 */
function startingPosition(
  log: readonly DeskEvent[],
  ticket: Ticket,
): Omit<ReportBreach, 'target' | 'at'> {
  let level: number | undefined;
  let moved = false;
  let teamId: string | undefined;
  let ownerId: string | undefined;
  for (const event of log) {
    if (event.type === 'escalated' || event.type === 'de_escalated') {
      level ??= event.fromLevel;
      if (!moved && (event.toTeamId !== undefined || event.toOwnerId !== undefined)) {
        moved = true;
        ownerId = event.type === 'escalated' ? event.fromOwnerId : undefined;
      }
    } else if (event.type === 'assigned' && !moved) {
      moved = true;
      teamId = event.fromTeamId;
      ownerId = event.fromOwnerId;
    }
    if (level !== undefined && moved) break;
  }
  return moved
    ? { level: level ?? ticket.level, teamId, ownerId }
    : { level: level ?? ticket.level, teamId: ticket.teamId, ownerId: ticket.ownerId };
}

/**
 * Where the ticket stood at an instant: level, team and owner after every event strictly before
 * it. An escalation at the very instant of a breach is taken as the reaction to it.
 */
function positionAt(
  log: readonly DeskEvent[],
  start: Omit<ReportBreach, 'target' | 'at'>,
  at: number,
): Omit<ReportBreach, 'target' | 'at'> {
  let { level, teamId, ownerId } = start;
  for (const event of log) {
    if (event.at >= at) break;
    if (event.type === 'assigned') {
      teamId = event.toTeamId ?? teamId;
      ownerId = event.toOwnerId ?? ownerId;
    } else if (event.type === 'escalated' || event.type === 'de_escalated') {
      level = event.toLevel;
      teamId = event.toTeamId ?? teamId;
      ownerId = event.toOwnerId ?? ownerId;
    }
  }
  return { level, teamId, ownerId };
}

/**
 * Whether nobody acted on escalation `log[index]` before a breach at `breachAt`: the ticket stayed
 * at that level, and its new owner (anyone but the system, when it names none) did nothing.
 */
function ignoredUntil(log: readonly DeskEvent[], index: number, breachAt: number): boolean {
  const escalation = log[index] as EscalatedEvent;
  let owner = escalation.toOwnerId;
  for (let j = index + 1; j < log.length; j++) {
    const event = log[j]!;
    if (event.at > breachAt) break;
    if (event.at <= escalation.at) continue;
    if ((event.type === 'escalated' || event.type === 'de_escalated') && event.at < breachAt) {
      return false;
    }
    if (owner !== undefined ? event.by === owner : event.by !== 'system') return false;
    // Handed on to someone else: from then on their action counts.
    if (event.type === 'assigned' && event.toOwnerId !== undefined) owner = event.toOwnerId;
  }
  return true;
}

/** Business time in the calendar; without one, plain elapsed time (as the SLA clocks count). */
function businessMs(calendar: BusinessCalendar | undefined, from: number, to: number): number {
  if (to <= from) return 0;
  if (calendar === undefined) return to - from;
  return businessMinutesBetween(calendar, from, to) * MINUTE_MS;
}

/**
 * Everything reports need of one ticket, from its record, its activity log (any order) and its
 * cached SLA summary; `context.now` ends the level time of open tickets.
 */
export function deriveReportFacts(
  ticket: Ticket,
  events: readonly DeskEvent[],
  context: ReportFactsContext,
): ReportFacts {
  const log = inFoldOrder(events);
  const createdAt = ticket.createdAt;
  const done = isDoneStatus(ticket.status);

  let wasDone = false;
  let doneSince: number | undefined;
  let everResolved = done;
  let reopens = 0;
  let firstResponseAt: number | undefined;
  let firstEscalation: EscalatedEvent | undefined;
  let escalations = 0;
  let deEscalations = 0;
  let deEscalatedWhileOpen = false;
  let maxLevel = ticket.level;
  let csat = isScore(ticket.csat) ? ticket.csat : undefined;
  let rootCause = ticket.rootCause;
  let breachedAt: Partial<Record<SlaTargetName, number>> | undefined;

  for (const event of log) {
    switch (event.type) {
      case 'created':
        wasDone = isDoneStatus(event.status);
        if (wasDone) everResolved = true;
        break;
      case 'status_changed': {
        const toDone = isDoneStatus(event.to);
        if (toDone && !wasDone) {
          doneSince = event.at;
          everResolved = true;
        } else if (!toDone && wasDone) {
          reopens++;
        }
        wasDone = toDone;
        break;
      }
      case 'reply':
        if (firstResponseAt === undefined && event.direction === 'to_customer') {
          firstResponseAt = event.at;
        }
        break;
      case 'escalated':
        escalations++;
        firstEscalation ??= event;
        maxLevel = Math.max(maxLevel, event.fromLevel, event.toLevel);
        break;
      case 'de_escalated':
        deEscalations++;
        if (!wasDone) deEscalatedWhileOpen = true;
        maxLevel = Math.max(maxLevel, event.fromLevel, event.toLevel);
        break;
      case 'sla_breached':
        breachedAt ??= {};
        breachedAt[event.target] ??= event.at;
        break;
      case 'csat':
        // The log's last rating wins over the record's; a score outside 1…5 is not a rating.
        if (isScore(event.score)) csat = event.score;
        break;
      case 'root_cause':
        rootCause = event.rootCause;
        break;
      default:
        break;
    }
  }

  const resolvedAt = !done
    ? undefined
    : wasDone && doneSince !== undefined
      ? doneSince
      : (ticket.resolvedAt ?? ticket.closedAt ?? ticket.updatedAt);
  const escalated = escalations > 0 || ticket.escalated;
  const end = Math.max(createdAt, resolvedAt ?? context.now);

  const start = startingPosition(log, ticket);
  maxLevel = Math.max(maxLevel, start.level);
  const levelMs = new Array<number>(maxLevel + 1).fill(0);
  if (escalations + deEscalations === 0) {
    levelMs[start.level] = end - createdAt;
  } else {
    let level = start.level;
    let cursor = createdAt;
    for (const event of log) {
      if (event.type !== 'escalated' && event.type !== 'de_escalated') continue;
      const at = Math.min(end, Math.max(cursor, event.at));
      levelMs[level]! += at - cursor;
      cursor = at;
      level = Math.max(0, event.toLevel);
    }
    levelMs[level]! += end - cursor;
  }

  const sla: Partial<Record<SlaTargetName, TargetOutcome>> = {};
  const summaryTargets = context.sla?.targets;
  if (summaryTargets !== undefined) {
    for (const brief of summaryTargets) sla[brief.target] = outcomeOf(brief, context.now);
  }
  // A recorded breach stands, as the ticket's breached flag does: the summary holds only the
  // current next-update period, and a target met later or relaxed since was still missed then.
  if (breachedAt !== undefined) {
    for (const target of SLA_TARGETS)
      if (breachedAt[target] !== undefined) sla[target] = 'breached';
  }

  const breaches: ReportBreach[] = [];
  for (const target of SLA_TARGETS) {
    if (sla[target] !== 'breached') continue;
    const at =
      breachedAt?.[target] ?? summaryTargets?.find((brief) => brief.target === target)?.dueAt;
    if (at === undefined) continue;
    breaches.push({ target, at, ...positionAt(log, start, at) });
  }
  if (breaches.length > 1) breaches.sort((a, b) => a.at - b.at);

  let dropped: DropReason | undefined;
  if (breaches.length > 0 && escalations > 0) {
    search: for (let i = 0; i < log.length; i++) {
      if (log[i]!.type !== 'escalated') continue;
      for (const breach of breaches) {
        if (breach.at > log[i]!.at && ignoredUntil(log, i, breach.at)) {
          dropped = 'breached_without_action';
          break search;
        }
      }
    }
  }
  if (dropped === undefined && deEscalatedWhileOpen && !done) dropped = 'de_escalated_unresolved';

  const firstResponseMs =
    firstResponseAt === undefined ? undefined : Math.max(0, firstResponseAt - createdAt);
  const resolveMs = resolvedAt === undefined ? undefined : Math.max(0, resolvedAt - createdAt);
  return {
    id: ticket.id,
    createdAt,
    customerId: ticket.customerId,
    priority: ticket.priority,
    category: ticket.category,
    tier: ticket.tier,
    channel: ticket.channel,
    teamId: ticket.teamId,
    ownerId: ticket.ownerId,
    status: ticket.status,
    done,
    resolvedAt,
    level: ticket.level,
    maxLevel,
    escalated,
    escalatedAt: firstEscalation?.at,
    escalationType: escalated
      ? (firstEscalation?.escalationType ?? ticket.escalationType ?? 'hierarchical')
      : undefined,
    escalations,
    deEscalations,
    reopens,
    everResolved,
    firstResponseAt,
    firstResponseMs,
    firstResponseBusinessMs:
      firstResponseAt === undefined
        ? undefined
        : businessMs(context.calendar, createdAt, firstResponseAt),
    resolveMs,
    resolveBusinessMs:
      resolvedAt === undefined ? undefined : businessMs(context.calendar, createdAt, resolvedAt),
    levelMs,
    sla,
    breaches,
    csat,
    rootCause,
    dropped,
  };
}
