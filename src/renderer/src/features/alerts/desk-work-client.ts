import type { DeskDatabase } from '../../db/database';
import { createWorkerRpc, type WithoutId } from '../../worker-rpc';
import type { DeriveProgress } from './derive-alerts';
import type { DeskWork, DeskWorkInput, DeskWorkRequest } from './desk-work';
import { inPageDeskWork } from './desk-work';

/** What starts the worker; tests pass a fake. */
export type StartWorker = () => Worker;

const startDeskWorker: StartWorker = () =>
  new Worker(new URL('./desk-work.worker.ts', import.meta.url), { type: 'module' });

/** Calls `notify` on the user's input (scrolling, typing, clicking); the default is the window's. */
export type WatchInput = (notify: () => void) => void;

const INPUT_EVENTS = ['scroll', 'wheel', 'keydown', 'pointerdown', 'touchmove'] as const;

const watchWindowInput: WatchInput = (notify) => {
  if (typeof window === 'undefined') return;
  for (const type of INPUT_EVENTS) {
    window.addEventListener(type, notify, { capture: true, passive: true });
  }
};

/** The shortest time between two input notices to the worker. */
const INPUT_NOTICE_MS = 100;

/**
 * The desk work (see DeskWork) done in a Web Worker on the desk's own database: the page only
 * posts a request and gets back ids, counts or the alerts for the host. Where workers are missing
 * (tests) the page does the work; a worker that cannot start or stops is replaced by the page for
 * its pending requests and every later one, with one warning.
 */
export function workerDeskWork(
  database: DeskDatabase,
  start: StartWorker | undefined = typeof Worker === 'undefined' ? undefined : startDeskWorker,
  watchInput: WatchInput = watchWindowInput,
): DeskWork {
  const inPage = inPageDeskWork(database);
  const rpc = createWorkerRpc<DeskWorkRequest, DeriveProgress>({
    name: 'desk',
    start,
    inPage: (_id, request, onProgress) => {
      switch (request.type) {
        case 'derive':
          return inPage.derive(request.scope, request.now, onProgress);
        case 'record':
          return inPage.record(request.batch);
        case 'counts':
          return inPage.counts();
      }
    },
    // The worker holds back its whole-desk work while the user scrolls or types (see
    // yieldToInput): tell it when they do, at most every INPUT_NOTICE_MS.
    onStart: (started) => {
      let lastNotice = 0;
      watchInput(() => {
        const now = performance.now();
        if (now - lastNotice < INPUT_NOTICE_MS) return;
        lastNotice = now;
        started.postMessage({ type: 'input' } satisfies DeskWorkInput);
      });
    },
  });
  const ask = <T>(
    request: WithoutId<DeskWorkRequest>,
    onProgress?: (progress: DeriveProgress) => void,
  ): Promise<T> => rpc.ask<T>(request, onProgress);

  return {
    derive: (scope, now, onProgress) => ask({ type: 'derive', scope, now }, onProgress),
    record: (batch) => ask({ type: 'record', batch }),
    counts: () => ask({ type: 'counts' }),
  };
}
