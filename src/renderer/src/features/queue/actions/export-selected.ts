import type { Ticket } from '@core/index';
import { ticketsCsvPage } from '@core/transfer';
import { db as defaultDb, type DeskDatabase } from '../../../db/database';
import { downloadBlob, EXPORT_PAGE_SIZE } from '../../transfer/export-files';

/**
 * The desk's tickets CSV (same columns and cells as "Export tickets") for just these tickets, in
 * the order given; ids no longer in the desk are left out.
 */
export async function buildSelectedTicketsCsv(
  ticketIds: readonly string[],
  database: DeskDatabase = defaultDb,
): Promise<Blob> {
  const tickets = (await database.tickets.bulkGet([...new Set(ticketIds)])).filter(
    (ticket): ticket is Ticket => ticket !== undefined,
  );
  const customerIds = [...new Set(tickets.map((ticket) => ticket.customerId))];
  const customers = await database.customers.bulkGet(customerIds);
  const byId = new Map(
    customers.flatMap((customer) => (customer ? [[customer.id, customer] as const] : [])),
  );
  const parts: string[] = [ticketsCsvPage([], byId, { header: true })];
  for (let start = 0; start < tickets.length; start += EXPORT_PAGE_SIZE) {
    parts.push(
      ticketsCsvPage(tickets.slice(start, start + EXPORT_PAGE_SIZE), byId, { header: false }),
    );
  }
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}

/** The file name of a selection exported at `now`, dated in local time: escalations-selected-2026-11-27.csv. */
export function selectedTicketsFileName(now: number): string {
  const date = new Date(now);
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('-');
  return `escalations-selected-${day}.csv`;
}

/** Saves the selected tickets as the desk's tickets CSV; returns the file name. */
export async function exportSelectedTickets(
  ticketIds: readonly string[],
  database: DeskDatabase = defaultDb,
): Promise<string> {
  const blob = await buildSelectedTicketsCsv(ticketIds, database);
  const fileName = selectedTicketsFileName(Date.now());
  downloadBlob(blob, fileName);
  return fileName;
}
