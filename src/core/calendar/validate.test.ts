import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './types';
import {
  assertValidCalendar,
  InvalidCalendarError,
  parseClockTime,
  parseLocalDate,
  validateCalendar,
} from './validate';

const office = [{ from: '09:00', to: '17:00' }];
const valid: BusinessCalendar = { timeZone: 'Europe/Berlin', week: { mon: office } };
const withWeek = (week: unknown): unknown => ({ timeZone: 'Europe/Berlin', week });
const withHolidays = (holidays: unknown): unknown => ({ ...valid, holidays });

const everyDayOfYear = (): { date: string; recurring: boolean }[] => {
  const holidays = [];
  for (let day = 0; day < 366; day++) {
    holidays.push({
      date: new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10),
      recurring: true,
    });
  }
  return holidays;
};

describe('validateCalendar', () => {
  it.each([
    ['office hours', valid],
    [
      'touching ranges',
      withWeek({
        mon: [
          { from: '09:00', to: '12:00' },
          { from: '12:00', to: '17:00' },
        ],
      }),
    ],
    ['a whole day', withWeek({ sun: [{ from: '00:00', to: '24:00' }] })],
    [
      'a range ending 00:00 (past midnight, nothing after it)',
      withWeek({ fri: [{ from: '22:00', to: '00:00' }] }),
    ],
    [
      'a night touching the next morning',
      withWeek({ mon: [{ from: '22:00', to: '06:00' }], tue: [{ from: '06:00', to: '10:00' }] }),
    ],
    [
      'Sunday night touching Monday',
      withWeek({ sun: [{ from: '20:00', to: '08:00' }], mon: [{ from: '08:00', to: '12:00' }] }),
    ],
    ['a 23-hour overnight range', withWeek({ wed: [{ from: '01:00', to: '00:00' }] })],
    [
      'a long night that ends before its own day’s early range repeats',
      withWeek({
        sat: [
          { from: '03:00', to: '05:00' },
          { from: '08:00', to: '04:00' },
        ],
      }),
    ],
    [
      'holidays of every kind',
      withHolidays([
        { date: '2024-02-29' },
        { date: '2020-12-25', name: 'Christmas', recurring: true },
        { date: '2025-01-01', recurring: false },
      ]),
    ],
    ['all but one recurring day', withHolidays(everyDayOfYear().slice(1))],
    ['UTC', { timeZone: 'UTC', week: { mon: office } }],
    ['a 45-minute zone', { timeZone: 'Asia/Kathmandu', week: { mon: office } }],
    ['a missing weekday list', withWeek({ mon: office, tue: undefined })],
  ])('accepts %s', (_, calendar) => {
    expect(validateCalendar(calendar)).toEqual([]);
    expect(() => assertValidCalendar(calendar)).not.toThrow();
  });

  it.each([
    ['not an object', 'Europe/Berlin', '', 'must be an object {timeZone, week, holidays?}'],
    [
      'an unknown zone',
      { ...valid, timeZone: 'Mars/Olympus_Mons' },
      'timeZone',
      '"Mars/Olympus_Mons" is not a known time zone',
    ],
    [
      'a zone that is not text',
      { ...valid, timeZone: 1 },
      'timeZone',
      'must be an IANA time zone name such as "Europe/Berlin"',
    ],
    [
      'an empty zone',
      { ...valid, timeZone: '' },
      'timeZone',
      'must be an IANA time zone name such as "Europe/Berlin"',
    ],
    [
      'a week that is not an object',
      withWeek([office]),
      'week',
      'must be an object mapping weekdays (mon … sun) to lists of time ranges',
    ],
    [
      'an unknown weekday',
      withWeek({ mon: office, monday: office }),
      'week.monday',
      '"monday" is not a weekday (use mon, tue, wed, thu, fri, sat, sun)',
    ],
    [
      'ranges that are not a list',
      withWeek({ mon: { from: '09:00', to: '17:00' } }),
      'week.mon',
      'must be a list of time ranges {from: "HH:MM", to: "HH:MM"}',
    ],
    [
      'a range that is not an object',
      withWeek({ mon: ['09:00-17:00'] }),
      'week.mon[0]',
      'must be a time range {from: "HH:MM", to: "HH:MM"}',
    ],
    [
      'an hour of 25',
      withWeek({
        mon: [
          { from: '09:00', to: '17:00' },
          { from: '18:00', to: '25:00' },
        ],
      }),
      'week.mon[1].to',
      '"25:00" is not a valid time (expected HH:MM from 00:00 to 24:00)',
    ],
    [
      'a one-digit hour',
      withWeek({ mon: [{ from: '9:00', to: '17:00' }] }),
      'week.mon[0].from',
      '"9:00" is not a valid time (expected HH:MM from 00:00 to 23:59)',
    ],
    [
      'minute 60',
      withWeek({ mon: [{ from: '09:60', to: '17:00' }] }),
      'week.mon[0].from',
      '"09:60" is not a valid time (expected HH:MM from 00:00 to 23:59)',
    ],
    [
      '24:00 as a start',
      withWeek({ mon: [{ from: '24:00', to: '06:00' }] }),
      'week.mon[0].from',
      '"24:00" is not a valid time (expected HH:MM from 00:00 to 23:59)',
    ],
    [
      '24:01 as an end',
      withWeek({ mon: [{ from: '09:00', to: '24:01' }] }),
      'week.mon[0].to',
      '"24:01" is not a valid time (expected HH:MM from 00:00 to 24:00)',
    ],
    [
      'seconds',
      withWeek({ mon: [{ from: '09:00:00', to: '17:00' }] }),
      'week.mon[0].from',
      '"09:00:00" is not a valid time (expected HH:MM from 00:00 to 23:59)',
    ],
    [
      'a number',
      withWeek({ mon: [{ from: 9, to: '17:00' }] }),
      'week.mon[0].from',
      '9 is not a valid time (expected HH:MM from 00:00 to 23:59)',
    ],
    [
      'a missing end',
      withWeek({ mon: [{ from: '09:00' }] }),
      'week.mon[0].to',
      'nothing is not a valid time (expected HH:MM from 00:00 to 24:00)',
    ],
    [
      'from equal to to',
      withWeek({ mon: [{ from: '09:00', to: '09:00' }] }),
      'week.mon[0]',
      '09:00–09:00 is empty: from and to must differ',
    ],
    [
      '00:00 to 00:00',
      withWeek({ mon: [{ from: '00:00', to: '00:00' }] }),
      'week.mon[0]',
      '00:00–00:00 is empty: from and to must differ',
    ],
    [
      'overlapping ranges',
      withWeek({
        tue: [
          { from: '09:00', to: '13:00' },
          { from: '12:00', to: '17:00' },
        ],
      }),
      'week.tue[1]',
      '12:00–17:00 overlaps week.tue[0] (09:00–13:00)',
    ],
    [
      'a range inside another',
      withWeek({
        tue: [
          { from: '09:00', to: '17:00' },
          { from: '10:00', to: '11:00' },
        ],
      }),
      'week.tue[1]',
      '10:00–11:00 overlaps week.tue[0] (09:00–17:00)',
    ],
    [
      'the same range twice',
      withWeek({ tue: [office[0], office[0]] }),
      'week.tue[1]',
      '09:00–17:00 overlaps week.tue[0] (09:00–17:00)',
    ],
    [
      'a night running into the next morning',
      withWeek({ mon: [{ from: '22:00', to: '06:00' }], tue: [{ from: '05:00', to: '07:00' }] }),
      'week.tue[0]',
      '05:00–07:00 overlaps week.mon[0] (22:00–06:00, past midnight)',
    ],
    [
      'Sunday night running into Monday',
      withWeek({ sun: [{ from: '22:00', to: '09:30' }], mon: office }),
      'week.mon[0]',
      '09:00–17:00 overlaps week.sun[0] (22:00–09:30, past midnight)',
    ],
    [
      'a night overlapping an evening range the same day',
      withWeek({
        fri: [
          { from: '18:00', to: '23:00' },
          { from: '22:00', to: '02:00' },
        ],
      }),
      'week.fri[1]',
      '22:00–02:00 overlaps week.fri[0] (18:00–23:00)',
    ],
    [
      'a long Saturday night running into Sunday morning',
      withWeek({ sat: [{ from: '08:00', to: '04:00' }], sun: [{ from: '03:00', to: '05:00' }] }),
      'week.sun[0]',
      '03:00–05:00 overlaps week.sat[0] (08:00–04:00, past midnight)',
    ],
    [
      'a week with no ranges',
      withWeek({}),
      'week',
      'has no business hours: add at least one time range',
    ],
    [
      'a week of empty lists',
      withWeek({ mon: [], tue: [] }),
      'week',
      'has no business hours: add at least one time range',
    ],
    [
      'holidays that are not a list',
      withHolidays({ date: '2025-01-01' }),
      'holidays',
      'must be a list of holidays {date: "YYYY-MM-DD"}',
    ],
    [
      'a holiday that is not an object',
      withHolidays(['2025-01-01']),
      'holidays[0]',
      'must be a holiday {date: "YYYY-MM-DD", name?, recurring?}',
    ],
    [
      '29 February of a common year',
      withHolidays([{ date: '2025-02-29' }]),
      'holidays[0].date',
      '"2025-02-29" is not a valid date (expected YYYY-MM-DD)',
    ],
    [
      'month 13',
      withHolidays([{ date: '2025-12-01' }, { date: '2025-13-01' }]),
      'holidays[1].date',
      '"2025-13-01" is not a valid date (expected YYYY-MM-DD)',
    ],
    [
      'a two-digit year',
      withHolidays([{ date: '25-01-01' }]),
      'holidays[0].date',
      '"25-01-01" is not a valid date (expected YYYY-MM-DD)',
    ],
    [
      'a missing date',
      withHolidays([{ name: 'New Year' }]),
      'holidays[0].date',
      'nothing is not a valid date (expected YYYY-MM-DD)',
    ],
    [
      'a name that is not text',
      withHolidays([{ date: '2025-01-01', name: 1 }]),
      'holidays[0].name',
      'must be text',
    ],
    [
      'recurring that is not a boolean',
      withHolidays([{ date: '2025-01-01', recurring: 'yes' }]),
      'holidays[0].recurring',
      'must be true or false',
    ],
    [
      'a recurring holiday on every day of the year',
      withHolidays(everyDayOfYear()),
      'holidays',
      'every day of the year is a recurring holiday, so there is never any business time',
    ],
  ])('reports %s', (_, calendar, path, message) => {
    expect(validateCalendar(calendar)).toEqual([{ path, message }]);
    expect(() => assertValidCalendar(calendar)).toThrow(
      new InvalidCalendarError([{ path, message }]),
    );
  });

  it('reports every problem at once, in the order of the calendar', () => {
    const problems = validateCalendar({
      timeZone: 'Nowhere/Special',
      week: { mon: [{ from: '25:00', to: '26:00' }] },
      holidays: [{ date: 'tomorrow' }],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'timeZone',
      'week.mon[0].from',
      'week.mon[0].to',
      'holidays[0].date',
    ]);
  });

  it('reports one clash once even when three ranges overlap', () => {
    const problems = validateCalendar(
      withWeek({
        wed: [
          { from: '09:00', to: '12:00' },
          { from: '10:00', to: '13:00' },
          { from: '11:00', to: '14:00' },
        ],
      }),
    );
    expect(problems.map((p) => p.message)).toEqual([
      '10:00–13:00 overlaps week.wed[0] (09:00–12:00)',
      '11:00–14:00 overlaps week.wed[0] (09:00–12:00)',
      '11:00–14:00 overlaps week.wed[1] (10:00–13:00)',
    ]);
  });
});

