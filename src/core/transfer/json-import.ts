import type { ImportTable, TableRow } from './csv';
import { stripBom } from './csv';
import { DESK_EXPORT_FORMAT } from './desk-export';
import type { ImportProblem } from './problems';

/** What a JSON file holds: the desk's own export, a list of ticket-like objects, or neither. */
export type JsonImport =
  | { kind: 'desk-export'; data: unknown }
  | { kind: 'table'; table: ImportTable }
  | { kind: 'unreadable'; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * A list of objects as a table to map like CSV rows: the columns are every key met, in the order
 * first met; item numbers count from 1. Items that are not objects are problems.
 */
export function tableFromObjects(items: readonly unknown[]): ImportTable {
  const columns: string[] = [];
  const columnOf = new Map<string, number>();
  const problems: ImportProblem[] = [];
  for (const item of items) {
    if (!isRecord(item)) continue;
    for (const key of Object.keys(item)) {
      if (!columnOf.has(key)) {
        columnOf.set(key, columns.length);
        columns.push(key);
      }
    }
  }
  const rows: TableRow[] = [];
  items.forEach((item, index) => {
    const row = index + 1;
    if (!isRecord(item)) {
      problems.push({ row, column: '', reason: 'This item is not an object with ticket fields.' });
      rows.push({ row, cells: columns.map(() => '') });
      return;
    }
    rows.push({ row, cells: columns.map((key) => cellText(item[key])) });
  });
  return { columns, rows, headerRow: 0, unit: 'item', problems, notices: [] };
}

/**
 * Reads a JSON file: the desk's export (`{"format": "escalation-desk-export", …}`), or an array of
 * ticket-like objects (also under a top-level "tickets" key), whose keys are mapped like CSV columns.
 */
export function readJsonImport(text: string): JsonImport {
  let data: unknown;
  try {
    data = JSON.parse(stripBom(text));
  } catch (error) {
    return {
      kind: 'unreadable',
      reason: `The file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (isRecord(data) && data.format === DESK_EXPORT_FORMAT) return { kind: 'desk-export', data };
  if (Array.isArray(data)) return { kind: 'table', table: tableFromObjects(data) };
  if (isRecord(data) && Array.isArray(data.tickets)) {
    return { kind: 'table', table: tableFromObjects(data.tickets) };
  }
  return {
    kind: 'unreadable',
    reason:
      'The JSON is neither an Escalation Desk export nor a list of tickets ([{"id": …, "title": …}, …]).',
  };
}
