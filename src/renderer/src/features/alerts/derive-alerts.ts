import { Dexie } from 'dexie';
import {
  alertOfTimer,
  alertTicketOf,
  assistContextOf,
  CUSTOMER_HISTORY_DAYS,
  escalationContextOf,
  evaluateEscalation,
  isDoneStatus,
  escalationTimesOf,
  pastEscalationsOf,
  riskSignalsOf,
  summarizeSla,
  type Alert,
  type AssistSettings,
  type AlertTicket,
  type BadgeCounts,
  type Customer,
  type DeskEvent,
  type EscalationEvaluation,
  type EscalationMatrix,
  type RiskSignals,
  type ScheduleAlertsRequest,
  type Team,
  type Ticket,
} from '@core/index';
import type { DeskDatabase, FiredAlertRow } from '../../db/database';
import { readSetting } from '../../db/settings';
import {
  deriveTicketSla,
  firstEscalationAt,
  loadSlaConfig,
  ticketEvents,
  type SlaConfig,
} from '../../db/ticket-writes';

/** Everything besides a ticket's own record that its alerts depend on. */
export interface AlertDirectory {
  sla: SlaConfig;
  matrix: EscalationMatrix;
  teams: ReadonlyMap<string, Team>;
  /** Which assist features are on: risk signals are kept, and scored for triggers, only with risk. */
  assist: AssistSettings;
}

const EMPTY_MATRIX: EscalationMatrix = { rows: [] };

/** The ids of every ticket not resolved or closed (custom statuses too), one read per status. */
export async function openTicketIds(database: DeskDatabase): Promise<string[]> {
  const statuses = (await database.tickets.orderBy('status').uniqueKeys()) as string[];
  const lists = await Promise.all(
    statuses
      .filter((status) => !isDoneStatus(status))
      .map((status) => database.tickets.where('status').equals(status).primaryKeys()),
  );
  return lists.flat() as string[];
}
/**
 * The open tickets, those whose SLA comes due soonest first (the queue's first screen, in its
 * default order), then those without a running clock: so a whole-desk pass scores what the user
 * sees first.
 */
export async function openTicketIdsSoonestFirst(database: DeskDatabase): Promise<string[]> {
  const [open, soonest] = await Promise.all([
    openTicketIds(database),
    database.ticketSla
      .where('[open+dueAt]')
      .between([1, Dexie.minKey], [1, Dexie.maxKey])
      .primaryKeys() as Promise<string[]>,
  ]);
  const rest = new Set(open);
  const ordered: string[] = [];
  for (const id of soonest) if (rest.delete(id)) ordered.push(id);
  for (const id of rest) ordered.push(id);
  return ordered;
}

/** Open tickets past their first SLA warning (at risk) and with a breached target. */
export async function attentionCounts(database: DeskDatabase): Promise<BadgeCounts> {
  // Keys only (getAllKeys): a big desk has tens of thousands of closed, breached tickets.
  const [openIds, breached, atRisk] = await Promise.all([
    openTicketIds(database),
    database.ticketSla.where('state').equals('breached').primaryKeys(),
    database.ticketSla.where('state').equals('at_risk').primaryKeys(),
  ]);
  const open = new Set(openIds);
  const countOpen = (ids: readonly string[]) => ids.filter((id) => open.has(id)).length;
  return { breached: countOpen(breached), atRisk: countOpen(atRisk) };
}

/** Tickets read per query when deriving a whole desk. */
const CHUNK = 1_000;
/** Tickets derived between two calls of `pace`. */
const PACED_CHUNK = 100;

/**
 * Reads the policies, calendars, matrix and teams alerts are derived with (customers, of which a
 * desk has many, are read per chunk of tickets instead).
 */
export async function loadAlertDirectory(database: DeskDatabase): Promise<AlertDirectory> {
  const [sla, matrixRow, teams, assist] = await Promise.all([
    loadSlaConfig(database),
    database.matrices.get('active'),
    database.teams.toArray(),
    readSetting('assist', database),
  ]);
  return {
    sla,
    matrix: matrixRow?.matrix ?? EMPTY_MATRIX,
    teams: new Map(teams.map((team) => [team.id, team])),
    assist,
  };
}

/**
 * The risk signals the desk judges a ticket's risk and sentiment levels with: read from its log
 * while either feature is on (the mood only with sentiment on, the customer's past escalations
 * only with risk on); none while both are off. The what-if preview reads them the same way.
 */
export function deskRiskSignals(
  events: readonly DeskEvent[],
  pastEscalations: number,
  assist: Pick<AssistSettings, 'risk' | 'sentiment'>,
): RiskSignals | undefined {
  if (!assist.risk && !assist.sentiment) return undefined;
  return riskSignalsOf(events, assist.risk ? pastEscalations : 0, { sentiment: assist.sentiment });
}

