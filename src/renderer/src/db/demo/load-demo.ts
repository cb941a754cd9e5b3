import {
  generateDemoReference,
  generateDemoTickets,
  type DemoBatch,
  type DemoReference,
} from '@core/demo';
import { Dexie, RangeSet } from 'dexie';
import type { DeskDatabase, FiredAlertRow } from '../database';

/** How far a load has got (0..1) and what it is doing, in words. */
export interface DemoLoadProgress {
  fraction: number;
  label: string;
}

export interface DemoLoadOptions {
  ticketCount: number;
  /** The instant the history ends at (the caller's clock). */
  now: number;
  seed?: number;
  /** How many days of history before `now` the tickets span; 90 by default. */
  days?: number;
  /** Clear a desk that already has data first; without it a non-empty desk is refused. */
  replace: boolean;
  /** Tickets per transaction; by default about 1/40 of the desk, 100–1,000. */
  batchSize?: number;
}

export interface DemoLoadResult {
  /** Tickets written (fewer than asked when cancelled). */
  tickets: number;
  events: number;
  cancelled: boolean;
}

/** What a load reports and how it is stopped. */
export interface DemoLoadControl {
  onProgress?: (progress: DemoLoadProgress) => void;
  signal?: AbortSignal;
}

/** Refused: the desk has data and replacing it was not chosen. */
export class DeskNotEmptyError extends Error {
  constructor() {
    super(
      'This desk already has data. Generate the demo desk from Settings and choose to replace the current data.',
    );
    this.name = 'DeskNotEmptyError';
  }
}

/** The tables that hold a desk's data (settings, saved views and drafts are the user's own). */
export function deskTables(database: DeskDatabase) {
  return [
    database.tickets,
    database.events,
    database.ticketSla,
    database.firedAlerts,
    database.customers,
    database.teams,
    database.people,
    database.calendars,
    database.policies,
    database.matrices,
    database.templates,
  ];
}

/** Whether the desk holds no data at all. */
export async function isDeskEmpty(database: DeskDatabase): Promise<boolean> {
  for (const table of deskTables(database)) {
    if ((await table.limit(1).count()) > 0) return false;
  }
  return true;
}

/**
 * Gets the desk ready in one transaction: clears it when `replace` is set, else refuses a desk that
 * has data; then writes the demo's customers, teams, people, calendars, policies, matrix and
 * templates.
 */
export async function prepareDemoDesk(
  database: DeskDatabase,
  reference: DemoReference,
  replace: boolean,
): Promise<void> {
  await database.transaction('rw', deskTables(database), async () => {
    // Defence in depth (the Settings card refuses first): while the desk syncs, clearing it
    // would delete every row of the team's space on every desk.
    if (database.syncRecorder.recording) {
      throw new Error(
        "Demo data can't be loaded while this desk syncs with a team; sign out of team sync first.",
      );
    }
    if (replace) {
      for (const table of deskTables(database)) await table.clear();
    } else if (!(await isDeskEmpty(database))) {
      throw new DeskNotEmptyError();
    }
    const updatedAt = reference.now;
    await database.customers.bulkAdd(reference.customers);
    await database.teams.bulkAdd(reference.teams);
    await database.people.bulkAdd(reference.people);
    await database.calendars.bulkAdd(reference.calendars.map((row) => ({ ...row, updatedAt })));
    await database.policies.bulkAdd(
      reference.policies.map((policy, order) => ({ id: policy.id, order, policy, updatedAt })),
    );
    await database.matrices.add({ id: 'active', version: 1, matrix: reference.matrix, updatedAt });
    await database.templates.bulkAdd(reference.templates);
  });
}

/**
 * Writes one batch of tickets with their events, SLA rows and fired alerts, all or nothing.
 *
 * The rows go straight to IndexedDB inside the Dexie transaction: Dexie would otherwise announce
 * every row to every open window, and each window would re-run its live queries after every
 * batch (with a 100,000-ticket desk, hundreds of times). Call `announceDeskChanged` instead.
 */
export async function writeDemoBatch(database: DeskDatabase, batch: DemoBatch): Promise<void> {
  const firedAlerts: FiredAlertRow[] = batch.firedAlerts.map((alert) => ({
    ...alert,
    state: 'acknowledged',
  }));
  const tables = [database.tickets, database.events, database.ticketSla, database.firedAlerts];
  await database.transaction('rw', tables, (transaction) => {
    const add = (table: (typeof tables)[number], rows: readonly object[]) => {
      const store = transaction.idbtrans.objectStore(table.name);
      for (const row of rows) store.add(row);
    };
    add(database.tickets, batch.tickets);
    add(database.events, batch.events);
    add(database.ticketSla, batch.ticketSla);
    add(database.firedAlerts, firedAlerts);
  });
}

/** Tells the live queries of every window that the desk's data changed, all of it at once. */
export function announceDeskChanged(): void {
  Dexie.on.storagemutated.fire({ all: new RangeSet(-Infinity, [[]]) });
}

/** How often a running load lets the windows refresh what they show. */
const ANNOUNCE_EVERY_MS = 1_500;

/** The batch size for a desk: small enough for a lively progress bar, big enough to be quick. */
export function demoBatchSize(ticketCount: number): number {
  return Math.min(1_000, Math.max(100, Math.round(ticketCount / 40)));
}

const count = new Intl.NumberFormat('en');

/**
 * Generates a demo desk and writes it batch by batch, newest tickets first, one transaction each,
 * so a crash or a cancel never leaves half a batch. Cancelling keeps the batches already written.
 */
export async function loadDemoDesk(
  database: DeskDatabase,
  options: DemoLoadOptions,
  control: DemoLoadControl = {},
): Promise<DemoLoadResult> {
  const report = (fraction: number, label: string) => control.onProgress?.({ fraction, label });
  const reference = generateDemoReference({
    now: options.now,
    ticketCount: options.ticketCount,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.days === undefined ? {} : { days: options.days }),
  });
  const total = reference.ticketCount;
  const result: DemoLoadResult = { tickets: 0, events: 0, cancelled: false };
  if (control.signal?.aborted) return { ...result, cancelled: true };

  report(0, options.replace ? 'Clearing the desk…' : 'Setting up teams, people and rules…');
  await prepareDemoDesk(database, reference, options.replace);

  // Newest first: the open, recent tickets reach the queue in the first seconds.
  const batchSize = options.batchSize ?? demoBatchSize(total);
  let announcedAt = -Infinity;
  try {
    for (const batch of generateDemoTickets(reference, batchSize, 'newest_first')) {
      if (control.signal?.aborted) return { ...result, cancelled: true };
      await writeDemoBatch(database, batch);
      result.tickets += batch.to - batch.from;
      result.events += batch.events.length;
      if (performance.now() - announcedAt >= ANNOUNCE_EVERY_MS) {
        announceDeskChanged();
        announcedAt = performance.now();
      }
      const loaded = result.tickets;
      report(loaded / total, `Loaded ${count.format(loaded)} of ${count.format(total)} tickets`);
    }
    return result;
  } finally {
    announceDeskChanged();
  }
}
