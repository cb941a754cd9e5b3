// Seeds the benchmark desk into the app's own database (same origin as the app), once: a later run
// finds the marker and the ticket count and only resets the user's view state. The marker changes
// with the code that decides the desk's rows (bench/queue/build.ts).
import { DATABASE_NAME, DeskDatabase } from '../../../src/renderer/src/db/database';
import { loadDemoDesk } from '../../../src/renderer/src/db/demo/load-demo';
import { DESK, DESK_DATABASE, type SeedReport } from '../protocol';
import { OPEN_STATUSES } from './open-tickets';

const MARKER_KEY = 'queue-bench.desk';

interface SeedWindow {
  __benchReport?: SeedReport;
  __benchError?: string;
  __seedProgress?: string;
}

const page = window as unknown as SeedWindow;

async function seed(): Promise<SeedReport> {
  if (DATABASE_NAME !== DESK_DATABASE)
    throw new Error(`the app's database is "${DATABASE_NAME}", the bench reads "${DESK_DATABASE}"`);
  const params = new URLSearchParams(location.search);
  const marker = params.get('marker') ?? '';
  // keep=1: take any desk of the right size (the app upgrades an older schema when it opens it).
  const keep = params.get('keep') === '1';
  const database = new DeskDatabase();
  const began = performance.now();
  let seeded = false;
  let events: number | null = null;
  const ready =
    (keep || localStorage.getItem(MARKER_KEY) === marker) &&
    (await database.tickets.count()) === DESK.ticketCount;
  if (!ready) {
    localStorage.removeItem(MARKER_KEY);
    const result = await loadDemoDesk(
      database,
      { ...DESK, replace: true },
      { onProgress: (progress) => (page.__seedProgress = progress.label) },
    );
    localStorage.setItem(MARKER_KEY, marker);
    seeded = true;
    events = result.events;
  }
  // Every run starts from the default queue: no saved views, sorts, drafts or preferences.
  await database.transaction('rw', [database.settings, database.views, database.drafts], () =>
    Promise.all([database.settings.clear(), database.views.clear(), database.drafts.clear()]),
  );
  const report: SeedReport = {
    seeded,
    tickets: await database.tickets.count(),
    openTickets: await database.tickets.where('status').anyOf(OPEN_STATUSES).count(),
    events,
    ms: Math.round(performance.now() - began),
    marker: keep ? `kept (${localStorage.getItem(MARKER_KEY) ?? 'unknown'})` : marker,
  };
  database.close();
  return report;
}

seed().then(
  (report) => (page.__benchReport = report),
  (error: unknown) => (page.__benchError = error instanceof Error ? error.stack : String(error)),
);
