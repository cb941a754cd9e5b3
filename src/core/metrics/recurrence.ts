import type { ReportFacts } from './types';

const DAY_MS = 86_400_000;

/** How many days the reports look back for a recurrence unless the user says otherwise. */
export const DEFAULT_RECURRENCE_DAYS = 30;

/** A ticket's first escalation: when, and which ticket. */
export interface EscalationInstant {
  id: string;
  escalatedAt: number;
}

/** Escalations in time order; of two at the same instant, the lower id comes first. */
function byEscalation(a: EscalationInstant, b: EscalationInstant): number {
  return a.escalatedAt - b.escalatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Ids of escalated tickets whose customer had an earlier escalation in the same category at most
 * `windowDays` before (by first escalation; of two at the same instant, the later id recurs).
 * Run it over the whole desk, so an escalation early in a report still sees the one before it.
 * Tickets flagged escalated without an escalation event have no instant and take no part.
 */
export function findRecurrences(facts: Iterable<ReportFacts>, windowDays: number): Set<string> {
  const windowMs = windowDays * DAY_MS;
  const groups = new Map<string, EscalationInstant[]>();
  for (const ticket of facts) {
    if (!ticket.escalated || ticket.escalatedAt === undefined) continue;
    const key = `${ticket.customerId}\u0000${ticket.category}`;
    const instant = { id: ticket.id, escalatedAt: ticket.escalatedAt };
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [instant]);
    else group.push(instant);
  }
  const recurring = new Set<string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.sort(byEscalation);
    for (let i = 1; i < group.length; i++) {
      if (group[i]!.escalatedAt - group[i - 1]!.escalatedAt <= windowMs) {
        recurring.add(group[i]!.id);
      }
    }
  }
  return recurring;
}

/**
 * The escalation one ticket's recurs, by the rule of findRecurrences: among `others` (the same
 * customer's escalations in the same category), the one just before it, if at most `windowDays`
 * before; undefined when it is not a recurrence.
 */
export function recurrenceOf(
  ticket: EscalationInstant,
  others: readonly EscalationInstant[],
  windowDays: number,
): EscalationInstant | undefined {
  let previous: EscalationInstant | undefined;
  for (const other of others) {
    if (other.id === ticket.id || byEscalation(other, ticket) >= 0) continue;
    if (previous === undefined || byEscalation(other, previous) > 0) previous = other;
  }
  if (previous === undefined) return undefined;
  return ticket.escalatedAt - previous.escalatedAt <= windowDays * DAY_MS ? previous : undefined;
}
