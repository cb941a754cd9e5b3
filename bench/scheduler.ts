// The deadline scheduler (src/core/scheduler) against one `setTimeout` per deadline kept in a
// Map<key, Timeout> (so it can be cancelled and rescheduled: the fair equivalent), in one process,
// on the same 100k deadlines; the baseline in two forms, a closure per timer (pass/fail) and a shared
// callback with the payload as argument (reported). The deadlines follow the demo desk's
// distribution: a 100k-ticket demo desk is generated, every open ticket's upcoming timers are
// derived (SLA warnings and breaches, escalation levels and repeats) and 100k offsets are drawn from
// those timers' offsets. Measured: scheduling all, rescheduling 10k, draining, retained memory, and
// the firing lag of 1,000 deadlines over ~2 s with 100k pending and rescheduling going on.
import v8 from 'node:v8';
import vm from 'node:vm';
import { deriveSlaState, evaluateEscalation, slaEventsOf, type DeskEvent } from '../src/core';
import { DemoRandom, generateDemoReference, generateDemoTickets } from '../src/core/demo';
import { DeadlineScheduler, type Deadline, type SchedulerClock } from '../src/core/scheduler';
import type { BenchResult } from './result';

const DEADLINES = 100_000;
const RESCHEDULES = 10_000;
const DEMO_TICKETS = 100_000;
/** A Monday morning in the desk's time zone: office-hours clocks are running. */
const DEMO_NOW = Date.UTC(2025, 5, 2, 8, 0);
const SEED = 20_250_602;
const WARMUP_PASSES = 3;
const SETTLE_MS = 150;
const TIMING_PASSES = 11;
const MEMORY_PASSES = 5;
const PROBES = 1_000;
const PROBE_LEAD_MS = 200;
const PROBE_WINDOW_MS = 2_000;
const LAG_ROUNDS = 3;
const CHURN_EVERY_MS = 20;
const CHURN_BATCH = 100;
const TARGET_RATIO = 10;
const TARGET_P99_LAG_MS = 10;
/** Far enough ahead that every deadline is due (the demo's timers end within ~15 days). */
const DRAIN_JUMP_MS = 400 * 86_400_000;
const TIMEOUT_MAX = 2 ** 31 - 1;

interface TimerPayload {
  ticketId: string;
  kind: string;
}

interface Workload {
  keys: string[];
  payloads: TimerPayload[];
  /** Offset from "now" of each deadline, ms. */
  offsets: Float64Array;
  /** Which deadlines are rescheduled, and their new offsets. */
  rescheduled: Int32Array;
  newOffsets: Float64Array;
  distribution: Record<string, unknown>;
}

/** A wall clock with sub-millisecond precision (for the firing lag). */
function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * The real clock, plus a skew the drain measurement uses to jump past every deadline. Whole
 * milliseconds until the lag measurement: Node stores a Timeout's delay in a field that, once any
 * timer gets a fractional delay, takes a boxed double in every Timeout (~30 B more each), which
 * would inflate the baseline. One clock and one fire handler serve every pass: V8's optimised code
 * refers to the exact functions it calls, and new ones per pass would leave each pass cold.
 */
