import type { DurationStats, Report, ReportFilter, ReportOptions } from '@core/metrics/types';
import type { ReportQuery, ReportResult } from './report-query';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function duration(medianMs: number | null, p90Ms: number | null, count: number): DurationStats {
  return { count, medianMs, p90Ms, meanMs: medianMs };
}

/** A report over two weekly buckets with figures a test can recognise; `scale` varies them. */
export function testReport(filter: ReportFilter, options: ReportOptions, scale = 1): Report {
  const week = 7 * DAY;
  const tickets = 200 * scale;
  return {
    filter,
    options,
    tickets,
    escalation: {
      escalated: { count: 50 * scale, of: tickets, rate: 0.25 },
      byType: { functional: 30 * scale, hierarchical: 15 * scale, automatic: 5 * scale },
    },
    firstResponse: {
      calendar: duration(2 * HOUR, 6 * HOUR, 180 * scale),
      business: duration(HOUR * scale, 3 * HOUR, 180 * scale),
    },
    resolution: {
      calendar: duration(30 * HOUR, 4 * DAY, 150 * scale),
      business: duration(10 * HOUR, 30 * HOUR, 150 * scale),
    },
    compliance: [
      { target: 'first_response', met: 170, breached: 10, open: 20, rate: 170 / 180 },
      { target: 'resolution', met: 120, breached: 30, open: 50, rate: 0.8 },
    ],
    overallCompliance: { count: 150, of: 180, rate: scale === 1 ? 150 / 180 : 0.8 },
    breachesByLevel: [
      { level: 0, count: 12 },
      { level: 2, count: 18 },
    ],
    breachesByTeam: [
      { teamId: 'team-billing', count: 20 },
      { teamId: null, count: 10 },
    ],
    levelTime: [
      { level: 0, tickets: 200, time: duration(3 * HOUR, 10 * HOUR, 200) },
      { level: 1, tickets: 50, time: duration(8 * HOUR, 20 * HOUR, 50) },
    ],
    deEscalations: { tickets: 4, events: 5 },
    reopens: { count: 9, of: 150, rate: 0.06 },
    csat: {
      all: { responses: 100, average: 4.2, distribution: [2, 3, 10, 35, 50] },
      escalated: { responses: 20, average: 3.6, distribution: [2, 2, 4, 7, 5] },
      notEscalated: { responses: 80, average: 4.35, distribution: [0, 1, 6, 28, 45] },
    },
    recurrence: { count: 7, of: 50, rate: 0.14, windowDays: options.recurrenceDays },
    dropped: { total: 3, breached_without_action: 2, de_escalated_unresolved: 1 },
    rootCauses: [
      { rootCause: 'product_defect', count: 14 },
      { rootCause: 'configuration', count: 6 },
    ],
    trend: [
      {
        start: filter.from,
        end: filter.from + week,
        tickets: 120,
        notEscalated: 90,
        escalated: { functional: 17, hierarchical: 9, automatic: 4 },
        compliance: { count: 90, of: 100, rate: 0.9 },
        resolutionMs: duration(20 * HOUR, 3 * DAY, 80),
      },
      {
        start: filter.from + week,
        end: filter.from + 2 * week,
        tickets: 80,
        notEscalated: 60,
        escalated: { functional: 13, hierarchical: 6, automatic: 1 },
        compliance: { count: 60, of: 80, rate: 0.75 },
        resolutionMs: duration(40 * HOUR, 5 * DAY, 70),
      },
    ],
    resolutionHistogram: [
      { fromMs: 0, toMs: HOUR, count: 5 },
      { fromMs: HOUR, toMs: 4 * HOUR, count: 25 },
      { fromMs: 7 * DAY, toMs: null, count: 8 },
    ],
    teams: [
      {
        id: 'team-billing',
        tickets: 120,
        escalated: 30,
        compliance: { count: 90, of: 100, rate: 0.9 },
        csat: { responses: 40, average: 4.1 },
        resolutionMs: duration(20 * HOUR, 3 * DAY, 90),
      },
      {
        id: 'team-evil',
        tickets: 80,
        escalated: 20,
        compliance: { count: 60, of: 80, rate: 0.75 },
        csat: { responses: 0, average: null },
        resolutionMs: duration(null, null, 0),
      },
    ],
    people: [
      {
        id: 'person-ada',
        tickets: 60,
        escalated: 10,
        compliance: { count: 50, of: 55, rate: 50 / 55 },
        csat: { responses: 12, average: 4.5 },
        resolutionMs: duration(12 * HOUR, 2 * DAY, 50),
      },
    ],
  };
}

/** A computed result for `query`: the report, and a previous period half its size. */
export function testResult(query: ReportQuery): ReportResult {
  const { filter, options } = query;
  const length = filter.to - filter.from;
  const previous = testReport({ ...filter, from: filter.from - length, to: filter.from }, options);
  return {
    query,
    current: testReport(filter, options),
    previous: {
      ...previous,
      tickets: 160,
      escalation: { ...previous.escalation, escalated: { count: 37, of: 160, rate: 0.231 } },
      firstResponse: {
        ...previous.firstResponse,
        business: duration(90 * 60_000, 4 * HOUR, 150),
      },
      csat: { ...previous.csat, all: { ...previous.csat.all, average: 4.5 } },
      dropped: { total: 3, breached_without_action: 3, de_escalated_unresolved: 0 },
    },
    dimensions: {
      categories: ['Billing', '=cmd|calc'],
      channels: ['email', 'web'],
      tiers: ['enterprise', 'standard'],
      teamIds: ['team-billing', 'team-evil'],
      maxLevel: 3,
    },
    deskTickets: 500,
    ms: 120,
  };
}
