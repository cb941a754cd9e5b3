import { Dexie } from 'dexie';
import { create } from 'zustand';
import { db as defaultDb, type DeskDatabase } from '../../db/database';
import { onDeskChanged, onTicketsRestated } from '../../db/desk-changes';
import { QueueIndex } from './queue-index';
import {
  loadFirstQueueRows,
  loadQueueRows,
  loadQueueRowsFor,
  type QueueNames,
  type QueueRow,
} from './queue-rows';

/** More than a tall window shows. */
const FIRST_SCREEN_ROWS = 60;
/** Sort keys computed ahead, in idle time, after a load. */
const PREPARED_KEYS = ['sla', 'priority', 'customer', 'title', 'owner', 'status'] as const;
/** How long changes are gathered before the queue re-reads them. */
const CHANGE_BATCH_MS = 150;

/** The open escalations held in memory for the queue and the navigation counts. */
export interface QueueDataState {
  rows: QueueRow[];
  /**
   * partial: only the open tickets due soonest are in `rows` (the first screen of a view sorted
   * by SLA); ready: every open ticket is.
   */
  status: 'idle' | 'loading' | 'partial' | 'ready' | 'error';
  error?: string;
}

/** The queue's rows, loaded once and kept current by desk-change notices. */
export const useQueueData = create<QueueDataState>()(() => ({ rows: [], status: 'idle' }));

let names: QueueNames | undefined;
let stop: (() => void) | undefined;
let generation = 0;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function reloadAll(database: DeskDatabase): Promise<void> {
  const mine = ++generation;
  const first = useQueueData.getState().status !== 'ready';
  if (first) useQueueData.setState({ status: 'loading' });
  try {
    performance.mark('queue:load-start');
    if (first) {
      // The first screen first: a few dozen rows in a few milliseconds, then everything.
      const soonest = await loadFirstQueueRows(database, FIRST_SCREEN_ROWS);
      if (mine !== generation) return;
      if (useQueueData.getState().status === 'loading') {
        useQueueData.setState({ rows: soonest.rows, status: 'partial' });
      }
    }
    const loaded = await loadQueueRows(database, names);
    performance.mark('queue:load-end');
    if (mine !== generation) return;
    names = loaded.names;
    useQueueData.setState({ rows: loaded.rows, status: 'ready' });
    prepareWhenIdle(loaded.rows);
  } catch (error) {
    if (mine === generation) useQueueData.setState({ status: 'error', error: message(error) });
  }
}

async function reloadSome(database: DeskDatabase, ticketIds: readonly string[]): Promise<void> {
  const mine = generation;
  try {
    const loaded = await loadQueueRowsFor(database, ticketIds, names);
    // A full reload started meanwhile has the newer truth.
    if (mine !== generation) return;
    names = loaded.names;
    const replaced = new Map(loaded.rows.map((row) => [row.ticket.id, row]));
    const gone = new Set(loaded.gone);
    const next: QueueRow[] = [];
    const current = useQueueData.getState().rows;
    for (const row of current) {
      const id = row.ticket.id;
      if (gone.has(id)) continue;
      const fresh = replaced.get(id);
      if (fresh) replaced.delete(id);
      next.push(fresh ?? row);
    }
    for (const row of replaced.values()) next.push(row);
    // The sort keys built so far carry over: only the re-read rows get new ones.
    QueueIndex.update(QueueIndex.of(current), next);
    useQueueData.setState({ rows: next });
    prepareWhenIdle(next);
  } catch (error) {
    useQueueData.setState({ status: 'error', error: message(error) });
  }
}

/**
 * Gets the rows ready for the first search and sort while the desk is idle (a few milliseconds at
 * a time), so the first keystroke in the search box doesn't pay for 10,000 descriptions at once.
 */
function prepareWhenIdle(rows: readonly QueueRow[]): void {
  const idle =
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback
      : (run: IdleRequestCallback) =>
          globalThis.setTimeout(() => run({ didTimeout: false, timeRemaining: () => 8 }), 50);
  const index = QueueIndex.of(rows);
  let done = 0;
  const step: IdleRequestCallback = (deadline) => {
    if (useQueueData.getState().rows !== rows) return;
    done = index.prepareSearch(() => deadline.timeRemaining() < 2, done);
    if (done < rows.length) {
      idle(step);
      return;
    }
    // Then the sort keys of the text columns, one per idle slice, so a first sort by customer
    // or title doesn't rank 10,000 names inside the click.
    const next = PREPARED_KEYS.find((column) => !index.hasKey(column));
    if (next) {
      index.key(next);
      idle(step);
    }
  };
  idle(step);
}

/**
 * Loads the queue and follows the desk's changes: a few tickets are re-read on their own, an
 * import or demo load re-reads everything. Returns the function that stops following.
 */
export function startQueueData(database: DeskDatabase = defaultDb): () => void {
  stop?.();
  names = undefined;
  void reloadAll(database);
  // Changes arrive in bursts (a bulk action, alerts caught up after a night): gather them for a
  // moment and re-read once, so the queue re-sorts once per burst, not once per ticket.
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const ids = [...pending];
    pending = new Set();
    if (ids.length) void reloadSome(database, ids);
  };
  const unsubscribe = onDeskChanged((ticketIds) => {
    if (ticketIds === 'all') {
      names = undefined;
      pending = new Set();
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      void reloadAll(database);
      return;
    }
    for (const id of ticketIds) pending.add(id);
    timer ??= setTimeout(flush, CHANGE_BATCH_MS);
  });
  const unsubscribeRestated = onTicketsRestated((ticketIds) => {
    for (const id of ticketIds) pending.add(id);
    timer ??= setTimeout(flush, CHANGE_BATCH_MS);
  });
  // A demo desk written by a worker announces itself to every window as "everything changed"
  // (a Dexie storage-mutated notice for all tables): re-read, at most every 2 s while it loads.
  let lastFull = 0;
  let fullTimer: ReturnType<typeof setTimeout> | undefined;
  const onStorageMutated = (parts: Record<string, unknown>) => {
    if (!('all' in parts) || fullTimer !== undefined) return;
    fullTimer = setTimeout(
      () => {
        fullTimer = undefined;
        lastFull = Date.now();
        void reloadAll(database);
      },
      Math.max(0, lastFull + 2_000 - Date.now()),
    );
  };
  Dexie.on.storagemutated.subscribe(onStorageMutated);
  stop = () => {
    if (timer !== undefined) clearTimeout(timer);
    if (fullTimer !== undefined) clearTimeout(fullTimer);
    Dexie.on.storagemutated.unsubscribe(onStorageMutated);
    unsubscribe();
    unsubscribeRestated();
    generation++;
    stop = undefined;
  };
  return stop;
}
