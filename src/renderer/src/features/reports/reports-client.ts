import { startTransition, useEffect, useMemo, useState } from 'react';
import { db as defaultDb, type DeskDatabase } from '../../db/database';
import { onDeskChanged } from '../../db/desk-changes';
import { createWorkerRpc, type WorkerRpc } from '../../worker-rpc';
import type { DrillRequest, ReportProgress, ReportQuery, ReportResult } from './report-query';
import { computeReportResult, drillDownIds, ReportFactsCache } from './reports-work';
import type { ReportsWorkInvalidate, ReportsWorkRequest } from './reports-work-protocol';

/** How long desk changes are gathered before an open report is computed again. */
const RECOMPUTE_AFTER_CHANGE_MS = 1_000;

/** The reports' heavy work: in a Web Worker, or on the page where there is none. */
export interface ReportsWork {
  report(
    query: ReportQuery,
    now: number,
    onProgress?: (progress: ReportProgress) => void,
  ): Promise<ReportResult>;
  drill(request: DrillRequest, now: number): Promise<string[]>;
}

const startReportsWorker = () =>
  new Worker(new URL('./reports-work.worker.ts', import.meta.url), { type: 'module' });

/** Reports over `database`; `start` is the worker (tests pass nothing: the page does the work). */
export function createReportsWork(
  database: DeskDatabase = defaultDb,
  start: (() => Worker) | undefined = typeof Worker === 'undefined'
    ? undefined
    : startReportsWorker,
): ReportsWork {
  // The page's own cache, used only when there is no worker.
  const cache = new ReportFactsCache();
  const rpc: WorkerRpc<ReportsWorkRequest, ReportProgress> = createWorkerRpc({
    name: 'reports',
    start,
    inPage: (_id, request, onProgress) =>
      request.type === 'report'
        ? computeReportResult(database, cache, request.query, request.now, onProgress)
        : drillDownIds(database, cache, request.request, request.now),
  });
  onDeskChanged((ticketIds) => {
    cache.invalidate(ticketIds);
    rpc.notify({ type: 'invalidate', ticketIds } satisfies ReportsWorkInvalidate);
  });
  return {
    report: (query, now, onProgress) => rpc.ask({ type: 'report', query, now }, onProgress),
    drill: (request, now) => rpc.ask({ type: 'drill', request, now }),
  };
}

let shared: ReportsWork | undefined;

/** The app's one reports worker, started on first use. */
export function reportsWork(): ReportsWork {
  shared ??= createReportsWork();
  return shared;
}

/** Where a report stands; while it is computed again, the last result stays on screen. */
export type ReportState =
  | { status: 'loading'; progress?: ReportProgress; result?: ReportResult }
  | { status: 'ready'; result: ReportResult }
  | { status: 'error'; message: string; result?: ReportResult };

/** The ids of the tickets behind one part of a report, newest first. */
export function drillDownTickets(request: DrillRequest): Promise<string[]> {
  return reportsWork().drill(request, Date.now());
}

/**
 * The report for `query`, computed off the UI thread; computed again when the query changes or
 * the desk's tickets change. `retry` changes to ask again after an error.
 */
export function useReport(query: ReportQuery, retry = 0): ReportState {
  const key = JSON.stringify(query);
  // The query as of its key, so a new object with the same content asks nothing new.
  const stable = useMemo(() => JSON.parse(key) as ReportQuery, [key]);
  const [deskVersion, setDeskVersion] = useState(0);
  const requestKey = `${key}|${deskVersion}|${retry}`;
  // The newest answer, with the request it belongs to: an answer to an older request is shown
  // as "loading" with its result kept on screen.
  const [answer, setAnswer] = useState<(ReportState & { key: string }) | undefined>();

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onDeskChanged(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setDeskVersion((version) => version + 1);
      }, RECOMPUTE_AFTER_CHANGE_MS);
    });
    return () => {
      stop();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);

  useEffect(() => {
    let current = true;
    reportsWork()
      .report(stable, Date.now(), (progress) => {
        if (current)
          setAnswer((previous) => ({
            key: requestKey,
            status: 'loading',
            progress,
            ...lastResult(previous),
          }));
      })
      .then(
        (result) => {
          // For the reports benchmark: when the answer arrived, before it is rendered.
          performance.mark('report:received');
          // A report is a large render (a dozen figures): as a transition React does it in
          // slices, so typing or scrolling meanwhile is not held up.
          if (current)
            startTransition(() => setAnswer({ key: requestKey, status: 'ready', result }));
        },
        (error: unknown) => {
          if (!current) return;
          const message = error instanceof Error ? error.message : String(error);
          setAnswer((previous) => ({
            key: requestKey,
            status: 'error',
            message,
            ...lastResult(previous),
          }));
        },
      );
    return () => {
      current = false;
    };
  }, [stable, requestKey]);

  if (answer?.key === requestKey) {
    const { key: _key, ...state } = answer;
    return state;
  }
  return { status: 'loading', ...lastResult(answer) };
}

function lastResult(state: ReportState | undefined): { result?: ReportResult } {
  return state?.result ? { result: state.result } : {};
}
