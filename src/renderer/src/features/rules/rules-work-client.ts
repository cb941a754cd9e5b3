import { db as defaultDb, type DeskDatabase } from '../../db/database';
import { onDeskChanged } from '../../db/desk-changes';
import {
  OpenTicketCache,
  previewRules,
  refreshOpenTicketSla,
  type ProposedRules,
  type WhatIfSummary,
  type WorkProgress,
} from './rules-work';
import type {
  RulesWorkInvalidate,
  RulesWorkMessage,
  RulesWorkRequest,
} from './rules-work-protocol';

/** Distributes a request type over the union. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The rules editors' heavy work over every open ticket, off the UI thread where it can be. */
export interface RulesWork {
  /** The what-if preview; undefined when a newer preview replaced it before it finished. */
  preview(
    proposed: ProposedRules,
    now: number,
    onProgress?: (progress: WorkProgress) => void,
  ): Promise<WhatIfSummary | undefined>;
  /** Recomputes the open tickets' cached SLA clocks under the stored rules. */
  refresh(now: number, onProgress?: (progress: WorkProgress) => void): Promise<{ tickets: number }>;
  /** Reads the open tickets ahead of the first preview (an editor was opened). */
  warm(): Promise<{ tickets: number }>;
}

/** What starts the worker; tests pass a fake or nothing (the work is then done on the page). */
export type StartRulesWorker = () => Worker;

const startRulesWorker: StartRulesWorker = () =>
  new Worker(new URL('./rules-work.worker.ts', import.meta.url), { type: 'module' });

/**
 * The rules work in a Web Worker on the desk's database. Where workers are missing (unit tests)
 * or the worker fails, the page does the work, so a preview or refresh is never lost.
 */
export function createRulesWork(
  database: DeskDatabase = defaultDb,
  start: StartRulesWorker | undefined = typeof Worker === 'undefined'
    ? undefined
    : startRulesWorker,
): RulesWork {
  let worker: Worker | undefined;
  let failed = start === undefined;
  let nextId = 1;
  let latestPreview = 0;
  type Pending = {
    request: WithoutId<RulesWorkRequest>;
    onProgress?: (progress: WorkProgress) => void;
    resolve(result: unknown): void;
    reject(error: Error): void;
  };
  const pending = new Map<number, Pending>();
  // The open tickets read for previews are kept (in the worker, or here without one); whatever
  // the desk's writers change is read again for the next preview.
  const cache = new OpenTicketCache();
  onDeskChanged((ticketIds) => {
    cache.invalidate(ticketIds);
    worker?.postMessage({ type: 'invalidate', ticketIds } satisfies RulesWorkInvalidate);
  });

  const inPage = (
    id: number,
    request: WithoutId<RulesWorkRequest>,
    onProgress?: Pending['onProgress'],
  ) =>
    request.type === 'preview'
      ? previewRules(database, request.proposed, request.now, {
          onProgress,
          shouldStop: () => latestPreview !== id,
          cache,
        })
      : request.type === 'refresh'
        ? refreshOpenTicketSla(database, request.now, onProgress)
        : cache.openTickets(database).then(() => ({ tickets: cache.size }));

  const giveUp = (reason: string) => {
    if (failed) return;
    failed = true;
    worker?.terminate();
    worker = undefined;
    console.warn(`The rules worker stopped (${reason}); the page does its work instead.`);
    for (const [id, item] of pending)
      inPage(id, item.request, item.onProgress).then(item.resolve, item.reject);
    pending.clear();
  };

  const ensureWorker = (): Worker | undefined => {
    if (failed || !start) return undefined;
    if (worker) return worker;
    try {
      const started = start();
      started.addEventListener('message', (event: MessageEvent<RulesWorkMessage>) => {
        const message = event.data;
        const item = pending.get(message.id);
        if (!item) return;
        if ('progress' in message) {
          item.onProgress?.(message.progress);
          return;
        }
        pending.delete(message.id);
        if (message.ok) item.resolve(message.result);
        else item.reject(new Error(message.message));
      });
      started.addEventListener('error', (event) => {
        event.preventDefault();
        giveUp(event.message || 'it failed to load or crashed');
      });
      worker = started;
      return started;
    } catch (error) {
      giveUp(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };

  const ask = <T>(
    request: WithoutId<RulesWorkRequest>,
    onProgress?: Pending['onProgress'],
  ): Promise<T> => {
    const id = nextId++;
    if (request.type === 'preview') latestPreview = id;
    const target = ensureWorker();
    if (!target) return inPage(id, request, onProgress) as Promise<T>;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, {
        request,
        onProgress,
        resolve: resolve as (result: unknown) => void,
        reject,
      });
      target.postMessage({ ...request, id } as RulesWorkRequest);
    });
  };

  return {
    preview: (proposed, now, onProgress) => ask({ type: 'preview', proposed, now }, onProgress),
    refresh: (now, onProgress) => ask({ type: 'refresh', now }, onProgress),
    warm: () => ask({ type: 'warm' }),
  };
}

let shared: RulesWork | undefined;

/** The app's one rules worker, started on first use. */
export function rulesWork(): RulesWork {
  shared ??= createRulesWork();
  return shared;
}
