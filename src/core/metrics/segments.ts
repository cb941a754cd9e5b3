import type { EscalationType } from '../escalation/matrix';
import type { DrillDown, ReportFacts, ReportFilter, Segment } from './types';

/** The type a report files an escalated ticket under: its first escalation's, else hierarchical. */
export function escalationTypeOf(facts: ReportFacts): EscalationType {
  return facts.escalationType ?? 'hierarchical';
}

function allows<T>(list: readonly T[] | undefined, value: T): boolean {
  return list === undefined || list.length === 0 || list.includes(value);
}

/** Whether a ticket is one a report with this filter covers. */
export function matchesFilter(facts: ReportFacts, filter: ReportFilter): boolean {
  return (
    facts.createdAt >= filter.from &&
    facts.createdAt < filter.to &&
    allows(filter.teams, facts.teamId ?? null) &&
    allows(filter.levels, facts.maxLevel) &&
    allows(filter.priorities, facts.priority) &&
    allows(filter.categories, facts.category) &&
    allows(filter.tiers, facts.tier) &&
    allows(filter.channels, facts.channel)
  );
}

/** Whether a ticket belongs to a segment; `recurring` is `findRecurrences` over the whole desk. */
export function inSegment(
  facts: ReportFacts,
  segment: Segment,
  recurring: ReadonlySet<string>,
): boolean {
  switch (segment.kind) {
    case 'tickets':
      return true;
    case 'escalated':
      return (
        facts.escalated && (segment.type === undefined || escalationTypeOf(facts) === segment.type)
      );
    case 'not_escalated':
      return !facts.escalated;
    case 'responded':
      return facts.firstResponseMs !== undefined;
    case 'resolved':
      return facts.done;
    case 'sla':
      return facts.sla[segment.target] === segment.outcome;
    case 'breached': {
      const first = facts.breaches[0];
      return (
        first !== undefined &&
        (segment.level === undefined || first.level === segment.level) &&
        (segment.teamId === undefined || (first.teamId ?? null) === segment.teamId)
      );
    }
    case 'level_time':
      return (facts.levelMs[segment.level] ?? 0) > 0;
    case 'de_escalated':
      return facts.deEscalations > 0;
    case 'reopened':
      return facts.reopens > 0;
    case 'csat':
      return (
        facts.csat !== undefined &&
        (segment.score === undefined || facts.csat === segment.score) &&
        (segment.escalated === undefined || facts.escalated === segment.escalated)
      );
    case 'recurring':
      return facts.escalated && recurring.has(facts.id);
    case 'dropped':
      return (
        facts.dropped !== undefined &&
        (segment.reason === undefined || facts.dropped === segment.reason)
      );
    case 'root_cause':
      return facts.done && facts.escalated && facts.rootCause === segment.rootCause;
    case 'resolution_time':
      return (
        facts.done &&
        facts.resolveMs !== undefined &&
        facts.resolveMs >= segment.fromMs &&
        (segment.toMs === null || facts.resolveMs < segment.toMs)
      );
    case 'team':
      return (facts.teamId ?? null) === segment.teamId;
    case 'owner':
      return (facts.ownerId ?? null) === segment.ownerId;
  }
}

/** Ids of the tickets behind one part of a report, newest first (ties by id). */
export function drillTickets(
  all: Iterable<ReportFacts>,
  filter: ReportFilter,
  drill: DrillDown,
  recurring: ReadonlySet<string>,
): string[] {
  const found: ReportFacts[] = [];
  const bucket = drill.bucket;
  for (const facts of all) {
    if (!matchesFilter(facts, filter)) continue;
    if (bucket !== undefined && (facts.createdAt < bucket.from || facts.createdAt >= bucket.to)) {
      continue;
    }
    if (inSegment(facts, drill.segment, recurring)) found.push(facts);
  }
  found.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return found.map((facts) => facts.id);
}
