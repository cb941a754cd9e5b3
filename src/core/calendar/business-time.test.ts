import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, isBusinessTime } from './business-time';
import type { BusinessCalendar, TimeRange, Weekday } from './types';
import { InvalidCalendarError } from './validate';

/** Epoch ms of a local time written with its offset, e.g. "2025-03-28T16:00+01:00". */
const at = (text: string): number => {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`bad test instant ${text}`);
  return ms;
};
const iso = (ms: number): string => new Date(ms).toISOString();

const office: TimeRange[] = [{ from: '09:00', to: '17:00' }];
const weekdays = (ranges: TimeRange[]): Partial<Record<Weekday, TimeRange[]>> => ({
  mon: ranges,
  tue: ranges,
  wed: ranges,
  thu: ranges,
  fri: ranges,
});
const allWeek = (ranges: TimeRange[]): Partial<Record<Weekday, TimeRange[]>> => ({
  ...weekdays(ranges),
  sat: ranges,
  sun: ranges,
});
const always: TimeRange[] = [{ from: '00:00', to: '24:00' }];

const berlinOffice: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  week: weekdays(office),
  holidays: [
    { date: '2025-05-01', name: 'Labour Day' },
    { date: '2020-12-25', name: 'Christmas Day', recurring: true },
  ],
};
const newYorkOffice: BusinessCalendar = { timeZone: 'America/New_York', week: weekdays(office) };
const kathmanduOffice: BusinessCalendar = { timeZone: 'Asia/Kathmandu', week: weekdays(office) };
const chathamOffice: BusinessCalendar = { timeZone: 'Pacific/Chatham', week: weekdays(office) };

const alwaysIn = (timeZone: string): BusinessCalendar => ({ timeZone, week: allWeek(always) });
const sundayOnly = (timeZone: string, from: string, to: string): BusinessCalendar => ({
  timeZone,
  week: { sun: [{ from, to }] },
});
/** Night shifts Mon–Fri 22:00–06:00 with Tuesday 6 May 2025 off. */
const berlinNights: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  week: weekdays([{ from: '22:00', to: '06:00' }]),
  holidays: [{ date: '2025-05-06' }],
};

