import { offsetAt, zoneClock } from '../calendar/zone-clock';
import type { EscalationType } from '../escalation/matrix';
import { SLA_TARGETS, type SlaTargetName } from '../sla/policy';
import type { RootCause } from '../tickets/desk';
import { bucketIndexOf, bucketStarts } from './buckets';
import { escalationTypeOf, matchesFilter } from './segments';
import { durationStatsInPlace, rate } from './stats';
import {
  DROP_REASONS,
  type BreakdownRow,
  type ComplianceRow,
  type CsatStats,
  type DropReason,
  type DurationStats,
  type HistogramBin,
  type Report,
  type ReportFacts,
  type ReportFilter,
  type ReportOptions,
  type TargetOutcome,
  type TrendPoint,
} from './types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Lower bounds of the resolution-time histogram's bins; the last bin has no upper bound. */
export const RESOLUTION_BINS_MS: readonly number[] = [
  0,
  HOUR_MS,
  4 * HOUR_MS,
  8 * HOUR_MS,
  DAY_MS,
  3 * DAY_MS,
  7 * DAY_MS,
];

/**
 * The period of the same length just before the filter's, with the same other filters. With a
 * time zone the length is on the wall clock: "the previous 30 days" of a range that crosses a
 * daylight-saving change still starts at local midnight.
 */
export function previousPeriod(filter: ReportFilter, timeZone?: string): ReportFilter {
  if (timeZone === undefined) {
    return { ...filter, from: filter.from - (filter.to - filter.from), to: filter.from };
  }
  const clock = zoneClock(timeZone);
  const local = (at: number) => at + offsetAt(clock, at);
  const wallFrom = local(filter.from);
  const wallStart = wallFrom - (local(filter.to) - wallFrom);
  // The instant whose wall-clock time is wallStart (the offset there, found from a first guess).
  const guess = wallStart - offsetAt(clock, wallStart);
  return { ...filter, from: wallStart - offsetAt(clock, guess), to: filter.from };
}

function emptyByType(): Record<EscalationType, number> {
  return { functional: 0, hierarchical: 0, automatic: 0 };
}

/** A growing list of durations in one preallocated array (a report adds at most one per ticket). */
class Durations {
  readonly values: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }
  add(ms: number): void {
    this.values[this.length++] = ms;
  }
  stats(): DurationStats {
    return durationStatsInPlace(this.values.subarray(0, this.length));
  }
}

/**
 * Duration stats per group: `groupOf[i]` is the group of `values[i]`. A counting sort puts each
 * group's values side by side, so every group costs no allocation of its own.
 */
function statsByGroup(
  values: Float64Array,
  groupOf: Int32Array,
  length: number,
  groups: number,
): DurationStats[] {
  const offsets = new Int32Array(groups + 1);
  for (let i = 0; i < length; i++) offsets[groupOf[i]! + 1]!++;
  for (let g = 0; g < groups; g++) offsets[g + 1]! += offsets[g]!;
  const next = offsets.slice(0, groups);
  const grouped = new Float64Array(length);
  for (let i = 0; i < length; i++) grouped[next[groupOf[i]!]!++] = values[i]!;
  const stats: DurationStats[] = [];
  for (let g = 0; g < groups; g++) {
    stats.push(durationStatsInPlace(grouped.subarray(offsets[g]!, offsets[g + 1]!)));
  }
  return stats;
}

interface BucketTally {
  tickets: number;
  notEscalated: number;
  escalated: Record<EscalationType, number>;
  decided: number;
  clean: number;
}

interface RowTally {
  index: number;
  id: string | null;
  tickets: number;
  escalated: number;
  decided: number;
  clean: number;
  csatResponses: number;
  csatSum: number;
}

function tallyRow(rows: Map<string | null, RowTally>, id: string | null): RowTally {
  let row = rows.get(id);
  if (row === undefined) {
    row = {
      index: rows.size,
      id,
      tickets: 0,
      escalated: 0,
      decided: 0,
      clean: 0,
      csatResponses: 0,
      csatSum: 0,
    };
    rows.set(id, row);
  }
  return row;
}

function byIdNullLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function breakdown(
  rows: Map<string | null, RowTally>,
  resolution: DurationStats[],
): BreakdownRow[] {
  return [...rows.values()]
    .sort((a, b) => b.tickets - a.tickets || byIdNullLast(a.id, b.id))
    .map((row) => ({
      id: row.id,
      tickets: row.tickets,
      escalated: row.escalated,
      compliance: rate(row.clean, row.decided),
      csat: {
        responses: row.csatResponses,
        average: row.csatResponses === 0 ? null : row.csatSum / row.csatResponses,
      },
      resolutionMs: resolution[row.index]!,
    }));
}

function csatOf(counts: readonly number[]): CsatStats {
  let responses = 0;
  let sum = 0;
  for (let i = 0; i < 5; i++) {
    responses += counts[i]!;
    sum += counts[i]! * (i + 1);
  }
  const [one, two, three, four, five] = counts as [number, number, number, number, number];
  return {
    responses,
    average: responses === 0 ? null : sum / responses,
    distribution: [one, two, three, four, five],
  };
}

