// The queue on a desk of 100,000 tickets (~10,000 open), in headless Chromium: time from navigation
// to the first queue rows against reading the same open tickets with a raw IndexedDB getAll (the
// peer, pass when ours ≤ 1.5 × peer); frames during sorting and filtering (none over 50 ms); and
// frame times while scrolling 300 frames (p95 ≤ 17.5 ms, none over 33 ms), beside the same rows in
// react-window. The app and the bench pages (bench/queue/pages) are served from one origin so they
// share the desk's IndexedDB; the desk is seeded once into a persistent Chromium profile
// (bench/results/.chromium-profile) and seeded again when the code that decides its rows changes.
// Environment: CHROMIUM_PATH (else /usr/bin/chromium), QUEUE_BENCH_PORT (default 41731; the origin,
// hence the desk, belongs to the port), QUEUE_BENCH_KEEP_DESK=1 (measure any 100,000-ticket desk
// already there instead of seeding again after a change to the generator).
import { createRequire } from 'node:module';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { median, openDeskBench, round1, VIEWPORT } from './queue/harness';
import {
  DESK,
  type FirstRows,
  type FrameRecord,
  type GetAllReport,
  type ScrollRecord,
  type SeedReport,
} from './queue/protocol';
import type { BenchResult } from './result';

const RUNS = 7;
const SCROLL_RUNS = 3;
const SCROLL_FRAMES = 300;
const SCROLL_STEP_PX = 120;
const ROWS_TIMEOUT_MS = 60_000;
const SEED_TIMEOUT_MS = 60 * 60_000;
const OP_CHANGE_TIMEOUT_MS = 10_000;
const QUIET_MS = 500;
/** Quiet long enough to call a page settled, yet under the queue's one-second clock tick. */
export const SETTLED_MS = 900;
const TARGET_RATIO = 1.5;
const TARGET_OP_FRAME_MS = 50;
const TARGET_SCROLL_P95_MS = 17.5;
const TARGET_SCROLL_MAX_MS = 33;
/**
 * The 33 ms target as a display can measure it. rAF timestamps fall on vsyncs, 16.7 ms apart at
 * 60 Hz, so a frame is 16.7, 33.3, 50 … ms: "no frame over 33 ms" can only mean at most one
 * missed vsync (33.3 ms, read with timestamp jitter), never two in a row.
 */
const SCROLL_MAX_AS_MEASURED_MS = 33.5;

const log = (message: string) => console.error(`queue: ${message}`);

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function frameStats(deltas: number[]) {
  return {
    frames: deltas.length,
    p50: round1(percentile(deltas, 50)),
    p95: round1(percentile(deltas, 95)),
    max: round1(Math.max(...deltas)),
    over17_5: deltas.filter((d) => d > TARGET_SCROLL_P95_MS).length,
    over33: deltas.filter((d) => d > SCROLL_MAX_AS_MEASURED_MS).length,
  };
}

/** Runs `action` with a fresh page, and closes it. */
export async function withPage<T>(
  context: BrowserContext,
  action: (page: Page) => Promise<T>,
): Promise<T> {
  const page = await context.newPage();
  try {
    return await action(page);
  } finally {
    await page.close();
  }
}

/** Evaluates `expression` (a probe call that resolves null/false on its own timeout) or fails with `failure`. */
async function expectProbe<T>(page: Page, expression: string, failure: string): Promise<T> {
  const value = (await page.evaluate(expression)) as T | null | false;
  if (value === null || value === false) throw new Error(failure);
  return value;
}

