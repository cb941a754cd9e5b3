import { useLiveQuery } from 'dexie-react-hooks';
import { Sparkles } from 'lucide-react';
import { DEFAULT_DEMO_TICKETS } from '@core/demo';
import { db } from '../../db/database';
import { DEMO_WHILE_SYNCING, useDemoLoad, useDeskSyncs } from './demo-load-store';
import { DemoOutcome, DemoProgress } from './DemoProgress';

/** Whether a demo load is running in this window (the queue keeps its first-start view meanwhile). */
export function useDemoLoading(): boolean {
  return useDemoLoad((state) => state.phase === 'running');
}

/**
 * The first-start offer of an empty desk: load a generated demo desk of 5,000 tickets, with its
 * progress while it loads. Shown only while the desk has no tickets at all, or while loading.
 */
export function LoadDemoDesk() {
  const ticketCount = useLiveQuery(() => db.tickets.count(), []);
  const phase = useDemoLoad((state) => state.phase);
  const start = useDemoLoad((state) => state.start);
  const syncing = useDeskSyncs();
  if (phase === 'running') {
    return (
      <div className="demo-offer">
        <DemoProgress />
      </div>
    );
  }
  if (ticketCount !== 0) return null;
  return (
    <div className="demo-offer">
      <button
        type="button"
        className="button primary"
        disabled={syncing}
        aria-describedby={syncing ? 'demo-offer-syncing' : undefined}
        onClick={() => start(DEFAULT_DEMO_TICKETS, false)}
      >
        <Sparkles size={16} aria-hidden="true" />
        Load demo desk
      </button>
      {syncing ? (
        <p id="demo-offer-syncing" className="muted small-text">
          {DEMO_WHILE_SYNCING}
        </p>
      ) : (
        <p className="muted small-text">
          5,000 generated tickets with 90 days of history, customers, teams, SLA policies and an
          escalation matrix, to try the desk out. Larger desks: Settings → Demo data.
        </p>
      )}
      <DemoOutcome />
    </div>
  );
}
