import { create } from 'zustand';
import { deskChanged } from '../../db/desk-changes';
import { startDemoLoad } from '../../db/demo/demo-client';
import type { DemoLoadProgress, DemoLoadResult } from '../../db/demo/load-demo';

export type DemoLoadPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** The one demo load of this window, shared by the queue's first-start offer and Settings. */
export interface DemoLoadState {
  phase: DemoLoadPhase;
  progress: DemoLoadProgress;
  ticketCount: number;
  result: DemoLoadResult | undefined;
  error: string | undefined;
  /** Starts generating and loading a desk of `ticketCount` tickets (ignored while one runs). */
  start(ticketCount: number, replace: boolean): void;
  /** Stops after the batch being written; what was written stays. */
  cancel(): void;
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
