// Business-time arithmetic against moment-business-time (+ moment-timezone), the npm peer that gets it
// right: Mon–Fri 09:00–17:00 Europe/Berlin with 10 holidays, process in UTC, 100k deadlines
// (start + 240 business minutes) and 100k business-minute spans of up to 14 days over 2025; also the
// SLA-state fold of src/core/sla over 100k tickets (reported, not compared: it has no peer).
import { createRequire } from 'node:module';
import moment from 'moment-timezone';
import 'moment-business-time';
import type { BusinessCalendar, SlaPolicy, TicketEvent } from '../src/core';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  DEFAULT_PAUSE_STATUSES,
  deriveSlaState,
  PRIORITIES,
} from '../src/core';
import type { BenchResult } from './result';

const CASES = 100_000;
const TARGET_RATIO = 200;
const SEED = 20250101;
const OUR_PASSES = 9;
const ZONE = 'Europe/Berlin';
const DEADLINE_MINUTES = 240;
const MAX_SPAN_MS = 14 * 86_400_000;
const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_MS = Date.UTC(2026, 0, 1) - YEAR_START;

const HOLIDAYS = [
  ['2025-01-01', 'New Year'],
  ['2025-04-18', 'Good Friday'],
  ['2025-04-21', 'Easter Monday'],
  ['2025-05-01', 'Labour Day'],
  ['2025-05-29', 'Ascension Day'],
  ['2025-06-09', 'Whit Monday'],
  ['2025-10-03', 'German Unity Day'],
  ['2025-12-25', 'Christmas Day'],
  ['2025-12-26', 'Boxing Day'],
  ['2026-01-01', 'New Year'],
] as const;

const officeHours = [{ from: '09:00', to: '17:00' }];

function berlinCalendar(): BusinessCalendar {
  return {
    timeZone: ZONE,
    week: {
      mon: officeHours,
      tue: officeHours,
      wed: officeHours,
      thu: officeHours,
      fri: officeHours,
    },
    holidays: HOLIDAYS.map(([date, name]) => ({ date, name })),
  };
}

function configurePeer(): void {
  const day = ['09:00:00', '17:00:00'];
  moment.updateLocale('en', {
    workinghours: { 0: null, 1: day, 2: day, 3: day, 4: day, 5: day, 6: null },
    holidays: HOLIDAYS.map(([date]) => date),
  });
}

/** mulberry32: a small seeded PRNG, so every run measures the same cases. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Cases {
  starts: Float64Array;
  spanFrom: Float64Array;
  spanTo: Float64Array;
}

/** Instants to the millisecond, uniformly over 2025; spans uniformly up to 14 days. */
function makeCases(): Cases {
  const random = seededRandom(SEED);
  const starts = new Float64Array(CASES);
  const spanFrom = new Float64Array(CASES);
  const spanTo = new Float64Array(CASES);
  for (let i = 0; i < CASES; i++) {
    starts[i] = YEAR_START + Math.floor(random() * YEAR_MS);
    spanFrom[i] = YEAR_START + Math.floor(random() * YEAR_MS);
    spanTo[i] = spanFrom[i]! + Math.floor(random() * MAX_SPAN_MS);
  }
  return { starts, spanFrom, spanTo };
}

interface Timed {
  results: Float64Array;
  opsPerSecond: number;
}

function time(run: (out: Float64Array) => void): Timed {
  const results = new Float64Array(CASES);
  const began = performance.now();
  run(results);
  const seconds = (performance.now() - began) / 1000;
  return { results, opsPerSecond: CASES / seconds };
}

/** Our throughput: each pass on a fresh calendar object, so compiling it is part of the time. */
function timeOurs(
  run: (calendar: BusinessCalendar, out: Float64Array) => void,
): Timed & { firstPassOpsPerSecond: number } {
  const passes = Array.from({ length: OUR_PASSES }, () => {
    const calendar = berlinCalendar();
    return time((out) => run(calendar, out));
  });
  const sorted = passes.map((p) => p.opsPerSecond).sort((a, b) => a - b);
  return {
    results: passes[0]!.results,
    opsPerSecond: sorted[Math.floor(sorted.length / 2)]!,
    firstPassOpsPerSecond: passes[0]!.opsPerSecond,
  };
}

interface Mismatch {
  index: number;
  input: string;
  ours: number;
  peer: number;
}

interface Comparison {
  /** Cases whose results differ at the comparison's precision. */
  count: number;
  /** Cases whose results are not bit-for-bit equal (only reported). */
  notBitwiseEqual: number;
  examples: Mismatch[];
}

