import type { Timeline } from './timeline';
import {
  businessMsUntil,
  cover,
  extendLater,
  intervalAtOrBefore,
  intervalReaching,
  timelineOf,
} from './timeline';
import type { BusinessCalendar } from './types';
import { MAX_INSTANT_MS, MIN_INSTANT_MS } from './zone-clock';

const MS_PER_MINUTE = 60_000;

function checkInstant(name: string, value: number): void {
  if (!(value >= MIN_INSTANT_MS && value <= MAX_INSTANT_MS)) {
    throw new RangeError(
      `${name} must be epoch milliseconds between 1900-01-01 and 2199-12-31, got ${String(value)}`,
    );
  }
}

/** A result past the supported instants is an error, like the search that would go there. */
function checkResult(what: string, value: number): number {
  if (value > MAX_INSTANT_MS) {
    throw new RangeError(`${what} would fall after 2199-12-31, the last supported instant`);
  }
  return value;
}

/** The first business instant at or after t. */
function nextBusinessInstant(timeline: Timeline, t: number): number {
  for (;;) {
    const i = intervalAtOrBefore(timeline, t);
    if (i >= 0 && t < timeline.ends[i]!) return t;
    if (i + 1 < timeline.count && timeline.starts[i + 1]! <= timeline.coverTo) {
      return checkResult('the next opening', timeline.starts[i + 1]!);
    }
    extendLater(timeline, 'the next opening');
  }
}

/**
 * The earliest instant T ≥ startMs with exactly `minutes` of business time in [startMs, T): a due time.
 * For 0 minutes: startMs when it is business time, else the next opening. Throws a RangeError for
 * negative or non-finite minutes and InvalidCalendarError for an invalid calendar.
 */
export function addBusinessMinutes(
  calendar: BusinessCalendar,
  startMs: number,
  minutes: number,
): number {
  checkInstant('startMs', startMs);
  if (!(minutes >= 0 && minutes !== Infinity)) {
    throw new RangeError(`minutes must be a finite number ≥ 0, got ${String(minutes)}`);
  }
  const timeline = timelineOf(calendar);
  cover(timeline, startMs, startMs);
  if (minutes === 0) return nextBusinessInstant(timeline, startMs);
  for (;;) {
    const i = intervalAtOrBefore(timeline, startMs);
    const target = businessMsUntil(timeline, startMs) + minutes * MS_PER_MINUTE;
    const j = intervalReaching(timeline, target, i);
    if (j < timeline.count) {
      const due = timeline.ends[j]! - (timeline.cumEnd[j]! - target);
      if (due <= timeline.coverTo) return checkResult('the due time', due);
    }
    extendLater(timeline, 'the due time');
  }
}

/**
 * Business minutes in [fromMs, toMs), fractional below a minute; negative (minus the business time in
 * [toMs, fromMs)) when toMs is before fromMs, so that between(a, b) + between(b, c) = between(a, c).
 */
export function businessMinutesBetween(
  calendar: BusinessCalendar,
  fromMs: number,
  toMs: number,
): number {
  checkInstant('fromMs', fromMs);
  checkInstant('toMs', toMs);
  const timeline = timelineOf(calendar);
  if (toMs < fromMs) {
    cover(timeline, toMs, fromMs);
    const ms = businessMsUntil(timeline, fromMs) - businessMsUntil(timeline, toMs);
    return ms === 0 ? 0 : -ms / MS_PER_MINUTE;
  }
  cover(timeline, fromMs, toMs);
  return (businessMsUntil(timeline, toMs) - businessMsUntil(timeline, fromMs)) / MS_PER_MINUTE;
}

/** Whether an instant is business time under the calendar (closing instants are not). */
export function isBusinessTime(calendar: BusinessCalendar, atMs: number): boolean {
  checkInstant('atMs', atMs);
  const timeline = timelineOf(calendar);
  cover(timeline, atMs, atMs);
  const i = intervalAtOrBefore(timeline, atMs);
  return i >= 0 && atMs < timeline.ends[i]!;
}
