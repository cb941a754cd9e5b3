import {
  assignTicket,
  createTicket as createTicketStep,
  deriveSlaState,
  isDoneStatus,
  slaEventsOf,
  summarizeSla,
  WorkflowError,
  type CalendarLookup,
  type DeskEvent,
  type NewTicketInput,
  type SlaPolicy,
  type SlaState,
  type Ticket,
  type WorkflowChange,
  type WorkflowContext,
} from '@core/index';
import { db as defaultDb, type DeskDatabase, type TicketSlaRow } from './database';
import { ticketsChanged } from './desk-changes';
import { readClientState } from './outbox';

/** The SLA policies in first-match order and a lookup for their calendars. */
export interface SlaConfig {
  policies: SlaPolicy[];
  resolveCalendar: CalendarLookup;
}

/** Reads the SLA policies (in order) and calendars the fold needs. */
export async function loadSlaConfig(database: DeskDatabase = defaultDb): Promise<SlaConfig> {
  const [policyRows, calendarRows] = await Promise.all([
    database.policies.orderBy('order').toArray(),
    database.calendars.toArray(),
  ]);
  const calendars = new Map(calendarRows.map((row) => [row.id, row.calendar]));
  return {
    policies: policyRows.map((row) => row.policy),
    resolveCalendar: (id) => calendars.get(id),
  };
}

/** A ticket's SLA state at `now` from its activity log. */
export function deriveTicketSla(
  events: readonly DeskEvent[],
  config: SlaConfig,
  now: number,
): SlaState {
  return deriveSlaState(slaEventsOf(events), config.policies, now, {
    resolveCalendar: config.resolveCalendar,
  });
}

/** The queue's SLA row for a ticket, and whether any target has breached. */
export function slaRowFor(
  ticket: Pick<Ticket, 'id' | 'status'>,
  events: readonly DeskEvent[],
  config: SlaConfig,
  now: number,
): { row: TicketSlaRow; breached: boolean } {
  const summary = summarizeSla(deriveTicketSla(events, config, now), now);
  return {
    row: {
      ticketId: ticket.id,
      ...summary,
      ...(isDoneStatus(ticket.status) ? {} : { open: 1 as const }),
    },
    breached: summary.state === 'breached',
  };
}

/** A ticket's events, oldest first. */
export function ticketEvents(
  ticketId: string,
  database: DeskDatabase = defaultDb,
): Promise<DeskEvent[]> {
  return database.events
    .where('[ticketId+at]')
    .between([ticketId, -Infinity], [ticketId, Infinity])
    .toArray();
}

/** When a ticket was first escalated, by its log; undefined if it has no `escalated` event. */
export async function firstEscalationAt(
  ticketId: string,
  database: DeskDatabase = defaultDb,
): Promise<number | undefined> {
  const first = await database.events
    .where('[ticketId+at]')
    .between([ticketId, -Infinity], [ticketId, Infinity])
    .filter((event) => event.type === 'escalated')
    .first();
  return first?.at;
}

/** Tickets whose event logs are read together when refreshing SLA rows. */
const REFRESH_CHUNK = 500;

/**
 * Recomputes the cached SLA rows (and the `breached` flag) of some tickets. Call inside the
 * transaction that changed them, so the cache never disagrees with the log. Risk signals stay
 * as they were until the alert engine's derivation, which follows every change, restates them.
 */
export async function refreshTicketSla(
  database: DeskDatabase,
  tickets: readonly Ticket[],
  now: number,
  config?: SlaConfig,
): Promise<Ticket[]> {
  const slaConfig = config ?? (await loadSlaConfig(database));
  const rows: TicketSlaRow[] = [];
  const updated: Ticket[] = [];
  for (let start = 0; start < tickets.length; start += REFRESH_CHUNK) {
    const chunk = tickets.slice(start, start + REFRESH_CHUNK);
    // All of a chunk's reads are asked at once: IndexedDB answers them back to back, where one
    // read after another waits a round trip each (a select-all resolve refreshes thousands).
    const [logs, stored] = await Promise.all([
      Promise.all(chunk.map((ticket) => ticketEvents(ticket.id, database))),
      database.ticketSla.bulkGet(chunk.map((ticket) => ticket.id)),
    ]);
    chunk.forEach((ticket, index) => {
      const { row, breached } = slaRowFor(ticket, logs[index]!, slaConfig, now);
      const risk = stored[index]?.risk;
      rows.push(risk === undefined ? row : { ...row, risk });
      // `breached` only ever turns on: a breach stays on the record even if the clock moves.
      if (breached && !ticket.breached) updated.push({ ...ticket, breached: true });
    });
  }
  await database.ticketSla.bulkPut(rows);
  if (updated.length) await database.tickets.bulkPut(updated);
  return updated;
}

/** The tables every workflow step writes or reads, in one transaction. */
export function workflowTables(database: DeskDatabase) {
  return [
    database.tickets,
    database.events,
    database.ticketSla,
    database.policies,
    database.calendars,
    database.settings,
    database.firedAlerts,
  ];
}

