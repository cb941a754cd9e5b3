import { assessRisk, type RiskReason } from '../assist/risk';
import { targetName } from '../sla/policy';
import { isDoneStatus, PRIORITIES, type Priority } from '../tickets/ticket';
import type { DeskEvent, Ticket } from '../tickets/desk';
import type { WorkflowChange, WorkflowContext } from '../tickets/workflow';
import type { DeskTimer, EscalationTimer } from './evaluate';
import type { EscalationLevel, EscalationRow, EscalationTrigger } from './matrix';

/** Who the desk's own actions are recorded as. */
export const SYSTEM_ACTOR = 'system';

/** The value a `risk_above` or `sentiment_below` level fired on, and (risk) its main reasons. */
export type TriggerReading =
  { kind: 'risk'; score: number; reasons: string[] } | { kind: 'sentiment'; score: number };

/** How many of a risk score's reasons an escalation's reason names. */
const MAIN_REASONS = 3;

/**
 * The reasons that weigh most in a risk score, most points first (ties in the given order), as
 * phrases for the middle of a sentence: "Changed hands 3 times." becomes "changed hands 3 times".
 */
export function mainRiskReasons(
  reasons: readonly Pick<RiskReason, 'points' | 'detail'>[],
): string[] {
  return reasons
    .map((reason, index) => ({ ...reason, index }))
    .filter((reason) => reason.points > 0 && reason.detail.trim() !== '')
    .sort((a, b) => b.points - a.points || a.index - b.index)
    .slice(0, MAIN_REASONS)
    .map(({ detail }) => {
      const phrase = detail.trim().replace(/\.$/, '');
      // "An SLA target…" reads "an SLA target…"; a word in capitals ("SLA …") keeps them.
      return /^[A-Z][a-z]/.test(phrase) ? phrase.charAt(0).toLowerCase() + phrase.slice(1) : phrase;
    });
}

/**
 * What a due risk or sentiment level measured when its step is recorded at `at`: the risk score
 * then (or, should it no longer be above the level's score then, when the level came due), so
 * two desks recording the same alert write the same reason.
 */
export function levelReading(
  timer: Pick<EscalationTimer, 'at' | 'measured'>,
  trigger: EscalationTrigger | undefined,
  at: number,
): TriggerReading | undefined {
  const measured = timer.measured;
  if (measured?.kind === 'sentiment') return { kind: 'sentiment', score: measured.score };
  if (measured?.kind !== 'risk' || trigger?.kind !== 'risk_above') return undefined;
  let risk = assessRisk(measured.input, at);
  if (risk.score <= trigger.score && timer.at !== at) risk = assessRisk(measured.input, timer.at);
  return { kind: 'risk', score: risk.score, reasons: mainRiskReasons(risk.reasons) };
}

/**
 * A measured score in words, with as many decimals (two to four) as it takes not to read like the
 * threshold it crossed: -0.4012 below -0.4 reads "-0.401", not "-0.40".
 */
function measuredText(value: number, threshold: number): string {
  for (let decimals = 2; decimals < 4; decimals++) {
    const text = String(Number(value.toFixed(decimals)));
    if (Number(text) !== threshold) return text;
  }
  return String(Number(value.toFixed(4)));
}

/**
 * Why a level fired, in words, for the escalation's reason. With what a risk or sentiment level
 * measured: "Automatic: escalation risk 72 (above 60) — due in 40 min; changed hands 3 times" or
 * "Automatic: customer sentiment -0.64 (below -0.4)"; without it (or recorded before readings
 * were kept), the threshold alone: "Automatic: escalation risk above 60".
 */
export function triggerReason(
  trigger: EscalationTrigger | undefined,
  reading?: TriggerReading,
): string {
  if (trigger === undefined) return 'Automatic escalation';
  if (trigger.kind === 'risk_above' && reading?.kind === 'risk') {
    const why = reading.reasons.length ? ` — ${reading.reasons.join('; ')}` : '';
    return `Automatic: escalation risk ${Math.round(reading.score)} (above ${trigger.score})${why}`;
  }
  if (trigger.kind === 'sentiment_below' && reading?.kind === 'sentiment') {
    return `Automatic: customer sentiment ${measuredText(reading.score, trigger.score)} (below ${trigger.score})`;
  }
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
      reason: triggerReason(level.trigger, levelReading(timer, level.trigger, ctx.now)),
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
