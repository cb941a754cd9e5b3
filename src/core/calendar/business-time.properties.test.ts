// Properties of the calendar arithmetic on random valid calendars, checked against a reference that
// applies the rules of the issue literally, one minute at a time, reading local time from Intl.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addBusinessMinutes, businessMinutesBetween, isBusinessTime } from './business-time';
import type { BusinessCalendar, Holiday, TimeRange, Weekday } from './types';
import { WEEKDAYS } from './types';
import { validateCalendar } from './validate';
import { MAX_INSTANT_MS } from './zone-clock';

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEK_MINUTES = 7 * 1440;

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'America/Santiago',
  'Africa/Casablanca',
  'Asia/Kolkata',
  'UTC',
];

/** Instants near DST changes of the zones above, plus the whole window, to aim at the hard cases. */
const WINDOW_FROM = Date.parse('2024-01-01T00:00Z');
const WINDOW_TO = Date.parse('2027-01-01T00:00Z');
const HOT_SPOTS = [
  '2025-03-30T01:00Z', // Berlin spring
  '2025-10-26T01:00Z', // Berlin fall
  '2025-03-09T07:00Z', // New York spring
  '2025-11-02T06:00Z', // New York fall
  '2025-04-05T14:00Z', // Chatham fall
  '2025-09-27T14:00Z', // Chatham spring
  '2025-04-05T15:00Z', // Lord Howe fall
  '2025-10-04T15:30Z', // Lord Howe spring
  '2025-04-06T03:00Z', // Santiago fall (at midnight)
  '2025-09-07T04:00Z', // Santiago spring (at midnight)
  '2025-02-23T02:00Z', // Casablanca Ramadan change
].map(Date.parse);

const pad = (n: number): string => String(n).padStart(2, '0');
const clock = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const dateText = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * A valid week: ranges on the week's circle (in minutes; many on the quarter hour so they meet DST
 * changes), each shorter than 24 hours and ending before the next begins. A range crossing midnight
 * becomes an overnight range; one ending at midnight ends at "24:00" or "00:00".
 */
const rangeArbitrary = fc.record({
  start: fc.oneof(
    fc.integer({ min: 0, max: WEEK_MINUTES - 1 }),
    fc.integer({ min: 0, max: 7 * 96 - 1 }).map((q) => q * 15),
  ),
  length: fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 600 }), weight: 4 },
    { arbitrary: fc.integer({ min: 1, max: 64 }).map((q) => q * 15), weight: 3 },
    { arbitrary: fc.constant(1439), weight: 1 },
  ),
  toMidnight: fc.integer({ min: 0, max: 5 }),
});
const weekArbitrary = fc
  .record({
    ranges: fc.uniqueArray(rangeArbitrary, {
      minLength: 1,
      maxLength: 8,
      selector: (r) => r.start,
    }),
    midnightAs2400: fc.boolean(),
    allWeek: fc.integer({ min: 0, max: 9 }),
  })
  .map(({ ranges, midnightAs2400, allWeek }) => {
    const week: Partial<Record<Weekday, TimeRange[]>> = {};
    if (allWeek === 0) {
      for (const day of WEEKDAYS) week[day] = [{ from: '00:00', to: '24:00' }];
      return week;
    }
    const sorted = [...ranges].sort((a, b) => a.start - b.start);
    sorted.forEach(({ start, length, toMidnight }, i) => {
      const next = i + 1 < sorted.length ? sorted[i + 1]!.start : sorted[0]!.start + WEEK_MINUTES;
      const from = start % 1440;
      const room = Math.min(next - start, 1440 - (from === 0 ? 0 : 1));
      const untilMidnight = 1440 - from;
      const span =
        toMidnight === 0 && untilMidnight <= room ? untilMidnight : Math.min(length, room);
      const end = from + span;
      const to =
        end === 1440 ? (midnightAs2400 || from === 0 ? '24:00' : '00:00') : clock(end % 1440);
      const day = WEEKDAYS[Math.floor(start / 1440)]!;
      (week[day] ??= []).push({ from: clock(from), to });
    });
    return week;
  });

