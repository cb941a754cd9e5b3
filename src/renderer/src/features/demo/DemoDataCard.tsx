import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { FormDialog } from '../../components/FormDialog';
import { db } from '../../db/database';
import { isDeskEmpty } from '../../db/demo/load-demo';
import { DEMO_WHILE_SYNCING, useDemoLoad, useDeskSyncs } from './demo-load-store';
import { DemoOutcome, DemoProgress } from './DemoProgress';

/**
 * The desk sizes Settings offers: 1,000 for a quick look or a training desk (a few seconds to
 * load), 5,000 as the first-start offer loads, and up to 100,000 to try the desk under load.
 */
export const DEMO_SIZES = [1_000, 5_000, 20_000, 50_000, 100_000] as const;
const DEFAULT_DEMO_SIZE = 5_000;

const count = new Intl.NumberFormat('en');

/** Settings card: generate a demo desk of a chosen size, replacing the current data after a confirm. */
export function DemoDataCard() {
  const [size, setSize] = useState<number>(DEFAULT_DEMO_SIZE);
  const [confirming, setConfirming] = useState(false);
  const running = useDemoLoad((state) => state.phase === 'running');
  const start = useDemoLoad((state) => state.start);
  const syncing = useDeskSyncs();
  const existing = useLiveQuery(
    async () => ({ tickets: await db.tickets.count(), empty: await isDeskEmpty(db) }),
    [],
  );

  // Asked at the click, not from the live count: a click before that count is read must not ask
  // to replace an empty desk, nor load over a full one.
  const generate = async () => {
    if (await isDeskEmpty(db)) start(size, false);
    else setConfirming(true);
  };

  return (
    <section className="card" aria-labelledby="demo-data-title">
      <h2 id="demo-data-title">Demo data</h2>
      <p className="muted">
        Generate a realistic desk to explore or to try the desk under load: customers, teams,
        people, SLA policies, an escalation matrix and tickets with 90 days of history.
      </p>
      <div className="demo-controls">
        <label htmlFor="demo-size">Tickets</label>
        <select
          id="demo-size"
          value={size}
          disabled={running || syncing}
          onChange={(event) => setSize(Number(event.target.value))}
        >
          {DEMO_SIZES.map((value) => (
            <option key={value} value={value}>
              {count.format(value)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button primary"
          disabled={running || syncing}
          aria-describedby={syncing ? 'demo-data-syncing' : undefined}
          onClick={() => void generate()}
        >
          Generate
        </button>
      </div>
      {syncing ? (
        <p id="demo-data-syncing" className="muted small-text">
          {DEMO_WHILE_SYNCING}
        </p>
      ) : existing === undefined ? null : (
        <p className="muted small-text">
          {existing.empty
            ? 'The desk is empty.'
            : `Generating replaces the current desk (${count.format(existing.tickets)} tickets) after you confirm.`}
        </p>
      )}
      <DemoProgress />
      <DemoOutcome />
      <FormDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Replace the desk?"
        description={`This deletes the ${count.format(existing?.tickets ?? 0)} tickets, their history, the customers, teams, people, policies and matrix on this computer, and loads a generated desk of ${count.format(size)} tickets instead. Your settings are kept.`}
        submitLabel="Replace with demo data"
        destructive
        onSubmit={async () => start(size, true)}
      >
        {null}
      </FormDialog>
    </section>
  );
}
