export * from './types';
export { deriveReportFacts, type ReportFactsContext } from './facts';
export { csatStats, durationStats, nearestRank, rate } from './stats';
export { bucketIndexOf, bucketStarts } from './buckets';
export {
  DEFAULT_RECURRENCE_DAYS,
  findRecurrences,
  recurrenceOf,
  type EscalationInstant,
} from './recurrence';
export { drillTickets, escalationTypeOf, inSegment, matchesFilter } from './segments';
export { computeReport, previousPeriod, RESOLUTION_BINS_MS } from './report';
