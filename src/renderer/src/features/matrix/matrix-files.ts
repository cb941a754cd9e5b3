import {
  EscalationMatrixSchema,
  validateMatrix,
  type EscalationMatrix,
  type MatrixProblem,
  type ProblemSeverity,
} from '@core/index';
// Not in @core/index: the CSV parser it needs is fetched with the views that read or write files.
import { matrixFromCsv, matrixToCsv } from '@core/escalation/matrix-csv';
import { downloadBlob } from '../transfer/export-files';
import { problemText } from './matrix-text';

/** One thing wrong with an imported file: where (line and column, or the JSON field) and what. */
export interface MatrixFileIssue {
  place: string;
  message: string;
  severity: ProblemSeverity;
}

/** What reading a matrix file gave: the matrix when it can be loaded, and every issue found. */
export interface MatrixFileResult {
  /** Undefined when any issue is an error: a file with errors loads nothing. */
  matrix?: EscalationMatrix;
  issues: MatrixFileIssue[];
}

/** The matrix as the JSON file the editor exports and imports. */
export function matrixJson(matrix: EscalationMatrix): string {
  return `${JSON.stringify(matrix, null, 2)}\n`;
}

/** The name of an exported matrix file, dated in local time: escalation-matrix-2026-11-02.csv. */
export function matrixFileName(extension: 'csv' | 'json', now: number): string {
  const date = new Date(now);
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('-');
  return `escalation-matrix-${day}.${extension}`;
}

/** Saves the matrix as a CSV or JSON download; returns the file name. */
export function downloadMatrix(
  matrix: EscalationMatrix,
  format: 'csv' | 'json',
  now: number,
): string {
  const blob =
    format === 'csv'
      ? new Blob([matrixToCsv(matrix)], { type: 'text/csv;charset=utf-8' })
      : new Blob([matrixJson(matrix)], { type: 'application/json' });
  const fileName = matrixFileName(format, now);
  downloadBlob(blob, fileName);
  return fileName;
}

/** Where a JSON path points, in the editor's words: "Row 2, L1, trigger.minutes". */
function jsonPlace(path: readonly PropertyKey[], matrix: unknown): string {
  const parts: string[] = [];
  let rest = [...path];
  if (rest[0] === 'rows' && typeof rest[1] === 'number') {
    const rows = (matrix as { rows?: { name?: unknown }[] }).rows;
    const name = rows?.[rest[1]]?.name;
    parts.push(`Row ${rest[1] + 1}${typeof name === 'string' && name ? ` '${name}'` : ''}`);
    rest = rest.slice(2);
    if (rest[0] === 'levels' && typeof rest[1] === 'number') {
      parts.push(`L${rest[1] + 1}`);
      rest = rest.slice(2);
    }
  }
  if (rest.length) parts.push(rest.map(String).join('.'));
  return parts.join(', ') || 'The file';
}

function fromProblems(problems: readonly (MatrixProblem & { line?: number })[]): MatrixFileIssue[] {
  return problems.map((problem) => ({
    place: problem.line === undefined ? 'Matrix' : `Line ${problem.line}`,
    message: problemText(problem),
    severity: problem.severity,
  }));
}

function result(matrix: EscalationMatrix, issues: MatrixFileIssue[]): MatrixFileResult {
  return issues.some((issue) => issue.severity === 'error') ? { issues } : { matrix, issues };
}

/** Reads a matrix from a JSON file: its shape checked by the schema, then by `validateMatrix`. */
export function readMatrixJson(text: string): MatrixFileResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      issues: [{ place: 'The file', message: `is not JSON: ${reason}`, severity: 'error' }],
    };
  }
  // A file that wraps the matrix ({ matrix: { rows } }) is read too.
  if (parsed && typeof parsed === 'object' && !('rows' in parsed) && 'matrix' in parsed) {
    parsed = parsed.matrix;
  }
  const shape = EscalationMatrixSchema.safeParse(parsed);
  if (!shape.success) {
    return {
      issues: shape.error.issues.map((issue) => ({
        place: jsonPlace(issue.path, parsed),
        message: issue.message,
        severity: 'error',
      })),
    };
  }
  return result(shape.data, fromProblems(validateMatrix(shape.data)));
}

/** Reads a matrix from CSV written by Export CSV (or edited in a spreadsheet). */
export function readMatrixCsv(text: string): MatrixFileResult {
  const read = matrixFromCsv(text);
  if (!read.matrix || read.problems.length > 0) {
    return {
      issues: read.problems.map((problem) => ({
        place: problem.column
          ? `Line ${problem.row}, column “${problem.column}”`
          : `Line ${problem.row}`,
        message: problem.reason,
        severity: 'error',
      })),
    };
  }
  return result(read.matrix, fromProblems(read.matrixProblems));
}

/** Reads a matrix file by its kind: JSON when named .json (or when it looks like JSON), else CSV. */
export function readMatrixFile(fileName: string, text: string): MatrixFileResult {
  const json = /\.json$/i.test(fileName) || (!/\.csv$/i.test(fileName) && /^\s*[{[]/.test(text));
  return json ? readMatrixJson(text) : readMatrixCsv(text);
}