/** Compares results after `normalize` (identity for instants; whole milliseconds for spans). */
function compare(
  ours: Float64Array,
  peer: Float64Array,
  normalize: (value: number) => number,
  describe: (i: number) => string,
): Comparison {
  const examples: Mismatch[] = [];
  let count = 0;
  let notBitwiseEqual = 0;
  for (let i = 0; i < CASES; i++) {
    if (ours[i] === peer[i]) continue;
    notBitwiseEqual++;
    if (normalize(ours[i]!) === normalize(peer[i]!)) continue;
    count++;
    if (examples.length < 5)
      examples.push({ index: i, input: describe(i), ours: ours[i]!, peer: peer[i]! });
  }
  return { count, notBitwiseEqual, examples };
}

const FOLD_TICKETS = 100_000;
const FOLD_EVENTS_PER_TICKET = 10;

/** Ten events of a ticket's life: response, pauses and resumes, a priority change, resolution. */
function ticketEvents(id: number, random: () => number): TicketEvent[] {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const ticketId = `T${id}`;
  let at = YEAR_START + Math.floor(random() * YEAR_MS);
  const next = (): number => (at += 60_000 + Math.floor(random() * 2 * 86_400_000));
  const base = (k: number): { id: string; ticketId: string } => ({
    id: `${ticketId}-${k}`,
    ticketId,
  });
  return [
    {
      ...base(0),
      at,
      type: 'created',
      priority: pick(PRIORITIES),
      category: pick(['billing', 'outage', 'access']),
      tier: pick(['standard', 'enterprise']),
      channel: pick(['email', 'phone']),
      status: 'new',
    },
    { ...base(1), at: next(), type: 'reply', direction: 'to_customer' },
    { ...base(2), at: next(), type: 'status_changed', to: 'pending_customer' },
    { ...base(3), at: next(), type: 'reply', direction: 'from_customer' },
    { ...base(4), at: next(), type: 'status_changed', to: 'open' },
    { ...base(5), at: next(), type: 'priority_changed', to: pick(PRIORITIES) },
    { ...base(6), at: next(), type: 'reply', direction: 'to_customer' },
    {
      ...base(7),
      at: next(),
      type: 'status_changed',
      to: 'pending_third_party',
      reason: 'Vendor ticket',
    },
    { ...base(8), at: next(), type: 'status_changed', to: 'open' },
    { ...base(9), at: next(), type: 'status_changed', to: 'resolved' },
  ];
}

function foldPolicies(calendar: BusinessCalendar): SlaPolicy[] {
  const business = (minutes: number) => ({ minutes, mode: 'business' as const });
  const common = {
    calendar,
    pauseStatuses: [...DEFAULT_PAUSE_STATUSES],
    warningPercents: [75, 90],
  };
  return [
    {
      ...common,
      id: 'enterprise-urgent',
      name: 'Enterprise P1/P2',
      conditions: { priorities: ['P1', 'P2'], tiers: ['enterprise'] },
      targets: {
        first_response: business(30),
        next_update: business(120),
        resolution: business(480),
      },
    },
    {
      ...common,
      id: 'standard',
      name: 'Standard',
      targets: {
        first_response: business(240),
        next_update: business(480),
        resolution: business(2400),
      },
    },
  ];
}

/** SLA-state fold (src/core/sla deriveSlaState) for 100k tickets with 10 events each, in tickets per second. */
function measureSlaFold(): Record<string, unknown> {
  const random = seededRandom(SEED + 1);
  const tickets = Array.from({ length: FOLD_TICKETS }, (_, i) => ticketEvents(i, random));
  const policies = foldPolicies(berlinCalendar());
  const now = Date.UTC(2026, 1, 1);
  try {
    let breached = 0;
    const began = performance.now();
    for (const events of tickets) {
      const state = deriveSlaState(events, policies, now);
      if (state.targets.resolution?.state === 'breached') breached++;
    }
    const seconds = (performance.now() - began) / 1000;
    return {
      slaFold: {
        what: `deriveSlaState over ${FOLD_TICKETS} tickets × ${FOLD_EVENTS_PER_TICKET} events, 2 policies on the benchmark calendar`,
        ticketsPerSecond: Math.round(FOLD_TICKETS / seconds),
        resolutionBreached: breached,
      },
    };
  } catch (error) {
    return { slaFold: { error: String(error) } };
  }
}

function peerVersion(): string {
  const require = createRequire(import.meta.url);
  const version = (name: string): string =>
    (require(`${name}/package.json`) as { version: string }).version;
  return `moment-business-time@${version('moment-business-time')} + moment-timezone@${version('moment-timezone')}`;
}

