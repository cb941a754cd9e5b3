import { liveQuery } from 'dexie';
import type { DeskApi, FiredAlertBatch } from '@core/index';
import { db as defaultDb, type DeskDatabase } from '../../db/database';
import { onDeskChanged, ticketsChanged, ticketsRestated } from '../../db/desk-changes';
import { readSetting } from '../../db/settings';
import { acknowledgeAlerts } from './alert-writes';
import type { DeriveProgress } from './derive-alerts';
import { useDeskScan } from './desk-scan';
import { inPageDeskWork, type DeskWork } from './desk-work';
import { workerDeskWork } from './desk-work-client';

/** How often a whole-desk pass's progress is published for the views. */
const SCAN_SHOWN_EVERY_MS = 250;
/** How often the risk signals a whole-desk pass has rewritten so far are announced to the views. */
const RESTATE_EVERY_MS = 2_000;

export interface AlertEngineOptions {
  database?: DeskDatabase;
  now?: () => number;
  /** How long changes are gathered before their alerts are re-derived. */
  debounceMs?: number;
  /** Where failures are reported (they never stop the engine). */
  onError?: (error: unknown) => void;
  /**
   * Who derives alerts, records fired batches and counts: by default a Web Worker on the desk's
   * own database, or the page itself with the `database` given.
   */
  work?: DeskWork;
}

export interface AlertEngine {
  /** Unsubscribes from the host and the desk. */
  stop(): void;
  /** Settles when everything asked so far has been recorded and handed to the host. */
  idle(): Promise<void>;
}

/**
 * Keeps the host's alerts in step with the desk: on start every open ticket's alerts are derived
 * from the data and handed over whole; after a change only the changed tickets' alerts are. Each
 * fired batch is recorded (events, matrix steps, alert rows), the tickets' alerts re-derived and
 * the tickets it changed announced to the views. Alerts acknowledged from a notification are
 * acknowledged. The user's alert preferences go to the host whenever they change, and the
 * tray/badge counts after every change. The reading, folding and writing is `DeskWork`, done in a
 * worker, so a night's catch-up doesn't stall the queue.
 */
export function startAlertEngine(host: DeskApi, options: AlertEngineOptions = {}): AlertEngine {
  const database = options.database ?? defaultDb;
  const now = options.now ?? (() => Date.now());
  const debounceMs = options.debounceMs ?? 50;
  const onError = options.onError ?? ((error: unknown) => console.warn('Alert engine:', error));
  const desk =
    options.work ?? (options.database ? inPageDeskWork(database) : workerDeskWork(database));

  let stopped = false;
  let work: Promise<void> = Promise.resolve();
  let pendingAll = false;
  const pendingIds = new Set<string>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let lastCounts = '';

  const enqueue = (task: () => Promise<void>) => {
    // Work still in flight when the engine stops (its database closing) is not worth a report.
    work = work.then(task).catch((error: unknown) => {
      if (!stopped) onError(error);
    });
    return work;
  };

  const flush = () =>
    enqueue(async () => {
      if (stopped) return;
      const all = pendingAll;
      const ids = [...pendingIds];
      pendingAll = false;
      pendingIds.clear();
      if (all || ids.length > 0) {
        const at = now();
        const progress = all ? followScan() : undefined;
        let derived;
        try {
          derived = await desk.derive(all ? 'all' : ids, at, progress?.onProgress);
        } finally {
          if (all) useDeskScan.setState({ scan: undefined });
        }
        await host.scheduleAlerts(derived.schedule);
        // New risk signals: the queue re-reads those rows (the alerts are already derived).
        const announced = progress?.announced;
        ticketsRestated(
          announced ? derived.restated.filter((id) => !announced.has(id)) : derived.restated,
        );
      }
      const counts = await desk.counts();
      const text = JSON.stringify(counts);
      if (text !== lastCounts) {
        lastCounts = text;
        await host.setBadgeCounts(counts);
      }
    });

  /**
   * A whole-desk pass's progress, published for the views (useDeskScan) a few times a second, and
   * its new risk signals announced every RESTATE_EVERY_MS, so a fresh desk's risk column fills in
   * as the pass goes rather than all at once at its end.
   */
  const followScan = () => {
    const announced = new Set<string>();
    let waiting: string[] = [];
    let shownAt = 0;
    let restatedAt = Date.now();
    useDeskScan.setState({ scan: { done: 0, total: 0 } });
    const onProgress = (progress: DeriveProgress) => {
      if (stopped) return;
      const wall = Date.now();
      if (wall - shownAt >= SCAN_SHOWN_EVERY_MS) {
        shownAt = wall;
        useDeskScan.setState({ scan: { done: progress.done, total: progress.total } });
      }
      for (const id of progress.restated) waiting.push(id);
      if (waiting.length > 0 && wall - restatedAt >= RESTATE_EVERY_MS) {
        restatedAt = wall;
        for (const id of waiting) announced.add(id);
        ticketsRestated(waiting);
        waiting = [];
      }
    };
    return { onProgress, announced };
  };

  const request = (ticketIds: readonly string[] | 'all') => {
    if (ticketIds === 'all') pendingAll = true;
    else for (const id of ticketIds) pendingIds.add(id);
    if (flushTimer !== undefined) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      void flush();
    }, debounceMs);
  };

  const record = (batch: FiredAlertBatch) =>
    enqueue(async () => {
      if (stopped) return;
      const recorded = await desk.record(batch);
      request(recorded.ticketIds);
      // An escalation or SLA event written: the queue and the other views re-read those tickets.
      ticketsChanged(recorded.changedTicketIds);
    });

  const unsubscribers = [
    host.onAlertsFired((batch) => void record(batch)),
    host.onAlertsAcknowledged((keys) => {
      acknowledgeAlerts(keys, now(), database).catch(onError);
    }),
    onDeskChanged(request),
  ];
  const preferences = liveQuery(() => readSetting('alertPreferences', database)).subscribe({
    next: (value) => {
      host.setAlertPreferences(value).catch(onError);
    },
    error: onError,
  });

  request('all');

  return {
    stop() {
      stopped = true;
      if (flushTimer !== undefined) clearTimeout(flushTimer);
      flushTimer = undefined;
      for (const unsubscribe of unsubscribers) unsubscribe();
      preferences.unsubscribe();
    },
    async idle() {
      for (;;) {
        const current = work;
        await current;
        if (flushTimer !== undefined) {
          await new Promise((resolve) => setTimeout(resolve, debounceMs + 1));
          continue;
        }
        if (current === work) return;
      }
    },
  };
}
