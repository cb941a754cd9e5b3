import {
  isDoneStatus,
  whatIf,
  type AssistSettings,
  type BusinessCalendar,
  type DeskRules,
  type DueChange,
  type EscalationMatrix,
  type SlaPolicy,
  type WhatIfTicket,
} from '@core/index';
import type { DeskDatabase } from '../../db/database';
import { readSetting } from '../../db/settings';
import { loadSlaConfig, refreshTicketSla, ticketEvents } from '../../db/ticket-writes';
import { deskRiskSignals, openTicketIds } from '../alerts/derive-alerts';

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

interface ReadOptions {
  onProgress?: (read: number, toRead: number, open: number) => void;
  shouldStop?: () => boolean;
  /** The desk's assist switches, when the caller has read them (else they are read). */
  assist?: AssistSettings;
}

/**
 * The open tickets as the preview needs them (record, activity log, fired alerts, and the risk
 * signals the live desk would judge them with under the desk's assist switches), kept between
 * previews: reading ten thousand logs from IndexedDB is most of a preview's time, and a manager
 * previews draft after draft. Writers' changes (`onDeskChanged`) mark tickets stale, and the next
 * preview reads those again; tickets no longer open are dropped; all are read again when the
 * assist switches differ from those they were read with.
 */
export class OpenTicketCache {
  private readonly items = new Map<string, WhatIfTicket>();
  private readonly stale = new Set<string>();
  private allStale = false;
  /** The risk and sentiment switches the held signals were derived with. */
  private assistKey: string | undefined;
  /** Reads one after another: a preview asked during a warm-up waits for it, not reading twice. */
  private reading: Promise<unknown> = Promise.resolve();

  /** Some tickets changed, or (`'all'`) anything may have. */
  invalidate(ticketIds: readonly string[] | 'all'): void {
    if (ticketIds === 'all') this.allStale = true;
    else for (const id of ticketIds) this.stale.add(id);
  }

  /** How many tickets are held. */
  get size(): number {
    return this.items.size;
  }

  /**
   * Every open ticket, reading only those not held or stale (a slice at a time, with progress);
   * undefined when `shouldStop` says the work is no longer wanted.
   */
  openTickets(
    database: DeskDatabase,
    options: ReadOptions = {},
  ): Promise<WhatIfTicket[] | undefined> {
    const read = this.reading.then(() => this.read(database, options));
    this.reading = read.catch(() => undefined);
    return read;
  }

  private async read(
    database: DeskDatabase,
    options: ReadOptions,
  ): Promise<WhatIfTicket[] | undefined> {
    const assist = options.assist ?? (await readSetting('assist', database));
    const assistKey = `${assist.risk}:${assist.sentiment}`;
    if (this.assistKey !== assistKey) this.allStale = true;
    this.assistKey = assistKey;
    if (this.allStale) {
      this.items.clear();
      this.stale.clear();
      this.allStale = false;
    }
    const ids = await openTicketIds(database);
    const open = new Set(ids);
    for (const id of this.items.keys()) if (!open.has(id)) this.items.delete(id);
    const missing = ids.filter((id) => this.stale.has(id) || !this.items.has(id));
    for (let start = 0; start < missing.length; start += CHUNK) {
      if (options.shouldStop?.()) return undefined;
      const chunk = missing.slice(start, start + CHUNK);
      const [tickets, events, fired, slaRows] = await Promise.all([
        database.tickets.bulkGet(chunk),
        Promise.all(chunk.map((id) => ticketEvents(id, database))),
        Promise.all(chunk.map((id) => database.firedAlerts.where('ticketId').equals(id).toArray())),
        database.ticketSla.bulkGet(chunk),
      ]);
      chunk.forEach((id, index) => {
        this.stale.delete(id);
        const ticket = tickets[index];
        if (!ticket || isDoneStatus(ticket.status)) {
          this.items.delete(id);
          return;
        }
        // As the live desk judges them. While risk is on the desk keeps them (restated whenever
        // the ticket is derived); otherwise, or kept under other switches, read from the log.
        const stored = slaRows[index]?.risk;
        const kept = assist.risk && stored && !stored.sentimentOff === assist.sentiment;
        const risk = kept
          ? stored
          : deskRiskSignals(events[index]!, stored?.pastEscalations ?? 0, assist);
        this.items.set(id, {
          ticket,
          events: events[index]!,
          fired: fired[index]!,
          ...(risk ? { risk } : {}),
        });
      });
      options.onProgress?.(Math.min(start + CHUNK, missing.length), missing.length, ids.length);
    }
    return ids.flatMap((id) => this.items.get(id) ?? []);
  }
}

/** Lets the worker take a message (a newer preview) between slices of work that reads nothing. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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
 * The what-if preview over every open ticket of the desk at `now`, a slice of tickets at a time,
 * reporting progress (reading, then comparing) after each; `shouldStop` is asked between slices,
 * and a preview that is no longer wanted (the draft changed again) ends early with undefined.
 */
export async function previewRules(
  database: DeskDatabase,
  proposed: ProposedRules,
  now: number,
  options: {
    onProgress?: (progress: WorkProgress) => void;
    shouldStop?: () => boolean;
    cache?: OpenTicketCache;
  } = {},
): Promise<WhatIfSummary | undefined> {
  const { onProgress, shouldStop } = options;
  const [rules, assist] = await Promise.all([
    rulesPair(database, proposed),
    readSetting('assist', database),
  ]);
  let toRead = 0;
  const items = await (options.cache ?? new OpenTicketCache()).openTickets(database, {
    shouldStop,
    assist,
    // Each ticket read counts as one step, and each compared as another.
    onProgress: (read, total, open) => {
      toRead = total;
      onProgress?.({ done: read, total: total + open });
    },
  });
  if (items === undefined) return undefined;
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
  const titles = new Map(items.map((item) => [item.ticket.id, item.ticket.title]));
  const ref = (id: string) => ({ id, title: titles.get(id) ?? '' });
  for (let start = 0; start < items.length; start += CHUNK) {
    if (start > 0) await breathe();
    if (shouldStop?.()) return undefined;
    const result = whatIf(
      items.slice(start, start + CHUNK),
      rules.current,
      rules.proposed,
      now,
      assist,
    );
    summary.openTickets += result.openTickets;
    summary.ticketsWithNewDueTimes += result.ticketsWithNewDueTimes;
    for (const change of result.dueChanges) {
      if (summary.dueChanges.length >= LIST_LIMIT) break;
      summary.dueChanges.push({ ...change, title: titles.get(change.ticketId) ?? '' });
    }
    summary.newlyBreached += result.newlyBreached.length;
    for (const id of result.newlyBreached) {
      if (summary.newlyBreachedTickets.length < LIST_LIMIT) {
        summary.newlyBreachedTickets.push(ref(id));
      }
    }
    summary.noLongerBreached += result.noLongerBreached.length;
    summary.levelsFiring += result.levelsFiring.length;
    for (const { ticketId, level } of result.levelsFiring) {
      summary.levelsFiringByLevel[level] = (summary.levelsFiringByLevel[level] ?? 0) + 1;
      if (summary.levelsFiringTickets.length < LIST_LIMIT) {
        summary.levelsFiringTickets.push({ ...ref(ticketId), level });
      }
    }
    const done = toRead + Math.min(start + CHUNK, items.length);
    onProgress?.({ done, total: toRead + items.length });
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
