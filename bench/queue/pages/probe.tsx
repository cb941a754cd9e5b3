// In-page measurements, injected into every bench page before its own scripts (Playwright
// addInitScript), as window.__queueProbe. Built as one classic script (see bench/queue/build.ts).
import {
  DATA_ROW_SELECTOR,
  GRID_SELECTOR,
  type FirstRows,
  type FrameRecord,
  type LongFrame,
  type QueueProbe,
  type ScrollRecord,
} from '../protocol';

/** The parts of a PerformanceLongAnimationFrameTiming entry read here. */
interface LongAnimationFrameEntry extends PerformanceEntry {
  blockingDuration: number;
  /** 0 when the frame did not render. */
  renderStart: number;
  styleAndLayoutStart: number;
  scripts: {
    invoker: string;
    duration: number;
    sourceURL: string;
    sourceFunctionName: string;
  }[];
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

function grid(): HTMLElement | null {
  return document.querySelector<HTMLElement>(GRID_SELECTOR);
}

/** What to watch for changes: the app's main content (a view may replace the grid), else the grid. */
function content(): Node {
  return document.getElementById('main-content') ?? grid() ?? document;
}

const WATCH_ALL = { subtree: true, childList: true, attributes: true, characterData: true };

function summarize(entry: LongAnimationFrameEntry): LongFrame {
  const end = entry.startTime + entry.duration;
  return {
    startTime: Math.round(entry.startTime),
    duration: Math.round(entry.duration * 10) / 10,
    blockingDuration: Math.round(entry.blockingDuration),
    renderMs: entry.renderStart ? Math.round(end - entry.renderStart) : 0,
    styleAndLayoutMs: entry.styleAndLayoutStart ? Math.round(end - entry.styleAndLayoutStart) : 0,
    scripts: [...entry.scripts]
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 3)
      .map((script) => ({
        invoker: script.invoker,
        duration: Math.round(script.duration),
        source: `${script.sourceFunctionName}@${script.sourceURL.replace(location.origin, '')}`,
      })),
  };
}

/** Records rAF deltas, long animation frames and grid mutations until `stop`. */
function recordFrames() {
  const began = performance.now();
  const deltas: number[] = [];
  const longFrames: LongFrame[] = [];
  let lastMutation: number | null = null;
  let mutations = 0;
  let running = true;
  let previous: number | undefined;
  const tick = (time: number) => {
    if (!running) return;
    if (previous !== undefined) deltas.push(time - previous);
    previous = time;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const frames = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      longFrames.push(summarize(entry as LongAnimationFrameEntry));
  });
  frames.observe({ type: 'long-animation-frame', buffered: false });
  const changes = new MutationObserver((records) => {
    mutations += records.length;
    lastMutation = performance.now() - began;
  });
  changes.observe(content(), WATCH_ALL);
  return {
    mutations: () => mutations,
    async stop(): Promise<FrameRecord> {
      // Long-frame entries arrive after their frame: let the last one be reported.
      await nextFrame();
      await new Promise((resolve) => setTimeout(resolve, 0));
      running = false;
      for (const entry of frames.takeRecords())
        longFrames.push(summarize(entry as LongAnimationFrameEntry));
      frames.disconnect();
      changes.disconnect();
      return {
        deltas,
        longFrames,
        elapsed: performance.now() - began,
        lastMutation,
        mutations,
      };
    },
  };
}

let recording: ReturnType<typeof recordFrames> | undefined;
const firstRowsWaiters: ((firstRows: FirstRows) => void)[] = [];

/** Polls `value` every 25 ms until it is not undefined, or resolves `fallback` after `timeoutMs`. */
function poll<T>(value: () => T | undefined, timeoutMs: number, fallback: T): Promise<T> {
  const began = performance.now();
  return new Promise((resolve) => {
    const check = () => {
      const current = value();
      if (current !== undefined) resolve(current);
      else if (performance.now() - began >= timeoutMs) resolve(fallback);
      else setTimeout(check, 25);
    };
    check();
  });
}

