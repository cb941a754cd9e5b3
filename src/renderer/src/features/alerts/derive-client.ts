import type { ScheduleAlertsRequest } from '@core/index';
import { db } from '../../db/database';
import { deriveAlertRequest } from './derive-alerts';
import type { DeriveAllReply, DeriveAllRequest } from './derive.worker';

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<
  number,
  { resolve: (r: ScheduleAlertsRequest) => void; reject: (e: Error) => void }
>();

function startWorker(): Worker {
  const started = new Worker(new URL('./derive.worker.ts', import.meta.url), { type: 'module' });
  started.addEventListener('message', (event: MessageEvent<DeriveAllReply>) => {
    const reply = event.data;
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (!pending) return;
    if (reply.ok) pending.resolve(reply.request);
    else pending.reject(new Error(reply.message));
  });
  started.addEventListener('error', (event) => {
    // A worker that cannot start (or crashed): answer everyone from the page instead.
    worker = undefined;
    const message = event.message || 'The alert worker stopped unexpectedly.';
    for (const pending of waiting.values()) pending.reject(new Error(message));
    waiting.clear();
  });
  return started;
}

/**
 * Every open ticket's alerts at `now`, derived in a Web Worker: on a 100,000-ticket desk that means
 * reading ~16,000 tickets and their events, work that would otherwise make the page stutter for
 * seconds. Where workers are missing (tests) or fail, the page derives them itself.
 */
export async function deriveAllAlerts(now: number): Promise<ScheduleAlertsRequest> {
  if (typeof Worker === 'undefined') return deriveAlertRequest(db, 'all', now);
  try {
    worker ??= startWorker();
    const id = nextId++;
    const message: DeriveAllRequest = { id, now };
    const reply = new Promise<ScheduleAlertsRequest>((resolve, reject) =>
      waiting.set(id, { resolve, reject }),
    );
    worker.postMessage(message);
    return await reply;
  } catch (error) {
    console.warn('Deriving alerts in the page instead of a worker:', error);
    return deriveAlertRequest(db, 'all', now);
  }
}