const holidaysArbitrary = fc.array(
  fc.record({
    day: fc.integer({ min: Math.floor(WINDOW_FROM / DAY), max: Math.floor(WINDOW_TO / DAY) }),
    recurring: fc.boolean(),
  }),
  { maxLength: 12 },
);

/** Random calendars, kept only when valid (overlaps from rounding are rare and simply dropped). */
const calendarArbitrary = fc
  .record({ timeZone: fc.constantFrom(...ZONES), week: weekArbitrary, holidays: holidaysArbitrary })
  .map(({ timeZone, week, holidays }): BusinessCalendar => ({
    timeZone,
    week,
    holidays: holidays.map(({ day, recurring }): Holiday => ({
      date: dateText(day * DAY),
      recurring,
    })),
  }))
  .filter((calendar) => validateCalendar(calendar).length === 0);

const instantArbitrary = fc.oneof(
  fc.integer({ min: WINDOW_FROM, max: WINDOW_TO }),
  fc
    .tuple(fc.constantFrom(...HOT_SPOTS), fc.integer({ min: -3 * DAY, max: 3 * DAY }))
    .map(([a, b]) => a + b),
);
const minuteArbitrary = instantArbitrary.map((ms) => Math.floor(ms / MINUTE) * MINUTE);

// Reference: the rule of the issue for one instant, with local time straight from Intl.
const formats = new Map<string, Intl.DateTimeFormat>();
function localTime(
  timeZone: string,
  ms: number,
): { date: string; weekday: number; minute: number } {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const weekday = (new Date(`${date}T00:00Z`).getUTCDay() + 6) % 7;
  return { date, weekday, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

const toMinutes = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3));

function referenceIsBusiness(calendar: BusinessCalendar, ms: number): boolean {
  const { date, weekday, minute } = localTime(calendar.timeZone, ms);
  const holiday = (calendar.holidays ?? []).some((h) =>
    h.recurring === true ? h.date.slice(5) === date.slice(5) : h.date === date,
  );
  if (holiday) return false;
  const today = calendar.week[WEEKDAYS[weekday]!] ?? [];
  const yesterday = calendar.week[WEEKDAYS[(weekday + 6) % 7]!] ?? [];
  return (
    today.some((r) => {
      const from = toMinutes(r.from);
      const to = toMinutes(r.to);
      return minute >= from && (to > from ? minute < to : true);
    }) ||
    yesterday.some((r) => {
      const from = toMinutes(r.from);
      const to = toMinutes(r.to);
      return to < from && minute < to;
    })
  );
}

const RUNS = { numRuns: 150 };

