import type { z } from 'zod';
import type { Customer, DeskEvent, Ticket } from '../tickets';
import { formatCsv, protectFormula, type CsvDelimiter } from './csv';
import { formatExportDate } from './dates';
import type { ImportedTicket, ImportPlan } from './plan';
import {
  countProblemRows,
  quoted,
  sortProblems,
  type ExportList,
  type ImportProblem,
} from './problems';
import { CustomerSchema, DeskEventSchema, TicketSchema } from './schemas';

/** The `format` of the desk's own JSON export. */
export const DESK_EXPORT_FORMAT = 'escalation-desk-export';
/** The version of the JSON export this desk writes and reads. */
export const DESK_EXPORT_VERSION = 1;

/** The desk's JSON export: everything needed to rebuild its tickets, with times in epoch ms. */
export interface DeskExport {
  format: typeof DESK_EXPORT_FORMAT;
  version: typeof DESK_EXPORT_VERSION;
  /** When the file was made, ISO 8601 UTC. */
  exportedAt: string;
  customers: Customer[];
  tickets: Ticket[];
  events: DeskEvent[];
}

/**
 * Writes the JSON export piece by piece (one item per line), so a large desk can be read page by
 * page and handed to a Blob without building one huge string. Call `list` for customers, tickets
 * and events in that order, `add` with each page, then `finish`.
 */
export class DeskExportJsonWriter {
  private readonly parts: string[];
  private open: ExportList | undefined;
  private itemsInList = 0;

  constructor(exportedAt: number) {
    this.parts = [
      `{\n  "format": ${JSON.stringify(DESK_EXPORT_FORMAT)},\n  "version": ${DESK_EXPORT_VERSION},\n  "exportedAt": ${JSON.stringify(formatExportDate(exportedAt))}`,
    ];
  }

  /** Starts the next list. */
  list(name: ExportList): this {
    this.close();
    this.parts.push(`,\n  ${JSON.stringify(name)}: [`);
    this.open = name;
    this.itemsInList = 0;
    return this;
  }

  /** Adds a page of items to the open list. */
  add(items: readonly (Customer | Ticket | DeskEvent)[]): this {
    if (this.open === undefined) throw new Error('Start a list before adding items.');
    let text = '';
    for (const item of items) {
      text += `${this.itemsInList === 0 ? '\n' : ',\n'}    ${JSON.stringify(item)}`;
      this.itemsInList++;
    }
    if (text) this.parts.push(text);
    return this;
  }

  /** The pieces of the finished file, in order. */
  finish(): string[] {
    this.close();
    this.parts.push('\n}\n');
    return this.parts;
  }

  private close(): void {
    if (this.open === undefined) return;
    this.parts.push(this.itemsInList === 0 ? ']' : '\n  ]');
    this.open = undefined;
  }
}

/** The whole JSON export as one string (for small desks and tests). */
export function deskExportJson(
  data: {
    customers: readonly Customer[];
    tickets: readonly Ticket[];
    events: readonly DeskEvent[];
  },
  exportedAt: number,
): string {
  return new DeskExportJsonWriter(exportedAt)
    .list('customers')
    .add(data.customers)
    .list('tickets')
    .add(data.tickets)
    .list('events')
    .add(data.events)
    .finish()
    .join('');
}

/** The columns of the tickets CSV; the names map back to the same fields on import. */
export const TICKET_CSV_COLUMNS = [
  'id',
  'title',
  'description',
  'customer_id',
  'customer_name',
  'customer_tier',
  'customer_email',
  'customer_phone',
  'tier',
  'channel',
  'category',
  'priority',
  'status',
  'level',
  'escalation_type',
  'team_id',
  'owner_id',
  'policy_id',
  'created_at',
  'updated_at',
  'resolved_at',
  'closed_at',
  'root_cause',
  'root_cause_notes',
  'csat',
  'escalated',
  'breached',
] as const;

const text = (value: string | undefined) => protectFormula(value ?? '');
const time = (value: number | undefined) => (value === undefined ? '' : formatExportDate(value));

/** One tickets-CSV row per ticket, with its customer's name, tier and contacts. */
export function ticketCsvRows(
  tickets: readonly Ticket[],
  customers: ReadonlyMap<string, Customer>,
): string[][] {
  return tickets.map((ticket) => {
    const customer = customers.get(ticket.customerId);
    return [
      text(ticket.id),
      text(ticket.title),
      text(ticket.description),
      text(ticket.customerId),
      text(customer?.name),
      customer?.tier ?? '',
      text(customer?.email),
      text(customer?.phone),
      ticket.tier,
      ticket.channel,
      text(ticket.category),
      ticket.priority,
      text(ticket.status),
      String(ticket.level),
      ticket.escalationType ?? '',
      text(ticket.teamId),
      text(ticket.ownerId),
      text(ticket.policyId),
      time(ticket.createdAt),
      time(ticket.updatedAt),
      time(ticket.resolvedAt),
      time(ticket.closedAt),
      ticket.rootCause ?? '',
      text(ticket.rootCauseNotes),
      ticket.csat === undefined ? '' : String(ticket.csat),
      String(ticket.escalated),
      String(ticket.breached),
    ];
  });
}

