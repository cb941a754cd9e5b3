import { db as defaultDb, type DeskDatabase } from '../../db/database';
import { onDeskChanged } from '../../db/desk-changes';
import { createWorkerRpc, type WithoutId } from '../../worker-rpc';
import {
  OpenTicketCache,
  previewRules,
  refreshOpenTicketSla,
  type ProposedRules,
  type WhatIfSummary,
  type WorkProgress,
} from './rules-work';
import type { RulesWorkInvalidate, RulesWorkRequest } from './rules-work-protocol';

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
  let latestPreview = 0;
  // The open tickets read for previews are kept (in the worker, or here without one); whatever
  // the desk's writers change is read again for the next preview.
  const cache = new OpenTicketCache();

  const inPage = (
    id: number,
    request: WithoutId<RulesWorkRequest>,
    onProgress?: (progress: WorkProgress) => void,
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

  const rpc = createWorkerRpc<RulesWorkRequest, WorkProgress>({ name: 'rules', start, inPage });
  onDeskChanged((ticketIds) => {
    cache.invalidate(ticketIds);
    rpc.notify({ type: 'invalidate', ticketIds } satisfies RulesWorkInvalidate);
  });
  const ask = <T>(
    request: WithoutId<RulesWorkRequest>,
    onProgress?: (progress: WorkProgress) => void,
  ): Promise<T> => {
    if (request.type === 'preview') latestPreview = rpc.nextId();
    return rpc.ask<T>(request, onProgress);
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
