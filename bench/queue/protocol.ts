// What the in-page probe and the bench pages hand back to bench/queue.ts (no DOM types here: the
// harness is type-checked for Node, the pages for the browser).

/** The app's IndexedDB database (src/renderer/src/db/database.ts; the seed page checks it). */
export const DESK_DATABASE = 'escalation-desk';

/** The grid the benchmark measures: the app's queue, and the react-window page's copy of it. */
export const GRID_SELECTOR = '[role="grid"][aria-label="Escalation queue"]';
/** A data row of that grid (the header row has no ticket id). */
export const DATA_ROW_SELECTOR = '[role="row"][data-ticket-id]';

/** The desk the seed page writes; a change here makes the next run seed again. */
export const DESK = {
  ticketCount: 100_000,
  days: 160,
  now: Date.UTC(2026, 10, 27, 12),
} as const;

/** When the first data row appeared, in ms since navigation start (performance.now()). */
export interface FirstRows {
  /** The mutation that put the first data row into the grid. */
  domAt: number;
  /** After the next frame was rendered (a task posted from its requestAnimationFrame). */
  paintedAt: number;
  /** Data rows in the DOM at that moment. */
  rowsInDom: number;
  /** The grid's aria-rowcount then, if it has one. */
  rowCount: number | null;
  /** Long animation frames that began before the first rows: the page's start-up, in brief. */
  startup: { longFrames: number; longFrameMs: number; longest: LongFrame[] };
}

/** A long animation frame (over 50 ms), in brief. */
export interface LongFrame {
  startTime: number;
  duration: number;
  blockingDuration: number;
  /** Rendering at the end of the frame (style, layout, paint), ms; the rest is tasks and scripts. */
  renderMs: number;
  /** Of which style and layout, ms. */
  styleAndLayoutMs: number;
  /** The longest scripts of the frame: who ran them and for how long. */
  scripts: { invoker: string; duration: number; source: string }[];
}

/** Frames recorded over an interval: rAF timestamp deltas and long animation frames. */
export interface FrameRecord {
  /** Delta between consecutive requestAnimationFrame timestamps, ms. */
  deltas: number[];
  longFrames: LongFrame[];
  /** Interval length, ms. */
  elapsed: number;
  /** When the queue's content last changed, ms after the recording started; null when it never did. */
  lastMutation: number | null;
  mutations: number;
}

/** A scroll of the grid, one step per frame. */
export interface ScrollRecord extends FrameRecord {
  startTop: number;
  endTop: number;
  /** Times the scroll reached the bottom and started again at the top. */
  wraps: number;
  /** Data rows in the DOM at the end. */
  rowsInDom: number;
  scrollHeight: number;
}

/** What the seed page reports. */
export interface SeedReport {
  seeded: boolean;
  tickets: number;
  openTickets: number;
  /** Events written; null when the desk was already seeded. */
  events: number | null;
  ms: number;
  marker: string;
}

/** What the raw getAll page reports. */
export interface GetAllReport {
  /** performance.now() when the read transaction completed. */
  doneAt: number;
  openTickets: number;
}

/** The probe's API on window.__queueProbe. */
export interface QueueProbe {
  firstRows: FirstRows | null;
  /** Resolves with the first rows once they are painted, or null after `timeoutMs`. */
  whenFirstRows(timeoutMs: number): Promise<FirstRows | null>;
  /** Resolves true once the queue's content changed since startFrames, false after `timeoutMs`. */
  whenChanged(timeoutMs: number): Promise<boolean>;
  startFrames(): void;
  stopFrames(): Promise<FrameRecord>;
  /** Mutations of the queue's content since startFrames. */
  mutationsSoFar(): number;
  /** Resolves once the grid has not changed for `quietMs` (or after `timeoutMs`). */
  settle(quietMs: number, timeoutMs: number): Promise<{ waited: number; timedOut: boolean }>;
  scroll(frames: number, step: number): Promise<ScrollRecord>;
}

/** When the react-window page had opened the database and read its rows (performance.now()). */
export interface ReactWindowPhases {
  opened: number;
  read: number;
  /** SLA rows read. */
  sla: number;
}

/** One run of the reports page: the raw read (peer) and every KPI computed from it (ours). */
export interface ReportsRun {
  readMs: number;
  /** Facts of every ticket, recurrences, and four reports (whole history and 30 days, each with its previous period). */
  ms: number;
  factsMs: number;
  recurrenceMs: number;
  reportsMs: number;
  ticketsInWholeReport: number;
  tickets: number;
  events: number;
  slaRows: number;
}

/** What the reports page reports. */
export interface ReportsComputeReport {
  runs: ReportsRun[];
}
