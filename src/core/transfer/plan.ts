import type { Customer, DeskEvent, Ticket } from '../tickets';
import type { ImportProblem } from './problems';

/** A ticket ready to write, with its events and the row (or item) it came from. */
export interface ImportedTicket {
  row: number;
  ticket: Ticket;
  events: DeskEvent[];
}

/** What an import will write, and every problem that keeps a row out. */
export interface ImportPlan {
  /** The valid tickets, in file order. */
  tickets: ImportedTicket[];
  /** Customers the desk does not have yet, to be written with the first ticket that needs them. */
  customers: Customer[];
  problems: ImportProblem[];
  /** Rows (CSV) or items (JSON) read. */
  total: number;
  /** Rows or items with at least one problem; none of them is written. */
  withProblems: number;
  unit: 'row' | 'item';
  /** Remarks about the whole file that do not keep rows out. */
  notices: string[];
}

/** One transaction's worth of an import. */
export interface ImportChunk {
  tickets: Ticket[];
  events: DeskEvent[];
  customers: Customer[];
}

/**
 * Splits a plan into chunks of `size` tickets. Each new customer goes in the chunk of the first
 * ticket that needs it (customers no ticket needs go in the first chunk), so every chunk can be
 * written on its own and a chunk's tickets never point at a customer not yet written.
 */
export function chunkPlan(
  plan: Pick<ImportPlan, 'tickets' | 'customers'>,
  size: number,
): ImportChunk[] {
  const chunkSize = Math.max(1, Math.floor(size));
  const pending = new Map(plan.customers.map((customer) => [customer.id, customer]));
  const chunks: ImportChunk[] = [];
  for (let start = 0; start < plan.tickets.length || chunks.length === 0; start += chunkSize) {
    const slice = plan.tickets.slice(start, start + chunkSize);
    const customers: Customer[] = [];
    for (const { ticket } of slice) {
      const customer = pending.get(ticket.customerId);
      if (customer) {
        customers.push(customer);
        pending.delete(customer.id);
      }
    }
    chunks.push({
      tickets: slice.map((item) => item.ticket),
      events: slice.flatMap((item) => item.events),
      customers,
    });
    if (plan.tickets.length === 0) break;
  }
  chunks[0]!.customers.push(...pending.values());
  return chunks.filter((chunk) => chunk.tickets.length > 0 || chunk.customers.length > 0);
}
