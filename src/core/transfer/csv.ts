// The declaration of Papa Parse travels with this file into every project that compiles it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./papaparse.d.ts" />
import Papa from 'papaparse/papaparse.js';
import { quoted, type ImportProblem } from './problems';

/** The separators an imported CSV may use. */
export const CSV_DELIMITERS = [',', ';'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** One data row of an imported table, with the number the user sees for it. */
export interface TableRow {
  /** CSV: the spreadsheet row number (header = 1, blank lines counted). JSON: the item number. */
  row: number;
  cells: string[];
}

/** A file read as a table: named columns and rows of text cells, before any mapping. */
export interface ImportTable {
  /** Column names from the header, trimmed; an unnamed column is called "Column C". */
  columns: string[];
  rows: TableRow[];
  /** The row number of the header (1 unless the file starts with blank lines). */
  headerRow: number;
  /** What `row` numbers count: spreadsheet rows (CSV) or items of an array (JSON). */
  unit: 'row' | 'item';
  /** Problems found while reading: unclosed quotes, values beyond the last named column, … */
  problems: ImportProblem[];
  /** Warnings about the whole file that do not make a row invalid. */
  notices: string[];
  delimiter?: CsvDelimiter;
}

const BOM = '\uFEFF';

/** The text without a leading UTF-8 byte order mark. */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * The separator of a CSV: whichever of comma and semicolon occurs more often outside quotes in the
 * first non-blank line (the header); a comma when neither does or on a tie.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let inQuotes = false;
  let seenContent = false;
  for (const char of stripBom(text)) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) {
      if (seenContent) break;
    } else if (!inQuotes && char === ',') commas++;
    else if (!inQuotes && char === ';') semicolons++;
    if (char.trim() !== '') seenContent = true;
  }
  return semicolons > commas ? ';' : ',';
}

/** Spreadsheet name of a column by its 0-based index: A, B, …, Z, AA, AB, … */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

const QUOTE_REASONS: Record<string, string> = {
  MissingQuotes:
    'A quoted value is not closed: a closing " is missing, so the rest of the file is one value.',
  InvalidQuotes: 'A quoted value has text after its closing ". Double a " inside quotes ("").',
};

/**
 * Reads CSV text into a header and rows. Handles a UTF-8 BOM, comma or semicolon separators
 * (detected from the header unless given), CRLF/LF/CR line ends, quoted values with separators,
 * doubled quotes and line breaks inside them, blank lines (skipped but counted, as a spreadsheet
 * numbers them) and a trailing separator at the end of lines.
 */
export function parseCsv(text: string, options: { delimiter?: CsvDelimiter } = {}): ImportTable {
  const source = stripBom(text);
  const delimiter = options.delimiter ?? detectDelimiter(source);
  const notices: string[] = [];
  if (source.includes('\uFFFD')) {
    notices.push(
      'The file has characters that are not UTF-8 (shown as �). Save it as “CSV UTF-8” and import it again to keep accents and symbols.',
    );
  }
  const parsed = Papa.parse(source, { delimiter, skipEmptyLines: false });
  const records = parsed.data;
  const problems: ImportProblem[] = [];
  const brokenRows = new Set<number>();
  for (const error of parsed.errors) {
    if (error.type !== 'Quotes' || error.row === undefined) continue;
    const row = error.row + 1;
    if (brokenRows.has(row)) continue;
    brokenRows.add(row);
    problems.push({ row, column: '', reason: QUOTE_REASONS[error.code] ?? error.message });
  }

  const headerIndex = records.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) {
    return {
      columns: [],
      rows: [],
      headerRow: 1,
      unit: 'row',
      problems: [{ row: 1, column: '', reason: 'The file is empty: it has no header row.' }],
      notices,
      delimiter,
    };
  }
  const headerCells = records[headerIndex]!.map((cell) => cell.trim());
  while (headerCells.length > 0 && headerCells[headerCells.length - 1] === '') headerCells.pop();
  const columns = headerCells.map((name, index) => name || `Column ${columnLetter(index)}`);

  const rows: TableRow[] = [];
  for (let index = headerIndex + 1; index < records.length; index++) {
    const cells = records[index]!;
    if (isBlank(cells)) continue;
    const row = index + 1;
    const extra = cells.findIndex((cell, i) => i >= columns.length && cell.trim() !== '');
    if (extra >= 0 && !brokenRows.has(row)) {
      brokenRows.add(row);
      problems.push({
        row,
        column: `Column ${columnLetter(extra)}`,
        reason: `Has a value (${quoted(cells[extra]!.trim())}) beyond the last named column; is a separator or quote misplaced?`,
      });
    }
    rows.push({ row, cells: columns.map((_, i) => cells[i] ?? '') });
  }
  return { columns, rows, headerRow: headerIndex + 1, unit: 'row', problems, notices, delimiter };
}

// Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection).
// Apostrophes before one are counted in, so that protecting stays exactly undoable.
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * A text value made safe to open in a spreadsheet: one that could start a formula (after any
 * apostrophes) gets a leading apostrophe, which `unprotectFormula` removes again.
 */
export function protectFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes `protectFormula`: drops the apostrophe put before a value that could start a formula. */
export function unprotectFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** CSV text (RFC 4180: CRLF line ends, quotes only where needed) of rows of text cells. */
export function formatCsv(
  rows: readonly (readonly string[])[],
  delimiter: CsvDelimiter = ',',
): string {
  return Papa.unparse(rows, { delimiter, newline: '\r\n' });
}
