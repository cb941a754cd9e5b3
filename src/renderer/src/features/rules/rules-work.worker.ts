import { db } from '../../db/database';
import {
  OpenTicketCache,
  previewRules,
  refreshOpenTicketSla,
  type WorkProgress,
} from './rules-work';
import type {
  RulesWorkInvalidate,
  RulesWorkMessage,
  RulesWorkRequest,
} from './rules-work-protocol';

/** The parts of the worker scope used here (the renderer is type-checked with the DOM library). */
interface WorkerScope {
  postMessage(message: RulesWorkMessage): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<RulesWorkRequest | RulesWorkInvalidate>) => void,
  ): void;
}

const scope = self as unknown as WorkerScope;
// Only the newest preview is wanted: an older one stops at its next slice.
let latestPreview = 0;
const cache = new OpenTicketCache();

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.type === 'invalidate') {
    cache.invalidate(request.ticketIds);
    return;
  }
  const onProgress = (progress: WorkProgress) => scope.postMessage({ id: request.id, progress });
  const work =
    request.type === 'preview'
      ? ((latestPreview = request.id),
        previewRules(db, request.proposed, request.now, {
          onProgress,
          shouldStop: () => latestPreview !== request.id,
          cache,
        }))
      : request.type === 'refresh'
        ? refreshOpenTicketSla(db, request.now, onProgress)
        : cache.openTickets(db).then(() => ({ tickets: cache.size }));
  work.then(
    (result) => scope.postMessage({ id: request.id, ok: true, result }),
    (error: unknown) =>
      scope.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
