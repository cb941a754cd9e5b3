import type { DeskDatabase } from '../../db/database';
import type { DeskWork, DeskWorkInput, DeskWorkReply, DeskWorkRequest } from './desk-work';
import { inPageDeskWork } from './desk-work';

/** Distributes a request type over the union (`Omit` over a union would merge its members). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

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
  let worker: Worker | undefined;
  let failed = start === undefined;
  let nextId = 1;
  const waiting = new Map<number, { request: WithoutId<DeskWorkRequest>; settle: Settle }>();
  type Settle = { resolve: (result: unknown) => void; reject: (error: Error) => void };

  const inPageAnswer = (request: WithoutId<DeskWorkRequest>): Promise<unknown> => {
    switch (request.type) {
      case 'derive':
        return inPage.derive(request.scope, request.now);
      case 'record':
        return inPage.record(request.batch);
      case 'counts':
        return inPage.counts();
    }
  };

  const giveUp = (reason: string) => {
    if (failed) return;
    failed = true;
    worker?.terminate();
    worker = undefined;
    console.warn(`The desk worker stopped (${reason}); the page does its work instead.`);
    // Whatever was asked of the worker is done here, so nothing asked is lost.
    for (const { request, settle } of waiting.values()) {
      inPageAnswer(request).then(settle.resolve, settle.reject);
    }
    waiting.clear();
  };

  const ensureWorker = (): Worker | undefined => {
    if (failed || !start) return undefined;
    if (worker) return worker;
    try {
      const started = start();
      started.addEventListener('message', (event: MessageEvent<DeskWorkReply>) => {
        const reply = event.data;
        const pending = waiting.get(reply.id);
        waiting.delete(reply.id);
        if (!pending) return;
        if (reply.ok) pending.settle.resolve(reply.result);
        else pending.settle.reject(new Error(reply.message));
      });
      started.addEventListener('error', (event) => {
        event.preventDefault();
        giveUp(event.message || 'it failed to load or crashed');
      });
      worker = started;
      // The worker holds back its whole-desk work while the user scrolls or types (see
      // yieldToInput): tell it when they do, at most every INPUT_NOTICE_MS.
      let lastNotice = 0;
      watchInput(() => {
        const now = performance.now();
        if (now - lastNotice < INPUT_NOTICE_MS || worker !== started) return;
        lastNotice = now;
        started.postMessage({ type: 'input' } satisfies DeskWorkInput);
      });
      return started;
    } catch (error) {
      giveUp(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };

  const ask = <T>(request: WithoutId<DeskWorkRequest>): Promise<T> => {
    const target = ensureWorker();
    if (!target) return inPageAnswer(request) as Promise<T>;
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { request, settle: { resolve: resolve as (r: unknown) => void, reject } });
      target.postMessage({ ...request, id } as DeskWorkRequest);
    });
  };

  return {
    derive: (scope, now) => ask({ type: 'derive', scope, now }),
    record: (batch) => ask({ type: 'record', batch }),
    counts: () => ask({ type: 'counts' }),
  };
}
