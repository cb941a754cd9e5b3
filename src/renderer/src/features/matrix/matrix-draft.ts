import {
  isCatchAll,
  type EscalationLevel,
  type EscalationMatrix,
  type EscalationRow,
} from '@core/index';

/**
 * The matrix being edited: the draft, the stored matrix it started from (to tell whether there is
 * anything to save) and where the draft came from, for the history note ("Imported from …").
 */
export interface MatrixDraft {
  matrix: EscalationMatrix;
  /** The stored matrix the draft is compared with; undefined until the store has loaded. */
  baseline: EscalationMatrix | undefined;
  /** The stored version the baseline is. */
  baseVersion: number;
  /** How the draft came about when not by hand, e.g. "Imported from matrix.csv". */
  origin: string | undefined;
}

export type DraftAction =
  | { kind: 'load'; matrix: EscalationMatrix; version: number }
  | { kind: 'replace'; matrix: EscalationMatrix; origin: string }
  | { kind: 'discard' }
  | { kind: 'saved'; matrix: EscalationMatrix; version: number }
  | { kind: 'add_row'; row: EscalationRow }
  | {
      kind: 'update_row';
      rowId: string;
      changes: Partial<Pick<EscalationRow, 'name' | 'criteria'>>;
    }
  | { kind: 'remove_row'; rowId: string }
  | { kind: 'move_row'; rowId: string; by: number }
  | { kind: 'add_level'; rowId: string; level: EscalationLevel }
  | { kind: 'update_level'; rowId: string; index: number; level: EscalationLevel }
  | { kind: 'remove_level'; rowId: string; index: number }
  | { kind: 'move_level'; rowId: string; index: number; by: number };

export const EMPTY_DRAFT: MatrixDraft = {
  matrix: { rows: [] },
  baseline: undefined,
  baseVersion: 0,
  origin: undefined,
};

