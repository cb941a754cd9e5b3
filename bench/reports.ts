// Reports on the queue benchmark's desk (100,000 tickets, ~1.4 million events) in headless
// Chromium. Headline: the time to compute every KPI from the desk's records (facts per ticket,
// recurrences, the whole history and the last 30 days each with its previous period) against the
// time to read those records from IndexedDB with raw getAll, in the same page, runs alternating;
// pass when ours ≤ 0.5 × peer. Also: the app's Reports view is opened on the same desk and every
// main-thread frame is recorded while its worker reads and computes; pass when none is over 50 ms.
// The desk is the queue benchmark's (same origin, same persistent profile): seeded once, and again
// when the code that decides its rows changes. Environment: as bench/queue.ts.
import type { Page } from '@playwright/test';
import { SETTLED_MS, seedDesk, settle, withPage } from './queue';
import { median, openDeskBench, round1 } from './queue/harness';
import { DESK, type FrameRecord, type ReportsComputeReport } from './queue/protocol';
import type { BenchResult } from './result';

const RUNS = 3;
const TARGET_RATIO = 0.5;
const TARGET_TASK_MS = 50;
const COMPUTE_TIMEOUT_MS = 10 * 60_000;
const REPORT_TIMEOUT_MS = 5 * 60_000;

const log = (message: string) => console.error(`reports: ${message}`);

interface LongTask {
  startTime: number;
  duration: number;
}

const roundTask = (task: LongTask) => ({
  startTime: round1(task.startTime),
  duration: round1(task.duration),
});

