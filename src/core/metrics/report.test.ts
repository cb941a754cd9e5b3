import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ESCALATION_TYPES } from '../escalation/matrix';
import { SLA_TARGETS } from '../sla/policy';
import type { SlaSummary } from '../sla/summary';
import { ROOT_CAUSES } from '../tickets/desk';
import { PRIORITIES } from '../tickets/ticket';
import { deriveReportFacts } from './facts';
import { findRecurrences } from './recurrence';
import { computeReport, previousPeriod, RESOLUTION_BINS_MS } from './report';

const HOUR_MS = 3_600_000;
import { drillTickets } from './segments';
import {
  DAY,
  HOUR,
  LOG_A,
  LOG_B,
  LOG_C,
  MINUTE,
  NOW,
  T0,
  TICKET_A,
  TICKET_B,
  TICKET_C,
  logOf,
} from './test-fixtures';
import {
  DROP_REASONS,
  type DrillDown,
  type ReportBreach,
  type ReportFacts,
  type ReportFilter,
  type ReportOptions,
  type Segment,
  type TargetOutcome,
} from './types';

const SUMMARY_A: SlaSummary = {
  state: 'breached',
  targets: [
    { target: 'first_response', state: 'met', dueAt: T0 + HOUR, metAt: T0 + 30 * MINUTE },
    { target: 'resolution', state: 'breached', dueAt: T0 + 4 * HOUR },
  ],
};

