import type { DrillRequest, ReportProgress, ReportQuery } from './report-query';

/** A request to the reports worker; `now` is the page's clock (time at the current level). */
export type ReportsWorkRequest =
  | { id: number; type: 'report'; query: ReportQuery; now: number }
  | { id: number; type: 'drill'; request: DrillRequest; now: number };

/** A notice with no reply: tickets changed, so the worker reads them again for the next report. */
export interface ReportsWorkInvalidate {
  type: 'invalidate';
  ticketIds: readonly string[] | 'all';
}

export type { ReportProgress };
