/** A day of the week as used in a calendar's `week`. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * Opening hours on one weekday in local wall-clock "HH:MM". `to` may be "24:00"; when `to` is earlier
 * than `from` the range runs past midnight into the next day.
 */
export interface TimeRange {
  from: string;
  to: string;
}

/** A local date ("YYYY-MM-DD") without business time; `recurring` repeats its month and day every year. */
export interface Holiday {
  date: string;
  name?: string;
  recurring?: boolean;
}

/** When a desk works: weekly wall-clock hours in an IANA time zone, minus holidays. */
export interface BusinessCalendar {
  timeZone: string;
  week: Partial<Record<Weekday, TimeRange[]>>;
  holidays?: Holiday[];
}

/** One thing wrong with a calendar: where (`week.mon[1].to`) and what, in words for the editor. */
export interface CalendarProblem {
  path: string;
  message: string;
}

/** The weekdays in ISO order; index 0 is Monday, matching `isoWeekday`. */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
