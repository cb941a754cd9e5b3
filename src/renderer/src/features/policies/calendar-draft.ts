import {
  WEEKDAYS,
  type BusinessCalendar,
  type CalendarProblem,
  type Holiday,
  type HolidayPack,
  type TimeRange,
  type Weekday,
} from '@core/index';
import { isKnownTimeZone, offsetAt, zoneClock } from '@core/calendar/zone-clock';

/** How each weekday is written in the editor. */
export const WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** A new calendar's hours: Monday to Friday, 09:00–17:00, in `timeZone`. */
export function officeHours(timeZone: string): BusinessCalendar {
  return {
    timeZone,
    week: Object.fromEntries(
      WEEKDAYS.slice(0, 5).map((day) => [day, [{ from: '09:00', to: '17:00' }]]),
    ),
    holidays: [],
  };
}

function withDay(calendar: BusinessCalendar, day: Weekday, ranges: TimeRange[]): BusinessCalendar {
  const week = { ...calendar.week };
  if (ranges.length === 0) delete week[day];
  else week[day] = ranges;
  return { ...calendar, week };
}

/**
 * The calendar with a range added to a day: after the day's last range (from its end, for an
 * hour), else 09:00–17:00.
 */
export function addRange(calendar: BusinessCalendar, day: Weekday): BusinessCalendar {
  const ranges = calendar.week[day] ?? [];
  const last = ranges.at(-1);
  const next = last && /^\d\d:\d\d$/.test(last.to) && last.to < '23:00' ? nextHour(last.to) : null;
  return withDay(calendar, day, [...ranges, next ?? { from: '09:00', to: '17:00' }]);
}

function nextHour(time: string): TimeRange {
  const hour = Number(time.slice(0, 2)) + 1;
  return { from: time, to: `${String(hour).padStart(2, '0')}${time.slice(2)}` };
}

/** The calendar without range `index` of `day` (a day with no ranges is closed). */
export function removeRange(
  calendar: BusinessCalendar,
  day: Weekday,
  index: number,
): BusinessCalendar {
  return withDay(
    calendar,
    day,
    (calendar.week[day] ?? []).filter((_, i) => i !== index),
  );
}

/** The calendar with one end of a range changed. */
export function setRange(
  calendar: BusinessCalendar,
  day: Weekday,
  index: number,
  patch: Partial<TimeRange>,
): BusinessCalendar {
  return withDay(
    calendar,
    day,
    (calendar.week[day] ?? []).map((range, i) => (i === index ? { ...range, ...patch } : range)),
  );
}

/** The calendar with Monday's hours copied to Tuesday–Friday. */
export function copyMondayToWeekdays(calendar: BusinessCalendar): BusinessCalendar {
  const monday = calendar.week.mon ?? [];
  return WEEKDAYS.slice(1, 5).reduce(
    (next, day) =>
      withDay(
        next,
        day,
        monday.map((range) => ({ ...range })),
      ),
    calendar,
  );
}

/** Whether a range runs past midnight into the next day ("22:00"–"06:00"). */
export function isOvernight(range: TimeRange): boolean {
  const valid = /^([01]\d|2[0-4]):[0-5]\d$/;
  return valid.test(range.from) && valid.test(range.to) && range.to < range.from;
}

/** The calendar with a holiday added at the end (blank until the user fills it in). */
export function addHoliday(calendar: BusinessCalendar, holiday: Holiday): BusinessCalendar {
  return { ...calendar, holidays: [...(calendar.holidays ?? []), holiday] };
}

/** The calendar with holiday `index` changed. */
export function setHoliday(
  calendar: BusinessCalendar,
  index: number,
  patch: Partial<Holiday>,
): BusinessCalendar {
  return {
    ...calendar,
    holidays: (calendar.holidays ?? []).map((holiday, i) => {
      if (i !== index) return holiday;
      const next = { ...holiday, ...patch };
      if (!next.recurring) delete next.recurring;
      if (next.name === '') delete next.name;
      return next;
    }),
  };
}

/** The calendar without holiday `index`. */
export function removeHoliday(calendar: BusinessCalendar, index: number): BusinessCalendar {
  return { ...calendar, holidays: (calendar.holidays ?? []).filter((_, i) => i !== index) };
}

/** A pack's holidays in the years `from`–`to`, as one-off holidays. */
export function packHolidays(pack: HolidayPack, from: number, to: number): Holiday[] {
  return pack.holidays
    .filter((holiday) => {
      const year = Number(holiday.date.slice(0, 4));
      return year >= from && year <= to;
    })
    .map((holiday) => ({ date: holiday.date, name: holiday.name }));
}

/** The problems whose path is exactly `path` ("week.mon[1].to", "timeZone"). */
export function calendarProblemsAt(
  problems: readonly CalendarProblem[],
  path: string,
): CalendarProblem[] {
  return problems.filter((problem) => problem.path === path);
}

/** The offset from UTC of a time zone at `now`, e.g. "UTC+01:00"; undefined for an unknown zone. */
export function utcOffset(timeZone: string, now: number): string | undefined {
  if (!isKnownTimeZone(timeZone)) return undefined;
  const minutes = Math.round(offsetAt(zoneClock(timeZone), now) / 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = minutes < 0 ? '-' : '+';
  return `UTC${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** The time zones to offer: every zone the runtime knows, and UTC. */
export function timeZoneNames(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** The zones whose name contains the typed text (spaces match underscores, any case). */
export function filterTimeZones(zones: readonly string[], text: string): string[] {
  const wanted = text.trim().toLowerCase().replaceAll(' ', '_');
  if (!wanted) return [...zones];
  return zones.filter((zone) => zone.toLowerCase().includes(wanted));
}
