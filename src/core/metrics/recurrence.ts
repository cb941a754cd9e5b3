import type { ReportFacts } from './types';

const DAY_MS = 86_400_000;

/**
 * Ids of escalated tickets whose customer had an earlier escalation in the same category at most
 * `windowDays` before (by first escalation; of two at the same instant, the later id recurs).
 * Run it over the whole desk, so an escalation early in a report still sees the one before it.
 * Tickets flagged escalated without an escalation event have no instant and take no part.
 */
export function findRecurrences(facts: Iterable<ReportFacts>, windowDays: number): Set<string> {
  const windowMs = windowDays * DAY_MS;
  const groups = new Map<string, ReportFacts[]>();
  for (const ticket of facts) {
    if (!ticket.escalated || ticket.escalatedAt === undefined) continue;
    const key = `${ticket.customerId}\u0000${ticket.category}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [ticket]);
    else group.push(ticket);
  }
  const recurring = new Set<string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.sort(
      (a, b) => a.escalatedAt! - b.escalatedAt! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    for (let i = 1; i < group.length; i++) {
      if (group[i]!.escalatedAt! - group[i - 1]!.escalatedAt! <= windowMs) {
        recurring.add(group[i]!.id);
      }
    }
  }
  return recurring;
}