/**
 * A ticket's evaluation at `now` from its record: SLA state, matrix row, due and upcoming timers.
 * With risk signals, `risk_above` and `sentiment_below` levels are scheduled from them.
 */
export function evaluateTicket(
  ticket: Ticket,
  events: readonly DeskEvent[],
  fired: readonly Pick<FiredAlertRow, 'key' | 'state'>[],
  directory: Pick<AlertDirectory, 'sla' | 'matrix' | 'assist'>,
  now: number,
  signals?: RiskSignals,
): EscalationEvaluation {
  const sla = deriveTicketSla(events, directory.sla, now);
  const context = escalationContextOf(ticket, events, fired);
  if (signals === undefined) return evaluateEscalation(context, directory.matrix, sla, now);
  const input = { ticket, sla: summarizeSla(sla, now), signals };
  const assisted = {
    ...context,
    ...assistContextOf(input, now, directory.assist),
    // What the score is computed from, to record it (and why) when a risk level fires.
    ...(directory.assist.risk ? { riskInput: input } : {}),
  };
  return evaluateEscalation(assisted, directory.matrix, sla, now);
}

/** The alerts of one ticket (due ones first, then upcoming) and its notification facts. */
export function ticketAlerts(
  ticket: Ticket,
  events: readonly DeskEvent[],
  fired: readonly Pick<FiredAlertRow, 'key' | 'state'>[],
  directory: AlertDirectory,
  now: number,
  customer: Customer | undefined,
  signals?: RiskSignals,
): { alerts: Alert[]; ticket: AlertTicket } {
  const evaluation = evaluateTicket(ticket, events, fired, directory, now, signals);
  const alerts = [...evaluation.due, ...evaluation.upcoming].map((timer) =>
    alertOfTimer(timer, evaluation.row),
  );
  return {
    alerts,
    ticket: alertTicketOf(
      ticket,
      customer,
      ticket.teamId ? directory.teams.get(ticket.teamId) : undefined,
    ),
  };
}

/**
 * The alerts the host should hold for some tickets, or (scope "all") for every open ticket of the
 * desk, derived from the data at `now`. Open tickets are read a thousand at a time, with their
 * events and fired alerts, so a 100,000-ticket desk never sits in memory at once; with `pace`, a
 * hundred at a time, awaiting `pace` between them (the worker lets the user's input go first).
 */
export async function deriveAlertRequest(
  database: DeskDatabase,
  scope: readonly string[] | 'all',
  now: number,
  options: {
    directory?: AlertDirectory;
    pace?: () => Promise<void>;
    /** Called after each slice: how far the derivation is, and the tickets it just restated. */
    onProgress?: (progress: DeriveProgress) => void;
  } = {},
): Promise<DerivedAlerts> {
  const dir = options.directory ?? (await loadAlertDirectory(database));
  const ids = scope === 'all' ? await openTicketIdsSoonestFirst(database) : [...new Set(scope)];
  const tickets: AlertTicket[] = [];
  const alerts: Alert[] = [];
  const restated: string[] = [];
  const { assist } = dir;
  const history = new Map<string, CustomerHistory>();
  if (assist.risk && scope !== 'all') {
    // A ticket's escalation counts in the risk of its customer's later tickets: derive them too.
    const scoped = await database.tickets.bulkGet(ids);
    const customers = [...new Set(scoped.flatMap((ticket) => (ticket ? [ticket.customerId] : [])))];
    await readCustomerHistory(database, customers, history);
    const known = new Set(ids);
    for (const customerId of customers) {
      for (const id of history.get(customerId)!.open) if (!known.has(id)) ids.push(id);
    }
  }
  const { pace, onProgress } = options;
  const size = pace ? PACED_CHUNK : CHUNK;
  for (let start = 0; start < ids.length; start += size) {
    const restatedBefore = restated.length;
    if (pace && start > 0) await pace();
    const chunk = ids.slice(start, start + size);
    // One indexed getAll per ticket: several times faster than a cursor over `anyOf` (which
    // IndexedDB walks one record per request; measured 8-12x on the 100,000-ticket demo desk).
    const rows = await database.tickets.bulkGet(chunk);
    const customerIds = [...new Set(rows.flatMap((ticket) => (ticket ? [ticket.customerId] : [])))];
    const [customers, events, fired, slaRows] = await Promise.all([
      database.customers.bulkGet(customerIds),
      Promise.all(chunk.map((id) => ticketEvents(id, database))),
      Promise.all(chunk.map((id) => database.firedAlerts.where('ticketId').equals(id).toArray())),
      database.ticketSla.bulkGet(chunk),
      assist.risk ? readCustomerHistory(database, customerIds, history) : undefined,
    ]);
    const customerOf = new Map(customerIds.map((id, index) => [id, customers[index]]));
    const updates: { ticketId: string; risk: RiskSignals | undefined }[] = [];
    rows.forEach((ticket, index) => {
      if (!ticket || isDoneStatus(ticket.status)) return;
      const stored = slaRows[index];
      const times = history.get(ticket.customerId)?.escalationTimes ?? [];
      const signals = deskRiskSignals(events[index]!, pastEscalationsOf(ticket, times), assist);
      // The queue scores what is stored: only while risk is on, and dropped once it is off.
      const kept = assist.risk ? signals : undefined;
      if (stored && !sameSignals(stored.risk, kept))
        updates.push({ ticketId: ticket.id, risk: kept });
      const customer = customerOf.get(ticket.customerId);
      const derived = ticketAlerts(
        ticket,
        events[index]!,
        fired[index]!,
        dir,
        now,
        customer,
        signals,
      );
      if (derived.alerts.length === 0) return;
      tickets.push(derived.ticket);
      for (const alert of derived.alerts) alerts.push(alert);
    });
    if (updates.length > 0) {
      // Only the `risk` field (undefined deletes it): a write since the read keeps its fresher
      // SLA summary.
      await database.transaction('rw', database.ticketSla, () =>
        Promise.all(
          updates.map(({ ticketId, risk }) => database.ticketSla.update(ticketId, { risk })),
        ),
      );
      for (const { ticketId } of updates) restated.push(ticketId);
    }
    onProgress?.({
      done: Math.min(ids.length, start + size),
      total: ids.length,
      restated: restated.slice(restatedBefore),
    });
  }
  return { request: { scope: scope === 'all' ? 'all' : ids, tickets, alerts }, restated };
}

