import { useDeferredValue } from 'react';
import { useNow } from '../../hooks';
import { navigate } from '../../router';
import { queueCounts } from './queue-rows';
import { useQueueData } from './queue-store';
import { useQueueUi } from './queue-ui-store';
import { BUILT_IN_VIEWS } from './view-state';

const number = new Intl.NumberFormat('en');

const ENTRIES = [
  { key: 'open', label: 'Open', viewId: 'all' },
  { key: 'atRisk', label: 'At risk', viewId: 'at-risk' },
  { key: 'breached', label: 'Breached', viewId: 'breached' },
  { key: 'unassigned', label: 'Unassigned', viewId: 'unassigned' },
] as const;

/** The navigation's live queue counts; each opens the queue on the matching view. */
export function QueueNavCounts() {
  const rows = useDeferredValue(useQueueData((state) => state.rows));
  const ready = useQueueData((state) => state.status === 'ready');
  const now = useNow(30_000);
  const applyView = useQueueUi((state) => state.applyView);
  if (!ready) return null;
  const counts = queueCounts(rows, now);
  return (
    <ul className="nav-counts" aria-label="Queue counts">
      {ENTRIES.map((entry) => (
        <li key={entry.key}>
          <a
            href="#/queue"
            className={`nav-count count-${entry.key}`}
            onClick={(event) => {
              event.preventDefault();
              const view = BUILT_IN_VIEWS.find((candidate) => candidate.id === entry.viewId)!;
              applyView(view.id, view.state);
              navigate({ view: 'queue' });
            }}
          >
            <span>{entry.label}</span>
            <span className="nav-count-value">{number.format(counts[entry.key])}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
