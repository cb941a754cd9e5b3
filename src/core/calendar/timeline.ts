// A calendar compiled into what the arithmetic needs: the sorted, merged business intervals (epoch ms)
// of a growing run of local dates, with running totals of business time. Built lazily, cached per
// calendar object, so each call is two binary searches.
import { civilFromDays, daysFromCivil, isoWeekday, MS_PER_DAY } from './civil-date';
import type { BusinessCalendar } from './types';
import { WEEKDAYS } from './types';
import { assertValidCalendar, parseClockTime, parseLocalDate } from './validate';
import type { ZoneClock } from './zone-clock';
import { MAX_INSTANT_MS, MIN_INSTANT_MS, offsetPieces, zoneClock } from './zone-clock';

const MS_PER_MINUTE = 60_000;
/** Local dates the timeline may hold; a little beyond the supported instants for their neighbours. */
const FIRST_DAY = Math.floor(MIN_INSTANT_MS / MS_PER_DAY) - 2;
const LAST_DAY = Math.floor(MAX_INSTANT_MS / MS_PER_DAY) + 2;
/** Dates added at least per growth step; each step also at least doubles what is built. */
const MIN_GROWTH_DAYS = 64;
/** A request further than this (or than what is built) from the built dates starts afresh there. */
const MAX_GAP_DAYS = 366;

/** A compiled calendar. Business time before instant x, for x in [coverFrom, coverTo], is exact. */
export interface Timeline {
  readonly source: BusinessCalendar;
  readonly timeZone: string;
  readonly week: BusinessCalendar['week'];
  readonly holidays: BusinessCalendar['holidays'];
  readonly clock: ZoneClock;
  /** Per ISO weekday: [from, to, from, to, …] in ms after local midnight, incl. yesterday's overnight spill. */
  readonly wallByWeekday: readonly (readonly number[])[];
  readonly holidayDays: ReadonlySet<number>;
  /** month · 100 + day of each recurring holiday. */
  readonly recurringHolidays: ReadonlySet<number>;
  /** Built local dates, inclusive (firstDay > lastDay while nothing is built). */
  firstDay: number;
  lastDay: number;
  coverFrom: number;
  coverTo: number;
  count: number;
  starts: Float64Array;
  ends: Float64Array;
  /** Business ms from the first interval's start to the end of interval i. */
  cumEnd: Float64Array;
  /** For each UTC day from firstDay: the last interval starting at or before its 00:00Z, or −1. */
  dayIndex: Int32Array;
}

const timelines = new WeakMap<BusinessCalendar, Timeline>();
/** The last timeline used: most callers use one calendar many times in a row. */
let recent: Timeline | undefined;

function compile(calendar: BusinessCalendar): Timeline {
  assertValidCalendar(calendar);
  const wallByWeekday: number[][] = WEEKDAYS.map(() => []);
  WEEKDAYS.forEach((weekday, index) => {
    for (const range of calendar.week[weekday] ?? []) {
      const from = parseClockTime(range.from, false)! * MS_PER_MINUTE;
      const to = parseClockTime(range.to, true)! * MS_PER_MINUTE;
      if (to > from) {
        wallByWeekday[index]!.push(from, to);
      } else {
        wallByWeekday[index]!.push(from, MS_PER_DAY);
        if (to > 0) wallByWeekday[(index + 1) % 7]!.push(0, to);
      }
    }
  });
  const holidayDays = new Set<number>();
  const recurringHolidays = new Set<number>();
  for (const holiday of calendar.holidays ?? []) {
    const date = parseLocalDate(holiday.date)!;
    if (holiday.recurring === true) recurringHolidays.add(date.month * 100 + date.day);
    else holidayDays.add(daysFromCivil(date.year, date.month, date.day));
  }
  return {
    source: calendar,
    timeZone: calendar.timeZone,
    week: calendar.week,
    holidays: calendar.holidays,
    clock: zoneClock(calendar.timeZone),
    wallByWeekday,
    holidayDays,
    recurringHolidays,
    firstDay: 0,
    lastDay: -1,
    coverFrom: Infinity,
    coverTo: -Infinity,
    count: 0,
    starts: new Float64Array(0),
    ends: new Float64Array(0),
    cumEnd: new Float64Array(0),
    dayIndex: new Int32Array(0),
  };
}

/**
 * The compiled form of a calendar, cached per calendar object; throws InvalidCalendarError for an
 * invalid one. Calendars are values: replace `week` or `holidays` rather than editing them in place.
 */
