import {
  describeCriteria,
  isCatchAll,
  rowLabel,
  type AssistLevelWarning,
  type EscalationMatrix,
  type MatrixProblem,
} from '@core/index';
import { AlertTriangle, ArrowDown, ArrowUp, CircleX, Plus, Trash2 } from 'lucide-react';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { AssistLevelNote } from './AssistWarnings';
import { ProblemList } from './ProblemList';
import {
  actionsText,
  contactsText,
  levelKey,
  levelSummary,
  ownerText,
  problemCountText,
  repeatText,
  triggerText,
  type PlacedProblems,
} from './matrix-text';

/** The cell that has the grid's one tab stop: column 0 is the row header, 1…n the levels, then "Add level". */
export interface ActiveCell {
  rowId: string;
  col: number;
}

/** The active cell made valid for the matrix as it is now (its row may have gone). */
export function normalizeActive(
  matrix: EscalationMatrix,
  active: ActiveCell | undefined,
): ActiveCell | undefined {
  const row = matrix.rows.find((r) => r.id === active?.rowId) ?? matrix.rows[0];
  if (!row) return undefined;
  const col = row.id === active?.rowId ? active.col : 0;
  return { rowId: row.id, col: Math.max(0, Math.min(col, row.levels.length + 1)) };
}

/** `Row 'X'` → `row 'X'`, for names in the middle of a sentence. */
export const inSentence = (label: string) => label.replace(/^Row /, 'row ');

/** The engine's message without the row and level it starts with, for showing inside that cell. */
function withoutPlace(problem: MatrixProblem): MatrixProblem {
  const message = problem.message.replace(/^Row '[^']*'(?:, level L\d+(?: \([^)]*\))?)?: /, '');
  return { ...problem, message: message.charAt(0).toUpperCase() + message.slice(1) };
}

function ProblemBadge(props: { problems: readonly MatrixProblem[] }) {
  if (props.problems.length === 0) return null;
  const error = props.problems.some((problem) => problem.severity === 'error');
  const Icon = error ? CircleX : AlertTriangle;
  return (
    <span className={`matrix-badge ${error ? 'error' : 'warning'}`}>
      <Icon size={12} aria-hidden="true" />
      {problemCountText(props.problems)}
    </span>
  );
}

/**
 * The matrix as a keyboard grid: one row per matrix row, one column per level position. The grid
 * is one tab stop (roving tabindex); arrows move, Enter opens, Alt+arrows reorder, Delete removes.
 */
