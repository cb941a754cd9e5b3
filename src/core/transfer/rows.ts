import type {
  Customer,
  CustomerTier,
  DeskEvent,
  Person,
  Team,
  Ticket,
  TicketStatus,
} from '../tickets';
import type { ImportTable, TableRow } from './csv';
import { unprotectFormula } from './csv';
import { parseImportDate, type DateReading } from './dates';
import {
  IMPORT_FIELDS,
  mappingProblems,
  parseChannel,
  parseCsat,
  parseEscalationType,
  parseLevel,
  parsePriority,
  parseRootCause,
  parseStatus,
  parseTier,
  parseYesNo,
  type CellParse,
  type ColumnMapping,
  type ImportFieldKey,
} from './fields';
import type { ImportedTicket, ImportPlan } from './plan';
import { countProblemRows, quoted, sortProblems, type ImportProblem } from './problems';

/** What converting rows needs to know about the desk and the reader. */
export interface RowImportOptions extends DateReading {
  /** Dates after this instant are refused. */
  now: number;
  /** Ticket ids the desk already has: those rows are refused (importing the rest skips them). */
  existingTicketIds: ReadonlySet<string>;
  /** The desk's customers, matched by id, then by name. */
  customers: readonly Customer[];
  /** People and teams, so an owner or team may be given by name; other values are kept as ids. */
  people?: readonly Pick<Person, 'id' | 'name'>[];
  teams?: readonly Pick<Team, 'id' | 'name'>[];
  /** Statuses besides the built-in ones (the custom pause statuses of the desk's policies). */
  extraStatuses?: readonly string[];
  /** Start of the ids made for rows without one: the row number is appended. */
  newIdPrefix: string;
}

/** Who imported events are by. */
export const IMPORT_ACTOR = 'system';

const TICKET_ID = /^[^\s\p{Cc}]{1,100}$/u;

const nameKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

