import {
  computeReport,
  deriveReportFacts,
  drillTickets,
  findRecurrences,
  policyCalendar,
  previousPeriod,
  selectPolicy,
  type BusinessCalendar,
  type DeskEvent,
  type ReportFacts,
  type Ticket,
} from '@core/index';
import { Dexie } from 'dexie';
import type { DeskDatabase, TicketSlaRow } from '../../db/database';
import { loadSlaConfig, type SlaConfig } from '../../db/ticket-writes';
import type {
  DrillRequest,
  ReportDimensions,
  ReportProgress,
  ReportQuery,
  ReportResult,
} from './report-query';

/** Tickets read per slice when reading the whole desk: their logs come with them. */
const READ_CHUNK = 2_000;
/** Open tickets' facts (time at the current level) are read again when older than this. */
const OPEN_FACTS_MAX_AGE_MS = 15 * 60_000;

/** The facts of one ticket as it stands, from its record, log and cached SLA row. */
export function factsOf(
  ticket: Ticket,
  events: readonly DeskEvent[],
  slaRow: TicketSlaRow | undefined,
  config: SlaConfig,
  now: number,
): ReportFacts {
  const policy = selectPolicy(config.policies, ticket, ticket.policyId);
  const calendar: BusinessCalendar | undefined = policy
    ? policyCalendar(policy, config.resolveCalendar)
    : undefined;
  return deriveReportFacts(ticket, events, {
    now,
    ...(slaRow ? { sla: slaRow } : {}),
    ...(calendar ? { calendar } : {}),
  });
}

function groupByTicket(events: readonly DeskEvent[]): Map<string, DeskEvent[]> {
  const byTicket = new Map<string, DeskEvent[]>();
  for (const event of events) {
    const list = byTicket.get(event.ticketId);
    if (list) list.push(event);
    else byTicket.set(event.ticketId, [event]);
  }
  return byTicket;
}

/** The facts of every ticket at one moment, and what is derived from all of them together. */
export interface FactsSnapshot {
  facts: readonly ReportFacts[];
  /** Escalations that recur within `days`, over the whole desk (computed once per window). */
  recurringWithin(days: number): ReadonlySet<string>;
}

function snapshotOf(facts: readonly ReportFacts[]): FactsSnapshot {
  const recurring = new Map<number, ReadonlySet<string>>();
  return {
    facts,
    recurringWithin(days) {
      let ids = recurring.get(days);
      if (!ids) recurring.set(days, (ids = findRecurrences(facts, days)));
      return ids;
    },
  };
}

/**
 * Every ticket's report facts, kept between reports: reading a large desk's history is most of a
 * report's time, and a manager changes filters many times. Writers' changes (`onDeskChanged`)
 * mark tickets stale; the next report reads only those again.
 */
export class ReportFactsCache {
  private facts = new Map<string, ReportFacts>();
  private readonly stale = new Set<string>();
  private allStale = true;
  private loadedAt = 0;
  private snapshot: FactsSnapshot | undefined;
  /** One read at a time: a report asked during a read waits for it rather than reading twice. */
  private reading: Promise<unknown> = Promise.resolve();

  /** Some tickets changed, or (`'all'`) anything may have. */
  invalidate(ticketIds: readonly string[] | 'all'): void {
    if (ticketIds === 'all') this.allStale = true;
    else for (const id of ticketIds) this.stale.add(id);
  }

  /** Tickets held. */
  get size(): number {
    return this.facts.size;
  }

  /**
   * Every ticket's facts, read where stale: a snapshot taken once the read is done, so a later
   * read (another report's) never changes the facts a report is computing from.
   */
  all(
    database: DeskDatabase,
    now: number,
    onProgress?: (progress: ReportProgress) => void,
  ): Promise<FactsSnapshot> {
    const run = this.reading.then(async () => {
      await this.refresh(database, now, onProgress);
      this.snapshot ??= snapshotOf([...this.facts.values()]);
      return this.snapshot;
    });
    this.reading = run.catch(() => undefined);
    return run;
  }

  private async refresh(
    database: DeskDatabase,
    now: number,
    onProgress?: (progress: ReportProgress) => void,
  ): Promise<void> {
    if (this.allStale) {
      await this.readAll(database, now, onProgress);
      return;
    }
    if (now - this.loadedAt > OPEN_FACTS_MAX_AGE_MS) {
      for (const facts of this.facts.values()) if (!facts.done) this.stale.add(facts.id);
      this.loadedAt = now;
    }
    if (this.stale.size > 0) await this.readSome(database, [...this.stale], now);
  }

  private async readAll(
    database: DeskDatabase,
    now: number,
    onProgress?: (progress: ReportProgress) => void,
  ): Promise<void> {
    // Marked before reading: a change announced during the read is read again next time; a read
    // that fails leaves everything to be read again, and the facts held before in place.
    this.allStale = false;
    this.stale.clear();
    try {
      this.facts = await this.readEverything(database, now, onProgress);
      this.snapshot = undefined;
    } catch (error) {
      this.allStale = true;
      throw error;
    }
    this.loadedAt = now;
  }