const probe: QueueProbe = {
  firstRows: null,

  whenFirstRows(timeoutMs) {
    if (probe.firstRows) return Promise.resolve(probe.firstRows);
    return new Promise((resolve) => {
      firstRowsWaiters.push(resolve);
      setTimeout(() => resolve(null), timeoutMs);
    });
  },

  whenChanged(timeoutMs) {
    return poll(() => ((recording?.mutations() ?? 0) > 0 ? true : undefined), timeoutMs, false);
  },

  startFrames() {
    recording = recordFrames();
  },

  mutationsSoFar() {
    return recording?.mutations() ?? 0;
  },

  async stopFrames() {
    if (!recording) throw new Error('stopFrames without startFrames');
    const record = await recording.stop();
    recording = undefined;
    return record;
  },

  settle(quietMs, timeoutMs) {
    const began = performance.now();
    let last = began;
    const changes = new MutationObserver(() => (last = performance.now()));
    changes.observe(content(), WATCH_ALL);
    return new Promise((resolve) => {
      const check = () => {
        const now = performance.now();
        const timedOut = now - began >= timeoutMs;
        if (now - last >= quietMs || timedOut) {
          changes.disconnect();
          resolve({ waited: now - began, timedOut });
        } else setTimeout(check, 25);
      };
      setTimeout(check, 25);
    });
  },

  async scroll(frameCount, step) {
    const element = grid();
    if (!element) throw new Error(`no ${GRID_SELECTOR} to scroll`);
    const startTop = element.scrollTop;
    let wraps = 0;
    const record = recordFrames();
    // Positions kept here rather than read back, so no frame forces a layout before its own.
    const bottom = element.scrollHeight - element.clientHeight;
    let top = startTop;
    await new Promise<void>((resolve) => {
      let frame = 0;
      const tick = () => {
        if (frame === frameCount) {
          resolve();
          return;
        }
        frame++;
        if (top + step > bottom) {
          top = 0;
          wraps++;
        } else top += step;
        element.scrollTop = top;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    // The recorder's own rAF loop saw one more frame than the scroll drove; keep exactly frameCount.
    const result = await record.stop();
    const scrolled: ScrollRecord = {
      ...result,
      deltas: result.deltas.slice(0, frameCount),
      startTop,
      endTop: element.scrollTop,
      wraps,
      rowsInDom: element.querySelectorAll(DATA_ROW_SELECTOR).length,
      scrollHeight: element.scrollHeight,
    };
    return scrolled;
  },
};

/** Watches the document for the grid's first data row, from before the page's scripts run. */
function watchFirstRows(): void {
  const startup: LongFrame[] = [];
  const frames = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      startup.push(summarize(entry as LongAnimationFrameEntry));
  });
  frames.observe({ type: 'long-animation-frame', buffered: true });
  const seen = new MutationObserver(() => {
    const target = grid();
    const rows = target?.querySelectorAll(DATA_ROW_SELECTOR);
    if (!target || !rows || rows.length === 0) return;
    seen.disconnect();
    const domAt = performance.now();
    const rowCount = target.getAttribute('aria-rowcount');
    // After the next frame's rendering: a task posted from its requestAnimationFrame callback.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        for (const entry of frames.takeRecords())
          startup.push(summarize(entry as LongAnimationFrameEntry));
        frames.disconnect();
        const before = startup.filter((frame) => frame.startTime < domAt);
        const firstRows: FirstRows = {
          startup: {
            longFrames: before.length,
            longFrameMs: Math.round(before.reduce((sum, frame) => sum + frame.duration, 0)),
            longest: [...before].sort((a, b) => b.duration - a.duration).slice(0, 3),
          },
          domAt,
          paintedAt: performance.now(),
          rowsInDom: rows.length,
          rowCount: rowCount === null ? null : Number(rowCount),
        };
        probe.firstRows = firstRows;
        for (const waiter of firstRowsWaiters.splice(0)) waiter(firstRows);
      };
      channel.port2.postMessage(null);
    });
  });
  seen.observe(document, { childList: true, subtree: true });
}

watchFirstRows();
(window as unknown as { __queueProbe: QueueProbe }).__queueProbe = probe;
