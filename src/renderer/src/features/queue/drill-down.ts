import { create } from 'zustand';
import { db as defaultDb, type DeskDatabase } from '../../db/database';
import { onDeskChanged } from '../../db/desk-changes';
import { navigate } from '../../router';
import { loadAnyQueueRows, type QueueRow } from './queue-rows';
import { useQueueUi } from './queue-ui-store';
import { BUILT_IN_VIEWS, type QueueViewState } from './view-state';

/** How long changes are gathered before a drill-down's rows are read again. */
const CHANGE_BATCH_MS = 300;

/** A set of tickets opened from a report: the queue shows exactly these until it is left. */
export interface DrillDownState {
  /** What the tickets are, e.g. "Functional escalations · week of 2 Nov 2026". */
  title?: string;
  ticketIds: string[];
  rows: QueueRow[];
  status: 'off' | 'loading' | 'ready' | 'error';
  error?: string;
  /** The queue view in use before, put back when the drill-down is left. */
  before?: { viewId: string | undefined; state: QueueViewState };
}

export const useDrillDown = create<DrillDownState>()(() => ({
  ticketIds: [],
  rows: [],
  status: 'off',
}));

let generation = 0;
let stopFollowing: (() => void) | undefined;

async function readRows(database: DeskDatabase, ticketIds: string[]): Promise<void> {
  const mine = ++generation;
  try {
    const rows = await loadAnyQueueRows(database, ticketIds);
    if (mine === generation) useDrillDown.setState({ rows, status: 'ready' });
  } catch (error) {
    if (mine === generation)
      useDrillDown.setState({
        status: 'error',
        error: error instanceof Error ? error.message : String(error),
      });
  }
}

/**
 * Opens the queue on exactly these tickets (open, resolved or closed), with a banner naming
 * `title`; the queue's own filters and search still narrow them. The rows follow later changes.
 */
export function openDrillDown(
  drill: { title: string; ticketIds: string[] },
  database: DeskDatabase = defaultDb,
): void {
  const current = useDrillDown.getState();
  const ui = useQueueUi.getState();
  // The view in use before the first drill-down is the one to go back to.
  const before = current.status === 'off' ? { viewId: ui.viewId, state: ui.state } : current.before;
  useDrillDown.setState({
    title: drill.title,
    ticketIds: drill.ticketIds,
    rows: [],
    status: 'loading',
    ...(before ? { before } : {}),
  });
  // Every one of the tickets shows: no saved view's filter hides any of them.
  ui.applyView(BUILT_IN_VIEWS[0]!.id, BUILT_IN_VIEWS[0]!.state);
  ui.setSelection({});
  ui.setActive(undefined);
  void readRows(database, drill.ticketIds);
  stopFollowing?.();
  const ids = new Set(drill.ticketIds);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = onDeskChanged((changed) => {
    if (changed !== 'all' && !changed.some((id) => ids.has(id))) return;
    timer ??= setTimeout(() => {
      timer = undefined;
      void readRows(database, useDrillDown.getState().ticketIds);
    }, CHANGE_BATCH_MS);
  });
  stopFollowing = () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
  navigate({ view: 'queue' });
}

/** Leaves the drill-down: the queue shows the open escalations in the view used before. */
export function closeDrillDown(restoreView = true): void {
  const { before } = useDrillDown.getState();
  stopFollowing?.();
  stopFollowing = undefined;
  generation++;
  useDrillDown.setState({
    title: undefined,
    ticketIds: [],
    rows: [],
    status: 'off',
    before: undefined,
  });
  if (restoreView && before?.viewId !== undefined) {
    useQueueUi.getState().applyView(before.viewId, before.state);
  }
}
