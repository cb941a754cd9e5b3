import {
  packScheduleAlerts,
  type BadgeCounts,
  type FiredAlertBatch,
  type ScheduleAlertsPayload,
} from '@core/index';
import type { DeskDatabase } from '../../db/database';
import { attentionCounts, deriveAlertRequest, type DeriveProgress } from './derive-alerts';
import { recordFiredAlerts } from './record-alerts';

/** What recording a fired batch changed, as the page needs it (ids only). */
export interface RecordedSummary {
  /** Every ticket of the batch: their alerts are re-derived. */
  ticketIds: string[];
  /** The tickets whose record changed (an SLA event, a matrix step): views re-read them. */
  changedTicketIds: string[];
  /** How many alert rows were written. */
  written: number;
}

/**
 * The alert engine's heavy lifting on the desk's database: deriving alerts, recording fired
 * batches and counting what needs attention. In the app it runs in a Web Worker (see
 * desk-work-client), because on a big desk each of these reads and folds thousands of tickets,
 * which on the page would stall the queue for hundreds of milliseconds at a time.
 */
export interface DeskWork {
  /**
   * The alerts for the host (packed when they come from a worker: see PackedScheduleAlerts), and
   * the tickets whose stored risk signals the derivation rewrote.
   */
  derive(
    scope: readonly string[] | 'all',
    now: number,
    onProgress?: (progress: DeriveProgress) => void,
  ): Promise<DerivedAlertsPayload>;
  record(batch: FiredAlertBatch): Promise<RecordedSummary>;
  counts(): Promise<BadgeCounts>;
}

/** What a derivation hands back: the host's alerts and the tickets views should re-read. */
export interface DerivedAlertsPayload {
  schedule: ScheduleAlertsPayload;
  restated: string[];
}

/** A request to the desk worker, and its reply. */
export type DeskWorkRequest =
  | { id: number; type: 'derive'; scope: readonly string[] | 'all'; now: number }
  | { id: number; type: 'record'; batch: FiredAlertBatch }
  | { id: number; type: 'counts' };

/** A notice to the desk worker, with no reply: the user just scrolled, typed or clicked. */
export interface DeskWorkInput {
  type: 'input';
}

export type DeskWorkReply =
  | { id: number; progress: DeriveProgress }
  | { id: number; ok: true; result: DerivedAlertsPayload | RecordedSummary | BadgeCounts }
  | { id: number; ok: false; message: string };

/** The desk work done right here, on `database`. */
export function inPageDeskWork(database: DeskDatabase): DeskWork {
  return {
    derive: async (scope, now, onProgress) => {
      const { request, restated } = await deriveAlertRequest(database, scope, now, { onProgress });
      return { schedule: request, restated };
    },
    record: async (batch) => {
      const recorded = await recordFiredAlerts(database, batch);
      return {
        ticketIds: recorded.ticketIds,
        changedTicketIds: recorded.changedTicketIds,
        written: recorded.alerts.length,
      };
    },
    counts: () => attentionCounts(database),
  };
}

/**
 * The desk work as the worker does it: the derived alerts go back packed, so that neither the
 * page nor the host's scheduler copies a whole desk's alerts object by object on the page.
 */
export function workerSideDeskWork(database: DeskDatabase, pace?: () => Promise<void>): DeskWork {
  return {
    ...inPageDeskWork(database),
    derive: async (scope, now, onProgress) => {
      const options = scope === 'all' ? { pace, onProgress } : { onProgress };
      const { request, restated } = await deriveAlertRequest(database, scope, now, options);
      return { schedule: packScheduleAlerts(request), restated };
    },
  };
}

/** How long after the user's last input the desk worker holds back its whole-desk work. */
export const INPUT_QUIET_MS = 300;
/** The longest it holds back at a time, so alerts are derived even while someone scrolls on. */
export const INPUT_MAX_WAIT_MS = 2_000;

/**
 * The pace of the whole-desk derivation (some fifteen seconds on a 100,000-ticket desk): between
 * slices it waits while the user is at the controls (input within INPUT_QUIET_MS), up to
 * INPUT_MAX_WAIT_MS. On a two-core machine the worker otherwise takes the core the page needs to
 * scroll smoothly.
 */
export function yieldToInput(
  lastInputAt: () => number,
  now: () => number = () => Date.now(),
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): () => Promise<void> {
  return async () => {
    const began = now();
    while (now() - lastInputAt() < INPUT_QUIET_MS && now() - began < INPUT_MAX_WAIT_MS) {
      await sleep(50);
    }
  };
}

/**
 * Answers one request (the worker's side of the protocol); a derivation's progress goes to
 * `progress` as it is made.
 */
export async function answerDeskWork(
  work: DeskWork,
  request: DeskWorkRequest,
  progress?: (reply: DeskWorkReply) => void,
): Promise<DeskWorkReply> {
  try {
    switch (request.type) {
      case 'derive': {
        const onProgress = progress
          ? (made: DeriveProgress) => progress({ id: request.id, progress: made })
          : undefined;
        const result = await work.derive(request.scope, request.now, onProgress);
        return { id: request.id, ok: true, result };
      }
      case 'record':
        return { id: request.id, ok: true, result: await work.record(request.batch) };
      case 'counts':
        return { id: request.id, ok: true, result: await work.counts() };
      default:
        return { id: (request as { id: number }).id, ok: false, message: 'Unknown request.' };
    }
  } catch (error) {
    return {
      id: request.id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