/** A short id for a new row or level, unique enough within a matrix. */
export function newId(prefix: 'row' | 'level'): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Moves the item at `from` by `by` places, clamped to the list; the same list when it cannot move. */
function moved<T>(items: readonly T[], from: number, by: number): readonly T[] {
  const to = Math.max(0, Math.min(items.length - 1, from + by));
  if (from < 0 || from >= items.length || to === from) return items;
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

function withRow(
  matrix: EscalationMatrix,
  rowId: string,
  change: (row: EscalationRow) => EscalationRow,
): EscalationMatrix {
  const index = matrix.rows.findIndex((row) => row.id === rowId);
  if (index === -1) return matrix;
  const row = matrix.rows[index]!;
  const next = change(row);
  if (next === row) return matrix;
  return { rows: matrix.rows.map((r, i) => (i === index ? next : r)) };
}

/**
 * Adds a row where it can apply: before the trailing fallback rows (no criteria), which match every
 * ticket and would hide anything after them; at the end when there is no fallback yet.
 */
export function addRow(matrix: EscalationMatrix, row: EscalationRow): EscalationMatrix {
  let at = matrix.rows.length;
  if (!isCatchAll(row.criteria)) {
    while (at > 0 && isCatchAll(matrix.rows[at - 1]!.criteria)) at -= 1;
  }
  return { rows: [...matrix.rows.slice(0, at), row, ...matrix.rows.slice(at)] };
}

/** The matrix without the row. */
export function removeRow(matrix: EscalationMatrix, rowId: string): EscalationMatrix {
  const rows = matrix.rows.filter((row) => row.id !== rowId);
  return rows.length === matrix.rows.length ? matrix : { rows };
}

/** The matrix with the row moved `by` places (negative: up), clamped to the first and last place. */
export function moveRow(matrix: EscalationMatrix, rowId: string, by: number): EscalationMatrix {
  const rows = moved(
    matrix.rows,
    matrix.rows.findIndex((row) => row.id === rowId),
    by,
  );
  return rows === matrix.rows ? matrix : { rows: [...rows] };
}

/** The matrix with a row's name or criteria changed. */
export function updateRow(
  matrix: EscalationMatrix,
  rowId: string,
  changes: Partial<Pick<EscalationRow, 'name' | 'criteria'>>,
): EscalationMatrix {
  return withRow(matrix, rowId, (row) => ({ ...row, ...changes }));
}

/** The matrix with a level added after the row's last level. */
export function addLevel(
  matrix: EscalationMatrix,
  rowId: string,
  level: EscalationLevel,
): EscalationMatrix {
  return withRow(matrix, rowId, (row) => ({ ...row, levels: [...row.levels, level] }));
}

/** The matrix with the row's levels changed, when the row has a level at `index` (else unchanged). */
function withLevelAt(
  matrix: EscalationMatrix,
  rowId: string,
  index: number,
  change: (levels: readonly EscalationLevel[]) => EscalationLevel[],
): EscalationMatrix {
  return withRow(matrix, rowId, (row) =>
    index < 0 || index >= row.levels.length ? row : { ...row, levels: change(row.levels) },
  );
}

/** The matrix with the row's level at `index` replaced. */
export function updateLevel(
  matrix: EscalationMatrix,
  rowId: string,
  index: number,
  level: EscalationLevel,
): EscalationMatrix {
  return withLevelAt(matrix, rowId, index, (levels) =>
    levels.map((l, i) => (i === index ? level : l)),
  );
}

/** The matrix without the row's level at `index` (the levels after it move up one place). */
export function removeLevel(
  matrix: EscalationMatrix,
  rowId: string,
  index: number,
): EscalationMatrix {
  return withLevelAt(matrix, rowId, index, (levels) => levels.filter((_, i) => i !== index));
}

/** The matrix with the row's level at `index` moved `by` places (negative: towards L1). */
export function moveLevel(
  matrix: EscalationMatrix,
  rowId: string,
  index: number,
  by: number,
): EscalationMatrix {
  return withRow(matrix, rowId, (row) => {
    const levels = moved(row.levels, index, by);
    return levels === row.levels ? row : { ...row, levels: [...levels] };
  });
}

/** Whether the draft differs from what is stored. */
export function hasUnsavedChanges(draft: MatrixDraft): boolean {
  if (draft.baseline === undefined) return draft.matrix.rows.length > 0;
  return JSON.stringify(draft.matrix) !== JSON.stringify(draft.baseline);
}

function edit(draft: MatrixDraft, matrix: EscalationMatrix): MatrixDraft {
  return matrix === draft.matrix ? draft : { ...draft, matrix };
}

/** The draft after one editing step. */
export function matrixDraftReducer(draft: MatrixDraft, action: DraftAction): MatrixDraft {
  const { matrix } = draft;
  switch (action.kind) {
    case 'load':
    case 'saved':
      return {
        matrix: action.matrix,
        baseline: action.matrix,
        baseVersion: action.version,
        origin: undefined,
      };
    case 'replace':
      return { ...draft, matrix: action.matrix, origin: action.origin };
    case 'discard':
      return { ...draft, matrix: draft.baseline ?? { rows: [] }, origin: undefined };
    case 'add_row':
      return edit(draft, addRow(matrix, action.row));
    case 'update_row':
      return edit(draft, updateRow(matrix, action.rowId, action.changes));
    case 'remove_row':
      return edit(draft, removeRow(matrix, action.rowId));
    case 'move_row':
      return edit(draft, moveRow(matrix, action.rowId, action.by));
    case 'add_level':
      return edit(draft, addLevel(matrix, action.rowId, action.level));
    case 'update_level':
      return edit(draft, updateLevel(matrix, action.rowId, action.index, action.level));
    case 'remove_level':
      return edit(draft, removeLevel(matrix, action.rowId, action.index));
    case 'move_level':
      return edit(draft, moveLevel(matrix, action.rowId, action.index, action.by));
  }
}