/** How far a derivation is: tickets read of those it reads, and those just restated. */
export interface DeriveProgress {
  done: number;
  total: number;
  /** The tickets whose stored risk signals the last slice rewrote. */
  restated: string[];
}

/** The alerts for the host, and the tickets whose cached risk signals were rewritten. */
export interface DerivedAlerts {
  request: ScheduleAlertsRequest;
  /** Tickets whose stored risk signals changed (no change to their records): views re-read them. */
  restated: string[];
}

/** What the risk of a customer's tickets needs of the customer's other tickets. */
interface CustomerHistory {
  /** When their tickets were escalated, sorted (see escalationTimesOf and readCustomerHistory). */
  escalationTimes: number[];
  /** Their open tickets. */
  open: string[];
}

const HISTORY_MS = CUSTOMER_HISTORY_DAYS * 24 * 60 * 60 * 1000;

/**
 * Reads the tickets of the customers not read yet into `history`. A ticket counts from when it
 * was escalated, which its record does not hold: its creation stands in, which is only wrong for
 * a ticket created before an open ticket's window and escalated inside it. Only those (created
 * before the window, touched since it began) have their first `escalated` event read, so start-up
 * does not read the log of every escalated ticket.
 */
async function readCustomerHistory(
  database: DeskDatabase,
  customerIds: readonly string[],
  history: Map<string, CustomerHistory>,
): Promise<void> {
  const missing = customerIds.filter((id) => !history.has(id));
  const lists = await Promise.all(
    missing.map((id) => database.tickets.where('customerId').equals(id).toArray()),
  );
  await Promise.all(
    missing.map(async (id, index) => {
      const tickets = lists[index]!;
      const open = tickets.filter((ticket) => !isDoneStatus(ticket.status));
      let from = Number.POSITIVE_INFINITY;
      for (const ticket of open) from = Math.min(from, ticket.createdAt - HISTORY_MS);
      // Only the few that can be wrong are read: no promise per ticket on a large desk's start-up.
      const stale = tickets.filter(
        (ticket) => ticket.escalated && ticket.createdAt < from && ticket.updatedAt >= from,
      );
      const firstAt = new Map(
        await Promise.all(
          stale.map(
            async (ticket) => [ticket.id, await firstEscalationAt(ticket.id, database)] as const,
          ),
        ),
      );
      const records =
        firstAt.size === 0
          ? tickets
          : tickets.map((ticket) =>
              firstAt.has(ticket.id) ? { ...ticket, escalatedAt: firstAt.get(ticket.id) } : ticket,
            );
      history.set(id, {
        escalationTimes: escalationTimesOf(records),
        open: open.map((ticket) => ticket.id),
      });
    }),
  );
}

function sameSignals(a: RiskSignals | undefined, b: RiskSignals | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
}