/** Runs the benchmark and returns its result. */
export async function runSlaBenchmark(): Promise<BenchResult> {
  const processZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (new Date(YEAR_START).getTimezoneOffset() !== 0) {
    throw new Error(`the process must run in UTC (TZ=UTC), it runs in ${processZone}`);
  }
  configurePeer();
  const { starts, spanFrom, spanTo } = makeCases();
  const iso = (ms: number): string => new Date(ms).toISOString();

  console.error(`sla: ours, ${OUR_PASSES} passes of ${CASES} deadlines and ${CASES} spans …`);
  const ourAdd = timeOurs((calendar, out) => {
    for (let i = 0; i < CASES; i++)
      out[i] = addBusinessMinutes(calendar, starts[i]!, DEADLINE_MINUTES);
  });
  const ourBetween = timeOurs((calendar, out) => {
    for (let i = 0; i < CASES; i++)
      out[i] = businessMinutesBetween(calendar, spanFrom[i]!, spanTo[i]!);
  });

  console.error(`sla: peer, ${CASES} deadlines …`);
  const peerAdd = time((out) => {
    for (let i = 0; i < CASES; i++) {
      out[i] = moment.tz(starts[i]!, ZONE).addWorkingTime(DEADLINE_MINUTES, 'minutes').valueOf();
    }
  });
  console.error(`sla: peer, ${CASES} spans …`);
  const peerBetween = time((out) => {
    for (let i = 0; i < CASES; i++) {
      out[i] = moment
        .tz(spanTo[i]!, ZONE)
        .workingDiff(moment.tz(spanFrom[i]!, ZONE), 'minutes', true);
    }
  });

  const addMismatches = compare(
    ourAdd.results,
    peerAdd.results,
    (ms) => ms,
    (i) => `${iso(starts[i]!)} + ${DEADLINE_MINUTES} min`,
  );
  const betweenMismatches = compare(
    ourBetween.results,
    peerBetween.results,
    (minutes) => Math.round(minutes * 60_000),
    (i) => `${iso(spanFrom[i]!)} … ${iso(spanTo[i]!)}`,
  );
  const addRatio = ourAdd.opsPerSecond / peerAdd.opsPerSecond;
  const betweenRatio = ourBetween.opsPerSecond / peerBetween.opsPerSecond;
  const addIsWeaker = addRatio <= betweenRatio;
  const mismatches = addMismatches.count + betweenMismatches.count;
  const ratio = Math.min(addRatio, betweenRatio);
  const round = (n: number): number => Math.round(n);

  return {
    name: 'sla',
    unit: 'ops/s',
    ours: round(addIsWeaker ? ourAdd.opsPerSecond : ourBetween.opsPerSecond),
    peer: peerVersion(),
    peerValue: round(addIsWeaker ? peerAdd.opsPerSecond : peerBetween.opsPerSecond),
    ratio: Math.round(ratio * 10) / 10,
    target: TARGET_RATIO,
    pass: ratio >= TARGET_RATIO && mismatches === 0,
    details: {
      headline: `${addIsWeaker ? 'addBusinessMinutes' : 'businessMinutesBetween'} (the smaller of the two ratios)`,
      calendar: `Mon–Fri 09:00–17:00 ${ZONE}, ${HOLIDAYS.length} holidays`,
      processTimeZone: processZone,
      cases: CASES,
      seed: SEED,
      inputs: 'instants to the millisecond, uniform over 2025; spans uniform in [0, 14 days)',
      method: `ours: median of ${OUR_PASSES} passes, each on a fresh calendar object (compilation included); peer: one pass`,
      addBusinessMinutes: {
        minutes: DEADLINE_MINUTES,
        oursOpsPerSecond: round(ourAdd.opsPerSecond),
        oursFirstPassOpsPerSecond: round(ourAdd.firstPassOpsPerSecond),
        peerOpsPerSecond: round(peerAdd.opsPerSecond),
        ratio: Math.round(addRatio * 10) / 10,
        mismatches: addMismatches.count,
        mismatchExamples: addMismatches.examples,
      },
      businessMinutesBetween: {
        oursOpsPerSecond: round(ourBetween.opsPerSecond),
        oursFirstPassOpsPerSecond: round(ourBetween.firstPassOpsPerSecond),
        peerOpsPerSecond: round(peerBetween.opsPerSecond),
        ratio: Math.round(betweenRatio * 10) / 10,
        mismatches: betweenMismatches.count,
        notBitwiseEqual: betweenMismatches.notBitwiseEqual,
        mismatchExamples: betweenMismatches.examples,
      },
      comparison:
        'every case. Deadlines: epoch ms, exactly (===). Spans: in whole milliseconds (the precision of ' +
        'the inputs), i.e. Math.round(minutes × 60000) equal. Ours divides the exact integer ms by 60000 ' +
        'once; the peer adds one float quotient per working day, so its last bit can differ ' +
        '(notBitwiseEqual counts those; none differs by as much as a millisecond when mismatches is 0).',
      ...measureSlaFold(),
    },
  };
}
