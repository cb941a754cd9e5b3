import { targetName } from '../sla/policy';
import { isDoneStatus, PRIORITIES, type Priority } from '../tickets/ticket';
import type { DeskEvent, Ticket } from '../tickets/desk';
import type { WorkflowChange, WorkflowContext } from '../tickets/workflow';
import type { DeskTimer } from './evaluate';
import type { EscalationLevel, EscalationRow, EscalationTrigger } from './matrix';

/** Who the desk's own actions are recorded as. */
export const SYSTEM_ACTOR = 'system';

/** Why a level fired, in words, for the escalation's reason. */
export function triggerReason(trigger: EscalationTrigger | undefined): string {
  if (trigger === undefined) return 'Automatic escalation';
  switch (trigger.kind) {
    case 'after_minutes':
      return `Automatic: ${trigger.minutes} ${trigger.mode === 'business' ? 'business ' : ''}minutes at the previous level`;
    case 'sla_percent':
      return `Automatic: ${trigger.percent}% of ${targetName(trigger.target)} time used`;
    case 'risk_above':
      return `Automatic: escalation risk above ${trigger.score}`;
    case 'sentiment_below':
      return `Automatic: customer sentiment below ${trigger.score}`;
  }
}

/** The priority a level's `raise_priority` action leads to (one step up unless `to` says). */
function raisedPriority(current: Priority, level: EscalationLevel): Priority | undefined {
  const action = level.actions.find((a) => a.kind === 'raise_priority');
  if (action?.kind !== 'raise_priority') return undefined;
  const target = action.to ?? PRIORITIES[Math.max(0, PRIORITIES.indexOf(current) - 1)]!;
  return target < current ? target : undefined;
}

/**
 * What the desk records when one of a ticket's timers fires: an SLA warning or breach event, or the
 * matrix level's step (escalate, reassign to the level's owner when the level says so, raise the
 * priority), all by "system". A reminder (repeat) and a level the ticket is already at change
 * nothing. Warnings and breaches are dated when they came due; a step when it is taken.
 */
export function applyFiredTimer(
  ticket: Ticket,
  timer: DeskTimer,
  row: EscalationRow | undefined,
  ctx: WorkflowContext,
): WorkflowChange {
  const base = (at: number) => ({ id: ctx.newId(), ticketId: ticket.id, at, by: SYSTEM_ACTOR });
  switch (timer.kind) {
    case 'sla_warning':
      return {
        ticket,
        events: [
          {
            ...base(timer.at),
            type: 'sla_warning',
            target: timer.target,
            percent: timer.percent,
            dueAt: timer.dueAt,
          },
        ],
      };
    case 'sla_breach':
      return {
        ticket: ticket.breached ? ticket : { ...ticket, breached: true },
        events: [
          { ...base(timer.at), type: 'sla_breached', target: timer.target, dueAt: timer.at },
        ],
      };
    case 'escalation_repeat':
      return { ticket, events: [] };
    case 'escalation':
      break;
  }
  const level = row?.levels[timer.level - 1];
  if (level === undefined || ticket.level >= timer.level || isDoneStatus(ticket.status)) {
    return { ticket, events: [] };
  }
  const reassign = level.actions.some((action) => action.kind === 'reassign')
    ? level.owner
    : undefined;
  const toTeamId = reassign?.kind === 'team' ? reassign.id : undefined;
  const toOwnerId = reassign?.kind === 'person' ? reassign.id : undefined;
  const events: DeskEvent[] = [
    {
      ...base(ctx.now),
      type: 'escalated',
      escalationType: level.type,
      fromLevel: ticket.level,
      toLevel: timer.level,
      ...(ticket.ownerId ? { fromOwnerId: ticket.ownerId } : {}),
      ...(toOwnerId ? { toOwnerId } : {}),
      ...(toTeamId ? { toTeamId } : {}),
      reason: triggerReason(level.trigger),
    },
  ];
  const priority = raisedPriority(ticket.priority, level);
  if (priority) events.push({ ...base(ctx.now), type: 'priority_changed', to: priority });
  if (ticket.status === 'new')
    events.push({ ...base(ctx.now), type: 'status_changed', to: 'open' });
  const next: Ticket = {
    ...ticket,
    level: timer.level,
    escalationType: level.type,
    escalated: true,
    updatedAt: ctx.now,
    ...(priority ? { priority } : {}),
    ...(ticket.status === 'new' ? { status: 'open' as const } : {}),
  };
  // A team takes the ticket over: its queue picks an owner. A person takes it personally.
  if (toTeamId) {
    next.teamId = toTeamId;
    delete next.ownerId;
  }
  if (toOwnerId) next.ownerId = toOwnerId;
  return { ticket: next, events };
}