/**
 * A page of the tickets CSV: with the header when `header` is set, each line ending in CRLF.
 * Pages concatenated make the whole file.
 */
export function ticketsCsvPage(
  tickets: readonly Ticket[],
  customers: ReadonlyMap<string, Customer>,
  options: { header: boolean; delimiter?: CsvDelimiter },
): string {
  const rows = ticketCsvRows(tickets, customers);
  if (options.header) rows.unshift([...TICKET_CSV_COLUMNS]);
  return rows.length === 0 ? '' : `${formatCsv(rows, options.delimiter)}\r\n`;
}

/** The columns of the events CSV (for reading in a spreadsheet; the JSON export is the one to import). */
export const EVENT_CSV_COLUMNS = ['id', 'ticket_id', 'type', 'at', 'by', 'details'] as const;

/** A page of the events CSV: the common fields, and the rest of each event as JSON in `details`. */
export function eventsCsvPage(
  events: readonly DeskEvent[],
  options: { header: boolean; delimiter?: CsvDelimiter },
): string {
  const rows: string[][] = events.map((event) => {
    const { id, ticketId, type, at, by, ...details } = event;
    return [
      text(id),
      text(ticketId),
      type,
      formatExportDate(at),
      text(by),
      Object.keys(details).length === 0 ? '' : JSON.stringify(details),
    ];
  });
  if (options.header) rows.unshift([...EVENT_CSV_COLUMNS]);
  return rows.length === 0 ? '' : `${formatCsv(rows, options.delimiter)}\r\n`;
}

