import type { RejectedChange } from './sync-store';
import { rowLabel } from './sync-text';

/** The changes the server refused, newest first, each with its reason. */
export function RefusedList({ rejected }: { rejected: readonly RejectedChange[] }) {
  return (
    <>
      <p className="muted small-text">
        The desk now shows the server’s version of these rows; make the change again if it is still
        needed.
      </p>
      <ul className="sync-problem-list">
        {[...rejected].reverse().map((refusal) => (
          <li key={`${refusal.mid}-${refusal.at}`}>
            <strong>{rowLabel(refusal.table, refusal.id)}</strong>
            <span>{refusal.reason}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
