import { sortProblems, type ImportProblem } from '@core/transfer';
import { useId, useMemo, useState } from 'react';
import { count, problemPlace } from './wording';

/** Problems shown before "Show all": enough to see what is wrong without rendering thousands. */
const FIRST_PROBLEMS = 200;

/** Every problem of an import, by row: where it is, which column, and what to fix. */
export function ProblemTable({
  problems,
  unit,
}: {
  problems: readonly ImportProblem[];
  unit: 'row' | 'item';
}) {
  const captionId = useId();
  const [showAll, setShowAll] = useState(false);
  const sorted = useMemo(() => sortProblems(problems), [problems]);
  const shown = showAll ? sorted : sorted.slice(0, FIRST_PROBLEMS);
  return (
    <div className="problem-list">
      <div className="problem-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table">
          <caption id={captionId}>Problems ({count(problems.length, 'problem')})</caption>
          <thead>
            <tr>
              <th scope="col">{unit === 'row' ? 'Row' : 'Item'}</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((problem, index) => (
              <tr key={index}>
                <td>{problemPlace(problem)}</td>
                <td>{problem.column || '—'}</td>
                <td>{problem.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length < sorted.length ? (
        <button type="button" className="button small" onClick={() => setShowAll(true)}>
          Show all {count(sorted.length, 'problem')}
        </button>
      ) : null}
    </div>
  );
}