describe('addBusinessMinutes', () => {
  it.each([
    ['within a day', berlinOffice, '2025-03-25T10:00+01:00', 60, '2025-03-25T11:00+01:00'],
    ['before opening', berlinOffice, '2025-03-31T07:00+02:00', 30, '2025-03-31T09:30+02:00'],
    ['from the closing time', berlinOffice, '2025-03-31T17:00+02:00', 1, '2025-04-01T09:01+02:00'],
    [
      'over a weekend with the spring DST change',
      berlinOffice,
      '2025-03-28T16:00+01:00',
      120,
      '2025-03-31T10:00+02:00',
    ],
    [
      'over a weekend with the fall DST change',
      berlinOffice,
      '2025-10-24T16:00+02:00',
      120,
      '2025-10-27T10:00+01:00',
    ],
    [
      'a deadline on a closing time stays there',
      berlinOffice,
      '2025-03-28T13:00+01:00',
      240,
      '2025-03-28T17:00+01:00',
    ],
    [
      'a whole week ends at Friday closing',
      berlinOffice,
      '2025-03-03T09:00+01:00',
      2400,
      '2025-03-07T17:00+01:00',
    ],
    [
      'one minute more opens Monday',
      berlinOffice,
      '2025-03-03T09:00+01:00',
      2401,
      '2025-03-10T09:01+01:00',
    ],
    ['skips a holiday', berlinOffice, '2025-04-30T16:30+02:00', 60, '2025-05-02T09:30+02:00'],
    [
      'a one-off holiday does not recur',
      berlinOffice,
      '2026-04-30T16:30+02:00',
      60,
      '2026-05-01T09:30+02:00',
    ],
    [
      'skips a recurring holiday',
      berlinOffice,
      '2025-12-24T16:00+01:00',
      120,
      '2025-12-26T10:00+01:00',
    ],
    [
      'a recurring holiday in a later year',
      berlinOffice,
      '2026-12-24T16:30+01:00',
      60,
      '2026-12-28T09:30+01:00',
    ],
    [
      'seconds carry over a closing',
      berlinOffice,
      '2025-03-28T16:59:30+01:00',
      1,
      '2025-03-31T09:00:30+02:00',
    ],
    [
      'fractions of a minute',
      berlinOffice,
      '2025-03-25T10:00:00.250+01:00',
      0.5,
      '2025-03-25T10:00:30.250+01:00',
    ],
    [
      'half a minute up to the closing time',
      berlinOffice,
      '2025-03-25T16:59:30+01:00',
      0.5,
      '2025-03-25T17:00+01:00',
    ],
    [
      'New York over the spring change',
      newYorkOffice,
      '2025-03-07T16:00-05:00',
      120,
      '2025-03-10T10:00-04:00',
    ],
    [
      'New York over the fall change',
      newYorkOffice,
      '2025-10-31T16:00-04:00',
      120,
      '2025-11-03T10:00-05:00',
    ],
    [
      'Kathmandu (+05:45)',
      kathmanduOffice,
      '2025-03-07T16:00+05:45',
      120,
      '2025-03-10T10:00+05:45',
    ],
    [
      'Chatham in summer time (+13:45)',
      chathamOffice,
      '2025-01-10T16:15+13:45',
      60,
      '2025-01-13T09:15+13:45',
    ],
    [
      'Chatham in standard time (+12:45)',
      chathamOffice,
      '2025-07-11T16:15+12:45',
      60,
      '2025-07-14T09:15+12:45',
    ],
  ])('%s', (_, calendar, start, minutes, due) => {
    expect(iso(addBusinessMinutes(calendar, at(start), minutes))).toBe(iso(at(due)));
  });

  it.each([
    ['business time: itself', '2025-03-25T10:00+01:00', '2025-03-25T10:00+01:00'],
    ['the opening instant: itself', '2025-03-25T09:00+01:00', '2025-03-25T09:00+01:00'],
    [
      'the last millisecond: itself',
      '2025-03-25T16:59:59.999+01:00',
      '2025-03-25T16:59:59.999+01:00',
    ],
    ['the closing instant: the next opening', '2025-03-25T17:00+01:00', '2025-03-26T09:00+01:00'],
    ['a Saturday: Monday opening', '2025-03-29T12:00+01:00', '2025-03-31T09:00+02:00'],
    ['a holiday: the next opening', '2025-05-01T10:00+02:00', '2025-05-02T09:00+02:00'],
  ])('0 minutes from %s', (_, start, due) => {
    expect(iso(addBusinessMinutes(berlinOffice, at(start), 0))).toBe(iso(at(due)));
  });

  it('counts both passes of a repeated hour (New York, 1 Nov 2025 fall back)', () => {
    // 01:30–01:45 happens at 05:30Z (EDT) and again at 06:30Z (EST): 5 minutes in each.
    const calendar = sundayOnly('America/New_York', '01:30', '01:45');
    expect(iso(addBusinessMinutes(calendar, at('2025-11-02T05:40Z'), 10))).toBe(
      '2025-11-02T06:35:00.000Z',
    );
  });

  it('skips a range that falls entirely into a spring-forward gap', () => {
    const calendar = sundayOnly('Europe/Berlin', '02:15', '02:45');
    expect(iso(addBusinessMinutes(calendar, at('2025-03-29T12:00Z'), 1))).toBe(
      iso(at('2025-04-06T02:16+02:00')),
    );
  });

  it('runs night shifts across midnight and skips the holiday, including its after-midnight part', () => {
    // Mon 22:00–24:00 (60 used), Tue 00:00–06:00 and 22:00–24:00 are the holiday, Wed 00:00 resumes.
    expect(iso(addBusinessMinutes(berlinNights, at('2025-05-05T23:00+02:00'), 120))).toBe(
      iso(at('2025-05-07T01:00+02:00')),
    );
  });

  it('has no gap at midnight between a range ending 24:00 and one starting 00:00', () => {
    const calendar: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      week: { sat: [{ from: '18:00', to: '24:00' }], sun: [{ from: '00:00', to: '06:00' }] },
    };
    expect(iso(addBusinessMinutes(calendar, at('2025-05-10T23:30+02:00'), 60))).toBe(
      iso(at('2025-05-11T00:30+02:00')),
    );
  });

  it('adds a 24/7 year as a plain year', () => {
    const start = at('2025-01-01T00:00+01:00');
    expect(addBusinessMinutes(alwaysIn('Europe/Berlin'), start, 365 * 1440)).toBe(
      at('2026-01-01T00:00+01:00'),
    );
  });

  it('searches for years when it must, and stops', () => {
    // Every date but 29 February is a holiday and only Mondays are open: the next 29 February on a
    // Monday after 2025 is in 2044.
    const holidays = [];
    for (let month = 1; month <= 12; month++) {
      for (let day = 1; day <= 31; day++) {
        const date = new Date(Date.UTC(2024, month - 1, day));
        if (date.getUTCMonth() !== month - 1 || (month === 2 && day === 29)) continue;
        holidays.push({ date: date.toISOString().slice(0, 10), recurring: true });
      }
    }
    const calendar: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      week: { mon: office },
      holidays,
    };
    expect(iso(addBusinessMinutes(calendar, at('2025-01-01T00:00Z'), 60))).toBe(
      iso(at('2044-02-29T10:00+01:00')),
    );
  });

  const everyDay = (fromYear: number, toYear: number): { date: string }[] => {
    const holidays = [];
    for (let ms = Date.UTC(fromYear, 0, 1); ms < Date.UTC(toYear + 1, 0, 1); ms += 86_400_000) {
      holidays.push({ date: iso(ms).slice(0, 10) });
    }
    return holidays;
  };

  it('waits out three years of holidays', () => {
    const calendar: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      week: weekdays(office),
      holidays: everyDay(2025, 2027),
    };
    // 1 January 2028 is a Saturday.
    expect(iso(addBusinessMinutes(calendar, at('2025-01-01T00:00Z'), 60))).toBe(
      iso(at('2028-01-03T10:00+01:00')),
    );
    expect(businessMinutesBetween(calendar, at('2025-01-01T00:00Z'), at('2028-01-01T00:00Z'))).toBe(
      0,
    );
  });

  it('throws instead of searching past 2199 when holidays cover every day until then', () => {
    const calendar: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      week: weekdays(office),
      holidays: everyDay(2190, 2199),
    };
    expect(() => addBusinessMinutes(calendar, at('2190-01-01T00:00Z'), 1)).toThrow(
      /after 2199-12-31/,
    );
    expect(() => addBusinessMinutes(calendar, at('2190-01-01T00:00Z'), 0)).toThrow(
      /after 2199-12-31/,
    );
  });

  it.each([
    ['a negative amount', at('2025-01-01T00:00Z'), -1, /minutes must be a finite number/],
    ['NaN minutes', at('2025-01-01T00:00Z'), NaN, /minutes must be a finite number/],
    ['infinite minutes', at('2025-01-01T00:00Z'), Infinity, /minutes must be a finite number/],
    ['a NaN start', NaN, 1, /startMs must be epoch milliseconds/],
    ['a start after 2199', Date.UTC(2200, 0, 1), 1, /startMs must be epoch milliseconds/],
    ['a start before 1900', Date.UTC(1900, 0, 1) - 1, 1, /startMs must be epoch milliseconds/],
    ['a due time after 2199', Date.UTC(2199, 11, 30), 1e6, /after 2199-12-31/],
  ])('rejects %s with a RangeError', (_, start, minutes, message) => {
    expect(() => addBusinessMinutes(berlinOffice, start, minutes)).toThrow(RangeError);
    expect(() => addBusinessMinutes(berlinOffice, start, minutes)).toThrow(message);
  });

  it('rejects an invalid calendar, naming the problem', () => {
    const calendar: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      week: { mon: [{ from: '09:00', to: '25:00' }] },
    };
    expect(() => addBusinessMinutes(calendar, at('2025-01-01T00:00Z'), 1)).toThrow(
      InvalidCalendarError,
    );
    expect(() => addBusinessMinutes(calendar, at('2025-01-01T00:00Z'), 1)).toThrow(
      'calendar.week.mon[0].to: "25:00" is not a valid time',
    );
  });

  it('answers at both ends of the supported range', () => {
    const utc = alwaysIn('UTC');
    expect(addBusinessMinutes(utc, Date.UTC(1900, 0, 1), 60)).toBe(Date.UTC(1900, 0, 1, 1));
    expect(addBusinessMinutes(utc, Date.UTC(2199, 11, 31, 23), 59)).toBe(
      Date.UTC(2199, 11, 31, 23, 59),
    );
    // December 2199: 21 weekdays before Tuesday the 31st, less Wednesday the 25th (recurring holiday).
    expect(
      businessMinutesBetween(berlinOffice, Date.UTC(2199, 11, 1), at('2199-12-31T12:00+01:00')),
    ).toBe(20 * 480 + 180);
  });

  it('jumps between far-apart dates without building what lies between', () => {
    const calendar: BusinessCalendar = { timeZone: 'Europe/Berlin', week: weekdays(office) };
    const began = performance.now();
    for (let i = 0; i < 20; i++) {
      expect(iso(addBusinessMinutes(calendar, at('1950-03-03T16:00+01:00'), 120))).toBe(
        iso(at('1950-03-06T10:00+01:00')),
      );
      expect(iso(addBusinessMinutes(calendar, at('2150-03-06T16:00+01:00'), 120))).toBe(
        iso(at('2150-03-09T10:00+01:00')),
      );
    }
    expect(performance.now() - began).toBeLessThan(1000);
  });

  it('notices a calendar whose week was replaced', () => {
    const calendar: BusinessCalendar = { timeZone: 'Europe/Berlin', week: weekdays(office) };
    const start = at('2025-03-25T10:00+01:00');
    expect(iso(addBusinessMinutes(calendar, start, 60))).toBe(iso(at('2025-03-25T11:00+01:00')));
    calendar.week = weekdays([{ from: '10:00', to: '10:30' }]);
    expect(iso(addBusinessMinutes(calendar, start, 60))).toBe(iso(at('2025-03-26T10:30+01:00')));
  });
});

