import {
  assessRisk,
  isDoneStatus,
  riskScore,
  liveSlaState,
  type RiskAssessment,
  type LiveSlaState,
  type SlaSummary,
  type Ticket,
} from '@core/index';
import { Dexie } from 'dexie';
import type { DeskDatabase, TicketSlaRow } from '../../db/database';

/** One open escalation as the queue shows it: the ticket, its SLA summary and display names. */
export interface QueueRow {
  ticket: Ticket;
  sla: TicketSlaRow | undefined;
  customer: string;
  /** The owner's name; empty when unassigned. */
  owner: string;
  /** The team's name; empty when the ticket has no team. */
  team: string;
  /** Lower-cased id, title, customer and description, built on the first search. */
  searchText?: string;
}

/** Display names the rows need, kept between loads so a refresh of a few tickets is cheap. */
export interface QueueNames {
  customers: Map<string, string>;
  people: Map<string, string>;
  teams: Map<string, string>;
}

/** Key ranges of the status index that hold every status except resolved and closed. */
function openTickets(database: DeskDatabase): Promise<Ticket[][]> {
  const status = database.tickets.where('status');
  // Three plain ranges read with getAll; `noneOf` would walk a cursor instead.
  return Promise.all([
    status.below('closed').toArray(),
    status.between('closed', 'resolved', false, false).toArray(),
    status.above('resolved').toArray(),
  ]);
}

async function namesFor(
  database: DeskDatabase,
  tickets: readonly Ticket[],
  known: QueueNames | undefined,
): Promise<QueueNames> {
  const customers = new Map(known?.customers);
  const missing = [...new Set(tickets.map((t) => t.customerId))].filter((id) => !customers.has(id));
  // Many customers: one getAll of the table beats thousands of single gets.
  const [found, people, teams] = await Promise.all([
    missing.length > 500 ? database.customers.toArray() : database.customers.bulkGet(missing),
    database.people.toArray(),
    database.teams.toArray(),
  ]);
  if (missing.length > 500) {
    for (const customer of found) if (customer) customers.set(customer.id, customer.name);
  } else missing.forEach((id, index) => customers.set(id, found[index]?.name ?? id));
  return {
    customers,
    people: new Map(people.map((person) => [person.id, person.name])),
    teams: new Map(teams.map((team) => [team.id, team.name])),
  };
}

function rowOf(ticket: Ticket, sla: TicketSlaRow | undefined, names: QueueNames): QueueRow {
  return {
    ticket,
    sla,
    customer: names.customers.get(ticket.customerId) ?? ticket.customerId,
    owner: ticket.ownerId ? (names.people.get(ticket.ownerId) ?? ticket.ownerId) : '',
    team: ticket.teamId ? (names.teams.get(ticket.teamId) ?? ticket.teamId) : '',
  };
}

/** Every open escalation with its SLA summary and names, read in one transaction. */
export async function loadQueueRows(
  database: DeskDatabase,
  known?: QueueNames,
): Promise<{ rows: QueueRow[]; names: QueueNames }> {
  return database.transaction(
    'r',
    [database.tickets, database.ticketSla, database.customers, database.people, database.teams],
    async () => {
      // Both reads are plain getAll requests: the open tickets by status range, and their SLA
      // rows by the sparse `open` index (10,000 single gets would take several times longer).
      const [ranges, slaRows] = await Promise.all([
        openTickets(database),
        database.ticketSla.where('open').equals(1).toArray(),
      ]);
      performance.mark('queue:read-end');
      const tickets = ranges.flat();
      const slas = new Map(slaRows.map((row) => [row.ticketId, row]));
      const names = await namesFor(database, tickets, known);
      return { rows: tickets.map((ticket) => rowOf(ticket, slas.get(ticket.id), names)), names };
    },
  );
}

/**
 * The open escalations whose running clocks are due soonest, read through the `[open+dueAt]`
 * index: the first screen of any view sorted by SLA, shown while the whole queue is still read.
 */
export async function loadFirstQueueRows(
  database: DeskDatabase,
  count: number,
): Promise<{ rows: QueueRow[]; names: QueueNames }> {
  return database.transaction(
    'r',
    [database.tickets, database.ticketSla, database.customers, database.people, database.teams],
    async () => {
      // Paused and met clocks sort after the running ones (see slaSortKey) though their stored
      // due times are early: read the index in growing slices until `count` running ones.
      const running = async (read: number): Promise<TicketSlaRow[]> => {
        const slice = await database.ticketSla
          .where('[open+dueAt]')
          .between([1, Dexie.minKey], [1, Dexie.maxKey])
          .limit(read)
          .toArray();
        const kept = slice.filter((sla) => slaSortKey(sla) < PAUSED_SLA_KEY);
        return kept.length >= count || slice.length < read ? kept : running(read * 4);
      };
      const slas = (await running(count)).slice(0, count);
      const tickets = await database.tickets.bulkGet(slas.map((sla) => sla.ticketId));
      const open = tickets.filter((t): t is Ticket => t !== undefined && !isDoneStatus(t.status));
      const names = await namesFor(database, open, undefined);
      const byId = new Map(slas.map((sla) => [sla.ticketId, sla]));
      return { rows: open.map((ticket) => rowOf(ticket, byId.get(ticket.id), names)), names };
    },
  );
}

