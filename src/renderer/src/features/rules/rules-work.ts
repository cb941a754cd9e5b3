import {
  isDoneStatus,
  whatIf,
  type BusinessCalendar,
  type DeskRules,
  type DueChange,
  type EscalationMatrix,
  type SlaPolicy,
  type WhatIfTicket,
} from '@core/index';
import type { DeskDatabase } from '../../db/database';
import { loadSlaConfig, refreshTicketSla, ticketEvents } from '../../db/ticket-writes';
import { openTicketIds } from '../alerts/derive-alerts';

/** Rules a manager is editing, in place of the stored ones; what is left out stays as stored. */
export interface ProposedRules {
  matrix?: EscalationMatrix;
  policies?: readonly SlaPolicy[];
  /** Calendars added or changed (by id); the others stay as stored. */
  calendars?: readonly { id: string; calendar: BusinessCalendar }[];
}

/** How far a long piece of work has come, in tickets. */
export interface WorkProgress {
  done: number;
  total: number;
}

/** A ticket named in the preview, with its title so the list reads without opening it. */
export interface WhatIfTicketRef {
  id: string;
  title: string;
}

/** What saving would change for the open tickets, as the preview shows it (lists cut short). */
export interface WhatIfSummary {
  at: number;
  openTickets: number;
  ticketsWithNewDueTimes: number;
  /** The first due changes (at most LIST_LIMIT), for the details list. */
  dueChanges: (DueChange & { title: string })[];
  newlyBreached: number;
  newlyBreachedTickets: WhatIfTicketRef[];
  noLongerBreached: number;
  levelsFiring: number;
  /** Levels that would fire at once, by level number (1 = L1). */
  levelsFiringByLevel: Record<number, number>;
  levelsFiringTickets: (WhatIfTicketRef & { level: number })[];
}

/** How many tickets each list of the summary names at most. */
export const LIST_LIMIT = 50;
/** Open tickets read and evaluated per slice. */
const CHUNK = 250;

/** The stored rules, and the same rules with the proposed parts in their place. */
export async function rulesPair(
  database: DeskDatabase,
  proposed: ProposedRules,
): Promise<{ current: DeskRules; proposed: DeskRules }> {
  const [policyRows, calendarRows, matrixRow] = await Promise.all([
    database.policies.orderBy('order').toArray(),
    database.calendars.toArray(),
    database.matrices.get('active'),
  ]);
  const calendars = new Map(calendarRows.map((row) => [row.id, row.calendar]));
  const current: DeskRules = {
    policies: policyRows.map((row) => row.policy),
    calendars,
    matrix: matrixRow?.matrix ?? { rows: [] },
  };
  const changedCalendars = new Map(calendars);
  for (const { id, calendar } of proposed.calendars ?? []) changedCalendars.set(id, calendar);
  return {
    current,
    proposed: {
      policies: proposed.policies ?? current.policies,
      calendars: changedCalendars,
      matrix: proposed.matrix ?? current.matrix,
    },
  };
}

/**
 * The what-if preview over every open ticket of the desk at `now`: a slice of tickets at a time,
 * reporting progress after each; `shouldStop` is asked between slices, and a preview that is no
 * longer wanted (the draft changed again) ends early with undefined.
 */
export async function previewRules(
  database: DeskDatabase,
  proposed: ProposedRules,
  now: number,
  options: { onProgress?: (progress: WorkProgress) => void; shouldStop?: () => boolean } = {},
): Promise<WhatIfSummary | undefined> {
  const rules = await rulesPair(database, proposed);
  const ids = await openTicketIds(database);
  const summary: WhatIfSummary = {
    at: now,
    openTickets: 0,
    ticketsWithNewDueTimes: 0,
    dueChanges: [],
    newlyBreached: 0,
    newlyBreachedTickets: [],
    noLongerBreached: 0,
    levelsFiring: 0,
    levelsFiringByLevel: {},
    levelsFiringTickets: [],
  };
  for (let start = 0; start < ids.length; start += CHUNK) {
    if (options.shouldStop?.()) return undefined;
    const chunk = ids.slice(start, start + CHUNK);
    const [tickets, events, fired] = await Promise.all([
      database.tickets.bulkGet(chunk),
      Promise.all(chunk.map((id) => ticketEvents(id, database))),
      Promise.all(chunk.map((id) => database.firedAlerts.where('ticketId').equals(id).toArray())),
    ]);
    const items: WhatIfTicket[] = [];
    const titles = new Map<string, string>();
    tickets.forEach((ticket, index) => {
      if (!ticket || isDoneStatus(ticket.status)) return;
      titles.set(ticket.id, ticket.title);
      items.push({ ticket, events: events[index]!, fired: fired[index]! });
    });
    const result = whatIf(items, rules.current, rules.proposed, now);
    const ref = (id: string) => ({ id, title: titles.get(id) ?? '' });
    summary.openTickets += result.openTickets;
    summary.ticketsWithNewDueTimes += result.ticketsWithNewDueTimes;
    for (const change of result.dueChanges) {
      if (summary.dueChanges.length >= LIST_LIMIT) break;
      summary.dueChanges.push({ ...change, title: titles.get(change.ticketId) ?? '' });
    }
    summary.newlyBreached += result.newlyBreached.length;
    for (const id of result.newlyBreached) {
      if (summary.newlyBreachedTickets.length < LIST_LIMIT)
        summary.newlyBreachedTickets.push(ref(id));
    }
    summary.noLongerBreached += result.noLongerBreached.length;
    summary.levelsFiring += result.levelsFiring.length;
    for (const { ticketId, level } of result.levelsFiring) {
      summary.levelsFiringByLevel[level] = (summary.levelsFiringByLevel[level] ?? 0) + 1;
      if (summary.levelsFiringTickets.length < LIST_LIMIT) {
        summary.levelsFiringTickets.push({ ...ref(ticketId), level });
      }
    }
    options.onProgress?.({ done: Math.min(start + CHUNK, ids.length), total: ids.length });
  }
  return summary;
}

/**
 * Recomputes the cached SLA rows (the queue's clocks) of every open ticket under the stored rules,
 * a slice per transaction so the desk's other writes wait for one slice at most.
 */
export async function refreshOpenTicketSla(
  database: DeskDatabase,
  now: number,
  onProgress?: (progress: WorkProgress) => void,
): Promise<{ tickets: number }> {
  const config = await loadSlaConfig(database);
  const ids = await openTicketIds(database);
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    await database.transaction(
      'rw',
      [database.tickets, database.events, database.ticketSla],
      async () => {
        const tickets = (await database.tickets.bulkGet(chunk)).filter(
          (ticket) => ticket !== undefined && !isDoneStatus(ticket.status),
        );
        await refreshTicketSla(
          database,
          tickets as NonNullable<(typeof tickets)[number]>[],
          now,
          config,
        );
      },
    );
    onProgress?.({ done: Math.min(start + CHUNK, ids.length), total: ids.length });
  }
  return { tickets: ids.length };
}