describe('computeReport on tickets A, B and C', () => {
  const facts = [
    deriveReportFacts(TICKET_A, logOf('A', T0, LOG_A), { now: NOW, sla: SUMMARY_A }),
    deriveReportFacts(TICKET_B, logOf('B', T0 + HOUR, LOG_B), { now: NOW }),
    deriveReportFacts(TICKET_C, logOf('C', T0 + 2 * HOUR, LOG_C), { now: NOW }),
  ];
  const filter = { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 4) };
  const options: ReportOptions = { bucket: 'day', timeZone: 'UTC', recurrenceDays: 30 };
  const report = computeReport(facts, filter, options, findRecurrences(facts, 30));

  it('counts escalations, responses and resolutions', () => {
    expect(report.tickets).toBe(3);
    expect(report.escalation).toEqual({
      escalated: { count: 2, of: 3, rate: 2 / 3 },
      byType: { functional: 1, hierarchical: 0, automatic: 1 },
    });
    // No calendar on these tickets: business time is elapsed time, as their SLA clocks count.
    const firstResponse = { count: 2, medianMs: 30 * MINUTE, p90Ms: HOUR, meanMs: 45 * MINUTE };
    expect(report.firstResponse).toEqual({ calendar: firstResponse, business: firstResponse });
    expect(report.resolution.calendar).toEqual({
      count: 2,
      medianMs: 5 * HOUR,
      p90Ms: 6 * HOUR,
      meanMs: 5.5 * HOUR,
    });
  });

  it('counts SLA outcomes and where the breaches happened', () => {
    expect(report.compliance).toEqual([
      { target: 'first_response', met: 1, breached: 1, open: 0, rate: 0.5 },
      { target: 'resolution', met: 0, breached: 1, open: 0, rate: 0 },
    ]);
    expect(report.overallCompliance).toEqual({ count: 0, of: 2, rate: 0 });
    expect(report.breachesByLevel).toEqual([
      { level: 1, count: 1 },
      { level: 2, count: 1 },
    ]);
    expect(report.breachesByTeam).toEqual([
      { teamId: 'management', count: 1 },
      { teamId: 'network', count: 1 },
    ]);
  });

  it('measures time per level, de-escalations, reopens, CSAT, recurrence, drops, root causes', () => {
    expect(report.levelTime).toEqual([
      {
        level: 0,
        tickets: 3,
        time: { count: 3, medianMs: 4 * HOUR, p90Ms: 5 * HOUR, meanMs: (10 * HOUR) / 3 },
      },
      {
        level: 1,
        tickets: 1,
        time: { count: 1, medianMs: 5 * HOUR, p90Ms: 5 * HOUR, meanMs: 5 * HOUR },
      },
      {
        level: 2,
        tickets: 1,
        time: { count: 1, medianMs: 2 * HOUR, p90Ms: 2 * HOUR, meanMs: 2 * HOUR },
      },
    ]);
    expect(report.deEscalations).toEqual({ tickets: 1, events: 1 });
    expect(report.reopens).toEqual({ count: 1, of: 2, rate: 0.5 });
    expect(report.csat).toEqual({
      all: { responses: 2, average: 3.5, distribution: [0, 1, 0, 0, 1] },
      escalated: { responses: 1, average: 2, distribution: [0, 1, 0, 0, 0] },
      notEscalated: { responses: 1, average: 5, distribution: [0, 0, 0, 0, 1] },
    });
    // C is cust-1's second network escalation of the day.
    expect(report.recurrence).toEqual({ count: 1, of: 2, rate: 0.5, windowDays: 30 });
    expect(report.dropped).toEqual({
      total: 2,
      breached_without_action: 1,
      de_escalated_unresolved: 1,
    });
    expect(report.rootCauses).toEqual([{ rootCause: 'product_defect', count: 1 }]);
  });

  it('draws the trend, the histogram and the team and people rows', () => {
    expect(report.trend.map((point) => [point.start, point.end, point.tickets])).toEqual([
      [Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 2), 0],
      [Date.UTC(2026, 2, 2), Date.UTC(2026, 2, 3), 3],
      [Date.UTC(2026, 2, 3), Date.UTC(2026, 2, 4), 0],
    ]);
    expect(report.trend[1]).toMatchObject({
      notEscalated: 1,
      escalated: { functional: 1, hierarchical: 0, automatic: 1 },
      compliance: { count: 0, of: 2, rate: 0 },
      resolutionMs: { count: 2, medianMs: 5 * HOUR },
    });
    expect(report.resolutionHistogram.map((bin) => bin.count)).toEqual([0, 0, 2, 0, 0, 0, 0]);
    expect(report.resolutionHistogram[2]).toEqual({ fromMs: 4 * HOUR, toMs: 8 * HOUR, count: 2 });
    expect(report.resolutionHistogram.at(-1)).toEqual({ fromMs: 7 * DAY, toMs: null, count: 0 });
    expect(report.teams).toEqual([
      {
        id: 'front',
        tickets: 2,
        escalated: 1,
        compliance: { count: 0, of: 1, rate: 0 },
        csat: { responses: 1, average: 5 },
        resolutionMs: { count: 1, medianMs: 5 * HOUR, p90Ms: 5 * HOUR, meanMs: 5 * HOUR },
      },
      {
        id: 'network',
        tickets: 1,
        escalated: 1,
        compliance: { count: 0, of: 1, rate: 0 },
        csat: { responses: 1, average: 2 },
        resolutionMs: { count: 1, medianMs: 6 * HOUR, p90Ms: 6 * HOUR, meanMs: 6 * HOUR },
      },
    ]);
    expect(report.people.map((row) => [row.id, row.tickets])).toEqual([
      ['agent-1', 1],
      ['agent-2', 1],
      ['spec-1', 1],
    ]);
  });

  it('leaves out tickets the filter excludes', () => {
    const narrowed = computeReport(facts, { ...filter, teams: ['front'] }, options, new Set());
    expect(narrowed.tickets).toBe(2);
    expect(narrowed.escalation.byType).toEqual({ functional: 0, hierarchical: 0, automatic: 1 });
    const empty = computeReport(facts, { from: 0, to: 1 }, options, new Set());
    expect(empty).toMatchObject({ tickets: 0, levelTime: [], compliance: [], teams: [] });
    expect(empty.escalation.escalated.rate).toBeNull();
  });
});

