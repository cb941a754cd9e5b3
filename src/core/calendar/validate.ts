import { daysInMonth } from './civil-date';
import type { BusinessCalendar, CalendarProblem, Weekday } from './types';
import { WEEKDAYS } from './types';
import { isKnownTimeZone } from './zone-clock';

const MINUTES_PER_DAY = 1440;

/** Thrown for a calendar that cannot be used; `problems` lists everything wrong with it. */
export class InvalidCalendarError extends Error {
  readonly problems: CalendarProblem[];

  constructor(problems: CalendarProblem[]) {
    super(problems.map((p) => `calendar.${p.path}: ${p.message}`).join('; '));
    this.name = 'InvalidCalendarError';
    this.problems = problems;
  }
}

/** Minutes after local midnight of an "HH:MM" time (00:00–23:59, and 24:00 when `allowMidnightEnd`), else undefined. */
export function parseClockTime(text: unknown, allowMidnightEnd: boolean): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (match === null) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > MINUTES_PER_DAY || (minutes === MINUTES_PER_DAY && !allowMidnightEnd))
    return undefined;
  return minutes;
}

/** Year, month and day of a real "YYYY-MM-DD" date, else undefined. */
export function parseLocalDate(
  text: unknown,
): { year: number; month: number; day: number } | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** A parsed range in minutes of its own day; `to` < `from` means it runs past midnight. */
interface ParsedRange {
  path: string;
  text: string;
  from: number;
  to: number;
}

/** A piece of business time within one local day, for the overlap check. */
interface DaySpan {
  start: number;
  end: number;
  owner: ParsedRange;
  spill: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkWeek(week: unknown, problems: CalendarProblem[]): void {
  if (!isRecord(week)) {
    problems.push({
      path: 'week',
      message: 'must be an object mapping weekdays (mon … sun) to lists of time ranges',
    });
    return;
  }
  for (const key of Object.keys(week)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      problems.push({
        path: `week.${key}`,
        message: `"${key}" is not a weekday (use mon, tue, wed, thu, fri, sat, sun)`,
      });
    }
  }
  const problemsBefore = problems.length;
  const parsed: ParsedRange[][] = WEEKDAYS.map(() => []);
  let rangeCount = 0;
  WEEKDAYS.forEach((weekday: Weekday, index) => {
    const ranges = week[weekday];
    if (ranges === undefined) return;
    if (!Array.isArray(ranges)) {
      problems.push({
        path: `week.${weekday}`,
        message: 'must be a list of time ranges {from: "HH:MM", to: "HH:MM"}',
      });
      return;
    }
    ranges.forEach((range: unknown, i) => {
      const path = `week.${weekday}[${i}]`;
      rangeCount++;
      if (!isRecord(range)) {
        problems.push({ path, message: 'must be a time range {from: "HH:MM", to: "HH:MM"}' });
        return;
      }
      const from = parseClockTime(range.from, false);
      const to = parseClockTime(range.to, true);
      if (from === undefined) {
        problems.push({
          path: `${path}.from`,
          message: `${JSON.stringify(range.from) ?? 'nothing'} is not a valid time (expected HH:MM from 00:00 to 23:59)`,
        });
      }
      if (to === undefined) {
        problems.push({
          path: `${path}.to`,
          message: `${JSON.stringify(range.to) ?? 'nothing'} is not a valid time (expected HH:MM from 00:00 to 24:00)`,
        });
      }
      if (from === undefined || to === undefined) return;
      const text = `${String(range.from)}–${String(range.to)}`;
      if (from === to) {
        problems.push({ path, message: `${text} is empty: from and to must differ` });
        return;
      }
      parsed[index]!.push({ path, text, from, to });
    });
  });
  // Said only when nothing else is wrong with the week, where it would be noise.
  if (rangeCount === 0 && problems.length === problemsBefore) {
    problems.push({ path: 'week', message: 'has no business hours: add at least one time range' });
  }
  checkOverlaps(parsed, problems);
}