describe('businessMinutesBetween', () => {
  it.each([
    ['an office week', berlinOffice, '2025-03-24T00:00+01:00', '2025-03-31T00:00+02:00', 2400],
    [
      'a week with a holiday',
      berlinOffice,
      '2025-04-28T00:00+02:00',
      '2025-05-05T00:00+02:00',
      1920,
    ],
    [
      'a week with a recurring holiday',
      berlinOffice,
      '2025-12-22T00:00+01:00',
      '2025-12-29T00:00+01:00',
      1920,
    ],
    [
      'Friday to Monday over the DST change',
      berlinOffice,
      '2025-03-28T16:00+01:00',
      '2025-03-31T10:00+02:00',
      120,
    ],
    ['a weekend', berlinOffice, '2025-03-29T00:00+01:00', '2025-03-31T00:00+02:00', 0],
    ['half a minute', berlinOffice, '2025-03-25T09:00:30+01:00', '2025-03-25T09:01+01:00', 0.5],
    [
      'the last millisecond',
      berlinOffice,
      '2025-03-25T16:59:59.999+01:00',
      '2025-03-25T17:00+01:00',
      1 / 60_000,
    ],
    ['an empty span', berlinOffice, '2025-03-25T10:00+01:00', '2025-03-25T10:00+01:00', 0],
    [
      'backwards: negative',
      berlinOffice,
      '2025-03-31T00:00+02:00',
      '2025-03-24T00:00+01:00',
      -2400,
    ],
    [
      'backwards over closed time: zero',
      berlinOffice,
      '2025-03-30T12:00+02:00',
      '2025-03-29T12:00+01:00',
      0,
    ],
    ['Kathmandu office day in UTC', kathmanduOffice, '2025-03-03T00:00Z', '2025-03-03T12:00Z', 480],
    ['Kathmandu until 04:00Z', kathmanduOffice, '2025-03-03T00:00Z', '2025-03-03T04:00Z', 45],
    [
      'Chatham opens at 19:15Z in January',
      chathamOffice,
      '2025-01-12T19:00Z',
      '2025-01-12T20:00Z',
      45,
    ],
    [
      'New York office week over the fall change',
      newYorkOffice,
      '2025-10-27T00:00-04:00',
      '2025-11-03T00:00-05:00',
      2400,
    ],
  ])('%s', (_, calendar, from, to, minutes) => {
    expect(businessMinutesBetween(calendar, at(from), at(to))).toBe(minutes);
  });

  it('returns +0, not −0, for a backwards span without business time', () => {
    expect(
      Object.is(
        businessMinutesBetween(berlinOffice, at('2025-03-30T12:00Z'), at('2025-03-29T12:00Z')),
        0,
      ),
    ).toBe(true);
  });

  describe('wall-clock days across DST changes (24/7 calendars)', () => {
    it.each([
      [
        'Europe/Berlin spring',
        'Europe/Berlin',
        '2025-03-30T00:00+01:00',
        '2025-03-31T00:00+02:00',
        1380,
      ],
      [
        'Europe/Berlin fall',
        'Europe/Berlin',
        '2025-10-26T00:00+02:00',
        '2025-10-27T00:00+01:00',
        1500,
      ],
      [
        'America/New_York spring',
        'America/New_York',
        '2025-03-09T00:00-05:00',
        '2025-03-10T00:00-04:00',
        1380,
      ],
      [
        'America/New_York fall',
        'America/New_York',
        '2025-11-02T00:00-04:00',
        '2025-11-03T00:00-05:00',
        1500,
      ],
      [
        'Australia/Lord_Howe fall back 30 minutes',
        'Australia/Lord_Howe',
        '2025-04-06T00:00+11:00',
        '2025-04-07T00:00+10:30',
        1470,
      ],
      [
        'Australia/Lord_Howe spring forward 30 minutes',
        'Australia/Lord_Howe',
        '2025-10-05T00:00+10:30',
        '2025-10-06T00:00+11:00',
        1410,
      ],
      [
        'Pacific/Chatham fall back',
        'Pacific/Chatham',
        '2025-04-06T00:00+13:45',
        '2025-04-07T00:00+12:45',
        1500,
      ],
      [
        'Pacific/Chatham spring forward',
        'Pacific/Chatham',
        '2025-09-28T00:00+12:45',
        '2025-09-29T00:00+13:45',
        1380,
      ],
      [
        'a whole Berlin year',
        'Europe/Berlin',
        '2025-01-01T00:00+01:00',
        '2026-01-01T00:00+01:00',
        525_600,
      ],
      ['UTC: no minute lost at midnight', 'UTC', '2025-01-01T00:00Z', '2026-01-01T00:00Z', 525_600],
      [
        'Pacific/Apia skipped 30 Dec 2011',
        'Pacific/Apia',
        '2011-12-29T00:00-10:00',
        '2012-01-01T00:00+14:00',
        2880,
      ],
    ])('%s', (_, timeZone, from, to, minutes) => {
      expect(businessMinutesBetween(alwaysIn(timeZone), at(from), at(to))).toBe(minutes);
    });
  });

  describe('wall-clock ranges on DST days', () => {
    it.each([
      [
        'Berlin 01:00–04:00, spring',
        'Europe/Berlin',
        '01:00',
        '04:00',
        '2025-03-29T12:00Z',
        '2025-03-30T12:00Z',
        120,
      ],
      [
        'Berlin 01:00–04:00, fall',
        'Europe/Berlin',
        '01:00',
        '04:00',
        '2025-10-25T12:00Z',
        '2025-10-26T12:00Z',
        240,
      ],
      [
        'Berlin 02:15–02:45 in the spring gap',
        'Europe/Berlin',
        '02:15',
        '02:45',
        '2025-03-29T12:00Z',
        '2025-03-30T12:00Z',
        0,
      ],
      [
        'Berlin 02:15–02:45 repeated in fall',
        'Europe/Berlin',
        '02:15',
        '02:45',
        '2025-10-25T12:00Z',
        '2025-10-26T12:00Z',
        60,
      ],
      [
        'New York 01:00–04:00, spring',
        'America/New_York',
        '01:00',
        '04:00',
        '2025-03-09T00:00Z',
        '2025-03-10T00:00Z',
        120,
      ],
      [
        'New York 01:00–04:00, fall',
        'America/New_York',
        '01:00',
        '04:00',
        '2025-11-02T00:00Z',
        '2025-11-03T00:00Z',
        240,
      ],
      [
        'New York 01:30–01:45, fall',
        'America/New_York',
        '01:30',
        '01:45',
        '2025-11-02T00:00Z',
        '2025-11-03T00:00Z',
        30,
      ],
      [
        'New York 01:30–01:45, spring (before the gap)',
        'America/New_York',
        '01:30',
        '01:45',
        '2025-03-09T00:00Z',
        '2025-03-10T00:00Z',
        15,
      ],
      [
        'Lord Howe 01:30–02:00 repeated',
        'Australia/Lord_Howe',
        '01:30',
        '02:00',
        '2025-04-05T00:00Z',
        '2025-04-06T12:00Z',
        60,
      ],
      [
        'Lord Howe 02:00–02:30 in the gap',
        'Australia/Lord_Howe',
        '02:00',
        '02:30',
        '2025-10-04T00:00Z',
        '2025-10-05T12:00Z',
        0,
      ],
    ])('%s', (_, timeZone, from, to, spanFrom, spanTo, minutes) => {
      expect(businessMinutesBetween(sundayOnly(timeZone, from, to), at(spanFrom), at(spanTo))).toBe(
        minutes,
      );
    });
  });

  it('counts a Saturday that happens twice in part (St. John’s, 6–7 Nov 2010, back at 00:01)', () => {
    // 00:01 NDT Sunday became 23:01 NST Saturday: Saturday lasts 24 h + 59 min, in two pieces.
    const saturday: BusinessCalendar = { timeZone: 'America/St_Johns', week: { sat: always } };
    const from = at('2010-11-05T12:00Z');
    const to = at('2010-11-08T12:00Z');
    expect(businessMinutesBetween(saturday, from, to)).toBe(1499);
    expect(isBusinessTime(saturday, at('2010-11-07T02:30:30Z'))).toBe(false); // Sunday 00:00:30 NDT
    expect(isBusinessTime(saturday, at('2010-11-07T02:31:00Z'))).toBe(true); // Saturday 23:01 NST
    expect(businessMinutesBetween(alwaysIn('America/St_Johns'), from, to)).toBe(3 * 1440);
  });

  describe('night shifts (Mon–Fri 22:00–06:00, Tue 6 May 2025 off)', () => {
    it.each([
      [
        'the holiday removes its after-midnight part but not the next one',
        '2025-05-05T12:00+02:00',
        '2025-05-07T12:00+02:00',
        480,
      ],
      ['Friday night runs into Saturday', '2025-05-09T12:00+02:00', '2025-05-10T12:00+02:00', 480],
      [
        'no Sunday night, so Monday morning is closed',
        '2025-05-11T12:00+02:00',
        '2025-05-12T12:00+02:00',
        0,
      ],
    ])('%s', (_, from, to, minutes) => {
      expect(businessMinutesBetween(berlinNights, at(from), at(to))).toBe(minutes);
    });

    it('a night across the spring change is an hour shorter', () => {
      const saturdayNight: BusinessCalendar = {
        timeZone: 'Europe/Berlin',
        week: { sat: [{ from: '22:00', to: '06:00' }] },
      };
      expect(
        businessMinutesBetween(saturdayNight, at('2025-03-29T12:00Z'), at('2025-03-30T12:00Z')),
      ).toBe(420);
    });

    it('a Sunday night runs into Monday', () => {
      const sundayNight: BusinessCalendar = {
        timeZone: 'Europe/Berlin',
        week: { sun: [{ from: '20:00', to: '02:00' }] },
      };
      expect(
        businessMinutesBetween(
          sundayNight,
          at('2025-05-04T12:00+02:00'),
          at('2025-05-05T12:00+02:00'),
        ),
      ).toBe(360);
    });
  });

  it.each([
    ['NaN', NaN, at('2025-01-01T00:00Z'), /fromMs must be/],
    ['an end after 2199', at('2025-01-01T00:00Z'), Date.UTC(2200, 0, 1), /toMs must be/],
  ])('rejects %s with a RangeError', (_, from, to, message) => {
    expect(() => businessMinutesBetween(berlinOffice, from, to)).toThrow(RangeError);
    expect(() => businessMinutesBetween(berlinOffice, from, to)).toThrow(message);
  });
});

describe('isBusinessTime', () => {
  it.each([
    ['09:00 opening', '2025-03-25T09:00+01:00', true],
    ['16:59:59.999', '2025-03-25T16:59:59.999+01:00', true],
    ['17:00 closing', '2025-03-25T17:00+01:00', false],
    ['08:59:59.999', '2025-03-25T08:59:59.999+01:00', false],
    ['a Saturday', '2025-03-29T12:00+01:00', false],
    ['a holiday', '2025-05-01T12:00+02:00', false],
    ['a recurring holiday', '2031-12-25T12:00+01:00', false],
  ])('%s: %s', (_, instant, expected) => {
    expect(isBusinessTime(berlinOffice, at(instant))).toBe(expected);
  });
});