describe('previousPeriod', () => {
  it('is the same length, ending where the filter starts, with the same filters', () => {
    expect(previousPeriod({ from: 100, to: 250, teams: ['a'] })).toEqual({
      from: -50,
      to: 100,
      teams: ['a'],
    });
  });

  // Berlin moves its clocks forward on 29 March 2026 and back on 25 October 2026.
  const berlinMidnight = ([month, day]: readonly [number, number]) =>
    Date.UTC(2026, month - 1, day) - (month > 3 && month < 11 ? 2 : 1) * HOUR_MS;
  it.each([
    ['the spring change in the previous period', [4, 10], [5, 10], [3, 11]],
    ['the spring change in the period itself', [3, 20], [4, 19], [2, 18]],
    ['the autumn change in the period itself', [10, 20], [11, 19], [9, 20]],
  ] as const)('starts at local midnight across %s', (_name, from, to, previousFrom) => {
    const filter = { from: berlinMidnight(from), to: berlinMidnight(to) };
    expect(previousPeriod(filter, 'Europe/Berlin')).toEqual({
      from: berlinMidnight(previousFrom),
      to: filter.from,
    });
  });
});

describe('RESOLUTION_BINS_MS', () => {
  it('starts at 0 and rises', () => {
    expect(RESOLUTION_BINS_MS[0]).toBe(0);
    for (let i = 1; i < RESOLUTION_BINS_MS.length; i++) {
      expect(RESOLUTION_BINS_MS[i]!).toBeGreaterThan(RESOLUTION_BINS_MS[i - 1]!);
    }
  });
});

const START = Date.UTC(2026, 2, 20);
const TEAMS = ['t1', 't2', 't3'];
const OUTCOMES: TargetOutcome[] = ['met', 'breached', 'open'];

/** Random facts that hold together the way derived ones do (breaches ⇔ breached targets, …). */
const arbitraryFacts = fc
  .record({
    created: fc.integer({ min: -3 * DAY, max: 20 * DAY }),
    customerId: fc.constantFrom('c1', 'c2'),
    category: fc.constantFrom('a', 'b'),
    priority: fc.constantFrom(...PRIORITIES),
    tier: fc.constantFrom('enterprise', 'standard'),
    channel: fc.constantFrom('email', 'phone'),
    teamId: fc.option(fc.constantFrom(...TEAMS), { nil: undefined }),
    ownerId: fc.option(fc.constantFrom('o1', 'o2', 'o3'), { nil: undefined }),
    done: fc.boolean(),
    resolveMs: fc.oneof(
      fc.integer({ min: 0, max: 9 * DAY }),
      fc.constantFrom(...RESOLUTION_BINS_MS),
    ),
    resolveBusiness: fc.option(fc.integer({ min: 0, max: 3 * DAY }), { nil: undefined }),
    firstResponse: fc.option(fc.integer({ min: 0, max: DAY }), { nil: undefined }),
    firstResponseBusiness: fc.option(fc.integer({ min: 0, max: DAY }), { nil: undefined }),
    escalated: fc.boolean(),
    escalatedAfter: fc.option(fc.integer({ min: 0, max: 10 * DAY }), { nil: undefined }),
    escalationType: fc.option(fc.constantFrom(...ESCALATION_TYPES), { nil: undefined }),
    levelMs: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: DAY })), {
      minLength: 1,
      maxLength: 4,
    }),
    deEscalations: fc.integer({ min: 0, max: 2 }),
    reopens: fc.integer({ min: 0, max: 2 }),
    resolvedBefore: fc.boolean(),
    sla: fc.record(
      {
        first_response: fc.constantFrom(...OUTCOMES),
        next_update: fc.constantFrom(...OUTCOMES),
        resolution: fc.constantFrom(...OUTCOMES),
      },
      { requiredKeys: [] },
    ),
    breachPlaces: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: 5 * DAY }),
        level: fc.integer({ min: 0, max: 3 }),
        teamId: fc.option(fc.constantFrom(...TEAMS), { nil: undefined }),
      }),
      { minLength: 3, maxLength: 3 },
    ),
    csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    rootCause: fc.option(fc.constantFrom(...ROOT_CAUSES.slice(0, 3)), { nil: undefined }),
    dropped: fc.option(fc.constantFrom(...DROP_REASONS), { nil: undefined }),
  })
  .map((r): Omit<ReportFacts, 'id'> => {
    const createdAt = START + r.created;
    const breaches: ReportBreach[] = [];
    SLA_TARGETS.forEach((target, i) => {
      if (r.sla[target] !== 'breached') return;
      const place = r.breachPlaces[i]!;
      breaches.push({ target, at: createdAt + place.at, level: place.level, teamId: place.teamId });
    });
    breaches.sort((a, b) => a.at - b.at);
    const everResolved = r.done || r.resolvedBefore;
    return {
      createdAt,
      customerId: r.customerId,
      priority: r.priority,
      category: r.category,
      tier: r.tier,
      channel: r.channel,
      teamId: r.teamId,
      ownerId: r.ownerId,
      status: r.done ? 'resolved' : 'open',
      done: r.done,
      resolvedAt: r.done ? createdAt + r.resolveMs : undefined,
      level: 0,
      maxLevel: r.levelMs.length - 1,
      escalated: r.escalated,
      escalatedAt:
        r.escalated && r.escalatedAfter !== undefined ? createdAt + r.escalatedAfter : undefined,
      escalationType: r.escalated ? r.escalationType : undefined,
      escalations: r.escalated ? 1 : 0,
      deEscalations: r.deEscalations,
      reopens: everResolved ? r.reopens : 0,
      everResolved,
      firstResponseAt: r.firstResponse === undefined ? undefined : createdAt + r.firstResponse,
      firstResponseMs: r.firstResponse,
      firstResponseBusinessMs: r.firstResponse === undefined ? undefined : r.firstResponseBusiness,
      resolveMs: r.done ? r.resolveMs : undefined,
      resolveBusinessMs: r.done ? r.resolveBusiness : undefined,
      levelMs: r.levelMs,
      sla: r.sla,
      breaches,
      csat: r.csat,
      rootCause: r.rootCause,
      dropped: r.dropped,
    };
  });

