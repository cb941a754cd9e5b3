import { create } from 'zustand';
import { db, type DeskDatabase } from '../../db/database';
import { deskChanged } from '../../db/desk-changes';
import { createRulesWork, rulesWork, type RulesWork } from './rules-work-client';
import type { WorkProgress } from './rules-work';

/** Set in the transaction that saves policies or a calendar; cleared when every clock is redone. */
const PENDING_KEY = 'slaRefreshPending';

/** The background recompute of open tickets' SLA clocks after a rules change, for the UI. */
export interface SlaRefreshState {
  running: boolean;
  progress: WorkProgress | undefined;
  error: string | undefined;
}

export const useSlaRefresh = create<SlaRefreshState>(() => ({
  running: false,
  progress: undefined,
  error: undefined,
}));

/** Notes, inside a saving transaction, that the open tickets' clocks must be recomputed. */
export async function markSlaRefreshPending(database: DeskDatabase, now: number): Promise<void> {
  await database.settings.put({ key: PENDING_KEY, value: now });
}

let queue: Promise<void> = Promise.resolve();

/**
 * Recomputes every open ticket's SLA clock in the rules worker, after the saving transaction has
 * committed; refreshes run one after another. If the app closes first, the marker left in the
 * settings makes `resumeSlaRefresh` finish the work on the next start.
 */
export function refreshSlaInBackground(
  database: DeskDatabase,
  marker: number,
  work: RulesWork = database === db ? rulesWork() : createRulesWork(database),
  clock: () => number = Date.now,
): Promise<void> {
  queue = queue.then(async () => {
    useSlaRefresh.setState({ running: true, progress: undefined, error: undefined });
    try {
      await work.refresh(clock(), (progress) => useSlaRefresh.setState({ progress }));
      // Cleared only if no later save asked for another refresh meanwhile.
      await database.transaction('rw', database.settings, async () => {
        const stored = await database.settings.get(PENDING_KEY);
        if (stored?.value === marker) await database.settings.delete(PENDING_KEY);
      });
      useSlaRefresh.setState({ running: false });
    } catch (error) {
      useSlaRefresh.setState({
        running: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    deskChanged();
  });
  return queue;
}

/** Finishes a refresh a closed app left undone (see refreshSlaInBackground). */
export async function resumeSlaRefresh(
  database: DeskDatabase = db,
  work?: RulesWork,
): Promise<void> {
  const marker = await database.settings.get(PENDING_KEY);
  if (typeof marker?.value === 'number') await refreshSlaInBackground(database, marker.value, work);
}
