import { useLiveQuery } from 'dexie-react-hooks';
import { create } from 'zustand';
import { db } from '../../db/database';
import { deskChanged } from '../../db/desk-changes';
import { RECORDING_KEY } from '../../db/outbox';
import { startDemoLoad } from '../../db/demo/demo-client';
import type { DemoLoadProgress, DemoLoadResult } from '../../db/demo/load-demo';
import { syncStore, useSyncState } from '../sync/sync-store';

export type DemoLoadPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** The one demo load of this window, shared by the queue's first-start offer and Settings. */
export interface DemoLoadState {
  phase: DemoLoadPhase;
  progress: DemoLoadProgress;
  ticketCount: number;
  result: DemoLoadResult | undefined;
  error: string | undefined;
  /**
   * Starts generating and loading a desk of `ticketCount` tickets (ignored while one runs).
   * Throws DemoWhileSyncingError while the desk syncs with a team.
   */
  start(ticketCount: number, replace: boolean): void;
  /** Stops after the batch being written; what was written stays. */
  cancel(): void;
}

/**
 * Why no demo desk is loaded while team sync is on: clearing the desk would be recorded as
 * deleting every row of the team's space, and the demo's tickets (written past the outbox) would
 * never reach the team.
 */
export const DEMO_WHILE_SYNCING =
  "Demo data can't be loaded while this desk syncs with a team: it would replace the team's data on every desk. Sign out of team sync (Settings → Team sync) once your changes are sent, then load it.";

/** Refused: the desk syncs with a team (see DEMO_WHILE_SYNCING). */
export class DemoWhileSyncingError extends Error {
  constructor() {
    super(DEMO_WHILE_SYNCING);
    this.name = 'DemoWhileSyncingError';
  }
}

/**
 * Whether this desk syncs with a team (its changes are recorded) or is getting its rows ready to
 * join one (renaming its tickets, queueing its rows), followed live.
 */
export function useDeskSyncs(): boolean {
  const stored = useLiveQuery(
    async () => (await db.syncMeta.get(RECORDING_KEY))?.value === true,
    [],
  );
  const preparing = useSyncState((state) => state.progress !== undefined);
  // Until the stored flag is read, the recorder's copy of it answers.
  return preparing || (stored ?? db.syncRecorder.recording);
}

/** Whether the desk syncs, or is getting ready to, right now (see useDeskSyncs). */
function deskSyncs(): boolean {
  return db.syncRecorder.recording || syncStore.getState().progress !== undefined;
}

const IDLE_PROGRESS: DemoLoadProgress = { fraction: 0, label: '' };
let cancelRunning: (() => void) | undefined;

/** Session state of the demo load (not persisted: the desk itself is in Dexie). */
export const useDemoLoad = create<DemoLoadState>()((set, get) => ({
  phase: 'idle',
  progress: IDLE_PROGRESS,
  ticketCount: 0,
  result: undefined,
  error: undefined,
  start: (ticketCount, replace) => {
    if (deskSyncs()) throw new DemoWhileSyncingError();
    if (get().phase === 'running') return;
    set({
      phase: 'running',
      ticketCount,
      result: undefined,
      error: undefined,
      progress: { fraction: 0, label: 'Starting…' },
    });
    const handle = startDemoLoad({ ticketCount, replace, now: Date.now() }, (progress) =>
      set({ progress }),
    );
    cancelRunning = handle.cancel;
    handle.done
      .then(
        (result) => {
          cancelRunning = undefined;
          set({ phase: result.cancelled ? 'cancelled' : 'done', result });
        },
        (error: unknown) => {
          cancelRunning = undefined;
          set({ phase: 'error', error: error instanceof Error ? error.message : String(error) });
        },
      )
      // Whatever was written (all of it, or the batches before a cancel), re-derive the alerts.
      .finally(deskChanged);
  },
  cancel: () => {
    if (get().phase !== 'running') return;
    set((state) => ({ progress: { ...state.progress, label: 'Stopping…' } }));
    cancelRunning?.();
  },
}));
