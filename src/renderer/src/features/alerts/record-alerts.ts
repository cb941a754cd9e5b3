import {
  applyFiredTimer,
  alertOfTimer,
  riskSignalsOf,
  type DeskEvent,
  type FiredAlert,
  type FiredAlertBatch,
  type Ticket,
} from '@core/index';
import type { DeskDatabase, FiredAlertRow } from '../../db/database';
import { alertEventId, refreshTicketSla, ticketEvents } from '../../db/ticket-writes';
import { loadAlertDirectory, evaluateTicket } from './derive-alerts';

/** What recording a batch wrote. */
export interface RecordedAlerts {
  /** The alert rows written (alerts already recorded are left out). */
  alerts: FiredAlertRow[];
  /** The tickets whose alerts must be re-derived: every ticket of the batch. */
  ticketIds: string[];
  /** The tickets whose record changed (an SLA event or a matrix step was written). */
  changedTicketIds: string[];
}

/**
 * Tickets recorded per transaction. A night's catch-up can fire thousands of alerts at once; in
 * slices, the desk's other writes (someone escalating a ticket meanwhile) wait for one slice, not
 * for the whole batch.
 */
const TICKETS_PER_TRANSACTION = 100;

function rowOf(alert: FiredAlert): FiredAlertRow {
  const { key, ticketId, firedAt, late, kind, at, target, percent, level, to, repeat } = alert;
  return {
    key,
    ticketId,
    firedAt,
    state: 'new',
    kind,
    at,
    ...(late ? { late } : {}),
    ...(target ? { target } : {}),
    ...(percent !== undefined ? { percent } : {}),
    ...(level !== undefined ? { level } : {}),
    ...(to ? { to } : {}),
    ...(repeat !== undefined ? { repeat } : {}),
  };
}

/**
 * Records a batch of fired alerts: for each ticket, its record is evaluated again at the batch's
 * time, and each fired alert that is still due is written with what it causes: the SLA warning or
 * breach event, or the matrix level's step (escalation, reassignment, priority). A ticket is
 * recorded whole in one transaction (its alerts, events and record together), a hundred tickets
 * per transaction. An alert already recorded, or no longer due (the ticket changed meanwhile),
 * writes nothing, so a batch delivered twice, or recorded again after an interruption, records
 * once.
 */
export async function recordFiredAlerts(
  database: DeskDatabase,
  batch: FiredAlertBatch,
): Promise<RecordedAlerts> {
  const byTicket = new Map<string, FiredAlert[]>();
  for (const alert of batch.alerts) {
    let list = byTicket.get(alert.ticketId);
    if (!list) byTicket.set(alert.ticketId, (list = []));
    list.push(alert);
  }
  const entries = [...byTicket];
  const alerts: FiredAlertRow[] = [];
  const changedTicketIds: string[] = [];
  for (let start = 0; start < entries.length; start += TICKETS_PER_TRANSACTION) {
    const slice = entries.slice(start, start + TICKETS_PER_TRANSACTION);
    const recorded = await recordSlice(database, slice, batch.firedAt);
    alerts.push(...recorded.alerts);
    changedTicketIds.push(...recorded.changedTicketIds);
  }
  return { alerts, ticketIds: [...byTicket.keys()], changedTicketIds };
}

async function recordSlice(
  database: DeskDatabase,
  slice: readonly (readonly [string, FiredAlert[]])[],
  firedAt: number,
): Promise<Omit<RecordedAlerts, 'ticketIds'>> {
  const tables = [
    database.tickets,
    database.events,
    database.ticketSla,
    database.firedAlerts,
    database.policies,
    database.calendars,
    database.matrices,
    database.teams,
    database.settings,
  ];
  return database.transaction('rw', tables, async () => {
    const directory = await loadAlertDirectory(database);
    const written: FiredAlertRow[] = [];
    const changedTickets: Ticket[] = [];
    for (const [ticketId, fired] of slice) {
      const original = await database.tickets.get(ticketId);
      if (!original) continue;
      const events = await ticketEvents(ticketId, database);
      const firedRows = await database.firedAlerts.where('ticketId').equals(ticketId).toArray();
      const known = new Set(firedRows.map((row) => row.key));
      // Risk and sentiment levels are judged on the ticket's log as it is now (a calmer message
      // since they were scheduled holds them back); the customer's history as last derived.
      const { risk, sentiment } = directory.assist;
      const past = risk
        ? ((await database.ticketSla.get(ticketId))?.risk?.pastEscalations ?? 0)
        : 0;
      const signals = risk || sentiment ? riskSignalsOf(events, past, { sentiment }) : undefined;
      const evaluation = evaluateTicket(original, events, firedRows, directory, firedAt, signals);
      const due = new Map(evaluation.due.map((timer) => [timer.key, timer]));
      let ticket = original;
      const newEvents: DeskEvent[] = [];
      for (const alert of [...fired].sort((a, b) => a.at - b.at)) {
        const timer = due.get(alert.key);
        if (!timer || known.has(alert.key)) continue;
        // Dated when the host scheduled it and named after its alert, so desks of a team that
        // record the same alert write the same entries: sync keeps one of each, never two.
        let part = 0;
        const change = applyFiredTimer(ticket, timer, evaluation.row, {
          now: alert.at,
          by: 'system',
          newId: () => alertEventId(alert.at, timer.key, part++),
        });
        ticket = change.ticket;
        newEvents.push(...change.events);
        // The stored row carries what the desk derived, not what the host was handed.
        written.push(rowOf({ ...alertOfTimer(timer, evaluation.row), firedAt, late: alert.late }));
        known.add(alert.key);
      }
      if (ticket !== original) await database.tickets.put(ticket);
      if (newEvents.length) await database.events.bulkAdd(newEvents);
      if (ticket !== original || newEvents.length) changedTickets.push(ticket);
    }
    await database.firedAlerts.bulkPut(written);
    if (changedTickets.length) {
      await refreshTicketSla(database, changedTickets, firedAt, directory.sla);
    }
    return { alerts: written, changedTicketIds: changedTickets.map((ticket) => ticket.id) };
  });
}