describe('InvalidCalendarError', () => {
  it('names each problem with its path in the message and keeps the list', () => {
    const error = new InvalidCalendarError([
      { path: 'week.mon[1]', message: '"25:00" is not a valid time' },
      { path: 'timeZone', message: '"X" is not a known time zone' },
    ]);
    expect(error.message).toBe(
      'calendar.week.mon[1]: "25:00" is not a valid time; calendar.timeZone: "X" is not a known time zone',
    );
    expect(error.problems).toHaveLength(2);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvalidCalendarError');
  });
});

describe('parseClockTime', () => {
  it.each([
    ['00:00', false, 0],
    ['09:30', false, 570],
    ['23:59', false, 1439],
    ['24:00', true, 1440],
    ['24:00', false, undefined],
    ['24:30', true, undefined],
    ['7:00', false, undefined],
    [' 07:00', false, undefined],
    ['07:00 ', false, undefined],
    ['0700', false, undefined],
    [undefined, true, undefined],
  ])('%s (24:00 allowed: %s) is %s', (text, allowMidnightEnd, minutes) => {
    expect(parseClockTime(text, allowMidnightEnd)).toBe(minutes);
  });
});

describe('parseLocalDate', () => {
  it.each([
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2023-02-29', undefined],
    ['2025-04-31', undefined],
    ['2025-00-10', undefined],
    ['2025-1-10', undefined],
    ['2025-01-10T00:00', undefined],
    [20250110, undefined],
  ])('%s is %o', (text, date) => {
    expect(parseLocalDate(text)).toEqual(date);
  });
});