/** What reading a JSON export needs to know about the desk. */
export interface DeskExportImportOptions {
  existingTicketIds: ReadonlySet<string>;
  existingCustomerIds: ReadonlySet<string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(item: unknown, path: readonly PropertyKey[]): unknown {
  let value = item;
  for (const key of path) value = isRecord(value) ? value[key as string] : undefined;
  return value;
}

function zodProblems(
  list: ExportList,
  row: number,
  item: unknown,
  error: z.ZodError,
): ImportProblem[] {
  return error.issues.map((issue) => {
    const value = valueAt(item, issue.path);
    const shown =
      value === undefined
        ? 'is missing'
        : `${quoted(typeof value === 'string' ? value : JSON.stringify(value))} is not valid`;
    return { list, row, column: issue.path.join('.'), reason: `${shown}: ${issue.message}` };
  });
}

/**
 * Reads the desk's JSON export into an import plan. Each customer, ticket and event is checked on
 * its own; every problem names the list, the item number and the field. A ticket is imported with
 * all its events or not at all: a problem with one of its events keeps the ticket out. Ticket ids
 * already in the desk are problems; customers already in the desk are kept as they are.
 */
export function readDeskExport(data: unknown, options: DeskExportImportOptions): ImportPlan {
  const plan: ImportPlan = {
    tickets: [],
    customers: [],
    problems: [],
    total: 0,
    withProblems: 0,
    unit: 'item',
    notices: [],
  };
  const fileProblem = (reason: string) => {
    plan.problems.push({ row: 0, column: '', reason });
    return plan;
  };
  if (!isRecord(data) || data.format !== DESK_EXPORT_FORMAT) {
    return fileProblem('This JSON is not an Escalation Desk export.');
  }
  if (typeof data.version !== 'number' || data.version > DESK_EXPORT_VERSION) {
    return fileProblem(
      `This export is version ${String(data.version)}; this desk reads version ${DESK_EXPORT_VERSION}. Update the desk to import it.`,
    );
  }
  const lists = { customers: data.customers, tickets: data.tickets, events: data.events };
  for (const [name, list] of Object.entries(lists)) {
    if (!Array.isArray(list)) return fileProblem(`The export has no “${name}” list.`);
  }
  const rawCustomers = lists.customers as unknown[];
  const rawTickets = lists.tickets as unknown[];
  const rawEvents = lists.events as unknown[];
  plan.total = rawCustomers.length + rawTickets.length + rawEvents.length;
  const problem = (list: ExportList, row: number, column: string, reason: string) =>
    plan.problems.push({ list, row, column, reason });

  const customerIds = new Set<string>();
  let keptCustomers = 0;
  const invalidCustomerRows = new Map<string, number>();
  rawCustomers.forEach((item, index) => {
    const parsed = CustomerSchema.safeParse(item);
    if (!parsed.success) {
      const rawId = valueAt(item, ['id']);
      if (typeof rawId === 'string') invalidCustomerRows.set(rawId, index + 1);
      plan.problems.push(...zodProblems('customers', index + 1, item, parsed.error));
      return;
    }
    const customer = parsed.data;
    if (customerIds.has(customer.id)) {
      problem('customers', index + 1, 'id', `${quoted(customer.id)} is in the file twice.`);
      return;
    }
    customerIds.add(customer.id);
    if (options.existingCustomerIds.has(customer.id)) keptCustomers++;
    else plan.customers.push(customer);
  });
  if (keptCustomers > 0) {
    plan.notices.push(
      `${keptCustomers} customer${keptCustomers === 1 ? ' is' : 's are'} already in the desk and will be kept as ${keptCustomers === 1 ? 'it is' : 'they are'}.`,
    );
  }

  /** Tickets by id, with their row; `ok: false` once the ticket (or one of its events) has a problem. */
  const tickets = new Map<
    string,
    { row: number; ticket: Ticket; ok: boolean; events: DeskEvent[] }
  >();
  const seenTicketIds = new Set<string>();
  rawTickets.forEach((item, index) => {
    const row = index + 1;
    const rawId = valueAt(item, ['id']);
    if (typeof rawId === 'string') {
      if (seenTicketIds.has(rawId)) {
        problem('tickets', row, 'id', `${quoted(rawId)} is in the file twice.`);
        return;
      }
      seenTicketIds.add(rawId);
    }
    const parsed = TicketSchema.safeParse(item);
    if (!parsed.success) {
      plan.problems.push(...zodProblems('tickets', row, item, parsed.error));
      return;
    }
    const ticket = parsed.data;
    let ok = true;
    if (options.existingTicketIds.has(ticket.id)) {
      problem('tickets', row, 'id', `${quoted(ticket.id)} is already in the desk.`);
      ok = false;
    }
    if (
      !customerIds.has(ticket.customerId) &&
      !options.existingCustomerIds.has(ticket.customerId)
    ) {
      const customerRow = invalidCustomerRows.get(ticket.customerId);
      problem(
        'tickets',
        row,
        'customerId',
        customerRow === undefined
          ? `Customer ${quoted(ticket.customerId)} is neither in the file nor in the desk.`
          : `Customer ${quoted(ticket.customerId)} has a problem (customer ${customerRow}).`,
      );
      ok = false;
    }
    tickets.set(ticket.id, { row, ticket, ok, events: [] });
  });

  const eventIds = new Set<string>();
  const spoil = (ticketId: unknown, eventRow: number) => {
    const entry = typeof ticketId === 'string' ? tickets.get(ticketId) : undefined;
    if (entry?.ok) {
      entry.ok = false;
      problem(
        'tickets',
        entry.row,
        '',
        `Event ${eventRow} of this ticket has a problem; a ticket is imported with all its events or not at all.`,
      );
    }
  };
  rawEvents.forEach((item, index) => {
    const row = index + 1;
    const ticketId = valueAt(item, ['ticketId']);
    const parsed = DeskEventSchema.safeParse(item);
    if (!parsed.success) {
      plan.problems.push(...zodProblems('events', row, item, parsed.error));
      spoil(ticketId, row);
      return;
    }
    const event = parsed.data;
    if (eventIds.has(event.id)) {
      problem('events', row, 'id', `${quoted(event.id)} is in the file twice.`);
      spoil(ticketId, row);
      return;
    }
    eventIds.add(event.id);
    const entry = tickets.get(event.ticketId);
    if (!entry) {
      if (!seenTicketIds.has(event.ticketId)) {
        problem('events', row, 'ticketId', `Ticket ${quoted(event.ticketId)} is not in the file.`);
      }
      return;
    }
    entry.events.push(event);
  });

  for (const entry of tickets.values()) {
    if (entry.ok && !entry.events.some((event) => event.type === 'created')) {
      problem('tickets', entry.row, '', 'The ticket has no “created” event.');
      entry.ok = false;
    }
    if (entry.ok) {
      const imported: ImportedTicket = {
        row: entry.row,
        ticket: entry.ticket,
        events: entry.events,
      };
      plan.tickets.push(imported);
    }
  }
  plan.problems = sortProblems(plan.problems);
  plan.withProblems = countProblemRows(plan.problems);
  return plan;
}
