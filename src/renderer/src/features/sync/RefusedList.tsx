import { RULE_TABLES } from '@core/index';
import type { RejectedChange } from './sync-store';
import { rowLabel } from './sync-text';

/** The changes the server refused, newest first, each with its reason and what the desk kept. */
export function RefusedList({ rejected }: { rejected: readonly RejectedChange[] }) {
  return (
    <>
      <p className="muted small-text">
        The desk now shows the server’s version of these rows, except those it kept; make the change
        again if it is still needed.
      </p>
      <ul className="sync-problem-list">
        {[...rejected].reverse().map((refusal) => (
          <li key={`${refusal.mid}-${refusal.at}`}>
            <strong>{rowLabel(refusal.table, refusal.id)}</strong>
            <span>{refusal.reason}</span>
            {refusal.kept ? (
              <span className="sync-kept">
                {RULE_TABLES.has(refusal.table)
                  ? 'Kept on this desk only: its SLA clocks and escalations still use it, the team’s other desks don’t. A manager can add it for the team.'
                  : 'Kept on this desk only: the team’s other desks don’t have this version.'}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
