import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from '../calendar';
import type { TimeMode } from './policy';

export const MINUTE_MS = 60_000;

/**
 * What a clock counts: business minutes of `calendar`, or plain elapsed minutes. A business clock
 * without a calendar counts plain minutes (the policy validator reports the missing calendar).
 */
export interface SlaClock {
  mode: TimeMode;
  calendar: BusinessCalendar | undefined;
}

/** A stretch of time in which a clock ran; `to` is undefined while it is still running. */
export interface ClockSegment {
  from: number;
  to: number | undefined;
  /** Minutes the clock had consumed when the stretch began. */
  minutesBefore: number;
  /** Minutes consumed in the stretch (up to now when it is still running). */
  minutes: number;
}

/** A stretch of time in which a clock did not run. */
export interface ClockGap {
  from: number;
  /** Undefined while the gap lasts. */
  to: number | undefined;
}

/** Minutes the clock counts in [from, to); 0 when to ≤ from. */
export function clockMinutesBetween(clock: SlaClock, from: number, to: number): number {
  if (to <= from) return 0;
  if (clock.mode === 'business' && clock.calendar !== undefined) {
    return businessMinutesBetween(clock.calendar, from, to);
  }
  return (to - from) / MINUTE_MS;
}

/** The earliest instant at which the clock, running from `start`, has counted `minutes`. */
export function clockAddMinutes(clock: SlaClock, start: number, minutes: number): number {
  if (clock.mode === 'business' && clock.calendar !== undefined) {
    return addBusinessMinutes(clock.calendar, start, minutes);
  }
  return start + minutes * MINUTE_MS;
}

/**
 * The instant at which a clock that ran in `segments` reached `minutes`; undefined when that lies
 * beyond the last closed segment (the clock is paused or stopped before getting there).
 */
export function instantAtMinutes(
  clock: SlaClock,
  segments: readonly ClockSegment[],
  minutes: number,
): number | undefined {
  for (const segment of segments) {
    if (segment.to === undefined || minutes <= segment.minutesBefore + segment.minutes) {
      return clockAddMinutes(clock, segment.from, Math.max(0, minutes - segment.minutesBefore));
    }
  }
  return undefined;
}

/**
 * The instant at which a clock started at `start` has counted `minutes`, not counting the `gaps`
 * (sorted, non-overlapping); undefined when an open gap is reached first.
 */
export function addMinutesSkippingGaps(
  clock: SlaClock,
  start: number,
  minutes: number,
  gaps: readonly ClockGap[],
): number | undefined {
  let cursor = start;
  let remaining = minutes;
  for (const gap of gaps) {
    if (gap.to !== undefined && gap.to <= cursor) continue;
    if (gap.from > cursor) {
      const available = clockMinutesBetween(clock, cursor, gap.from);
      if (remaining <= available) return clockAddMinutes(clock, cursor, remaining);
      remaining -= available;
    }
    if (gap.to === undefined) return undefined;
    cursor = Math.max(cursor, gap.to);
  }
  return clockAddMinutes(clock, cursor, remaining);
}