  private async readEverything(
    database: DeskDatabase,
    now: number,
    onProgress?: (progress: ReportProgress) => void,
  ): Promise<Map<string, ReportFacts>> {
    const facts = new Map<string, ReportFacts>();
    const config = await loadSlaConfig(database);
    const total = await database.tickets.count();
    onProgress?.({ done: 0, total, label: 'Reading tickets and their history' });
    let after: string | undefined;
    let done = 0;
    for (;;) {
      const tickets =
        after === undefined
          ? await database.tickets.orderBy(':id').limit(READ_CHUNK).toArray()
          : await database.tickets.where(':id').above(after).limit(READ_CHUNK).toArray();
      if (tickets.length === 0) break;
      const first = tickets[0]!.id;
      const last = tickets[tickets.length - 1]!.id;
      // The chunk's logs and SLA rows by key range: one read each, not one per ticket.
      const [events, slaRows] = await Promise.all([
        database.events
          .where('[ticketId+at]')
          .between([first, Dexie.minKey], [last, Dexie.maxKey], true, true)
          .toArray(),
        database.ticketSla.where(':id').between(first, last, true, true).toArray(),
      ]);
      const logs = groupByTicket(events);
      const slaById = new Map(slaRows.map((row) => [row.ticketId, row]));
      for (const ticket of tickets) {
        facts.set(
          ticket.id,
          factsOf(ticket, logs.get(ticket.id) ?? [], slaById.get(ticket.id), config, now),
        );
      }
      done += tickets.length;
      after = last;
      onProgress?.({
        done,
        total: Math.max(total, done),
        label: 'Reading tickets and their history',
      });
    }
    return facts;
  }

  private async readSome(database: DeskDatabase, ids: string[], now: number): Promise<void> {
    for (const id of ids) this.stale.delete(id);
    try {
      const read = await this.readTickets(database, ids, now);
      for (const [id, facts] of read) {
        if (facts) this.facts.set(id, facts);
        else this.facts.delete(id);
      }
      this.snapshot = undefined;
    } catch (error) {
      for (const id of ids) this.stale.add(id);
      throw error;
    }
  }

  /** The facts of some tickets as they are now; undefined for a ticket no longer on the desk. */
  private async readTickets(
    database: DeskDatabase,
    ids: string[],
    now: number,
  ): Promise<Map<string, ReportFacts | undefined>> {
    const read = new Map<string, ReportFacts | undefined>();
    const config = await loadSlaConfig(database);
    for (let start = 0; start < ids.length; start += READ_CHUNK) {
      const chunk = ids.slice(start, start + READ_CHUNK);
      const [tickets, slaRows, logs] = await Promise.all([
        database.tickets.bulkGet(chunk),
        database.ticketSla.bulkGet(chunk),
        Promise.all(
          chunk.map((id) =>
            database.events
              .where('[ticketId+at]')
              .between([id, Dexie.minKey], [id, Dexie.maxKey], true, true)
              .toArray(),
          ),
        ),
      ]);
      chunk.forEach((id, index) => {
        const ticket = tickets[index];
        read.set(id, ticket && factsOf(ticket, logs[index]!, slaRows[index], config, now));
      });
    }
    return read;
  }
}

/** The values the desk's tickets have, for the filter menus. */
export function dimensionsOf(facts: readonly ReportFacts[]): ReportDimensions {
  const categories = new Set<string>();
  const channels = new Set<string>();
  const tiers = new Set<string>();
  const teamIds = new Set<string>();
  let maxLevel = 0;
  let firstCreatedAt: number | undefined;
  let lastCreatedAt: number | undefined;
  for (const item of facts) {
    categories.add(item.category);
    channels.add(item.channel);
    tiers.add(item.tier);
    if (item.teamId !== undefined) teamIds.add(item.teamId);
    for (const breach of item.breaches) if (breach.teamId !== undefined) teamIds.add(breach.teamId);
    if (item.maxLevel > maxLevel) maxLevel = item.maxLevel;
    if (firstCreatedAt === undefined || item.createdAt < firstCreatedAt)
      firstCreatedAt = item.createdAt;
    if (lastCreatedAt === undefined || item.createdAt > lastCreatedAt)
      lastCreatedAt = item.createdAt;
  }
  const sorted = (values: Set<string>) => [...values].sort((a, b) => a.localeCompare(b));
  return {
    categories: sorted(categories),
    channels: sorted(channels),
    tiers: sorted(tiers),
    teamIds: sorted(teamIds),
    maxLevel,
    ...(firstCreatedAt === undefined ? {} : { firstCreatedAt }),
    ...(lastCreatedAt === undefined ? {} : { lastCreatedAt }),
  };
}

/** A report and the previous period's, from the cached facts (read first where stale). */
export async function computeReportResult(
  database: DeskDatabase,
  cache: ReportFactsCache,
  query: ReportQuery,
  now: number,
  onProgress?: (progress: ReportProgress) => void,
): Promise<ReportResult> {
  const began = performance.now();
  const snapshot = await cache.all(database, now, onProgress);
  const { facts } = snapshot;
  onProgress?.({ done: facts.length, total: facts.length, label: 'Computing the report' });
  const recurring = snapshot.recurringWithin(query.options.recurrenceDays);
  const current = computeReport(facts, query.filter, query.options, recurring);
  const previous = computeReport(
    facts,
    previousPeriod(query.filter, query.options.timeZone),
    query.options,
    recurring,
  );
  return {
    query,
    current,
    previous,
    dimensions: dimensionsOf(facts),
    deskTickets: facts.length,
    ms: Math.round(performance.now() - began),
  };
}

/** The ids of the tickets behind one part of a report, newest first. */
export async function drillDownIds(
  database: DeskDatabase,
  cache: ReportFactsCache,
  request: DrillRequest,
  now: number,
): Promise<string[]> {
  const snapshot = await cache.all(database, now);
  const recurring = snapshot.recurringWithin(request.query.options.recurrenceDays);
  return drillTickets(snapshot.facts, request.query.filter, request.drill, recurring);
}