export function timelineOf(calendar: BusinessCalendar): Timeline {
  const cached = recent?.source === calendar ? recent : timelines.get(calendar);
  if (
    cached !== undefined &&
    cached.timeZone === calendar.timeZone &&
    cached.week === calendar.week &&
    cached.holidays === calendar.holidays
  ) {
    recent = cached;
    return cached;
  }
  const timeline = compile(calendar);
  timelines.set(calendar, timeline);
  recent = timeline;
  return timeline;
}

/** Wall-clock business ranges of one local date: none on a holiday. */
function wallRangesOf(timeline: Timeline, day: number): readonly number[] {
  if (timeline.holidayDays.has(day)) return [];
  if (timeline.recurringHolidays.size > 0) {
    const { month, day: dayOfMonth } = civilFromDays(day);
    if (timeline.recurringHolidays.has(month * 100 + dayOfMonth)) return [];
  }
  return timeline.wallByWeekday[isoWeekday(day)]!;
}

/**
 * Business intervals [start, end) of the local dates firstDay…lastDay, unsorted and unmerged. An
 * instant x is in a date's range [f, t) when x + offset(x) − midnight ∈ [f, t); offsets lie within ±24 h,
 * so a date's instants lie within one day either side of its UTC midnight.
 */
function buildDays(timeline: Timeline, firstDay: number, lastDay: number, out: number[]): void {
  const windowEnd = (lastDay + 2) * MS_PER_DAY;
  const { starts, offsets } = offsetPieces(timeline.clock, (firstDay - 1) * MS_PER_DAY, windowEnd);
  const pieceCount = starts.length;
  let piece = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const wall = wallRangesOf(timeline, day);
    if (wall.length === 0) continue;
    const midnight = day * MS_PER_DAY;
    while (piece + 1 < pieceCount && starts[piece + 1]! <= midnight - MS_PER_DAY) piece++;
    for (let p = piece; p < pieceCount && starts[p]! < midnight + 2 * MS_PER_DAY; p++) {
      const pieceStart = starts[p]!;
      const pieceEnd = p + 1 < pieceCount ? starts[p + 1]! : windowEnd;
      const base = midnight - offsets[p]!;
      for (let r = 0; r < wall.length; r += 2) {
        const start = Math.max(pieceStart, base + wall[r]!);
        const end = Math.min(pieceEnd, base + wall[r + 1]!);
        if (start < end) out.push(start, end);
      }
    }
  }
}

/** Rebuilds the interval arrays from [start, end, …] pairs: sorted, adjacent ones merged, totals summed. */
function install(timeline: Timeline, pairs: number[], firstDay: number, lastDay: number): void {
  let sorted = true;
  for (let i = 2; i < pairs.length; i += 2) {
    if (pairs[i]! < pairs[i - 2]!) {
      sorted = false;
      break;
    }
  }
  if (!sorted) {
    const order: number[] = [];
    for (let i = 0; i < pairs.length; i += 2) order.push(i);
    order.sort((a, b) => pairs[a]! - pairs[b]!);
    pairs = order.flatMap((i) => [pairs[i]!, pairs[i + 1]!]);
  }
  const starts = new Float64Array(pairs.length / 2);
  const ends = new Float64Array(pairs.length / 2);
  const cumEnd = new Float64Array(pairs.length / 2);
  let count = 0;
  let total = 0;
  for (let i = 0; i < pairs.length; i += 2) {
    const start = pairs[i]!;
    const end = pairs[i + 1]!;
    if (count > 0 && start <= ends[count - 1]!) {
      // Intervals of different dates never overlap; they only touch (24/7 at midnight).
      const previousEnd = ends[count - 1]!;
      if (end > previousEnd) {
        total += end - previousEnd;
        ends[count - 1] = end;
        cumEnd[count - 1] = total;
      }
      continue;
    }
    total += end - start;
    starts[count] = start;
    ends[count] = end;
    cumEnd[count] = total;
    count++;
  }
  timeline.starts = starts.subarray(0, count);
  timeline.ends = ends.subarray(0, count);
  timeline.cumEnd = cumEnd.subarray(0, count);
  timeline.count = count;
  const dayIndex = new Int32Array(lastDay - firstDay + 2);
  for (let u = 0, i = -1; u < dayIndex.length; u++) {
    const dayStart = (firstDay + u) * MS_PER_DAY;
    while (i + 1 < count && starts[i + 1]! <= dayStart) i++;
    dayIndex[u] = i;
  }
  timeline.dayIndex = dayIndex;
  timeline.firstDay = firstDay;
  timeline.lastDay = lastDay;
  timeline.coverFrom = (firstDay + 1) * MS_PER_DAY;
  timeline.coverTo = lastDay * MS_PER_DAY;
}