describe('business time on random calendars', () => {
  it('matches the reference minute by minute (between and isBusinessTime)', () => {
    const nearbyHolidays = fc.array(
      fc.record({ offset: fc.integer({ min: -1, max: 3 }), recurring: fc.boolean() }),
      {
        maxLength: 2,
      },
    );
    fc.assert(
      fc.property(
        calendarArbitrary,
        minuteArbitrary,
        fc.integer({ min: 0, max: 2 * 1440 }),
        nearbyHolidays,
        (randomCalendar, from, length, nearby) => {
          // Holidays on the dates around the span, so that the holiday rules are exercised.
          const calendar: BusinessCalendar = {
            ...randomCalendar,
            holidays: [
              ...(randomCalendar.holidays ?? []),
              ...nearby.map(({ offset, recurring }) => ({
                date: dateText(from + offset * DAY),
                recurring,
              })),
            ],
          };
          let expected = 0;
          for (let m = 0; m < length; m++) {
            const business = referenceIsBusiness(calendar, from + m * MINUTE);
            if (business) expected++;
            if (m % 97 === 0) expect(isBusinessTime(calendar, from + m * MINUTE)).toBe(business);
          }
          expect(businessMinutesBetween(calendar, from, from + length * MINUTE)).toBe(expected);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('add and between are inverse: between(t, add(t, m)) = m', () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        instantArbitrary,
        fc.integer({ min: 0, max: 20_000 }),
        (calendar, t, m) => {
          let due: number;
          try {
            due = addBusinessMinutes(calendar, t, m);
          } catch (error) {
            // A sparse calendar (one minute a week) can push the due time past 2199: only then
            // may it refuse, and then the business time left before the limit is short of m.
            expect(error).toBeInstanceOf(RangeError);
            expect(businessMinutesBetween(calendar, t, MAX_INSTANT_MS)).toBeLessThan(m);
            return;
          }
          expect(businessMinutesBetween(calendar, t, due)).toBe(m);
        },
      ),
      RUNS,
    );
  });

  it('add gives the earliest such instant: business time just before it, or for 0 the next business instant', () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        instantArbitrary,
        fc.integer({ min: 0, max: 5000 }),
        (calendar, t, m) => {
          const due = addBusinessMinutes(calendar, t, m);
          expect(due).toBeGreaterThanOrEqual(t);
          if (m > 0) {
            // The last millisecond counted is business time, so nothing earlier reaches m.
            expect(isBusinessTime(calendar, due - 1)).toBe(true);
            expect(businessMinutesBetween(calendar, t, due - 1)).toBeLessThan(m);
          } else {
            expect(isBusinessTime(calendar, due)).toBe(true);
            expect(businessMinutesBetween(calendar, t, due)).toBe(0);
            if (due > t) expect(isBusinessTime(calendar, due - 1)).toBe(false);
          }
        },
      ),
      RUNS,
    );
  });

  it('a deadline is a business instant or a closing time (never inside closed time)', () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        minuteArbitrary,
        fc.integer({ min: 1, max: 5000 }),
        (calendar, t, m) => {
          const due = addBusinessMinutes(calendar, t, m);
          const closing = isBusinessTime(calendar, due - 1) && !isBusinessTime(calendar, due);
          expect(isBusinessTime(calendar, due) || closing).toBe(true);
          expect(referenceIsBusiness(calendar, due - MINUTE)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('add is monotone in the start and in the minutes', () => {
    // A sparse calendar (one minute a week) can put the due time past 2199, the last supported
    // instant, where adding refuses with a RangeError: that counts as later than any due time.
    const add = (calendar: BusinessCalendar, t: number, minutes: number): number => {
      try {
        return addBusinessMinutes(calendar, t, minutes);
      } catch (error) {
        if (error instanceof RangeError) return Number.POSITIVE_INFINITY;
        throw error;
      }
    };
    fc.assert(
      fc.property(
        calendarArbitrary,
        instantArbitrary,
        fc.integer({ min: 0, max: 3 * DAY }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        (calendar, t, later, m, more) => {
          expect(add(calendar, t + later, m)).toBeGreaterThanOrEqual(add(calendar, t, m));
          expect(add(calendar, t, m + more)).toBeGreaterThanOrEqual(add(calendar, t, m));
        },
      ),
      RUNS,
    );
  });

  it('between is monotone in its end and additive in any order', () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        instantArbitrary,
        instantArbitrary,
        instantArbitrary,
        (calendar, a, b, c) => {
          const ab = businessMinutesBetween(calendar, a, b);
          const bc = businessMinutesBetween(calendar, b, c);
          const ac = businessMinutesBetween(calendar, a, c);
          expect(ab + bc).toBeCloseTo(ac, 6);
          expect(businessMinutesBetween(calendar, b, a)).toBe(ab === 0 ? 0 : -ab);
          if (b <= c) expect(ac).toBeGreaterThanOrEqual(ab);
        },
      ),
      RUNS,
    );
  });

  it('fractions: seconds and milliseconds inside minutes add up', () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        instantArbitrary,
        fc.integer({ min: 1, max: 600_000 }),
        (calendar, t, ms) => {
          const due = addBusinessMinutes(calendar, t, ms / MINUTE);
          expect(Math.round(businessMinutesBetween(calendar, t, due) * MINUTE)).toBe(ms);
        },
      ),
      RUNS,
    );
  });
});
