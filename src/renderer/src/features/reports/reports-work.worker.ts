import { db } from '../../db/database';
import { serveWorkerRequests } from '../../worker-rpc';
import type { ReportProgress } from './report-query';
import { computeReportResult, drillDownIds, ReportFactsCache } from './reports-work';
import type { ReportsWorkInvalidate, ReportsWorkRequest } from './reports-work-protocol';

// Every ticket's report facts stay here between reports; changed tickets are read again.
const cache = new ReportFactsCache();

serveWorkerRequests<ReportsWorkRequest, ReportProgress>(
  (request, onProgress) =>
    request.type === 'report'
      ? computeReportResult(db, cache, request.query, request.now, onProgress)
      : drillDownIds(db, cache, request.request, request.now),
  (notice) => {
    if (notice.type === 'invalidate') cache.invalidate((notice as ReportsWorkInvalidate).ticketIds);
  },
);
