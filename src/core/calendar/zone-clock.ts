// UTC offsets of an IANA zone, read from Intl.DateTimeFormat (the one zone database every runtime of
// core ships) and cached, so that turning calendars into instants costs about two Intl calls per day
// the first time a zone is used and none afterwards.

/** Offsets are sampled every 12 hours; a zone is assumed not to change its offset twice within 12 hours. */
const SAMPLE_MS = 12 * 3_600_000;

/**
 * Earliest instant the calendar functions accept: 1900-01-01T00:00Z. The range bounds the work any
 * one call can cause (a span is built day by day) while leaving every date a desk can meet.
 */
export const MIN_INSTANT_MS = Date.UTC(1900, 0, 1);
/** Latest instant the calendar functions accept: 2199-12-31T23:59:59.999Z. */
export const MAX_INSTANT_MS = Date.UTC(2200, 0, 1) - 1;

/** Cached offset knowledge for one zone. */
export interface ZoneClock {
  readonly timeZone: string;
  readonly format: Intl.DateTimeFormat;
  /** Offset (ms, local minus UTC) at instant k·SAMPLE_MS, by k. */
  readonly samples: Map<number, number>;
  /** Instant of the offset change inside (k·SAMPLE_MS, (k+1)·SAMPLE_MS], by k, when there is one. */
  readonly changes: Map<number, number>;
}

/** Offset pieces of a span: piece i runs from `starts[i]` to `starts[i + 1]` (the last to the span's end). */
export interface OffsetPieces {
  starts: number[];
  offsets: number[];
}

const clocks = new Map<string, ZoneClock>();
const knownZones = new Map<string, boolean>();

/** Whether Intl knows the zone name (as every calendar function will need it to). */
export function isKnownTimeZone(timeZone: string): boolean {
  let known = knownZones.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      known = true;
    } catch {
      known = false;
    }
    knownZones.set(timeZone, known);
  }
  return known;
}

/** The shared, cached offset reader of a zone; throws a RangeError for a zone Intl does not know. */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    clock = { timeZone, format, samples: new Map(), changes: new Map() };
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** Offset of the zone at an instant in ms (local wall-clock minus UTC), to the second, via Intl. */
export function offsetAt(clock: ZoneClock, instantMs: number): number {
  const second = Math.floor(instantMs / 1000) * 1000;
  // "3/30/2025, 14:05:09" is parsed by hand: format() is about four times faster than formatToParts().
  const fields = clock.format.format(second).match(/\d+/g);
  let wallMs: number;
  if (fields !== null && fields.length === 6) {
    const [month, day, year, hour, minute, sec] = fields.map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    wallMs = Date.UTC(year, month - 1, day, hour % 24, minute, sec);
  } else {
    const part = (type: Intl.DateTimeFormatPartTypes): number =>
      Number(clock.format.formatToParts(second).find((p) => p.type === type)?.value);
    wallMs = Date.UTC(
      part('year'),
      part('month') - 1,
      part('day'),
      part('hour') % 24,
      part('minute'),
      part('second'),
    );
  }
  return wallMs - second;
}

function sample(clock: ZoneClock, k: number): number {
  let offset = clock.samples.get(k);
  if (offset === undefined) {
    offset = offsetAt(clock, k * SAMPLE_MS);
    clock.samples.set(k, offset);
  }
  return offset;
}

/** Instant (whole second) at which the offset changes inside sample slot k, found by bisection. */
function changeIn(clock: ZoneClock, k: number, before: number): number {
  let change = clock.changes.get(k);
  if (change === undefined) {
    let low = k * SAMPLE_MS; // offset `before` here
    let high = low + SAMPLE_MS; // a different offset here
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000;
      if (offsetAt(clock, middle) === before) low = middle;
      else high = middle;
    }
    change = high;
    clock.changes.set(k, change);
  }
  return change;
}

/** The zone's offsets over [fromMs, toMs) as consecutive pieces of constant offset. */
export function offsetPieces(clock: ZoneClock, fromMs: number, toMs: number): OffsetPieces {
  const first = Math.floor(fromMs / SAMPLE_MS);
  const last = Math.floor(toMs / SAMPLE_MS);
  const starts: number[] = [fromMs];
  const offsets: number[] = [sample(clock, first)];
  for (let k = first; k <= last; k++) {
    const before = sample(clock, k);
    const after = sample(clock, k + 1);
    if (before === after) continue;
    const change = changeIn(clock, k, before);
    if (change >= toMs) break;
    if (change <= fromMs) offsets[0] = after;
    else {
      starts.push(change);
      offsets.push(after);
    }
  }
  return { starts, offsets };
}