/** Extends the built dates to include firstDay…lastDay (clamped to the supported range). */
function extend(timeline: Timeline, firstDay: number, lastDay: number): void {
  const from = Math.max(FIRST_DAY, firstDay);
  const to = Math.min(LAST_DAY, lastDay);
  const pairs: number[] = [];
  if (timeline.firstDay > timeline.lastDay) {
    buildDays(timeline, from, to, pairs);
    install(timeline, pairs, from, to);
    return;
  }
  const newFirst = Math.min(from, timeline.firstDay);
  const newLast = Math.max(to, timeline.lastDay);
  if (newFirst < timeline.firstDay) buildDays(timeline, newFirst, timeline.firstDay - 1, pairs);
  for (let i = 0; i < timeline.count; i++) pairs.push(timeline.starts[i]!, timeline.ends[i]!);
  if (newLast > timeline.lastDay) buildDays(timeline, timeline.lastDay + 1, newLast, pairs);
  install(timeline, pairs, newFirst, newLast);
}

/** Makes business time exact over [fromMs, toMs] (both within the supported instants). */
export function cover(timeline: Timeline, fromMs: number, toMs: number): void {
  if (fromMs >= timeline.coverFrom && toMs <= timeline.coverTo) return;
  const needFirst = Math.floor(fromMs / MS_PER_DAY) - 1;
  const needLast = Math.ceil(toMs / MS_PER_DAY);
  const span = timeline.lastDay - timeline.firstDay + 1;
  const gap = Math.max(needFirst - timeline.lastDay, timeline.firstDay - needLast);
  if (span <= 0 || gap > Math.max(MAX_GAP_DAYS, span)) {
    // Far from what is built (or nothing is): build around the request alone, not the dates between.
    timeline.firstDay = 0;
    timeline.lastDay = -1;
    extend(timeline, needFirst - 7, needLast + MIN_GROWTH_DAYS);
    return;
  }
  const growth = Math.max(MIN_GROWTH_DAYS, span);
  extend(
    timeline,
    needFirst < timeline.firstDay
      ? Math.min(needFirst, timeline.firstDay - growth)
      : timeline.firstDay,
    needLast > timeline.lastDay ? Math.max(needLast, timeline.lastDay + growth) : timeline.lastDay,
  );
}

/** Builds further into the future (at least doubling); throws a RangeError past the supported instants. */
export function extendLater(timeline: Timeline, what: string): void {
  if (timeline.lastDay >= LAST_DAY) {
    throw new RangeError(`${what} would fall after 2199-12-31, the last supported instant`);
  }
  const span = timeline.lastDay - timeline.firstDay + 1;
  extend(timeline, timeline.firstDay, timeline.lastDay + Math.max(MIN_GROWTH_DAYS, span));
}

/** Index of the last interval starting at or before t (a covered instant), or −1. */
export function intervalAtOrBefore(timeline: Timeline, t: number): number {
  const starts = timeline.starts;
  const count = timeline.count;
  // Start from the UTC day's entry: a day holds only a few intervals.
  let i = timeline.dayIndex[Math.floor(t / MS_PER_DAY) - timeline.firstDay]!;
  while (i + 1 < count && starts[i + 1]! <= t) i++;
  return i;
}

/** Business ms from the timeline's origin to t (a covered instant). */
export function businessMsUntil(timeline: Timeline, t: number): number {
  const i = intervalAtOrBefore(timeline, t);
  if (i < 0) return 0;
  const end = timeline.ends[i]!;
  return t < end ? timeline.cumEnd[i]! - (end - t) : timeline.cumEnd[i]!;
}

/**
 * Index of the first interval whose running total reaches target, or count when none does; searched
 * from `from` (no interval before it may reach target) outwards, since deadlines are usually near.
 */
export function intervalReaching(timeline: Timeline, target: number, from: number): number {
  const cumEnd = timeline.cumEnd;
  const count = timeline.count;
  let low = Math.max(from, 0);
  if (low >= count || cumEnd[low]! >= target) return low;
  // Gallop: cumEnd[low] < target throughout.
  let step = 1;
  while (low + step < count && cumEnd[low + step]! < target) {
    low += step;
    step *= 2;
  }
  let high = Math.min(low + step, count);
  low++;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumEnd[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