function slug(name: string): string {
  return nameKey(name)
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** Finds records by id, then by name (a name two records share finds neither). */
class Directory<T extends { id: string; name: string }> {
  private readonly byId = new Map<string, T>();
  private readonly byName = new Map<string, T | 'ambiguous'>();

  constructor(records: readonly T[] = []) {
    for (const record of records) this.add(record);
  }

  add(record: T): void {
    this.byId.set(record.id, record);
    const key = nameKey(record.name);
    this.byName.set(key, this.byName.has(key) ? 'ambiguous' : record);
  }

  hasId(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  named(name: string): T | 'ambiguous' | undefined {
    return this.byName.get(nameKey(name));
  }

  /** The id a value stands for: a known id, else the id of the one record with that name, else the value. */
  idFor(value: string): string {
    if (this.byId.has(value)) return value;
    const named = this.named(value);
    return named && named !== 'ambiguous' ? named.id : value;
  }
}

/** The status events that bring a newly created ticket to its imported status. */
function statusPath(
  status: TicketStatus,
  times: { createdAt: number; updatedAt: number; resolvedAt?: number; closedAt?: number },
): { to: TicketStatus; at: number }[] {
  switch (status) {
    case 'new':
      return [];
    case 'open':
      return [{ to: 'open', at: times.createdAt }];
    case 'resolved':
      return [{ to: 'resolved', at: times.resolvedAt ?? times.updatedAt }];
    case 'closed': {
      const closedAt = times.closedAt ?? times.updatedAt;
      return [
        { to: 'resolved', at: times.resolvedAt ?? closedAt },
        { to: 'closed', at: closedAt },
      ];
    }
    default:
      return [{ to: status, at: times.updatedAt }];
  }
}

/**
 * The events an imported ticket starts with: `created` (status new, at its creation) and the
 * status changes that lead to its current status, so the SLA fold sees where it stands: open at
 * creation; resolved at its resolved time; closed via resolved at its closed time; pending or a
 * custom status since its last update.
 */
export function importedTicketEvents(ticket: Ticket): DeskEvent[] {
  const events: DeskEvent[] = [
    {
      id: `${ticket.id}:created`,
      ticketId: ticket.id,
      at: ticket.createdAt,
      by: IMPORT_ACTOR,
      type: 'created',
      priority: ticket.priority,
      category: ticket.category,
      tier: ticket.tier,
      channel: ticket.channel,
      status: 'new',
    },
  ];
  statusPath(ticket.status, ticket).forEach((step, index) => {
    events.push({
      id: `${ticket.id}:status-${index + 1}`,
      ticketId: ticket.id,
      at: step.at,
      by: IMPORT_ACTOR,
      type: 'status_changed',
      to: step.to,
    });
  });
  return events;
}

/** Reads one row; pushes its problems and returns the ticket and new customer when it has none. */
class RowReader {
  readonly problems: ImportProblem[] = [];

  constructor(
    private readonly table: ImportTable,
    private readonly mapping: ColumnMapping,
    private readonly row: TableRow,
  ) {}

  mapped(key: ImportFieldKey): boolean {
    return this.mapping[key] !== undefined;
  }

  text(key: ImportFieldKey): string {
    const index = this.mapping[key];
    if (index === undefined) return '';
    return unprotectFormula((this.row.cells[index] ?? '').trim());
  }

  column(key: ImportFieldKey): string {
    const index = this.mapping[key];
    return index === undefined
      ? (IMPORT_FIELDS.find((field) => field.key === key)?.label ?? key)
      : (this.table.columns[index] ?? '');
  }

  fail(key: ImportFieldKey, reason: string): undefined {
    this.problems.push({ row: this.row.row, column: this.column(key), reason });
    return undefined;
  }

  /** The cell read with `parse`, undefined when empty or wrong (then a problem is recorded). */
  read<T>(key: ImportFieldKey, parse: (text: string) => CellParse<T>): T | undefined {
    const text = this.text(key);
    if (text === '') return undefined;
    const result = parse(text);
    return result.ok ? result.value : this.fail(key, result.reason);
  }
}

/** Converts rows one by one, remembering ids and customers met in earlier rows. */
class TicketRowConverter {
  private readonly customers: Directory<Customer>;
  private readonly people: Directory<Pick<Person, 'id' | 'name'>>;
  private readonly teams: Directory<Pick<Team, 'id' | 'name'>>;
  private readonly firstRowOfId = new Map<string, number>();
  private readonly usedCustomerIds: Set<string>;
  private readonly reading: DateReading;

  constructor(
    private readonly table: ImportTable,
    private readonly mapping: ColumnMapping,
    private readonly options: RowImportOptions,
  ) {
    this.customers = new Directory(options.customers);
    this.people = new Directory(options.people);
    this.teams = new Directory(options.teams);
    this.usedCustomerIds = new Set(options.customers.map((customer) => customer.id));
    this.reading = { timeZone: options.timeZone, slashDates: options.slashDates };
  }

  /** The row's ticket (and new customer), or its problems. */
  convert(
    row: TableRow,
  ):
    | { ok: true; ticket: ImportedTicket; newCustomer: Customer | undefined }
    | { ok: false; problems: ImportProblem[] } {
    const cells = new RowReader(this.table, this.mapping, row);
    const id = this.readId(cells, row);
    const title = cells.text('title');
    if (title === '') cells.fail('title', 'The title is empty.');
    const times = this.readTimes(cells);
    const priority = cells.read('priority', parsePriority) ?? 'P3';
    const status =
      cells.read('status', (text) => parseStatus(text, this.options.extraStatuses)) ?? 'new';
    const channel = cells.read('channel', parseChannel) ?? 'web';
    const level = cells.read('level', parseLevel) ?? 0;
    const escalationType = cells.read('escalationType', parseEscalationType);
    const tier = cells.read('tier', parseTier);
    const rootCause = cells.read('rootCause', parseRootCause);
    const rootCauseNotes = cells.text('rootCauseNotes');
    const csat = cells.read('csat', parseCsat);
    const escalated = cells.read('escalated', parseYesNo);
    const breached = cells.read('breached', parseYesNo);
    const { customer, newCustomer } = this.readCustomer(cells, row, tier);

    if (cells.problems.length > 0 || !times || !customer) {
      return { ok: false, problems: cells.problems };
    }
    const ownerId = cells.text('ownerId');
    const teamId = cells.text('teamId');
    const policyId = cells.text('policyId');
    const ticket: Ticket = {
      id,
      title,
      description: cells.text('description'),
      customerId: customer.id,
      tier: tier ?? customer.tier,
      channel,
      category: cells.text('category') || 'general',
      priority,
      status,
      level,
      ...(escalationType ? { escalationType } : {}),
      ...(teamId ? { teamId: this.teams.idFor(teamId) } : {}),
      ...(ownerId ? { ownerId: this.people.idFor(ownerId) } : {}),
      ...(policyId ? { policyId } : {}),
      ...times,
      // Notes come with a root cause (possibly empty, as the desk records them); alone when given.
      ...(rootCause ? { rootCause, rootCauseNotes } : rootCauseNotes ? { rootCauseNotes } : {}),
      ...(csat !== undefined ? { csat } : {}),
      escalated: escalated ?? level > 0,
      breached: breached ?? false,
    };
    if (newCustomer) {
      this.customers.add(newCustomer);
      this.usedCustomerIds.add(newCustomer.id);
    }
    return {
      ok: true,
      ticket: { row: row.row, ticket, events: importedTicketEvents(ticket) },
      newCustomer,
    };
  }

  private readId(cells: RowReader, row: TableRow): string {
    if (!cells.mapped('id')) return `${this.options.newIdPrefix}${row.row}`;
    const id = cells.text('id');
    if (id === '') cells.fail('id', 'The ticket id is empty.');
    else if (!TICKET_ID.test(id)) {
      cells.fail('id', `${quoted(id)} is not a ticket id (use up to 100 characters, no spaces).`);
    } else if (this.firstRowOfId.has(id)) {
      const first = this.firstRowOfId.get(id)!;
      cells.fail('id', `${quoted(id)} is also on row ${first}; ticket ids must be unique.`);
    } else {
      this.firstRowOfId.set(id, row.row);
      if (this.options.existingTicketIds.has(id)) {
        cells.fail('id', `${quoted(id)} is already in the desk.`);
      }
    }
    return id;
  }

  private readTimes(
    cells: RowReader,
  ): Pick<Ticket, 'createdAt' | 'updatedAt' | 'resolvedAt' | 'closedAt'> | undefined {
    const date = (key: ImportFieldKey) =>
      cells.read(key, (text): CellParse<number> => {
        const parsed = parseImportDate(text, this.reading);
        if (!parsed.ok) return parsed;
        if (parsed.at > this.options.now) {
          return { ok: false, reason: `${quoted(text)} is in the future.` };
        }
        return { ok: true, value: parsed.at };
      });
    const createdAt = date('createdAt');
    if (cells.text('createdAt') === '') cells.fail('createdAt', 'The created date is empty.');
    const updatedAt = date('updatedAt');
    const resolvedAt = date('resolvedAt');
    const closedAt = date('closedAt');
    if (createdAt === undefined) return undefined;
    const checkAfterCreation = (key: ImportFieldKey, at: number | undefined, what: string) => {
      if (at !== undefined && at < createdAt) {
        cells.fail(key, `${what} is before the ticket was created.`);
      }
    };
    checkAfterCreation('updatedAt', updatedAt, 'The last update');
    checkAfterCreation('resolvedAt', resolvedAt, 'The resolution');
    checkAfterCreation('closedAt', closedAt, 'The closing');
    if (resolvedAt !== undefined && closedAt !== undefined && closedAt < resolvedAt) {
      cells.fail('closedAt', 'The ticket is closed before it was resolved.');
    }
    return {
      createdAt,
      updatedAt: updatedAt ?? Math.max(createdAt, resolvedAt ?? createdAt, closedAt ?? createdAt),
      ...(resolvedAt !== undefined ? { resolvedAt } : {}),
      ...(closedAt !== undefined ? { closedAt } : {}),
    };
  }

  private readCustomer(
    cells: RowReader,
    row: TableRow,
    ticketTier: CustomerTier | undefined,
  ): { customer: Customer | undefined; newCustomer: Customer | undefined } {
    const id = cells.text('customerId');
    const name = cells.text('customerName');
    const tier = cells.read('customerTier', parseTier) ?? ticketTier ?? 'standard';
    let newCustomer: Customer;
    if (id !== '') {
      const known = this.customers.get(id);
      if (known) return { customer: known, newCustomer: undefined };
      newCustomer = { id, name: name || id, tier };
    } else if (name !== '') {
      const named = this.customers.named(name);
      if (named === 'ambiguous') {
        cells.fail(
          'customerName',
          `More than one customer is called ${quoted(name)}; give the customer id.`,
        );
        return { customer: undefined, newCustomer: undefined };
      }
      if (named) return { customer: named, newCustomer: undefined };
      const base = `cus-${slug(name) || row.row}`;
      let newId = base;
      for (let n = 2; this.usedCustomerIds.has(newId); n++) newId = `${base}-${n}`;
      newCustomer = { id: newId, name, tier };
    } else {
      cells.fail(
        cells.mapped('customerName') ? 'customerName' : 'customerId',
        'No customer: give the customer’s name or id.',
      );
      return { customer: undefined, newCustomer: undefined };
    }
    const email = cells.text('customerEmail');
    const phone = cells.text('customerPhone');
    if (email) newCustomer.email = email;
    if (phone) newCustomer.phone = phone;
    return { customer: newCustomer, newCustomer };
  }
}

/**
 * Turns mapped rows into tickets (with their created and status events) and new customers. Every
 * problem is listed with its row and column; a row with any problem is left out whole. Ticket ids
 * that repeat in the file or exist in the desk are problems (importing the valid rows skips them).
 * Customers are matched by id, then by name (ignoring case); unknown ones are created from the row.
 */
export function convertRows(
  table: ImportTable,
  mapping: ColumnMapping,
  options: RowImportOptions,
): ImportPlan {
  const plan: ImportPlan = {
    tickets: [],
    customers: [],
    problems: [...table.problems],
    total: table.rows.length,
    withProblems: 0,
    unit: table.unit,
    notices: [...table.notices],
  };
  const missing = mappingProblems(mapping);
  if (missing.length > 0) {
    plan.problems.push(...missing.map((reason) => ({ row: table.headerRow, column: '', reason })));
    plan.withProblems = plan.total;
    return plan;
  }
  const brokenRows = new Set(table.problems.map((problem) => problem.row));
  const converter = new TicketRowConverter(table, mapping, options);
  for (const row of table.rows) {
    if (brokenRows.has(row.row)) continue;
    const result = converter.convert(row);
    if (!result.ok) {
      plan.problems.push(...result.problems);
      continue;
    }
    if (result.newCustomer) plan.customers.push(result.newCustomer);
    plan.tickets.push(result.ticket);
  }
  plan.problems = sortProblems(plan.problems);
  plan.withProblems = countProblemRows(
    plan.problems.filter((problem) => problem.row !== table.headerRow),
  );
  return plan;
}