type Outcome = TargetOutcome | undefined;

function tallyOutcome(tally: { met: number; breached: number; open: number }, outcome: Outcome) {
  if (outcome !== undefined) tally[outcome]++;
}

/**
 * Every KPI of the tickets the filter selects, in one pass over their facts. `recurring` is
 * `findRecurrences` over the whole desk. Each count equals what `drillTickets` lists for it.
 */
export function computeReport(
  facts: readonly ReportFacts[],
  filter: ReportFilter,
  options: ReportOptions,
  recurring: ReadonlySet<string>,
): Report {
  const starts = bucketStarts(filter.from, filter.to, options.bucket, options.timeZone);
  const buckets: BucketTally[] = starts.map(() => ({
    tickets: 0,
    notEscalated: 0,
    escalated: emptyByType(),
    decided: 0,
    clean: 0,
  }));
  const capacity = facts.length;

  let tickets = 0;
  let escalated = 0;
  const byType = emptyByType();
  const firstResponse = new Durations(capacity);
  const firstResponseBusiness = new Durations(capacity);
  const resolution = new Durations(capacity);
  const resolutionBusiness = new Durations(capacity);
  // Per resolved ticket (in `resolution` order): its trend bucket, team row and person row.
  const resolvedBucket = new Int32Array(capacity);
  const resolvedTeam = new Int32Array(capacity);
  const resolvedPerson = new Int32Array(capacity);
  const firstResponseTally = { met: 0, breached: 0, open: 0 };
  const nextUpdateTally = { met: 0, breached: 0, open: 0 };
  const resolutionTally = { met: 0, breached: 0, open: 0 };
  let decided = 0;
  let clean = 0;
  const breachesByLevel = new Map<number, number>();
  const breachesByTeam = new Map<string | null, number>();
  const levelTimes: Durations[] = [];
  let deEscalatedTickets = 0;
  let deEscalationEvents = 0;
  let reopened = 0;
  let everResolved = 0;
  // Ratings by score (index 0 = score 1), escalated and not.
  const csatEscalated = [0, 0, 0, 0, 0];
  const csatNotEscalated = [0, 0, 0, 0, 0];
  let recurringCount = 0;
  const dropped: Record<DropReason, number> = {
    breached_without_action: 0,
    de_escalated_unresolved: 0,
  };
  const rootCauses = new Map<RootCause, number>();
  const histogram = new Array<number>(RESOLUTION_BINS_MS.length).fill(0);
  const teams = new Map<string | null, RowTally>();
  const people = new Map<string | null, RowTally>();

  for (let i = 0; i < facts.length; i++) {
    const ticket = facts[i]!;
    if (!matchesFilter(ticket, filter)) continue;
    tickets++;
    const bucketIndex = bucketIndexOf(starts, ticket.createdAt);
    const bucket = buckets[bucketIndex]!;
    bucket.tickets++;
    const team = tallyRow(teams, ticket.teamId ?? null);
    const person = tallyRow(people, ticket.ownerId ?? null);
    team.tickets++;
    person.tickets++;

    if (ticket.escalated) {
      escalated++;
      const type = escalationTypeOf(ticket);
      byType[type]++;
      bucket.escalated[type]++;
      team.escalated++;
      person.escalated++;
      if (recurring.has(ticket.id)) recurringCount++;
    } else {
      bucket.notEscalated++;
    }

    if (ticket.firstResponseMs !== undefined) firstResponse.add(ticket.firstResponseMs);
    if (ticket.firstResponseBusinessMs !== undefined) {
      firstResponseBusiness.add(ticket.firstResponseBusinessMs);
    }

    if (ticket.done && ticket.resolveMs !== undefined) {
      const ms = ticket.resolveMs;
      resolvedBucket[resolution.length] = bucketIndex;
      resolvedTeam[resolution.length] = team.index;
      resolvedPerson[resolution.length] = person.index;
      resolution.add(ms);
      if (ticket.resolveBusinessMs !== undefined) resolutionBusiness.add(ticket.resolveBusinessMs);
      let bin = RESOLUTION_BINS_MS.length - 1;
      while (bin > 0 && ms < RESOLUTION_BINS_MS[bin]!) bin--;
      if (ms >= 0) histogram[bin]!++;
      if (ticket.escalated && ticket.rootCause !== undefined) {
        rootCauses.set(ticket.rootCause, (rootCauses.get(ticket.rootCause) ?? 0) + 1);
      }
    }

    // Named reads: each ticket's `sla` has its own set of keys.
    const sla = ticket.sla;
    const firstResponseOutcome: Outcome = sla.first_response;
    const nextUpdateOutcome: Outcome = sla.next_update;
    const resolutionOutcome: Outcome = sla.resolution;
    tallyOutcome(firstResponseTally, firstResponseOutcome);
    tallyOutcome(nextUpdateTally, nextUpdateOutcome);
    tallyOutcome(resolutionTally, resolutionOutcome);
    if (
      (firstResponseOutcome !== undefined && firstResponseOutcome !== 'open') ||
      (nextUpdateOutcome !== undefined && nextUpdateOutcome !== 'open') ||
      (resolutionOutcome !== undefined && resolutionOutcome !== 'open')
    ) {
      decided++;
      bucket.decided++;
      team.decided++;
      person.decided++;
      if (ticket.breaches.length === 0) {
        clean++;
        bucket.clean++;
        team.clean++;
        person.clean++;
      }
    }
    const firstBreach = ticket.breaches[0];
    if (firstBreach !== undefined) {
      breachesByLevel.set(firstBreach.level, (breachesByLevel.get(firstBreach.level) ?? 0) + 1);
      const teamId = firstBreach.teamId ?? null;
      breachesByTeam.set(teamId, (breachesByTeam.get(teamId) ?? 0) + 1);
    }

    const levelMs = ticket.levelMs;
    const top = Math.max(ticket.maxLevel, levelMs.length - 1);
    while (levelTimes.length <= top) levelTimes.push(new Durations(capacity));
    for (let level = 0; level < levelMs.length; level++) {
      const ms = levelMs[level]!;
      if (ms > 0) levelTimes[level]!.add(ms);
    }

    if (ticket.deEscalations > 0) {
      deEscalatedTickets++;
      deEscalationEvents += ticket.deEscalations;
    }
    if (ticket.reopens > 0) reopened++;
    if (ticket.everResolved) everResolved++;

    if (ticket.csat !== undefined) {
      (ticket.escalated ? csatEscalated : csatNotEscalated)[ticket.csat - 1]!++;
      team.csatResponses++;
      team.csatSum += ticket.csat;
      person.csatResponses++;
      person.csatSum += ticket.csat;
    }

    if (ticket.dropped !== undefined) dropped[ticket.dropped]++;
  }

  const complianceRows: ComplianceRow[] = [];
  const tallies = {
    first_response: firstResponseTally,
    next_update: nextUpdateTally,
    resolution: resolutionTally,
  } satisfies Record<SlaTargetName, unknown>;
  for (const target of SLA_TARGETS) {
    const { met, breached, open } = tallies[target];
    if (met + breached + open === 0) continue;
    complianceRows.push({
      target,
      met,
      breached,
      open,
      rate: met + breached === 0 ? null : met / (met + breached),
    });
  }

  // The grouped stats reorder their own copies; the resolution list stays as it was added.
  const resolved = resolution.length;
  const bucketResolution = statsByGroup(resolution.values, resolvedBucket, resolved, starts.length);
  const teamResolution = statsByGroup(resolution.values, resolvedTeam, resolved, teams.size);
  const personResolution = statsByGroup(resolution.values, resolvedPerson, resolved, people.size);

  const trend: TrendPoint[] = buckets.map((bucket, i) => ({
    start: starts[i]!,
    end: starts[i + 1] ?? filter.to,
    tickets: bucket.tickets,
    notEscalated: bucket.notEscalated,
    escalated: bucket.escalated,
    compliance: rate(bucket.clean, bucket.decided),
    resolutionMs: bucketResolution[i]!,
  }));

  const resolutionHistogram: HistogramBin[] = RESOLUTION_BINS_MS.map((fromMs, i) => ({
    fromMs,
    toMs: RESOLUTION_BINS_MS[i + 1] ?? null,
    count: histogram[i]!,
  }));

  let droppedTotal = 0;
  for (const reason of DROP_REASONS) droppedTotal += dropped[reason];

  return {
    filter,
    options,
    tickets,
    escalation: { escalated: rate(escalated, tickets), byType },
    firstResponse: { calendar: firstResponse.stats(), business: firstResponseBusiness.stats() },
    resolution: { calendar: resolution.stats(), business: resolutionBusiness.stats() },
    compliance: complianceRows,
    overallCompliance: rate(clean, decided),
    breachesByLevel: [...breachesByLevel]
      .sort((a, b) => a[0] - b[0])
      .map(([level, count]) => ({ level, count })),
    breachesByTeam: [...breachesByTeam]
      .sort((a, b) => b[1] - a[1] || byIdNullLast(a[0], b[0]))
      .map(([teamId, count]) => ({ teamId, count })),
    levelTime: levelTimes.map((times, level) => ({
      level,
      tickets: times.length,
      time: times.stats(),
    })),
    deEscalations: { tickets: deEscalatedTickets, events: deEscalationEvents },
    reopens: rate(reopened, everResolved),
    csat: {
      all: csatOf(csatEscalated.map((count, i) => count + csatNotEscalated[i]!)),
      escalated: csatOf(csatEscalated),
      notEscalated: csatOf(csatNotEscalated),
    },
    recurrence: { ...rate(recurringCount, escalated), windowDays: options.recurrenceDays },
    dropped: { total: droppedTotal, ...dropped },
    rootCauses: [...rootCauses]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([rootCause, count]) => ({ rootCause, count })),
    trend,
    resolutionHistogram,
    teams: breakdown(teams, teamResolution),
    people: breakdown(people, personResolution),
  };
}
