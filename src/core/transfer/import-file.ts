import type { Customer, Person, Team } from '../tickets';
import { parseCsv, type ImportTable } from './csv';
import type { DateReading } from './dates';
import { readDeskExport } from './desk-export';
import { suggestMapping, type ColumnMapping } from './fields';
import { readJsonImport } from './json-import';
import type { ImportPlan } from './plan';
import { convertRows } from './rows';

/** What an import checks rows against: the desk as it is when the file is chosen. */
export interface DeskSnapshot {
  ticketIds: readonly string[];
  customers: readonly Customer[];
  people: readonly Pick<Person, 'id' | 'name'>[];
  teams: readonly Pick<Team, 'id' | 'name'>[];
  /** Statuses besides the built-in ones that the desk's policies use. */
  extraStatuses: readonly string[];
}

/** A chosen file, read: a table to map, a finished plan (the desk's JSON export), or neither. */
export type ImportFile =
  | { kind: 'table'; table: ImportTable; suggested: ColumnMapping }
  | { kind: 'plan'; plan: ImportPlan }
  | { kind: 'unreadable'; reason: string };

/** How rows of a table become tickets: the date reading, the clock and the prefix of made-up ids. */
export interface ConvertSettings extends DateReading {
  now: number;
  newIdPrefix: string;
}

function looksLikeJson(text: string, fileName: string): boolean {
  if (/\.json$/i.test(fileName)) return true;
  if (/\.(csv|txt|tsv)$/i.test(fileName)) return false;
  return /^\s*[[{]/.test(text.replace(/^\uFEFF/, ''));
}

/**
 * Reads an import file by its name (.json or .csv; by its first character otherwise): CSV and
 * JSON lists become a table with a suggested mapping; the desk's JSON export becomes a plan.
 */
export function readImportFile(text: string, fileName: string, desk: DeskSnapshot): ImportFile {
  if (!looksLikeJson(text, fileName)) {
    const table = parseCsv(text);
    return { kind: 'table', table, suggested: suggestMapping(table.columns) };
  }
  const json = readJsonImport(text);
  if (json.kind === 'unreadable') return json;
  if (json.kind === 'table') {
    return { kind: 'table', table: json.table, suggested: suggestMapping(json.table.columns) };
  }
  return {
    kind: 'plan',
    plan: readDeskExport(json.data, {
      existingTicketIds: new Set(desk.ticketIds),
      existingCustomerIds: new Set(desk.customers.map((customer) => customer.id)),
    }),
  };
}

/** The plan for a table under a mapping, checked against the desk. */
export function planTableImport(
  table: ImportTable,
  mapping: ColumnMapping,
  desk: DeskSnapshot,
  settings: ConvertSettings,
): ImportPlan {
  return convertRows(table, mapping, {
    ...settings,
    existingTicketIds: new Set(desk.ticketIds),
    customers: desk.customers,
    people: desk.people,
    teams: desk.teams,
    extraStatuses: desk.extraStatuses,
  });
}