export function MatrixGrid(props: {
  matrix: EscalationMatrix;
  problems: PlacedProblems;
  /** Levels whose trigger needs an assist feature switched off, by levelKey. */
  assistWarnings?: ReadonlyMap<string, AssistLevelWarning>;
  active: ActiveCell | undefined;
  onActiveChange(cell: ActiveCell): void;
  /** Changes when the active cell should take focus (after a removal, for example). */
  focusToken: number;
  describedBy?: string;
  onEditRow(rowId: string): void;
  onEditLevel(rowId: string, index: number): void;
  onAddLevel(rowId: string): void;
  onMoveRow(rowId: string, by: number): void;
  onMoveLevel(rowId: string, index: number, by: number): void;
  onRemoveRow(rowId: string): void;
  onRemoveLevel(rowId: string, index: number): void;
}) {
  const { matrix } = props;
  const cells = useRef(new Map<string, HTMLButtonElement>());
  const focusPending = useRef(false);
  const active = normalizeActive(matrix, props.active);
  const activeKey = active ? `${active.rowId}:${active.col}` : '';
  const columns = Math.max(0, ...matrix.rows.map((row) => row.levels.length));

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    cells.current.get(activeKey)?.focus();
  });
  useEffect(() => {
    if (props.focusToken === 0) return;
    // After a dialog closes (which then leaves focus to the grid: see DialogReturnsFocus).
    const timer = setTimeout(() => cells.current.get(activeKey)?.focus(), 0);
    return () => clearTimeout(timer);
    // Only a new token asks for focus; the key is read as it is then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.focusToken]);

  const moveTo = (cell: ActiveCell) => {
    focusPending.current = true;
    props.onActiveChange(cell);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (!active || !(event.target instanceof HTMLElement) || !event.target.dataset.cell) return;
    const r = matrix.rows.findIndex((row) => row.id === active.rowId);
    const row = matrix.rows[r]!;
    const lastCol = row.levels.length + 1;
    const { col } = active;
    const isLevel = col >= 1 && col <= row.levels.length;
    const at = (rowIndex: number, column: number) => {
      const target = matrix.rows[rowIndex]!;
      moveTo({ rowId: target.id, col: Math.min(column, target.levels.length + 1) });
    };
    let handled = true;
    if (event.altKey) {
      if (event.key === 'ArrowUp' && r > 0) {
        focusPending.current = true;
        props.onMoveRow(row.id, -1);
      } else if (event.key === 'ArrowDown' && r < matrix.rows.length - 1) {
        focusPending.current = true;
        props.onMoveRow(row.id, 1);
      } else if (event.key === 'ArrowLeft' && isLevel && col > 1) {
        props.onMoveLevel(row.id, col - 1, -1);
        moveTo({ rowId: row.id, col: col - 1 });
      } else if (event.key === 'ArrowRight' && isLevel && col < row.levels.length) {
        props.onMoveLevel(row.id, col - 1, 1);
        moveTo({ rowId: row.id, col: col + 1 });
      } else handled = event.key.startsWith('Arrow');
    } else if (event.ctrlKey || event.metaKey) {
      if (event.key === 'Home') at(0, 0);
      else if (event.key === 'End') at(matrix.rows.length - 1, col);
      else handled = false;
    } else {
      switch (event.key) {
        case 'ArrowRight':
          if (col < lastCol) moveTo({ rowId: row.id, col: col + 1 });
          break;
        case 'ArrowLeft':
          if (col > 0) moveTo({ rowId: row.id, col: col - 1 });
          break;
        case 'ArrowDown':
          if (r < matrix.rows.length - 1) at(r + 1, col);
          break;
        case 'ArrowUp':
          if (r > 0) at(r - 1, col);
          break;
        case 'Home':
          moveTo({ rowId: row.id, col: 0 });
          break;
        case 'End':
          moveTo({ rowId: row.id, col: lastCol });
          break;
        case 'Delete':
        case 'Backspace': // the Mac's delete key
          if (col === 0) props.onRemoveRow(row.id);
          else if (isLevel) props.onRemoveLevel(row.id, col - 1);
          break;
        default:
          handled = false;
      }
    }
    if (handled) event.preventDefault();
  };

  const stop = (rowId: string, col: number) => ({
    ref: (element: HTMLButtonElement | null) => {
      const key = `${rowId}:${col}`;
      if (element) cells.current.set(key, element);
      else cells.current.delete(key);
    },
    tabIndex: activeKey === `${rowId}:${col}` ? 0 : -1,
    'data-cell': `${rowId}:${col}`,
    onFocus: () => {
      if (activeKey !== `${rowId}:${col}`) props.onActiveChange({ rowId, col });
    },
  });

  return (
    <div className="matrix-grid-scroll">
      <table
        role="grid"
        aria-label="Escalation matrix"
        aria-describedby={props.describedBy}
        className="matrix-grid"
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr role="row">
            <th role="columnheader" scope="col">
              Row <span className="muted">(first match wins)</span>
            </th>
            {Array.from({ length: columns }, (_, index) => (
              <th key={index} role="columnheader" scope="col">
                L{index + 1}
              </th>
            ))}
            <th role="columnheader" scope="col">
              <span className="visually-hidden">New level</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row, r) => {
            const label = rowLabel(row, r);
            const rowProblems = props.problems.byRow.get(row.id) ?? [];
            const rowProblemsId = `matrix-row-problems-${r}`;
            return (
              <tr key={row.id} role="row" className={active?.rowId === row.id ? 'active' : ''}>
                <th
                  role="rowheader"
                  scope="row"
                  className={`matrix-row-head ${rowProblems.length ? 'has-problems' : ''}`}
                >
                  <div className="matrix-row-line">
                    <button
                      type="button"
                      className="matrix-row-button"
                      aria-label={`Edit ${label}: ${describeCriteria(row.criteria)}`}
                      aria-describedby={rowProblems.length ? rowProblemsId : undefined}
                      onClick={() => props.onEditRow(row.id)}
                      {...stop(row.id, 0)}
                    >
                      <span className="matrix-row-order">{r + 1}.</span>
                      <span className="matrix-row-text">
                        <span className="matrix-row-name">{row.name || '(no name)'}</span>
                        <span className="muted small-text">
                          {isCatchAll(row.criteria)
                            ? 'Fallback: every ticket'
                            : describeCriteria(row.criteria)}
                        </span>
                      </span>
                    </button>
                    <span className="matrix-row-tools">
                      <button
                        type="button"
                        className="icon-button"
                        tabIndex={-1}
                        title="Move row up (Alt+↑)"
                        aria-label={`Move ${inSentence(label)} up`}
                        disabled={r === 0}
                        onClick={() => props.onMoveRow(row.id, -1)}
                      >
                        <ArrowUp size={14} aria-hidden="true" />
                      </button>
                      <button
                        type="button"
                        className="icon-button"
                        tabIndex={-1}
                        title="Move row down (Alt+↓)"
                        aria-label={`Move ${inSentence(label)} down`}
                        disabled={r === matrix.rows.length - 1}
                        onClick={() => props.onMoveRow(row.id, 1)}
                      >
                        <ArrowDown size={14} aria-hidden="true" />
                      </button>
                      <button
                        type="button"
                        className="icon-button"
                        tabIndex={-1}
                        title="Remove row (Delete)"
                        aria-label={`Remove ${inSentence(label)}`}
                        onClick={() => props.onRemoveRow(row.id)}
                      >
                        <Trash2 size={14} aria-hidden="true" />
                      </button>
                    </span>
                  </div>
                  <ProblemList id={rowProblemsId} problems={rowProblems.map(withoutPlace)} />
                </th>
                {Array.from({ length: columns + 1 }, (_, index) => {
                  const level = row.levels[index];
                  if (!level) {
                    return (
                      <td key={`empty-${index}`} role="gridcell" className="matrix-cell empty">
                        {index === row.levels.length ? (
                          <button
                            type="button"
                            className="matrix-add-level"
                            aria-label={`Add level to ${inSentence(label)}`}
                            onClick={() => props.onAddLevel(row.id)}
                            {...stop(row.id, index + 1)}
                          >
                            <Plus size={14} aria-hidden="true" />
                            Add level
                          </button>
                        ) : null}
                      </td>
                    );
                  }
                  const problems = props.problems.byLevel.get(levelKey(row.id, index)) ?? [];
                  const waits = props.assistWarnings?.get(levelKey(row.id, index));
                  const severity = problems.some((p) => p.severity === 'error')
                    ? 'has-error'
                    : problems.length || waits
                      ? 'has-warning'
                      : '';
                  const problemsId = `matrix-cell-problems-${r}-${index}`;
                  const waitsId = `matrix-cell-waits-${r}-${index}`;
                  const describedBy = [problems.length ? problemsId : '', waits ? waitsId : '']
                    .filter(Boolean)
                    .join(' ');
                  return (
                    <td key={level.id} role="gridcell" className={`matrix-cell ${severity}`}>
                      <button
                        type="button"
                        className="matrix-cell-button"
                        aria-label={`${label}, L${index + 1}: ${levelSummary(level)}`}
                        aria-describedby={describedBy || undefined}
                        onClick={() => props.onEditLevel(row.id, index)}
                        {...stop(row.id, index + 1)}
                      >
                        <span className="matrix-cell-head">
                          <span className={`chip matrix-type ${level.type}`}>{level.type}</span>
                          {level.name ? (
                            <span className="matrix-level-name">{level.name}</span>
                          ) : null}
                        </span>
                        <span className="matrix-owner">{ownerText(level.owner)}</span>
                        {level.owner?.contacts.length ? (
                          <span className="muted small-text">
                            {contactsText(level.owner.contacts)}
                          </span>
                        ) : null}
                        <span>{triggerText(level)}</span>
                        <span className="small-text">{actionsText(level.actions)}</span>
                        {level.repeat.kind === 'every' ? (
                          <span className="muted small-text">{repeatText(level.repeat)}</span>
                        ) : null}
                        <ProblemBadge problems={problems} />
                      </button>
                      <ProblemList
                        id={problemsId}
                        problems={problems.map(withoutPlace)}
                        className="in-cell"
                      />
                      <AssistLevelNote id={waitsId} warning={waits} />
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