/** Tickets that are resolved or closed: their alerts are resolved with them. */
export async function resolveAlertsOf(
  database: DeskDatabase,
  ticketIds: readonly string[],
  now: number,
): Promise<void> {
  if (ticketIds.length === 0) return;
  await database.firedAlerts
    .where('ticketId')
    .anyOf(ticketIds)
    .filter((row) => row.state !== 'resolved')
    .modify({ state: 'resolved', resolvedAt: now });
}

/** Who is working the desk on this computer (a person id). */
export async function currentUserId(database: DeskDatabase = defaultDb): Promise<string> {
  const row = await database.settings.get('currentUserId');
  return typeof row?.value === 'string' ? row.value : 'local-user';
}

let idSequence = 0;

/**
 * Event ids that sort in the order they were made (time, then a counter, then randomness), so
 * events written in the same millisecond keep their order in the log and the timeline.
 */
export function sortableEventId(now: number): string {
  idSequence = (idSequence + 1) % 36 ** 4;
  const time = Math.max(0, Math.trunc(now)).toString(36).padStart(9, '0');
  return `${time}-${idSequence.toString(36).padStart(4, '0')}-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * The id of the `part`th log entry an alert's step writes: sortable like `sortableEventId` (by
 * its time) and the same on every desk that records that alert.
 */
export function alertEventId(at: number, alertKey: string, part: number): string {
  const time = Math.max(0, Math.trunc(at)).toString(36).padStart(9, '0');
  return `${time}-alert-${alertKey}-${part}`;
}

/** The context a workflow step runs in: when, by whom, and sortable event ids. */
export function contextFor(now: number, by: string): WorkflowContext {
  return { now, by, newId: () => sortableEventId(now) };
}

/**
 * Applies one workflow step to a ticket: the ticket and its events are written in one
 * transaction, with the SLA cache, or nothing is written at all.
 */
export async function applyWorkflow(
  ticketId: string,
  step: (ticket: Ticket, ctx: WorkflowContext) => WorkflowChange,
  now: number,
  database: DeskDatabase = defaultDb,
): Promise<Ticket> {
  const written = await database.transaction('rw', workflowTables(database), async () => {
    const ticket = await database.tickets.get(ticketId);
    if (!ticket) throw new WorkflowError(`Ticket ${ticketId} was not found.`);
    const change = step(ticket, contextFor(now, await currentUserId(database)));
    await database.tickets.put(change.ticket);
    await database.events.bulkAdd(change.events);
    if (isDoneStatus(change.ticket.status) && !isDoneStatus(ticket.status)) {
      await resolveAlertsOf(database, [ticketId], now);
    }
    const [flagged] = await refreshTicketSla(database, [change.ticket], now);
    return flagged ?? change.ticket;
  });
  ticketsChanged([ticketId]);
  return written;
}

const SEQUENCE_KEY = 'ticketSequence';
const FIRST_TICKET_NUMBER = 1001;

/**
 * A desk's code in ticket ids: the first 8 characters of its client id, in capitals ("3FA2C1D9").
 * Eight, not four: with four hex digits, one team of 30 desks in about 150 has two desks sharing
 * a code (and so numbering tickets alike); with eight, about one in ten million.
 */
export function deskCode(clientId: string): string {
  return clientId.slice(0, 8).toUpperCase();
}

/**
 * The start of new ticket ids: "ESC-" alone, or while the desk syncs with a team, "ESC-" and the
 * desk's own code ("ESC-3FA2C1D9-"), so desks numbering tickets offline never give two the same id.
 */
export async function ticketIdPrefix(database: DeskDatabase = defaultDb): Promise<string> {
  if (!database.syncRecorder.recording) return 'ESC-';
  const client = await readClientState(database);
  return client ? `ESC-${deskCode(client.clientId)}-` : 'ESC-';
}

/**
 * Logs a new escalation with the next free id (ESC-n), its created event and its SLA row. A team
 * or owner given at creation is recorded as an assignment right after the created event, as the
 * ticket page's Assign writes it, so the timeline and the reassignment counts see it.
 */
export async function createTicket(
  input: Omit<NewTicketInput, 'id'>,
  now: number,
  database: DeskDatabase = defaultDb,
): Promise<Ticket> {
  const prefix = await ticketIdPrefix(database);
  return database
    .transaction('rw', workflowTables(database), async () => {
      const stored = await database.settings.get(SEQUENCE_KEY);
      let next = typeof stored?.value === 'number' ? stored.value : FIRST_TICKET_NUMBER;
      // Imported, demo or pulled tickets may already use numbers: skip to the first free one.
      while (await database.tickets.get(`${prefix}${next}`)) next++;
      const { ownerId, teamId, ...fields } = input;
      const ctx = contextFor(now, await currentUserId(database));
      const created = createTicketStep({ ...fields, id: `${prefix}${next}` }, ctx);
      const change =
        ownerId || teamId
          ? assignTicket(
              created.ticket,
              { ownerId: ownerId || undefined, teamId: teamId || undefined },
              ctx,
            )
          : { ticket: created.ticket, events: [] };
      const events = [...created.events, ...change.events];
      await database.settings.put({ key: SEQUENCE_KEY, value: next + 1 });
      await database.tickets.add(change.ticket);
      await database.events.bulkAdd(events);
      await refreshTicketSla(database, [change.ticket], now);
      return change.ticket;
    })
    .then((ticket) => {
      ticketsChanged([ticket.id]);
      return ticket;
    });
}
