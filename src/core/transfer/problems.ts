/** Which list of the desk's JSON export an item is in. */
export type ExportList = 'customers' | 'tickets' | 'events';

/** Something wrong with one cell (or row, or the whole file), said so the user can fix it. */
export interface ImportProblem {
  /** CSV: the spreadsheet row (the header is row 1). JSON: the item's number in its list, from 1. */
  row: number;
  /** The column's name in the file (or the field's name for JSON); empty for the whole row. */
  column: string;
  reason: string;
  /** For the desk's own JSON format: the list the item is in. */
  list?: ExportList;
}

/** Orders problems by list, then row, keeping the order of problems within a row. */
export function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  const listOrder = (problem: ImportProblem) =>
    problem.list === undefined ? 0 : ['customers', 'tickets', 'events'].indexOf(problem.list) + 1;
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        listOrder(a.problem) - listOrder(b.problem) ||
        a.problem.row - b.problem.row ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}

/** How many distinct rows (or items) have at least one problem. */
export function countProblemRows(problems: readonly ImportProblem[]): number {
  return new Set(problems.map((problem) => `${problem.list ?? ''}:${problem.row}`)).size;
}

/** Quotes a value from the file for a message, shortened when long. */
export function quoted(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return `“${shown}”`;
}
