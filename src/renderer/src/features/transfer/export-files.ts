import type { Customer, DeskEvent, Ticket } from '@core/index';
import {
  DeskExportJsonWriter,
  eventsCsvPage,
  ticketsCsvPage,
  type ExportList,
} from '@core/transfer';
import { db as defaultDb, type DeskDatabase } from '../../db/database';

/** Rows read (and written out) per step, so a large desk is exported without freezing the window. */
export const EXPORT_PAGE_SIZE = 2000;

/** How far an export has come, in rows. */
export interface ExportProgress {
  done: number;
  total: number;
}

type ProgressListener = (progress: ExportProgress) => void;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The part of a Dexie table that paging by primary key uses. */
interface KeyedTable<Row> {
  orderBy(index: ':id'): { limit(count: number): { toArray(): PromiseLike<Row[]> } };
  where(index: ':id'): {
    above(key: string): { limit(count: number): { toArray(): PromiseLike<Row[]> } };
  };
}

/** The rows of a table in primary-key order, a page at a time. */
async function* pagesOf<Row extends { id: string }>(
  table: KeyedTable<Row>,
  pageSize: number,
): AsyncGenerator<Row[]> {
  let page = await table.orderBy(':id').limit(pageSize).toArray();
  while (page.length > 0) {
    yield page;
    if (page.length < pageSize) return;
    await nextTask();
    page = await table
      .where(':id')
      .above(page[page.length - 1]!.id)
      .limit(pageSize)
      .toArray();
  }
}

/** The tickets CSV: one row per ticket with its customer's name, tier and contacts. */
export async function buildTicketsCsv(
  database: DeskDatabase = defaultDb,
  onProgress?: ProgressListener,
): Promise<Blob> {
  const [customers, total] = await Promise.all([
    database.customers.toArray(),
    database.tickets.count(),
  ]);
  const byId = new Map(customers.map((customer) => [customer.id, customer]));
  const parts: string[] = [ticketsCsvPage([], byId, { header: true })];
  let done = 0;
  for await (const page of pagesOf<Ticket>(database.tickets, EXPORT_PAGE_SIZE)) {
    parts.push(ticketsCsvPage(page, byId, { header: false }));
    done += page.length;
    onProgress?.({ done, total });
  }
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}

/** The events CSV: every activity-log entry, its own fields as JSON (for reading, not importing). */
export async function buildEventsCsv(
  database: DeskDatabase = defaultDb,
  onProgress?: ProgressListener,
): Promise<Blob> {
  const total = await database.events.count();
  const parts: string[] = [eventsCsvPage([], { header: true })];
  let done = 0;
  for await (const page of pagesOf<DeskEvent>(database.events, EXPORT_PAGE_SIZE)) {
    parts.push(eventsCsvPage(page, { header: false }));
    done += page.length;
    onProgress?.({ done, total });
  }
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}

/** The JSON export of customers, tickets and events: the file that re-imports to the same desk. */
export async function buildDeskJson(
  now: number,
  database: DeskDatabase = defaultDb,
  onProgress?: ProgressListener,
): Promise<Blob> {
  const lists: [ExportList, KeyedTable<Customer | Ticket | DeskEvent>][] = [
    ['customers', database.customers],
    ['tickets', database.tickets],
    ['events', database.events],
  ];
  const counts = await Promise.all([
    database.customers.count(),
    database.tickets.count(),
    database.events.count(),
  ]);
  const total = counts.reduce((sum, count) => sum + count, 0);
  const writer = new DeskExportJsonWriter(now);
  let done = 0;
  for (const [name, table] of lists) {
    writer.list(name);
    for await (const page of pagesOf(table, EXPORT_PAGE_SIZE)) {
      writer.add(page);
      done += page.length;
      onProgress?.({ done, total });
    }
  }
  return new Blob(writer.finish(), { type: 'application/json' });
}

/** The file name of an export made at `now`, dated in local time: escalation-desk-tickets-2025-06-30.csv. */
export function exportFileName(
  kind: 'tickets' | 'events' | 'export',
  extension: 'csv' | 'json',
  now: number,
): string {
  const date = new Date(now);
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('-');
  return `escalation-desk-${kind}-${day}.${extension}`;
}

/** Saves a file through the browser's (or Electron's) download, via a temporary link. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the link; the URL can go once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The exports the desk offers. */
export type ExportKind = 'tickets' | 'events' | 'json';

/** Builds an export of the desk as it is now and saves it; returns the file name. */
export async function saveExport(
  kind: ExportKind,
  onProgress?: ProgressListener,
  database: DeskDatabase = defaultDb,
): Promise<string> {
  const now = Date.now();
  const blob =
    kind === 'tickets'
      ? await buildTicketsCsv(database, onProgress)
      : kind === 'events'
        ? await buildEventsCsv(database, onProgress)
        : await buildDeskJson(now, database, onProgress);
  const fileName =
    kind === 'json' ? exportFileName('export', 'json', now) : exportFileName(kind, 'csv', now);
  downloadBlob(blob, fileName);
  return fileName;
}