/** Every local day: its own ranges (cut at midnight) and the after-midnight part of yesterday's overnight ranges. */
function checkOverlaps(parsed: ParsedRange[][], problems: CalendarProblem[]): void {
  parsed.forEach((own, index) => {
    const yesterday = parsed[(index + 6) % 7]!;
    const spans: DaySpan[] = [];
    for (const range of yesterday) {
      if (range.to < range.from && range.to > 0)
        spans.push({ start: 0, end: range.to, owner: range, spill: true });
    }
    for (const range of own) {
      const end = range.to > range.from ? range.to : MINUTES_PER_DAY;
      spans.push({ start: range.from, end, owner: range, spill: false });
    }
    spans.sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 1; i < spans.length; i++) {
      const span = spans[i]!;
      // Compare with every earlier span still open at this start, so each clash is named once.
      for (let j = 0; j < i; j++) {
        const earlier = spans[j]!;
        if (earlier.end <= span.start) continue;
        const [later, first] = span.spill && !earlier.spill ? [earlier, span] : [span, earlier];
        const firstText = `${first.owner.path} (${first.owner.text}${first.spill ? ', past midnight' : ''})`;
        problems.push({
          path: later.owner.path,
          message: `${later.owner.text} overlaps ${firstText}`,
        });
      }
    }
  });
}

function checkHolidays(holidays: unknown, problems: CalendarProblem[]): void {
  if (holidays === undefined) return;
  if (!Array.isArray(holidays)) {
    problems.push({ path: 'holidays', message: 'must be a list of holidays {date: "YYYY-MM-DD"}' });
    return;
  }
  const recurringDays = new Set<string>();
  holidays.forEach((holiday: unknown, i) => {
    const path = `holidays[${i}]`;
    if (!isRecord(holiday)) {
      problems.push({ path, message: 'must be a holiday {date: "YYYY-MM-DD", name?, recurring?}' });
      return;
    }
    const date = parseLocalDate(holiday.date);
    if (date === undefined) {
      problems.push({
        path: `${path}.date`,
        message: `${JSON.stringify(holiday.date) ?? 'nothing'} is not a valid date (expected YYYY-MM-DD)`,
      });
    }
    if (holiday.name !== undefined && typeof holiday.name !== 'string') {
      problems.push({ path: `${path}.name`, message: 'must be text' });
    }
    if (holiday.recurring !== undefined && typeof holiday.recurring !== 'boolean') {
      problems.push({ path: `${path}.recurring`, message: 'must be true or false' });
    }
    if (date !== undefined && holiday.recurring === true)
      recurringDays.add(`${date.month}-${date.day}`);
  });
  if (recurringDays.size === 366) {
    problems.push({
      path: 'holidays',
      message: 'every day of the year is a recurring holiday, so there is never any business time',
    });
  }
}

/** Everything wrong with a calendar (empty when it is usable), each with its path, without throwing. */
export function validateCalendar(calendar: unknown): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!isRecord(calendar)) {
    return [{ path: '', message: 'must be an object {timeZone, week, holidays?}' }];
  }
  const { timeZone } = calendar;
  if (typeof timeZone !== 'string' || timeZone === '') {
    problems.push({
      path: 'timeZone',
      message: 'must be an IANA time zone name such as "Europe/Berlin"',
    });
  } else if (!isKnownTimeZone(timeZone)) {
    problems.push({ path: 'timeZone', message: `"${timeZone}" is not a known time zone` });
  }
  checkWeek(calendar.week, problems);
  checkHolidays(calendar.holidays, problems);
  return problems;
}

/** Throws an InvalidCalendarError naming every problem unless the calendar is usable. */
export function assertValidCalendar(calendar: unknown): asserts calendar is BusinessCalendar {
  const problems = validateCalendar(calendar);
  if (problems.length > 0) throw new InvalidCalendarError(problems);
}