const arbitraryFilter: fc.Arbitrary<ReportFilter> = fc
  .record({
    from: fc.integer({ min: -2 * DAY, max: 10 * DAY }),
    length: fc.integer({ min: HOUR, max: 20 * DAY }),
    teams: fc.option(fc.subarray([...TEAMS, null]), { nil: undefined }),
    levels: fc.option(fc.subarray([0, 1, 2, 3]), { nil: undefined }),
    priorities: fc.option(fc.subarray([...PRIORITIES]), { nil: undefined }),
    categories: fc.option(fc.subarray(['a', 'b']), { nil: undefined }),
  })
  .map(({ from, length, ...lists }) => {
    const filter: ReportFilter = { from: START + from, to: START + from + length };
    if (lists.teams) filter.teams = lists.teams;
    if (lists.levels) filter.levels = lists.levels;
    if (lists.priorities) filter.priorities = lists.priorities;
    if (lists.categories) filter.categories = lists.categories;
    return filter;
  });

describe('computeReport agrees with drillTickets (property)', () => {
  it('every count shown is the number of tickets its drill-down lists', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryFacts, { maxLength: 40 }),
        arbitraryFilter,
        fc.constantFrom('day' as const, 'week' as const),
        fc.constantFrom('Europe/London', 'America/New_York'),
        fc.integer({ min: 1, max: 10 }),
        (drafts, filter, bucket, timeZone, recurrenceDays) => {
          const all: ReportFacts[] = drafts.map((draft, i) => ({ id: `T${i}`, ...draft }));
          const recurring = findRecurrences(all, recurrenceDays);
          const report = computeReport(
            all,
            filter,
            { bucket, timeZone, recurrenceDays },
            recurring,
          );
          const count = (segment: Segment, range?: DrillDown['bucket']) =>
            drillTickets(all, filter, range ? { segment, bucket: range } : { segment }, recurring)
              .length;

          expect(report.tickets).toBe(count({ kind: 'tickets' }));
          expect(report.escalation.escalated.count).toBe(count({ kind: 'escalated' }));
          expect(report.escalation.escalated.of).toBe(report.tickets);
          let byType = 0;
          for (const type of ESCALATION_TYPES) {
            expect(report.escalation.byType[type]).toBe(count({ kind: 'escalated', type }));
            byType += report.escalation.byType[type];
          }
          expect(byType).toBe(report.escalation.escalated.count);
          expect(report.firstResponse.calendar.count).toBe(count({ kind: 'responded' }));
          expect(report.resolution.calendar.count).toBe(count({ kind: 'resolved' }));

          for (const target of SLA_TARGETS) {
            const row = report.compliance.find((r) => r.target === target);
            for (const outcome of OUTCOMES) {
              expect(row?.[outcome] ?? 0).toBe(count({ kind: 'sla', target, outcome }));
            }
          }
          const { count: clean, of: decided } = report.overallCompliance;
          expect(decided - clean).toBe(count({ kind: 'breached' }));
          let byLevel = 0;
          for (const { level, count: n } of report.breachesByLevel) {
            expect(n).toBe(count({ kind: 'breached', level }));
            byLevel += n;
          }
          expect(byLevel).toBe(count({ kind: 'breached' }));
          for (const { teamId, count: n } of report.breachesByTeam) {
            expect(n).toBe(count({ kind: 'breached', teamId }));
          }
          for (const { level, tickets, time } of report.levelTime) {
            expect(tickets).toBe(count({ kind: 'level_time', level }));
            expect(time.count).toBe(tickets);
          }
          expect(count({ kind: 'level_time', level: report.levelTime.length })).toBe(0);
          expect(report.deEscalations.tickets).toBe(count({ kind: 'de_escalated' }));
          expect(report.reopens.count).toBe(count({ kind: 'reopened' }));
          expect(report.csat.all.responses).toBe(count({ kind: 'csat' }));
          for (let score = 1; score <= 5; score++) {
            expect(report.csat.all.distribution[score - 1]).toBe(count({ kind: 'csat', score }));
            expect(report.csat.escalated.distribution[score - 1]).toBe(
              count({ kind: 'csat', score, escalated: true }),
            );
            expect(report.csat.notEscalated.distribution[score - 1]).toBe(
              count({ kind: 'csat', score, escalated: false }),
            );
          }
          expect(report.recurrence.count).toBe(count({ kind: 'recurring' }));
          expect(report.recurrence.of).toBe(report.escalation.escalated.count);
          expect(report.dropped.total).toBe(count({ kind: 'dropped' }));
          for (const reason of DROP_REASONS) {
            expect(report.dropped[reason]).toBe(count({ kind: 'dropped', reason }));
          }
          for (const rootCause of ROOT_CAUSES) {
            const row = report.rootCauses.find((r) => r.rootCause === rootCause);
            expect(row?.count ?? 0).toBe(count({ kind: 'root_cause', rootCause }));
          }
          let binned = 0;
          for (const { fromMs, toMs, count: n } of report.resolutionHistogram) {
            expect(n).toBe(count({ kind: 'resolution_time', fromMs, toMs }));
            binned += n;
          }
          expect(binned).toBe(report.resolution.calendar.count);
          let inTeams = 0;
          for (const row of report.teams) {
            expect(row.tickets).toBe(count({ kind: 'team', teamId: row.id }));
            inTeams += row.tickets;
          }
          expect(inTeams).toBe(report.tickets);
          for (const row of report.people) {
            expect(row.tickets).toBe(count({ kind: 'owner', ownerId: row.id }));
          }

          let inTrend = 0;
          for (const point of report.trend) {
            const range = { from: point.start, to: point.end };
            expect(point.tickets).toBe(count({ kind: 'tickets' }, range));
            expect(point.notEscalated).toBe(count({ kind: 'not_escalated' }, range));
            for (const type of ESCALATION_TYPES) {
              expect(point.escalated[type]).toBe(count({ kind: 'escalated', type }, range));
            }
            expect(point.compliance.of - point.compliance.count).toBe(
              count({ kind: 'breached' }, range),
            );
            expect(point.resolutionMs.count).toBe(count({ kind: 'resolved' }, range));
            inTrend += point.tickets;
          }
          expect(inTrend).toBe(report.tickets);

          // The denominators with no segment of their own, counted directly.
          const selected = all.filter(
            (f) =>
              drillTickets([f], filter, { segment: { kind: 'tickets' } }, recurring).length > 0,
          );
          expect(report.reopens.of).toBe(selected.filter((f) => f.everResolved).length);
          expect(decided).toBe(
            selected.filter((f) => Object.values(f.sla).some((o) => o !== 'open')).length,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