/** Where paused clocks start in the SLA order: after every due time a desk can have. */
export const PAUSED_SLA_KEY = 1e15;
const MET_SLA_KEY = 3e15;

/**
 * A ticket's place in the queue's SLA order: running clocks (breached, at risk, on track) by due
 * time; then paused ones (waiting on the customer: their due time is a projection, and not
 * urgent while the clock stands still); then those whose targets are all met; then no SLA.
 */
export function slaSortKey(sla: Pick<SlaSummary, 'state' | 'dueAt'> | undefined): number {
  if (sla?.dueAt === undefined) return Number.MAX_SAFE_INTEGER;
  if (sla.state === 'paused') return PAUSED_SLA_KEY + sla.dueAt;
  if (sla.state === 'met') return MET_SLA_KEY + sla.dueAt;
  return sla.dueAt;
}

/**
 * The rows of some tickets, in the order asked, for the tickets `shown` accepts; the other ids
 * (filtered out, or no longer on the desk) come back as `gone`.
 */
async function loadRowsFor(
  database: DeskDatabase,
  ticketIds: readonly string[],
  known: QueueNames | undefined,
  shown: (ticket: Ticket) => boolean,
): Promise<{ rows: QueueRow[]; gone: string[]; names: QueueNames }> {
  return database.transaction(
    'r',
    [database.tickets, database.ticketSla, database.customers, database.people, database.teams],
    async () => {
      const [tickets, slas] = await Promise.all([
        database.tickets.bulkGet([...ticketIds]),
        database.ticketSla.bulkGet([...ticketIds]),
      ]);
      const kept = tickets.filter((t): t is Ticket => t !== undefined && shown(t));
      const names = await namesFor(database, kept, known);
      const rows: QueueRow[] = [];
      const gone: string[] = [];
      ticketIds.forEach((id, index) => {
        const ticket = tickets[index];
        if (ticket && shown(ticket)) rows.push(rowOf(ticket, slas[index], names));
        else gone.push(id);
      });
      return { rows, gone, names };
    },
  );
}

/** The current rows of some tickets: open ones to show, and the ids that are done or gone. */
export function loadQueueRowsFor(
  database: DeskDatabase,
  ticketIds: readonly string[],
  known: QueueNames | undefined,
): Promise<{ rows: QueueRow[]; gone: string[]; names: QueueNames }> {
  return loadRowsFor(database, ticketIds, known, (ticket) => !isDoneStatus(ticket.status));
}

/**
 * The rows of some tickets whatever their status (a report's drill-down shows resolved and closed
 * ones too), in the order asked; ids no longer on the desk are left out.
 */
export async function loadAnyQueueRows(
  database: DeskDatabase,
  ticketIds: readonly string[],
): Promise<QueueRow[]> {
  return (await loadRowsFor(database, ticketIds, undefined, () => true)).rows;
}

/** The text full-text search looks in: id, title, customer and description, lower-cased. */
export function searchTextOf(row: QueueRow): string {
  row.searchText ??=
    `${row.ticket.id}\n${row.ticket.title}\n${row.customer}\n${row.ticket.description}`.toLowerCase();
  return row.searchText;
}

/** Whether a row matches every word of a search (all words, any order, case-insensitive). */
export function matchesSearch(row: QueueRow, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = searchTextOf(row);
  return words.every((word) => text.includes(word));
}

/** A search box's text as lower-case words. */
export function searchWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** The live SLA state of a row at `now`. */
export function rowSlaState(row: QueueRow, now: number): LiveSlaState {
  return liveSlaState(row.sla, now);
}

/** A row's risk score alone at `now` (cheap: for filters, sorting and counts); undefined unscored. */
export function rowRiskScore(row: QueueRow, now: number): number | undefined {
  const signals = row.sla?.risk;
  return signals === undefined
    ? undefined
    : riskScore({ ticket: row.ticket, sla: row.sla, signals }, now);
}

/** A row's escalation risk at `now`; undefined until its signals are derived, or with risk off. */
export function rowRisk(row: QueueRow, now: number): RiskAssessment | undefined {
  const signals = row.sla?.risk;
  return signals === undefined
    ? undefined
    : assessRisk({ ticket: row.ticket, sla: row.sla, signals }, now);
}

/** The navigation's counts: open, at risk, breached, unassigned. */
export interface QueueCounts {
  open: number;
  atRisk: number;
  breached: number;
  unassigned: number;
}

/** Counts the open rows by live SLA state and owner at `now`. */
export function queueCounts(rows: readonly QueueRow[], now: number): Readonly<QueueCounts> {
  // The navigation, the page's subtitle and the views' counts all ask, on each change.
  const cached = countsCache.get(rows);
  if (cached?.now === now) return cached.counts;
  const counts: QueueCounts = { open: rows.length, atRisk: 0, breached: 0, unassigned: 0 };
  for (const row of rows) {
    const state = rowSlaState(row, now);
    if (state === 'breached') counts.breached++;
    else if (state === 'at_risk') counts.atRisk++;
    if (!row.ticket.ownerId) counts.unassigned++;
  }
  countsCache.set(rows, { now, counts });
  return counts;
}

const countsCache = new WeakMap<
  readonly QueueRow[],
  { now: number; counts: Readonly<QueueCounts> }
>();