export async function seedDesk(
  context: BrowserContext,
  origin: string,
  marker: string,
): Promise<SeedReport> {
  return withPage(context, async (page) => {
    const keep = process.env.QUEUE_BENCH_KEEP_DESK === '1' ? '&keep=1' : '';
    await page.goto(`${origin}/bench/seed.html?marker=${marker}${keep}`);
    const began = Date.now();
    let lastLogged = 0;
    for (;;) {
      const state = (await page.evaluate(
        '({ report: window.__benchReport, error: window.__benchError, progress: window.__seedProgress })',
      )) as { report?: SeedReport; error?: string; progress?: string };
      if (state.error) throw new Error(`seeding failed: ${state.error}`);
      if (state.report) return state.report;
      if (Date.now() - began > SEED_TIMEOUT_MS) throw new Error('seeding did not finish in time');
      if (state.progress && Date.now() - lastLogged >= 30_000) {
        lastLogged = Date.now();
        log(`seeding: ${state.progress}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  });
}

async function measureGetAll(context: BrowserContext, origin: string): Promise<GetAllReport> {
  return withPage(context, async (page) => {
    await page.goto(`${origin}/bench/getall.html`);
    for (const began = Date.now(); Date.now() - began < ROWS_TIMEOUT_MS;) {
      const report = (await page.evaluate('window.__benchReport')) as GetAllReport | undefined;
      if (report) return report;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`raw getAll did not finish within ${ROWS_TIMEOUT_MS / 1000} s`);
  });
}

/** rAF deltas on an idle page (the raw getAll page, done): how steady frames are here at all. */
async function idleFrames(context: BrowserContext, origin: string) {
  return withPage(context, async (page) => {
    await page.goto(`${origin}/bench/getall.html`);
    await page.evaluate('window.__queueProbe.startFrames()');
    await page.waitForTimeout(Math.ceil((SCROLL_FRAMES * 1000) / 60) + 200);
    const record = (await page.evaluate('window.__queueProbe.stopFrames()')) as FrameRecord;
    return {
      ...frameStats(record.deltas.slice(0, SCROLL_FRAMES)),
      longFrames: record.longFrames.length,
    };
  });
}

/** Navigates to `url` and waits for the probe to see the first data rows of the queue grid. */
async function firstRows(page: Page, url: string, grid: string): Promise<FirstRows> {
  await page.goto(url);
  return expectProbe<FirstRows>(
    page,
    `window.__queueProbe.whenFirstRows(${ROWS_TIMEOUT_MS})`,
    `the ${grid} grid "Escalation queue" did not show rows within ${ROWS_TIMEOUT_MS / 1000} s`,
  );
}

export async function settle(page: Page, quietMs: number, timeoutMs: number): Promise<void> {
  await page.evaluate(`window.__queueProbe.settle(${quietMs}, ${timeoutMs})`);
}

async function scrollRuns(page: Page): Promise<ScrollRecord[]> {
  const runs: ScrollRecord[] = [];
  for (let run = 0; run < SCROLL_RUNS; run++) {
    await page.evaluate(
      `document.querySelector('[role="grid"][aria-label="Escalation queue"]').scrollTop = 0`,
    );
    await settle(page, QUIET_MS, 5_000);
    runs.push(
      (await page.evaluate(
        `window.__queueProbe.scroll(${SCROLL_FRAMES}, ${SCROLL_STEP_PX})`,
      )) as ScrollRecord,
    );
  }
  return runs;
}

/** Per-run stats; the verdict is on the median run by p95 (then max). */
function scrollSummary(runs: ScrollRecord[]) {
  const stats = runs.map((run) => ({
    ...frameStats(run.deltas),
    longFrames: run.longFrames.length,
    scrolledPx: run.endTop - run.startTop,
    wraps: run.wraps,
    rowsInDomAtEnd: run.rowsInDom,
  }));
  const ranked = [...stats].sort((a, b) => a.p95 - b.p95 || a.max - b.max);
  const headline = ranked[Math.floor(ranked.length / 2)]!;
  return {
    p50: headline.p50,
    p95: headline.p95,
    max: headline.max,
    worstMax: Math.max(...stats.map((s) => s.max)),
    runs: stats,
    longestFrames: runs
      .flatMap((run) => run.longFrames)
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 3),
  };
}

interface Operation {
  name: string;
  run(page: Page): Promise<void>;
}

function columnHeader(page: Page, name: string): Locator {
  return page.getByRole('columnheader', { name: new RegExp(`^${name}\\b`, 'i') }).first();
}

/** The sort button in a column header (or the header itself when it is the button). */
async function sortButton(page: Page, name: string): Promise<Locator> {
  const header = columnHeader(page, name);
  const button = header.getByRole('button');
  return (await button.count()) > 0 ? button.first() : header;
}

function queueView(page: Page, name: string): Locator {
  return page
    .getByRole('navigation', { name: 'Queue views' })
    .getByRole('button', { name: new RegExp(`^${name}\\b`, 'i') })
    .first();
}

const search = (page: Page) => page.getByRole('searchbox', { name: 'Search the queue' });

const OPERATIONS: Operation[] = [
  { name: 'sort by Priority', run: async (page) => (await sortButton(page, 'Priority')).click() },
  { name: 'sort by SLA', run: async (page) => (await sortButton(page, 'SLA')).click() },
  {
    name: 'then by Customer (Shift+click)',
    run: async (page) => (await sortButton(page, 'Customer')).click({ modifiers: ['Shift'] }),
  },
  {
    name: 'type "refund" in the search',
    run: (page) => search(page).pressSequentially('refund', { delay: 100 }),
  },
  { name: 'clear the search', run: (page) => search(page).fill('') },
  { name: 'view "Breached"', run: (page) => queueView(page, 'Breached').click() },
  { name: 'view "All open"', run: (page) => queueView(page, 'All open').click() },
];

interface OperationResult {
  name: string;
  maxFrameMs: number;
  maxRafDeltaMs: number;
  longFrames: number;
  frames: number;
  /** When the queue last changed, ms after the recording started (just before the action). */
  settledMs: number;
  rowCount: number | null;
  /** The first rows after the operation, to show it took effect. */
  firstTicketIds: string[];
  longestFrame?: FrameRecord['longFrames'][number];
  error?: string;
}

const rowCountOf = async (page: Page) => {
  const value = await page
    .locator('[role="grid"][aria-label="Escalation queue"]')
    .getAttribute('aria-rowcount');
  return value === null ? null : Number(value);
};

/** Each operation inside a frame recording: act, wait for the grid to change and go quiet. */
async function runOperations(page: Page): Promise<OperationResult[]> {
  const results: OperationResult[] = [];
  for (const operation of OPERATIONS) {
    log(`  ${operation.name}`);
    await page.evaluate('window.__queueProbe.startFrames()');
    let error: string | undefined;
    try {
      await operation.run(page);
      await expectProbe(
        page,
        `window.__queueProbe.whenChanged(${OP_CHANGE_TIMEOUT_MS})`,
        `the queue did not change within ${OP_CHANGE_TIMEOUT_MS / 1000} s`,
      );
      await settle(page, QUIET_MS, OP_CHANGE_TIMEOUT_MS);
    } catch (caught) {
      error = caught instanceof Error ? caught.message.split('\n')[0] : String(caught);
    }
    const record = (await page.evaluate('window.__queueProbe.stopFrames()')) as FrameRecord;
    const maxRaf = Math.max(0, ...record.deltas);
    const longest = [...record.longFrames].sort((a, b) => b.duration - a.duration)[0];
    results.push({
      name: operation.name,
      maxFrameMs: round1(Math.max(maxRaf, longest?.duration ?? 0)),
      maxRafDeltaMs: round1(maxRaf),
      longFrames: record.longFrames.length,
      frames: record.deltas.length,
      settledMs: Math.round(record.lastMutation ?? 0),
      rowCount: await rowCountOf(page).catch(() => null),
      firstTicketIds: await page
        .locator('[role="grid"][aria-label="Escalation queue"] [role="row"][data-ticket-id]')
        .evaluateAll((rows) => rows.slice(0, 3).map((row) => row.getAttribute('data-ticket-id')))
        .then((ids) => ids.filter((id): id is string => id !== null))
        .catch(() => []),
      ...(longest ? { longestFrame: longest } : {}),
      ...(error ? { error } : {}),
    });
  }
  return results;
}

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** Runs the benchmark and returns its result. */
export async function runQueueBenchmark(): Promise<BenchResult> {
  const began = Date.now();
  const bench = await openDeskBench(log);
  const { built, origin, context, chromiumVersion, pageErrors } = bench;
  const appUrl = `${origin}/#/queue`;
  const reactWindowUrl = `${origin}/bench/react-window.html`;
  const errors: Record<string, string> = {};
  const remember = (what: string, error: unknown) => {
    errors[what] = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    log(`${what} failed: ${errors[what]}`);
  };
  try {
    log('checking the seeded desk (the first run seeds 100,000 tickets: several minutes) …');
    const seedBegan = Date.now();
    const seed = await seedDesk(context, origin, built.seedMarker);
    const seedSeconds = Math.round((Date.now() - seedBegan) / 1000);
    log(
      seed.seeded
        ? `seeded ${seed.tickets} tickets (${seed.openTickets} open) in ${seedSeconds} s`
        : `desk already seeded: ${seed.tickets} tickets, ${seed.openTickets} open`,
    );

    // Warm-up (not counted): the HTTP cache, V8's code cache, IndexedDB's own caches, and the
    // app's first start on this desk (its alert engine records what has fired).
    log('warming up …');
    await measureGetAll(context, origin);
    let oursWorks = true;
    try {
      await withPage(context, async (page) => {
        await firstRows(page, appUrl, 'app');
        await settle(page, SETTLED_MS, 30_000);
      });
    } catch (error) {
      oursWorks = false;
      remember('ours', error);
    }
    await withPage(context, (page) => firstRows(page, reactWindowUrl, 'react-window'));

    const getAll: GetAllReport[] = [];
    const ours: FirstRows[] = [];
    const reactWindow: FirstRows[] = [];
    const measures: (() => Promise<void>)[] = [
      async () => void getAll.push(await measureGetAll(context, origin)),
      async () => {
        if (oursWorks) ours.push(await withPage(context, (page) => firstRows(page, appUrl, 'app')));
      },
      async () =>
        void reactWindow.push(
          await withPage(context, (page) => firstRows(page, reactWindowUrl, 'react-window')),
        ),
    ];
    for (let run = 0; run < RUNS; run++) {
      log(`first rows, run ${run + 1} of ${RUNS} …`);
      // Rotate the order so that no contender always follows the same one.
      for (let i = 0; i < measures.length; i++) {
        const which = (run + i) % measures.length;
        try {
          await measures[which]!();
        } catch (error) {
          if (which === 1) oursWorks = false;
          remember(`first rows (${['getAll', 'ours', 'react-window'][which]})`, error);
        }
      }
    }

    log('idle frames …');
    const idle = await idleFrames(context, origin);
    let operations: OperationResult[] = [];
    let oursScroll: ScrollRecord[] = [];
    let startupScroll: ScrollRecord | undefined;
    let alertsReadyAfterMs: number | undefined;
    if (oursWorks) {
      log('sorting, filtering and scrolling the queue …');
      try {
        await withPage(context, async (page) => {
          await firstRows(page, appUrl, 'app');
          // Reported, not judged: scrolling at once, while the desk worker derives every open
          // ticket's alerts (on 2 cores it competes with the page for the CPU).
          await settle(page, QUIET_MS, 5_000);
          startupScroll = (await page.evaluate(
            `window.__queueProbe.scroll(${SCROLL_FRAMES}, ${SCROLL_STEP_PX})`,
          )) as ScrollRecord;
          const waitBegan = Date.now();
          await page.waitForSelector('html[data-alerts-ready]', {
            state: 'attached',
            timeout: 120_000,
          });
          alertsReadyAfterMs = Date.now() - waitBegan;
          await settle(page, SETTLED_MS, 15_000);
          oursScroll = await scrollRuns(page);
          await page.evaluate(
            `document.querySelector('[role="grid"][aria-label="Escalation queue"]').scrollTop = 0`,
          );
          await settle(page, QUIET_MS, 5_000);
          operations = await runOperations(page);
        });
      } catch (error) {
        remember('ours: sort, filter and scroll', error);
      }
    }
    log('scrolling react-window …');
    const peerScroll = await withPage(context, async (page) => {
      await firstRows(page, reactWindowUrl, 'react-window');
      await settle(page, SETTLED_MS, 15_000);
      return scrollRuns(page);
    });

    const peerValue = median(getAll.map((r) => r.doneAt));
    const oursValue = ours.length > 0 ? median(ours.map((r) => r.domAt)) : NaN;
    const ratio = oursValue / peerValue;
    const firstRowsPass = ratio <= TARGET_RATIO;
    const opMax = operations.length > 0 ? Math.max(...operations.map((op) => op.maxFrameMs)) : NaN;
    const operationsPass =
      operations.length === OPERATIONS.length &&
      operations.every((op) => !op.error && op.maxFrameMs <= TARGET_OP_FRAME_MS);
    const ourScroll = oursScroll.length > 0 ? scrollSummary(oursScroll) : undefined;
    const scrollPass =
      ourScroll !== undefined &&
      ourScroll.p95 <= TARGET_SCROLL_P95_MS &&
      ourScroll.max <= SCROLL_MAX_AS_MEASURED_MS;
    const open = seed.openTickets;

    return {
      name: 'queue',
      unit: 'ms',
      ours: round1(oursValue),
      peer: `raw IndexedDB getAll (Chromium ${chromiumVersion})`,
      peerValue: round1(peerValue),
      ratio: Math.round(ratio * 100) / 100,
      target: TARGET_RATIO,
      pass: firstRowsPass && operationsPass && scrollPass,
      details: {
        headline:
          'ms from navigation to the first queue rows in the DOM (median), against the raw getAll of the same open tickets; lower is better: pass when ratio ≤ target',
        verdicts: {
          firstRows: firstRowsPass,
          sortAndFilter: operationsPass,
          scroll: scrollPass,
        },
        desk: {
          tickets: seed.tickets,
          openTickets: open,
          days: DESK.days,
          now: new Date(DESK.now).toISOString(),
          seededThisRun: seed.seeded,
          marker: seed.marker,
          seedSeconds: seed.seeded ? seedSeconds : null,
          ...(seed.events === null ? {} : { events: seed.events }),
        },
        chromium: chromiumVersion,
        headless: true,
        viewport: VIEWPORT,
        runs: RUNS,
        firstRows: {
          what: 'performance.now() (ms since navigation start) when the first [role=row][data-ticket-id] is in the grid; paintedAt = after the next frame rendered',
          ours: {
            domAt: ours.map((r) => round1(r.domAt)),
            paintedAtMedian: ours.length ? round1(median(ours.map((r) => r.paintedAt))) : null,
            rowsInDom: ours[0]?.rowsInDom ?? null,
            startupOfMedianRun: ours.find((r) => r.domAt === oursValue)?.startup ?? null,
            rowCount: ours[0]?.rowCount ?? null,
          },
          rawGetAll: {
            doneAt: getAll.map((r) => round1(r.doneAt)),
            openTickets: getAll[0]?.openTickets ?? null,
            what: 'indexedDB.open + one index("status").getAll per open status in one transaction, no rendering',
          },
          reactWindow: {
            median: reactWindow.length ? round1(median(reactWindow.map((r) => r.domAt))) : null,
            domAt: reactWindow.map((r) => round1(r.domAt)),
            what: 'raw IndexedDB reads of the open tickets, customers, people and their SLA rows (the open index, as the app), sorted by due time, in a react-window List of 36 px rows',
          },
        },
        sortAndFilter: {
          target: `no frame over ${TARGET_OP_FRAME_MS} ms (max of rAF deltas and long-animation-frame durations)`,
          maxFrameMs: opMax,
          operations,
        },
        scroll: {
          target: `p95 ≤ ${TARGET_SCROLL_P95_MS} ms and max ≤ ${TARGET_SCROLL_MAX_MS} ms, on the median of ${SCROLL_RUNS} runs (by p95); at 60 Hz frames are whole vsyncs, so max ≤ ${TARGET_SCROLL_MAX_MS} ms is read as at most one missed vsync (≤ ${SCROLL_MAX_AS_MEASURED_MS} ms)`,
          method: `${SCROLL_FRAMES} frames, scrollTop += ${SCROLL_STEP_PX} px in each requestAnimationFrame; frame time = delta of rAF timestamps; judged once start-up's alert work is done (html[data-alerts-ready])`,
          idlePage: idle,
          duringStartup: startupScroll
            ? {
                what: 'one run right after the first rows, while the desk worker derives every open ticket’s alerts (not judged)',
                ...frameStats(startupScroll.deltas),
                longFrames: startupScroll.longFrames.length,
                alertsReadyAfterMs: alertsReadyAfterMs ?? null,
              }
            : null,
          ours: ourScroll ?? null,
          reactWindow: { version: packageVersion('react-window'), ...scrollSummary(peerScroll) },
        },
        errors,
        pageErrors: pageErrors.slice(0, 10),
        benchSeconds: Math.round((Date.now() - began) / 1000),
        loadAverage: bench.loadAverage(),
      },
    };
  } finally {
    await bench.close();
  }
}
