import { escalationContextOf, type FiredKeyState } from '../alerts/from-timer';
import { assistContextOf, type RiskSignals } from '../assist/risk';
import type { AssistSettings } from '../assist/settings';
import { summarizeSla } from '../sla/summary';
import type { BusinessCalendar } from '../calendar';
import { evaluateEscalation } from '../escalation/evaluate';
import type { EscalationMatrix } from '../escalation/matrix';
import { SLA_TARGETS, type SlaPolicy, type SlaTargetName } from '../sla/policy';
import { deriveSlaState, type SlaState } from '../sla/state';
import { slaEventsOf } from '../tickets';
import type { DeskEvent, Ticket } from '../tickets/desk';

/** Everything that decides SLA clocks and escalations: the rules a manager edits. */
export interface DeskRules {
  /** In first-match order. */
  policies: readonly SlaPolicy[];
  calendars: ReadonlyMap<string, BusinessCalendar>;
  matrix: EscalationMatrix;
}

/**
 * An open ticket as the preview needs it: its record, activity log and fired alerts, and the risk
 * signals the live desk judges its risk and sentiment levels with (the mood alone while risk is
 * off and sentiment on; absent while both are off: those levels then wait, as on the desk).
 */
export interface WhatIfTicket {
  ticket: Ticket;
  events: readonly DeskEvent[];
  fired: readonly FiredKeyState[];
  risk?: RiskSignals;
}

/** A target whose due time would move, appear (no `before`) or go (no `after`). */
export interface DueChange {
  ticketId: string;
  target: SlaTargetName;
  before?: number;
  after?: number;
}

/** What saving proposed rules would change for the open tickets, at one moment. */
export interface WhatIfResult {
  openTickets: number;
  /** Every target whose due time changes. */
  dueChanges: DueChange[];
  /** How many tickets have at least one due change. */
  ticketsWithNewDueTimes: number;
  /** Tickets that would be breached right now under the proposed rules, and are not now. */
  newlyBreached: string[];
  /** Tickets breached now that would not be under the proposed rules. */
  noLongerBreached: string[];
  /** Escalation levels that would fire at once on saving (due now, not due under the current rules). */
  levelsFiring: { ticketId: string; level: number }[];
}

/** The assist switches that decide whether risk and sentiment levels can fire. */
export type WhatIfAssist = Pick<AssistSettings, 'risk' | 'sentiment'>;

function evaluate(item: WhatIfTicket, rules: DeskRules, now: number, assist: WhatIfAssist) {
  const sla: SlaState = deriveSlaState(slaEventsOf(item.events), rules.policies, now, {
    resolveCalendar: (id) => rules.calendars.get(id),
  });
  const context = escalationContextOf(item.ticket, item.events, item.fired);
  const assisted =
    item.risk === undefined
      ? context
      : {
          ...context,
          ...assistContextOf(
            { ticket: item.ticket, sla: summarizeSla(sla, now), signals: item.risk },
            now,
            assist,
          ),
        };
  return { sla, escalation: evaluateEscalation(assisted, rules.matrix, sla, now) };
}

const isBreached = (sla: SlaState) =>
  Object.values(sla.targets).some((target) => target?.state === 'breached');

/**
 * Compares the current and the proposed rules over the open tickets at `now`: which due times
 * move, which tickets would turn breached (or stop being), and which escalation levels would fire
 * the moment the rules are saved, judging risk and sentiment levels as the desk does with `assist`
 * (a level whose feature is off waits). Pure and synchronous; the editor runs it in a worker over
 * every open ticket.
 */
export function whatIf(
  tickets: Iterable<WhatIfTicket>,
  current: DeskRules,
  proposed: DeskRules,
  now: number,
  assist: WhatIfAssist,
): WhatIfResult {
  const result: WhatIfResult = {
    openTickets: 0,
    dueChanges: [],
    ticketsWithNewDueTimes: 0,
    newlyBreached: [],
    noLongerBreached: [],
    levelsFiring: [],
  };
  for (const item of tickets) {
    result.openTickets++;
    const before = evaluate(item, current, now, assist);
    const after = evaluate(item, proposed, now, assist);
    const id = item.ticket.id;
    let moved = false;
    for (const target of SLA_TARGETS) {
      const was = before.sla.targets[target]?.dueAt;
      const will = after.sla.targets[target]?.dueAt;
      if (was === will) continue;
      moved = true;
      result.dueChanges.push({
        ticketId: id,
        target,
        ...(was === undefined ? {} : { before: was }),
        ...(will === undefined ? {} : { after: will }),
      });
    }
    if (moved) result.ticketsWithNewDueTimes++;
    const breachedBefore = isBreached(before.sla);
    const breachedAfter = isBreached(after.sla);
    if (breachedAfter && !breachedBefore) result.newlyBreached.push(id);
    if (breachedBefore && !breachedAfter) result.noLongerBreached.push(id);
    const dueBefore = new Set(before.escalation.due.map((timer) => timer.key));
    for (const timer of after.escalation.due) {
      if (timer.kind === 'escalation' && !dueBefore.has(timer.key)) {
        result.levelsFiring.push({ ticketId: id, level: timer.level });
      }
    }
  }
  return result;
}
