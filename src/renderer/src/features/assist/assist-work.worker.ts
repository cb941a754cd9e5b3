import { db } from '../../db/database';
import { serveWorkerRequests } from '../../worker-rpc';
import { AssistWork } from './assist-work';
import type { AssistWorkInvalidate, AssistWorkRequest } from './assist-work-protocol';

// The routing model and the similar-escalation index stay here between requests; changed
// tickets are read again.
const work = new AssistWork(db);

serveWorkerRequests<AssistWorkRequest, never>(
  (request) =>
    request.type === 'suggest-teams'
      ? work.suggestTeams(request.example, request.exclude)
      : request.type === 'similar'
        ? work.similarTo(request.ticketId)
        : work.recurrenceOf(request.ticketId),
  (notice) => {
    if (notice.type === 'invalidate') work.invalidate((notice as AssistWorkInvalidate).ticketIds);
  },
);