async function computePage(page: Page, origin: string, runs: number) {
  await page.goto(`${origin}/bench/reports.html?runs=${runs}`);
  const began = Date.now();
  for (;;) {
    const state = (await page.evaluate(
      '({ report: window.__benchReport, error: window.__benchError })',
    )) as { report?: ReportsComputeReport; error?: string };
    if (state.error) throw new Error(`the reports page failed: ${state.error}`);
    if (state.report) return state.report;
    if (Date.now() - began > COMPUTE_TIMEOUT_MS) throw new Error('the reports page did not finish');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * Opens the app on Settings, waits for start-up to finish, then goes to Reports and records every
 * frame until the report is on screen. `report:received` (a performance mark the page sets when
 * the worker's answer arrives) splits the frames: before it the worker was reading and computing.
 */
async function appReport(page: Page, origin: string) {
  await page.goto(`${origin}/#/settings`);
  log('waiting for the app to finish starting up (alerts derived) …');
  await page.waitForSelector('html[data-alerts-ready]', { state: 'attached', timeout: 180_000 });
  await settle(page, SETTLED_MS, 20_000);
  log('opening Reports and recording frames …');
  await page.evaluate(`{
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const task of list.getEntries())
        window.__longTasks.push({ startTime: task.startTime, duration: task.duration });
    }).observe({ type: 'longtask' });
  }`);
  await page.evaluate('window.__queueProbe.startFrames()');
  const clickedAt = (await page.evaluate('performance.now()')) as number;
  await page.getByRole('link', { name: /^Reports/ }).click({ timeout: 10_000 });
  await page.waitForSelector('[data-report-status="ready"]', {
    state: 'attached',
    timeout: REPORT_TIMEOUT_MS,
  });
  log('the report is on screen');
  await settle(page, SETTLED_MS, 20_000);
  const record = (await page.evaluate('window.__queueProbe.stopFrames()')) as FrameRecord;
  const receivedAt = (await page.evaluate(
    `performance.getEntriesByName('report:received').map((mark) => mark.startTime)`,
  )) as number[];
  const computedAt = receivedAt[0] ?? Number.POSITIVE_INFINITY;
  const tasks = (await page.evaluate('window.__longTasks')) as LongTask[];
  const tasksDuring = tasks.filter((task) => task.startTime < computedAt);
  const tasksAfter = tasks.filter((task) => task.startTime >= computedAt);
  const during = record.longFrames.filter(
    (frame) => frame.startTime + frame.duration <= computedAt,
  );
  const after = record.longFrames.filter((frame) => frame.startTime + frame.duration > computedAt);
  const shown = (await page.evaluate(
    `document.querySelector('[data-report-status="ready"]')?.getAttribute('data-report-tickets')`,
  )) as string | null;
  return {
    computingMs: round1(computedAt - clickedAt),
    frames: record.deltas.length,
    longestFrameDuringMs: round1(Math.max(0, ...during.map((frame) => frame.duration))),
    longTasksDuring: tasksDuring.map(roundTask),
    longTasksAfter: tasksAfter.map(roundTask),
    longFramesDuring: during,
    longFramesAfter: after,
    ticketsShown: shown === null ? null : Number(shown),
  };
}

export async function runReportsBenchmark(): Promise<BenchResult> {
  const began = Date.now();
  const bench = await openDeskBench(log);
  const { built, origin, context, chromiumVersion, pageErrors } = bench;
  try {
    log('checking the seeded desk (the first run seeds 100,000 tickets: a quarter of an hour) …');
    const seed = await seedDesk(context, origin, built.seedMarker);
    log(`desk: ${seed.tickets} tickets, ${seed.openTickets} open`);

    log('warming up (one read and compute, not counted) …');
    await withPage(context, (page) => computePage(page, origin, 1));
    log(`reading and computing, ${RUNS} runs …`);
    const computed = await withPage(context, (page) => computePage(page, origin, RUNS));
    log('opening Reports in the app …');
    let app: Awaited<ReturnType<typeof appReport>> | undefined;
    let appError: string | undefined;
    try {
      app = await withPage(context, (page) => appReport(page, origin));
    } catch (error) {
      appError = error instanceof Error ? error.message.split('\n')[0] : String(error);
      log(`the app's report failed: ${appError}`);
    }

    const runs = computed.runs;
    const peerValue = median(runs.map((run) => run.readMs));
    const oursValue = median(runs.map((run) => run.ms));
    const ratio = oursValue / peerValue;
    const computePass = ratio <= TARGET_RATIO;
    const mainThreadPass = app !== undefined && app.longTasksDuring.length === 0;
    return {
      name: 'reports',
      unit: 'ms',
      ours: round1(oursValue),
      peer: `reading the same records with raw IndexedDB getAll (Chromium ${chromiumVersion})`,
      peerValue: round1(peerValue),
      ratio: Math.round(ratio * 1000) / 1000,
      target: TARGET_RATIO,
      pass: computePass && mainThreadPass,
      details: {
        headline: `ms to compute every KPI from the desk's records (median of ${RUNS}), against the ms to read those records from IndexedDB; lower is better: pass when ratio ≤ target and no main-thread frame over ${TARGET_TASK_MS} ms while the app computes a report`,
        verdicts: { compute: computePass, mainThread: mainThreadPass },
        desk: {
          tickets: runs[0]?.tickets ?? null,
          events: runs[0]?.events ?? null,
          slaRows: runs[0]?.slaRows ?? null,
          openTickets: seed.openTickets,
          days: DESK.days,
          now: new Date(DESK.now).toISOString(),
          seededThisRun: seed.seeded,
          marker: seed.marker,
        },
        compute: {
          what: 'facts of every ticket from its record, log and SLA row (business time in its policy calendar), recurrences within 30 days, then four reports: the whole history by week and the last 30 days by day, each with its previous period (Europe/London)',
          peer: 'tickets, events, ticketSla, policies and calendars read with objectStore.getAll in pages of 100,000, the stores in parallel',
          runs: runs.map((run) => ({
            readMs: round1(run.readMs),
            computeMs: round1(run.ms),
            factsMs: round1(run.factsMs),
            recurrenceMs: round1(run.recurrenceMs),
            reportsMs: round1(run.reportsMs),
            ticketsInWholeReport: run.ticketsInWholeReport,
          })),
        },
        app: app
          ? {
              what: `the app opened on Settings; once start-up settled, Reports was clicked and the main thread watched until the report showed. Judged: long tasks (PerformanceLongTaskTiming, over ${TARGET_TASK_MS} ms) that began before the worker's answer arrived (the performance mark report:received). Reported: long animation frames, and the long tasks that render the result`,
              computingMs: app.computingMs,
              longTasksWhileComputing: app.longTasksDuring,
              longTasksRenderingTheResult: app.longTasksAfter,
              longestFrameWhileComputingMs: app.longestFrameDuringMs,
              ticketsShown: app.ticketsShown,
              framesRecorded: app.frames,
              longFramesWhileComputing: app.longFramesDuring,
              longFramesRenderingTheResult: app.longFramesAfter,
            }
          : { error: appError ?? 'not run' },
        chromium: chromiumVersion,
        headless: true,
        pageErrors: pageErrors.slice(0, 10),
        benchSeconds: Math.round((Date.now() - began) / 1000),
        loadAverage: bench.loadAverage(),
      },
    };
  } finally {
    await bench.close();
  }
}