const clock: SchedulerClock & { skewMs: number; precise: boolean } = {
  skewMs: 0,
  precise: false,
  now: () => (clock.precise ? preciseNow() : Date.now()) + clock.skewMs,
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

let firedCount = 0;
const countFired = (due: Deadline<TimerPayload>[]): void => {
  firedCount += due.length;
};

/** `gc()`, from --expose-gc when given, else by turning the flag on for a fresh context. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const gc = collector();

/**
 * A full collection, then a pause so that its background work (sweeping ~35 MB after a baseline
 * pass, on a 2-core machine) does not run during the next timed step.
 */
async function settle(): Promise<void> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

/** Live bytes: the JS heap plus ArrayBuffer and other external memory, after a full collection. */
function liveBytes(): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/** Bytes held while 100k small objects are alive (they are garbage once this returns). */
function heldByGarbage(before: number): number {
  const garbage = Array.from({ length: 100_000 }, (_, index) => ({ index }));
  const held = liveBytes() - before;
  return garbage.length > 0 ? held : 0;
}

/** Proves that `gc()` collects: 100k dropped objects must not stay counted. */
function checkCollector(): number {
  const before = liveBytes();
  const held = heldByGarbage(before);
  const left = liveBytes() - before;
  if (held < 2_000_000 || left > held / 10) {
    throw new Error(`gc() does not collect (held ${held} B, left ${left} B)`);
  }
  return held - left;
}

function quantile(sorted: ArrayLike<number>, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;
const HOUR_MS = 3_600_000;

/** The upcoming timers of every open ticket of a 100k-ticket demo desk, as offsets from its now. */
function demoTimers(): {
  offsets: Float64Array;
  suffixes: string[];
  info: Record<string, unknown>;
} {
  const reference = generateDemoReference({ ticketCount: DEMO_TICKETS, now: DEMO_NOW });
  const calendars = new Map(reference.calendars.map((entry) => [entry.id, entry.calendar]));
  const resolveCalendar = (id: string) => calendars.get(id);
  const offsets: number[] = [];
  const suffixes: string[] = [];
  const kinds: Record<string, number> = {};
  let openTickets = 0;
  for (const batch of generateDemoTickets(reference)) {
    const eventsOf = new Map<string, DeskEvent[]>();
    for (const event of batch.events) {
      const events = eventsOf.get(event.ticketId);
      if (events) events.push(event);
      else eventsOf.set(event.ticketId, [event]);
    }
    const firedOf = new Map<string, Set<string>>();
    for (const alert of batch.firedAlerts) {
      const fired = firedOf.get(alert.ticketId);
      if (fired) fired.add(alert.key);
      else firedOf.set(alert.ticketId, new Set([alert.key]));
    }
    for (const ticket of batch.tickets) {
      if (ticket.status === 'resolved' || ticket.status === 'closed') continue;
      openTickets++;
      const events = eventsOf.get(ticket.id) ?? [];
      let since = ticket.createdAt;
      for (const event of events) {
        if (event.type === 'escalated' || event.type === 'de_escalated') since = event.at;
      }
      const sla = deriveSlaState(slaEventsOf(events), reference.policies, DEMO_NOW, {
        resolveCalendar,
      });
      const { upcoming } = evaluateEscalation(
        {
          ...(ticket.level > 0 ? { level: { number: ticket.level, since } } : {}),
          firedKeys: firedOf.get(ticket.id) ?? new Set(),
        },
        reference.matrix,
        sla,
        DEMO_NOW,
      );
      for (const timer of upcoming) {
        offsets.push(timer.at - DEMO_NOW);
        suffixes.push(timer.key.slice(ticket.id.length));
        kinds[timer.kind] = (kinds[timer.kind] ?? 0) + 1;
      }
    }
  }
  const sorted = Float64Array.from(offsets).sort();
  const hours = (q: number) => round1(quantile(sorted, q) / HOUR_MS);
  return {
    offsets: sorted,
    suffixes,
    info: {
      demo: `generateDemoReference({ ticketCount: ${DEMO_TICKETS}, now: ${new Date(DEMO_NOW).toISOString()} }), default seed`,
      openTickets,
      upcomingTimers: sorted.length,
      distinctOffsets: new Set(sorted).size,
      kinds,
      offsetHours: {
        min: hours(0),
        p10: hours(0.1),
        p50: hours(0.5),
        p90: hours(0.9),
        p99: hours(0.99),
        max: hours(1),
      },
    },
  };
}

/**
 * 100k deadlines from the demo timers: offsets by the inverse of their empirical distribution
 * (interpolated between neighbouring values, so resampling does not invent equal durations), key
 * shapes from real keys (`ESC-<n>` + a real timer's suffix, each ticket number used once).
 */
function makeWorkload(): Workload {
  const { offsets: empirical, suffixes, info } = demoTimers();
  const random = new DemoRandom(SEED, 1);
  const draw = (): number => {
    const x = random.next() * (empirical.length - 1);
    const i = Math.floor(x);
    const low = empirical[i]!;
    const high = empirical[Math.min(i + 1, empirical.length - 1)]!;
    return Math.max(1, Math.round(low + (high - low) * (x - i)));
  };
  const keys: string[] = [];
  const payloads: TimerPayload[] = [];
  const offsets = new Float64Array(DEADLINES);
  for (let i = 0; i < DEADLINES; i++) {
    const ticketId = `ESC-${200_001 + i}`;
    const suffix = random.pick(suffixes);
    keys.push(`${ticketId}${suffix}`);
    payloads.push({ ticketId, kind: suffix.split(':')[1] ?? '' });
    offsets[i] = draw();
  }
  const chosen = new Set<number>();
  while (chosen.size < RESCHEDULES) chosen.add(random.int(0, DEADLINES - 1));
  const rescheduled = Int32Array.from(chosen);
  const newOffsets = Float64Array.from(rescheduled, () => draw());
  if ([...offsets, ...newOffsets].some((offset) => offset > TIMEOUT_MAX)) {
    throw new Error('a deadline is beyond setTimeout’s limit');
  }
  const distribution = { ...info, sampledDistinctOffsets: new Set(offsets).size };
  return { keys, payloads, offsets, rescheduled, newOffsets, distribution };
}

interface PassTimes {
  scheduleMs: number;
  rescheduleMs: number;
  drainMs: number;
}

const noop = (): void => {};
/** The baseline's timer callback: it gets the deadline's payload, as a real one would. */
const ignorePayload = (_payload: TimerPayload): void => {};

/**
 * The two ways to give each deadline its own timer: a closure per deadline (what the desk would
 * write, and what was measured before this benchmark), or one shared callback with the payload as
 * setTimeout's extra argument (leaner: an argument array instead of a closure and its context).
 */
const BASELINES = {
  closure: (delayMs: number, payload: TimerPayload): NodeJS.Timeout =>
    setTimeout(() => ignorePayload(payload), delayMs),
  lean: (delayMs: number, payload: TimerPayload): NodeJS.Timeout =>
    setTimeout(ignorePayload, delayMs, payload),
};
type BaselineForm = keyof typeof BASELINES;

/** Ours: upsert all, upsert 10k with new times, then jump the clock past the last and recheck. */
async function oursPass(work: Workload): Promise<PassTimes> {
  const { keys, payloads, offsets, rescheduled, newOffsets } = work;
  firedCount = 0;
  await settle();
  let began = performance.now();
  const scheduler = new DeadlineScheduler<TimerPayload>(clock, countFired);
  const base = clock.now();
  for (let i = 0; i < DEADLINES; i++) scheduler.upsert(keys[i]!, base + offsets[i]!, payloads[i]!);
  const scheduleMs = performance.now() - began;
  await settle();
  began = performance.now();
  const rebase = clock.now();
  for (let r = 0; r < RESCHEDULES; r++) {
    const i = rescheduled[r]!;
    scheduler.upsert(keys[i]!, rebase + newOffsets[r]!, payloads[i]!);
  }
  const rescheduleMs = performance.now() - began;
  await settle();
  clock.skewMs = DRAIN_JUMP_MS;
  began = performance.now();
  scheduler.recheck();
  const drainMs = performance.now() - began;
  clock.skewMs = 0;
  scheduler.stop();
  if (firedCount !== DEADLINES || scheduler.size !== 0) throw new Error(`fired ${firedCount}`);
  return { scheduleMs, rescheduleMs, drainMs };
}

/** Ours at start-up: replaceAll with every deadline (the objects are built before timing). */
async function oursReplaceAllPass(work: Workload): Promise<number> {
  const base = clock.now();
  const deadlines = work.keys.map((key, i) => ({
    key,
    at: base + work.offsets[i]!,
    payload: work.payloads[i]!,
  }));
  await settle();
  const began = performance.now();
  const scheduler = new DeadlineScheduler<TimerPayload>(clock, countFired);
  scheduler.replaceAll(deadlines);
  const replaceAllMs = performance.now() - began;
  scheduler.stop();
  if (scheduler.size !== DEADLINES) throw new Error(`replaceAll kept ${scheduler.size}`);
  return replaceAllMs;
}

/** Baseline: setTimeout each, clearTimeout + setTimeout 10k, then clearTimeout all (see details). */
async function baselinePass(work: Workload, form: BaselineForm): Promise<PassTimes> {
  const { keys, payloads, offsets, rescheduled, newOffsets } = work;
  const startTimer = BASELINES[form];
  await settle();
  let began = performance.now();
  const handles = new Map<string, NodeJS.Timeout>();
  for (let i = 0; i < DEADLINES; i++) handles.set(keys[i]!, startTimer(offsets[i]!, payloads[i]!));
  const scheduleMs = performance.now() - began;
  await settle();
  began = performance.now();
  for (let r = 0; r < RESCHEDULES; r++) {
    const i = rescheduled[r]!;
    const key = keys[i]!;
    clearTimeout(handles.get(key));
    handles.set(key, startTimer(newOffsets[r]!, payloads[i]!));
  }
  const rescheduleMs = performance.now() - began;
  await settle();
  began = performance.now();
  for (const handle of handles.values()) clearTimeout(handle);
  handles.clear();
  const drainMs = performance.now() - began;
  return { scheduleMs, rescheduleMs, drainMs };
}

/** Retained bytes with all deadlines scheduled (keys and payloads exist beforehand, not counted). */
async function oursMemory(work: Workload): Promise<{ bytes: number; cancelAllMs: number }> {
  const before = liveBytes();
  const scheduler = new DeadlineScheduler<TimerPayload>(clock, countFired);
  const base = clock.now();
  for (let i = 0; i < DEADLINES; i++) {
    scheduler.upsert(work.keys[i]!, base + work.offsets[i]!, work.payloads[i]!);
  }
  const bytes = liveBytes() - before;
  await settle();
  const began = performance.now();
  for (let i = 0; i < DEADLINES; i++) scheduler.cancel(work.keys[i]!);
  const cancelAllMs = performance.now() - began;
  scheduler.stop();
  return { bytes, cancelAllMs };
}

function baselineMemory(work: Workload, form: BaselineForm): number {
  const startTimer = BASELINES[form];
  const before = liveBytes();
  const handles = new Map<string, NodeJS.Timeout>();
  for (let i = 0; i < DEADLINES; i++) {
    handles.set(work.keys[i]!, startTimer(work.offsets[i]!, work.payloads[i]!));
  }
  const bytes = liveBytes() - before;
  for (const handle of handles.values()) clearTimeout(handle);
  return bytes;
}

interface Lag {
  p50: number;
  p99: number;
  max: number;
  min: number;
  count: number;
}

function lagSummary(lags: number[]): Lag {
  const sorted = Float64Array.from(lags).sort();
  return {
    p50: round2(quantile(sorted, 0.5)),
    p99: round2(quantile(sorted, 0.99)),
    max: round2(sorted[sorted.length - 1] ?? NaN),
    min: round2(sorted[0] ?? NaN),
    count: sorted.length,
  };
}

/** Probe offsets: seeded, uniform over the window, after a short lead. */
function probeOffsets(round: number): Float64Array {
  const random = new DemoRandom(SEED, 100 + round);
  return Float64Array.from({ length: PROBES }, () =>
    random.between(PROBE_LEAD_MS, PROBE_LEAD_MS + PROBE_WINDOW_MS),
  );
}

/** Reschedules CHURN_BATCH pending deadlines every CHURN_EVERY_MS while the probes run. */
function startChurn(work: Workload, reschedule: (i: number, offset: number) => void): () => void {
  const random = new DemoRandom(SEED, 7);
  const timer = setInterval(() => {
    for (let n = 0; n < CHURN_BATCH; n++) {
      const r = random.int(0, RESCHEDULES - 1);
      reschedule(work.rescheduled[r]!, work.newOffsets[r]!);
    }
  }, CHURN_EVERY_MS);
  return () => clearInterval(timer);
}

/** Fire time minus due time of 1,000 probes, with 100k deadlines pending on the scheduler. */
async function oursLag(work: Workload, round: number): Promise<number[]> {
  const lags: number[] = [];
  let done: () => void = noop;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const scheduler = new DeadlineScheduler<TimerPayload | number>(clock, (due, firedAt) => {
    for (const deadline of due) {
      if (typeof deadline.payload === 'number') lags.push(firedAt - deadline.at);
    }
    if (lags.length === PROBES) done();
  });
  const base = clock.now();
  for (let i = 0; i < DEADLINES; i++) {
    scheduler.upsert(work.keys[i]!, base + work.offsets[i]!, work.payloads[i]!);
  }
  await settle();
  const stopChurn = startChurn(work, (i, offset) =>
    scheduler.upsert(work.keys[i]!, clock.now() + offset, work.payloads[i]!),
  );
  const start = clock.now();
  probeOffsets(round).forEach((offset, j) => scheduler.upsert(`probe:${j}`, start + offset, j));
  await finished;
  stopChurn();
  scheduler.stop();
  return lags;
}

async function baselineLag(work: Workload, round: number): Promise<number[]> {
  const startTimer = BASELINES.closure;
  const lags: number[] = [];
  let done: () => void = noop;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const handles = new Map<string, NodeJS.Timeout>();
  for (let i = 0; i < DEADLINES; i++) {
    handles.set(work.keys[i]!, startTimer(work.offsets[i]!, work.payloads[i]!));
  }
  await settle();
  const stopChurn = startChurn(work, (i, offset) => {
    const key = work.keys[i]!;
    clearTimeout(handles.get(key));
    handles.set(key, startTimer(offset, work.payloads[i]!));
  });
  const start = preciseNow();
  probeOffsets(round).forEach((offset, j) => {
    const at = start + offset;
    const fire = (): void => {
      lags.push(preciseNow() - at);
      if (lags.length === PROBES) done();
    };
    handles.set(`probe:${j}`, setTimeout(fire, at - preciseNow()));
  });
  await finished;
  stopChurn();
  for (const handle of handles.values()) clearTimeout(handle);
  return lags;
}

/**
 * A scheduler that lives through the whole run, as the desk's one scheduler lives as long as the
 * app. Without a live instance V8 collects the classes' hidden maps at each gc() and throws away
 * the optimised code that depends on them, so every pass would start cold.
 */
function residentScheduler(): DeadlineScheduler<TimerPayload> {
  const resident = new DeadlineScheduler<TimerPayload>(clock, countFired);
  resident.upsert('resident', clock.now() + 365 * 86_400_000, { ticketId: 'ESC-0', kind: 'none' });
  return resident;
}

interface Measured {
  ours: PassTimes[];
  oursWarmup: PassTimes[];
  oursReplaceAllMs: number[];
  baselines: Record<BaselineForm, PassTimes[]>;
  oursBytes: number[];
  baselineBytes: Record<BaselineForm, number[]>;
  cancelAllMs: number[];
  /** One list of lags per round. */
  oursLags: number[][];
  baselineLags: number[][];
}

async function measure(work: Workload): Promise<Measured> {
  const forms = Object.keys(BASELINES) as BaselineForm[];
  const m: Measured = {
    ours: [],
    oursWarmup: [],
    oursReplaceAllMs: [],
    baselines: { closure: [], lean: [] },
    oursBytes: [],
    baselineBytes: { closure: [], lean: [] },
    cancelAllMs: [],
    oursLags: [],
    baselineLags: [],
  };
  console.error(
    `scheduler: ${WARMUP_PASSES} warm-up + ${TIMING_PASSES} timing passes, ours and ${forms.join(' and ')} interleaved …`,
  );
  for (let pass = 0; pass < WARMUP_PASSES + TIMING_PASSES; pass++) {
    const warm = pass >= WARMUP_PASSES;
    (warm ? m.ours : m.oursWarmup).push(await oursPass(work));
    const replaceAllMs = await oursReplaceAllPass(work);
    if (warm) m.oursReplaceAllMs.push(replaceAllMs);
    for (const form of forms) {
      const times = await baselinePass(work, form);
      if (warm) m.baselines[form].push(times);
    }
  }
  console.error(`scheduler: retained memory, ${MEMORY_PASSES} passes each …`);
  for (let pass = 0; pass < MEMORY_PASSES; pass++) {
    const mine = await oursMemory(work);
    m.oursBytes.push(mine.bytes);
    m.cancelAllMs.push(mine.cancelAllMs);
    for (const form of forms) m.baselineBytes[form].push(baselineMemory(work, form));
  }
  console.error(`scheduler: firing lag, ${LAG_ROUNDS} rounds of ${PROBES} probes each …`);
  clock.precise = true;
  for (let round = 0; round < LAG_ROUNDS; round++) {
    m.oursLags.push(await oursLag(work, round));
    m.baselineLags.push(await baselineLag(work, round));
  }
  clock.precise = false;
  return m;
}

/** Runs the benchmark and returns its result. */
export async function runSchedulerBenchmark(): Promise<BenchResult> {
  const resident = residentScheduler();
  const gcFreedBytes = checkCollector();
  console.error(`scheduler: deriving the timers of a ${DEMO_TICKETS}-ticket demo desk …`);
  const derivedAt = performance.now();
  const work = makeWorkload();
  const deriveSeconds = round1((performance.now() - derivedAt) / 1000);
  const m = await measure(work);
  resident.stop();

  const times = (passes: PassTimes[], field: keyof PassTimes) => passes.map((p) => p[field]);
  const medianOf = (passes: PassTimes[], field: keyof PassTimes) => median(times(passes, field));
  const msList = (values: number[]) => values.map(round1);
  const schedule = {
    ours: medianOf(m.ours, 'scheduleMs'),
    closure: medianOf(m.baselines.closure, 'scheduleMs'),
    lean: medianOf(m.baselines.lean, 'scheduleMs'),
  };
  const memory = {
    ours: median(m.oursBytes),
    closure: median(m.baselineBytes.closure),
    lean: median(m.baselineBytes.lean),
  };
  const scheduleRatio = schedule.closure / schedule.ours;
  const memoryRatio = memory.closure / memory.ours;
  const leanScheduleRatio = schedule.lean / schedule.ours;
  const leanMemoryRatio = memory.lean / memory.ours;
  // Pooled over all rounds for the figures; the verdict takes the median round's p99, so that one
  // stall of this shared machine (which delays every timer of both sides) does not decide it.
  const oursFiring = lagSummary(m.oursLags.flat());
  const baselineFiring = lagSummary(m.baselineLags.flat());
  const oursRoundP99 = m.oursLags.map((lags) => lagSummary(lags).p99);
  const baselineRoundP99 = m.baselineLags.map((lags) => lagSummary(lags).p99);
  const oursP99 = median(oursRoundP99);
  const lagOk =
    oursFiring.count === PROBES * LAG_ROUNDS && oursFiring.min >= 0 && oursP99 <= TARGET_P99_LAG_MS;
  const pass = scheduleRatio >= TARGET_RATIO && memoryRatio >= TARGET_RATIO && lagOk;
  const perDeadline = (bytes: number) => round1(bytes / DEADLINES);
  const ratioOf = (peer: number, ours: number) => round1(peer / ours);

  return {
    name: 'scheduler',
    unit: `ms to schedule ${DEADLINES} deadlines (lower is better; ratio = peer / ours)`,
    ours: round1(schedule.ours),
    peer: `setTimeout(() => onFire(payload), at - now) per deadline + Map<key, Timeout>, Node ${process.version}`,
    peerValue: round1(schedule.closure),
    ratio: round1(scheduleRatio),
    target: TARGET_RATIO,
    pass,
    details: {
      target: `scheduling ≥ ${TARGET_RATIO}× faster AND retained memory ≥ ${TARGET_RATIO}× smaller than one setTimeout per deadline (closure form) AND our p99 firing lag ≤ ${TARGET_P99_LAG_MS} ms with ${DEADLINES} pending (median of ${LAG_ROUNDS} rounds' p99)`,
      verdicts: {
        scheduling: scheduleRatio >= TARGET_RATIO,
        memory: memoryRatio >= TARGET_RATIO,
        lag: lagOk,
      },
      leanBaseline: {
        what: 'the same measurements against setTimeout(onFire, at - now, payload): one shared callback, payload as argument (reported, not part of pass)',
        schedulingRatio: round1(leanScheduleRatio),
        memoryRatio: round1(leanMemoryRatio),
        meetsTarget: {
          scheduling: leanScheduleRatio >= TARGET_RATIO,
          memory: leanMemoryRatio >= TARGET_RATIO,
        },
      },
      node: process.version,
      deadlines: DEADLINES,
      seed: SEED,
      distribution: { ...work.distribution, derivedInSeconds: deriveSeconds },
      workload:
        'offsets drawn by the inverse empirical CDF of the demo timers (interpolated), keys `ESC-<n>` + a real timer key suffix, all distinct; keys, payloads and times are built before any measurement and shared by both sides',
      baselines:
        'handles.set(key, setTimeout(...)) per deadline, closure form and lean form (see leanBaseline); rescheduling = clearTimeout + setTimeout + Map.set',
      method: `${WARMUP_PASSES} untimed warm-up passes, then ${TIMING_PASSES} timed passes, ours and both baselines interleaved, median of each; gc() and a ${SETTLE_MS} ms pause before every timed step; real timers on both sides; one scheduler stays alive throughout, as in the app`,
      scheduling: {
        what: 'ms to give a new scheduler all 100k deadlines by upsert (ours) or to setTimeout + Map.set each (baselines), median; oursReplaceAllMs: one replaceAll call with the 100k {key, at, payload} built beforehand',
        oursMs: round1(schedule.ours),
        closureMs: round1(schedule.closure),
        leanMs: round1(schedule.lean),
        ratio: round1(scheduleRatio),
        leanRatio: round1(leanScheduleRatio),
        oursColdFirstPassMs: round1(m.oursWarmup[0]?.scheduleMs ?? NaN),
        oursReplaceAllMs: round1(median(m.oursReplaceAllMs)),
        oursPassesMs: msList(times(m.ours, 'scheduleMs')),
        closurePassesMs: msList(times(m.baselines.closure, 'scheduleMs')),
        leanPassesMs: msList(times(m.baselines.lean, 'scheduleMs')),
      },
      memory: {
        what: 'retained bytes (heapUsed + external, after gc()) with all deadlines scheduled; median of passes',
        oursBytes: Math.round(memory.ours),
        closureBytes: Math.round(memory.closure),
        leanBytes: Math.round(memory.lean),
        ratio: round1(memoryRatio),
        leanRatio: round1(leanMemoryRatio),
        bytesPerDeadline: {
          ours: perDeadline(memory.ours),
          closure: perDeadline(memory.closure),
          lean: perDeadline(memory.lean),
        },
        oursPasses: m.oursBytes,
        closurePasses: m.baselineBytes.closure,
        leanPasses: m.baselineBytes.lean,
        gcCheckFreedBytes: gcFreedBytes,
      },
      reschedule: {
        what: `${RESCHEDULES} pending deadlines moved to new times (median ms)`,
        oursMs: round2(medianOf(m.ours, 'rescheduleMs')),
        closureMs: round2(medianOf(m.baselines.closure, 'rescheduleMs')),
        leanMs: round2(medianOf(m.baselines.lean, 'rescheduleMs')),
        ratio: ratioOf(
          medianOf(m.baselines.closure, 'rescheduleMs'),
          medianOf(m.ours, 'rescheduleMs'),
        ),
      },
      drain: {
        what:
          'ours: the clock jumps past the last deadline and recheck() pops all 100k and hands them to onFire in one batch (Deadline objects built); ' +
          'baselines: clearTimeout on all 100k (timers cannot be fast-forwarded; clearing is the cheapest way to empty them); ' +
          'oursCancelAllMs: cancel(key) for all 100k, like for like with the baselines (median ms)',
        oursMs: round1(medianOf(m.ours, 'drainMs')),
        closureClearAllMs: round1(medianOf(m.baselines.closure, 'drainMs')),
        leanClearAllMs: round1(medianOf(m.baselines.lean, 'drainMs')),
        oursCancelAllMs: round1(median(m.cancelAllMs)),
      },
      firingLag: {
        what: `${LAG_ROUNDS} rounds × ${PROBES} probes due uniformly ${PROBE_LEAD_MS}–${PROBE_LEAD_MS + PROBE_WINDOW_MS} ms ahead, ${DEADLINES} deadlines pending, ${CHURN_BATCH} of them rescheduled every ${CHURN_EVERY_MS} ms; lag = fire time − due time, ms, on performance.timeOrigin + performance.now(); baseline in closure form. ours/baseline: pooled over the rounds; verdictP99: median of the rounds' p99. Ours never fires early, so when Node wakes it before the due time (its loop clock lags the precise one) it waits ≥ 1 ms more: ours sits ~1 ms above the baseline, whose p50 is below 0`,
        verdictP99: round2(oursP99),
        ours: { ...oursFiring, p99PerRound: oursRoundP99 },
        baseline: { ...baselineFiring, p99PerRound: baselineRoundP99 },
      },
    },
  };
}
