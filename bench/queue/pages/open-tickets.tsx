// Reads the open tickets straight from IndexedDB, without Dexie: what the raw peer measures.
import type { Customer, Person, Ticket } from '@core/index';
import { BUILT_IN_STATUSES, isDoneStatus } from '@core/tickets/ticket';
import type { TicketSlaRow } from '../../../src/renderer/src/db/database';
import { DESK_DATABASE } from '../protocol';

export const OPEN_STATUSES = BUILT_IN_STATUSES.filter((status) => !isDoneStatus(status));

function request<T>(source: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    source.onsuccess = () => resolve(source.result);
    source.onerror = () => reject(source.error);
  });
}

export function openDesk(): Promise<IDBDatabase> {
  return request(indexedDB.open(DESK_DATABASE));
}

function completed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

/** The open tickets: one `index('status').getAll(status)` per open status, in one transaction. */
export async function readOpenTickets(database: IDBDatabase): Promise<Ticket[]> {
  const transaction = database.transaction('tickets', 'readonly');
  const byStatus = transaction.objectStore('tickets').index('status');
  const reads = OPEN_STATUSES.map((status) =>
    request(byStatus.getAll(IDBKeyRange.only(status)) as IDBRequest<Ticket[]>),
  );
  const [parts] = await Promise.all([Promise.all(reads), completed(transaction)]);
  return parts.flat();
}

export interface QueueData {
  tickets: Ticket[];
  customers: Map<string, Customer>;
  people: Map<string, Person>;
  /** The SLA row of each open ticket, by ticket id. */
  sla: Map<string, TicketSlaRow>;
}

/**
 * The open tickets and what a queue row shows about them, in one read transaction: the tickets by
 * status, customers and people whole, and the open tickets' SLA rows with one getAll of the sparse
 * `open` index (schema 3, as the app reads them), else by key.
 */
export async function readQueue(database: IDBDatabase): Promise<QueueData> {
  const transaction = database.transaction(
    ['tickets', 'customers', 'people', 'ticketSla'],
    'readonly',
  );
  const done = completed(transaction);
  const byStatus = transaction.objectStore('tickets').index('status');
  const slaStore = transaction.objectStore('ticketSla');
  const openSla = slaStore.indexNames.contains('open')
    ? request(slaStore.index('open').getAll(1) as IDBRequest<TicketSlaRow[]>)
    : undefined;
  const [parts, customers, people] = await Promise.all([
    Promise.all(
      OPEN_STATUSES.map((status) =>
        request(byStatus.getAll(IDBKeyRange.only(status)) as IDBRequest<Ticket[]>),
      ),
    ),
    request(transaction.objectStore('customers').getAll() as IDBRequest<Customer[]>),
    request(transaction.objectStore('people').getAll() as IDBRequest<Person[]>),
  ]);
  const tickets = parts.flat();
  const sla = openSla
    ? await openSla
    : await Promise.all(
        tickets.map((ticket) =>
          request(slaStore.get(ticket.id) as IDBRequest<TicketSlaRow | undefined>),
        ),
      );
  await done;
  return {
    tickets,
    customers: new Map(customers.map((row) => [row.id, row])),
    people: new Map(people.map((row) => [row.id, row])),
    sla: new Map(sla.flatMap((row) => (row ? [[row.ticketId, row] as const] : []))),
  };
}
