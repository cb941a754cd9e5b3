// The reports benchmark's page: reads every record a report needs straight from IndexedDB (the
// peer: raw getAll in pages, no Dexie), then computes every KPI from those records the way the
// app's reports worker does (ours: facts per ticket, recurrences, this period's and the previous
// period's report, by day and by week). Runs alternate, so both see the same machine load.
import {
  computeReport,
  findRecurrences,
  previousPeriod,
  type BusinessCalendar,
  type DeskEvent,
  type ReportFacts,
  type ReportOptions,
  type Ticket,
} from '@core/index';
import type { CalendarRow, PolicyRow, TicketSlaRow } from '../../../src/renderer/src/db/database';
import { factsOf } from '../../../src/renderer/src/features/reports/reports-work';
import { DESK, type ReportsComputeReport, type ReportsRun } from '../protocol';
import { openDesk } from './open-tickets';

const PAGE = 100_000;
const DAY_MS = 86_400_000;

function request<T>(source: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    source.onsuccess = () => resolve(source.result);
    source.onerror = () => reject(source.error);
  });
}

/** Every record of a store, PAGE at a time (one getAll of 1.4 million events is too much memory). */
async function readStore<T>(database: IDBDatabase, store: string, keyOf: (row: T) => IDBValidKey) {
  const rows: T[] = [];
  let after: IDBValidKey | undefined;
  for (;;) {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const page = (await request(
      database.transaction(store, 'readonly').objectStore(store).getAll(range, PAGE),
    )) as T[];
    for (const row of page) rows.push(row);
    if (page.length < PAGE) return rows;
    after = keyOf(page[page.length - 1]!);
  }
}

interface DeskRecords {
  tickets: Ticket[];
  events: DeskEvent[];
  slaRows: TicketSlaRow[];
  policies: PolicyRow[];
  calendars: CalendarRow[];
}

async function readDesk(database: IDBDatabase): Promise<DeskRecords> {
  const [tickets, events, slaRows, policies, calendars] = await Promise.all([
    readStore<Ticket>(database, 'tickets', (row) => row.id),
    readStore<DeskEvent>(database, 'events', (row) => row.id),
    readStore<TicketSlaRow>(database, 'ticketSla', (row) => row.ticketId),
    readStore<PolicyRow>(database, 'policies', (row) => row.id),
    readStore<CalendarRow>(database, 'calendars', (row) => row.id),
  ]);
  return { tickets, events, slaRows, policies, calendars };
}

/** Every KPI from the records, as the reports worker computes them; times each step. */
function computeAll(records: DeskRecords) {
  const began = performance.now();
  const byTicket = new Map<string, DeskEvent[]>();
  for (const event of records.events) {
    const list = byTicket.get(event.ticketId);
    if (list) list.push(event);
    else byTicket.set(event.ticketId, [event]);
  }
  const slaById = new Map(records.slaRows.map((row) => [row.ticketId, row]));
  const calendars = new Map<string, BusinessCalendar>(
    records.calendars.map((row) => [row.id, row.calendar]),
  );
  const config = {
    policies: [...records.policies].sort((a, b) => a.order - b.order).map((row) => row.policy),
    resolveCalendar: (id: string) => calendars.get(id),
  };
  const facts: ReportFacts[] = records.tickets.map((ticket) =>
    factsOf(ticket, byTicket.get(ticket.id) ?? [], slaById.get(ticket.id), config, DESK.now),
  );
  const factsAt = performance.now();
  const recurring = findRecurrences(facts, 30);
  const recurrenceAt = performance.now();
  // The whole history, then the last 30 days as a manager opens it; each with its previous period.
  const whole = { from: DESK.now - DESK.days * DAY_MS - DAY_MS, to: DESK.now + DAY_MS };
  const month = { from: DESK.now - 30 * DAY_MS, to: DESK.now + DAY_MS };
  const options = (bucket: ReportOptions['bucket']): ReportOptions => ({
    bucket,
    timeZone: 'Europe/London',
    recurrenceDays: 30,
  });
  let counted = 0;
  for (const [filter, bucket] of [
    [whole, 'week'],
    [month, 'day'],
  ] as const) {
    const current = computeReport(facts, filter, options(bucket), recurring);
    computeReport(facts, previousPeriod(filter, 'Europe/London'), options(bucket), recurring);
    counted = Math.max(counted, current.tickets);
  }
  const end = performance.now();
  return {
    ms: end - began,
    factsMs: factsAt - began,
    recurrenceMs: recurrenceAt - factsAt,
    reportsMs: end - recurrenceAt,
    ticketsInWholeReport: counted,
  };
}

/** One run; the records go out of scope with it, for the collector before the next. */
async function readAndCompute(database: IDBDatabase): Promise<ReportsRun> {
  const readBegan = performance.now();
  const records = await readDesk(database);
  const readMs = performance.now() - readBegan;
  const computed = computeAll(records);
  return {
    readMs,
    ...computed,
    tickets: records.tickets.length,
    events: records.events.length,
    slaRows: records.slaRows.length,
  };
}

async function run(): Promise<ReportsComputeReport> {
  const runs = Number(new URLSearchParams(location.search).get('runs') ?? 3);
  const database = await openDesk();
  const results: ReportsRun[] = [];
  for (let i = 0; i < runs; i++) {
    results.push(await readAndCompute(database));
    // Let the collector take the last run's records before the next read.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  database.close();
  return { runs: results };
}

const page = window as unknown as { __benchReport?: ReportsComputeReport; __benchError?: string };
run().then(
  (report) => (page.__benchReport = report),
  (error: unknown) => (page.__benchError = error instanceof Error ? error.stack : String(error)),
);
