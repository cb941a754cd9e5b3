import ICAL from 'ical.js';
import type { Holiday } from './types';

/** One event of an iCalendar file that was left out, and why (in words for the editor). */
export interface IcsProblem {
  /** The event's place in the file, from 1 (0: the file as a whole). */
  event: number;
  /** The event's title, when it has one. */
  summary?: string;
  message: string;
}

/** What an iCalendar file holds for a business calendar: its holidays, and what was left out. */
export interface IcsHolidays {
  holidays: Holiday[];
  problems: IcsProblem[];
}

/** The years a recurring event other than "every year on this date" is expanded over. */
export interface YearRange {
  from: number;
  to: number;
}

/** Longer all-day events are not holidays (a season, a project): they are left out. */
const MAX_HOLIDAY_DAYS = 31;
/** A guard against rules that never reach the range (they are reported, not followed forever). */
const MAX_OCCURRENCES = 5_000;
const MAX_NAME_LENGTH = 120;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateOf = (time: ICAL.Time) => `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;

/** The days an all-day event covers: its start, and each following day before its end. */
function daysOf(start: ICAL.Time, end: ICAL.Time | undefined): ICAL.Time[] | undefined {
  const days = [start];
  if (!end) return days;
  const day = start.clone();
  for (;;) {
    day.adjust(1, 0, 0, 0);
    if (day.compare(end) >= 0) return days;
    if (days.length >= MAX_HOLIDAY_DAYS) return undefined;
    days.push(day.clone());
  }
}

/**
 * Whether an event repeats every year on its own date and nothing else: then it is one recurring
 * holiday. Anything else (the fourth Thursday of November, every other year, until 2030) is
 * expanded into dates.
 */
function isPlainYearly(event: ICAL.Event): boolean {
  const component = event.component;
  if (component.getAllProperties('rrule').length !== 1) return false;
  if (component.hasProperty('rdate') || component.hasProperty('exdate')) return false;
  const rule = component.getFirstPropertyValue('rrule') as ICAL.Recur;
  if (rule.freq !== 'YEARLY' || (rule.interval ?? 1) !== 1) return false;
  if (rule.count || rule.until) return false;
  const parts = rule.parts as Record<string, unknown[] | undefined>;
  const start = event.startDate;
  for (const [part, values] of Object.entries(parts)) {
    if (!values || values.length === 0) continue;
    if (part === 'BYMONTH' && values.length === 1 && values[0] === start.month) continue;
    if (part === 'BYMONTHDAY' && values.length === 1 && values[0] === start.day) continue;
    return false;
  }
  return true;
}

/**
 * Reads the holidays of an iCalendar (.ics) file, such as a public-holiday calendar exported from
 * a calendar app: each all-day event is a holiday named by its title, each day of a multi-day
 * event too. An event repeating every year on its date becomes one recurring holiday; other
 * repeating events (a weekday rule, exceptions) become their dates within `years`. Events at a
 * time of day, or longer than a month, are left out and listed in `problems`. A file that is not
 * iCalendar gives no holidays and one problem.
 */
export function holidaysFromIcs(text: string, years: YearRange): IcsHolidays {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { holidays: [], problems: [{ event: 0, message: `Not an iCalendar file: ${reason}` }] };
  }
  if (root.name !== 'vcalendar') {
    return {
      holidays: [],
      problems: [{ event: 0, message: 'Not an iCalendar file: it holds no VCALENDAR.' }],
    };
  }
  const found = new Map<string, Holiday>();
  const problems: IcsProblem[] = [];
  const add = (holiday: Holiday) => {
    const key = `${holiday.recurring ? 'every' : 'once'}:${holiday.recurring ? holiday.date.slice(5) : holiday.date}`;
    if (!found.has(key)) found.set(key, holiday);
  };

  root.getAllSubcomponents('vevent').forEach((component, index) => {
    const number = index + 1;
    const event = new ICAL.Event(component);
    const summary = (event.summary ?? '').trim().slice(0, MAX_NAME_LENGTH) || undefined;
    const problem = (message: string) =>
      problems.push({ event: number, ...(summary ? { summary } : {}), message });
    // Overridden occurrences (RECURRENCE-ID) belong to their series.
    if (component.hasProperty('recurrence-id')) return;
    if (!component.hasProperty('dtstart')) {
      problem('has no start date (DTSTART).');
      return;
    }
    const start = event.startDate;
    if (!start.isDate) {
      problem('is at a time of day, not a whole day: only all-day events are holidays.');
      return;
    }
    const end = component.hasProperty('dtend') || component.hasProperty('duration');
    const days = daysOf(start, end ? event.endDate : undefined);
    if (!days) {
      problem(`lasts more than ${MAX_HOLIDAY_DAYS} days: not a holiday.`);
      return;
    }
    const name = summary ? { name: summary } : {};
    if (!event.isRecurring()) {
      for (const day of days) add({ date: dateOf(day), ...name });
      return;
    }
    if (isPlainYearly(event)) {
      for (const day of days) add({ date: dateOf(day), ...name, recurring: true });
      return;
    }
    const occurrences = event.iterator();
    let inRange = 0;
    for (let n = 0; n < MAX_OCCURRENCES; n++) {
      const next = occurrences.next();
      if (!next || next.year > years.to) break;
      if (next.year < years.from) continue;
      inRange++;
      // Each occurrence covers as many days as the first one.
      const day = next.clone();
      for (let d = 0; d < days.length; d++) {
        add({ date: dateOf(day), ...name });
        day.adjust(1, 0, 0, 0);
      }
    }
    if (inRange === 0) problem(`repeats, but never between ${years.from} and ${years.to}.`);
  });

  const holidays = [...found.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || Number(b.recurring ?? 0) - Number(a.recurring ?? 0),
  );
  return { holidays, problems };
}
