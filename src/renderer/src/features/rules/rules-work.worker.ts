import { db } from '../../db/database';
import { serveWorkerRequests } from '../../worker-rpc';
import {
  OpenTicketCache,
  previewRules,
  refreshOpenTicketSla,
  type WorkProgress,
} from './rules-work';
import type { RulesWorkInvalidate, RulesWorkRequest } from './rules-work-protocol';

// Only the newest preview is wanted: an older one stops at its next slice.
let latestPreview = 0;
const cache = new OpenTicketCache();

serveWorkerRequests<RulesWorkRequest, WorkProgress>(
  (request, onProgress) => {
    if (request.type === 'preview') {
      latestPreview = request.id;
      return previewRules(db, request.proposed, request.now, {
        onProgress,
        shouldStop: () => latestPreview !== request.id,
        cache,
      });
    }
    if (request.type === 'refresh') return refreshOpenTicketSla(db, request.now, onProgress);
    return cache.openTickets(db).then(() => ({ tickets: cache.size }));
  },
  (notice) => {
    if (notice.type === 'invalidate') cache.invalidate((notice as RulesWorkInvalidate).ticketIds);
  },
);
