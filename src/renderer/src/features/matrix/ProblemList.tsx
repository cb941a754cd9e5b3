import { AlertTriangle, CircleX } from 'lucide-react';
import type { MatrixProblem } from '@core/index';
import { problemText } from './matrix-text';

/** Problems with their severity in words and an icon, never by colour alone. */
export function ProblemList(props: {
  problems: readonly Pick<MatrixProblem, 'severity' | 'message'>[];
  id?: string;
  className?: string;
}) {
  if (props.problems.length === 0) return null;
  return (
    <ul id={props.id} className={`matrix-problems ${props.className ?? ''}`}>
      {props.problems.map((problem, index) => (
        <li key={index} className={`matrix-problem ${problem.severity}`}>
          {problem.severity === 'error' ? (
            <CircleX size={14} aria-hidden="true" />
          ) : (
            <AlertTriangle size={14} aria-hidden="true" />
          )}
          <span>
            <strong>{problem.severity === 'error' ? 'Error: ' : 'Warning: '}</strong>
            {problemText(problem)}
          </span>
        </li>
      ))}
    </ul>
  );
}
