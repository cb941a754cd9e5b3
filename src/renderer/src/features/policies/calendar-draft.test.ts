import { describe, expect, it } from 'vitest';
import { validateCalendar, type BusinessCalendar, type HolidayPack } from '@core/index';
import {
  addHoliday,
  addRange,
  copyMondayToWeekdays,
  filterTimeZones,
  isOvernight,
  officeHours,
  packHolidays,
  removeHoliday,
  removeRange,
  setHoliday,
  setRange,
  timeZoneNames,
  utcOffset,
} from './calendar-draft';

const CALENDAR: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  week: { mon: [{ from: '08:00', to: '12:00' }], sat: [{ from: '22:00', to: '02:00' }] },
  holidays: [{ date: '2026-12-25', name: 'Christmas Day', recurring: true }],
};

describe('weekly ranges', () => {
  it('starts new calendars valid: Monday to Friday, 09:00–17:00', () => {
    const calendar = officeHours('Europe/Dublin');
    expect(Object.keys(calendar.week)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(validateCalendar(calendar)).toEqual([]);
  });

  it.each([
    { day: 'sun', ranges: [{ from: '09:00', to: '17:00' }] },
    {
      day: 'mon',
      ranges: [
        { from: '08:00', to: '12:00' },
        { from: '12:00', to: '13:00' },
      ],
    },
  ] as const)('adds a range to $day', ({ day, ranges }) => {
    expect(addRange(CALENDAR, day).week[day]).toEqual(ranges);
  });

  it.each([
    { day: 'mon', index: 0, week: ['sat'] },
    { day: 'sat', index: 0, week: ['mon'] },
    { day: 'mon', index: 3, week: ['mon', 'sat'] },
  ] as const)('removes $day range $index, leaving $week', ({ day, index, week }) => {
    expect(Object.keys(removeRange(CALENDAR, day, index).week)).toEqual(week);
  });

  it('changes one end of a range', () => {
    expect(setRange(CALENDAR, 'mon', 0, { to: '24:00' }).week.mon).toEqual([
      { from: '08:00', to: '24:00' },
    ]);
  });

  it('copies Monday to the other weekdays, closing none of the weekend', () => {
    const copied = copyMondayToWeekdays(CALENDAR);
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) {
      expect(copied.week[day]).toEqual([{ from: '08:00', to: '12:00' }]);
    }
    expect(copied.week.sat).toEqual(CALENDAR.week.sat);
    expect(copied.week.tue).not.toBe(copied.week.mon);
  });

  it.each([
    { from: '22:00', to: '06:00', overnight: true },
    { from: '09:00', to: '17:00', overnight: false },
    { from: '00:00', to: '24:00', overnight: false },
    { from: '22:00', to: '6', overnight: false },
  ])('$from–$to overnight: $overnight', ({ from, to, overnight }) => {
    expect(isOvernight({ from, to })).toBe(overnight);
  });
});

describe('holidays', () => {
  it('adds, changes and removes holidays', () => {
    const added = addHoliday(CALENDAR, { date: '' });
    expect(added.holidays).toHaveLength(2);
    const named = setHoliday(added, 1, { date: '2026-05-01', name: 'Labour Day', recurring: true });
    expect(named.holidays![1]).toEqual({ date: '2026-05-01', name: 'Labour Day', recurring: true });
    expect(setHoliday(named, 1, { recurring: false, name: '' }).holidays![1]).toEqual({
      date: '2026-05-01',
    });
    expect(removeHoliday(named, 0).holidays).toEqual([named.holidays![1]]);
  });

  const pack: HolidayPack = {
    id: 'de',
    name: 'Germany',
    years: { from: 2026, to: 2028 },
    source: 'test',
    holidays: [
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2027-01-01', name: "New Year's Day" },
      { date: '2028-01-01', name: "New Year's Day" },
    ],
  };
  it.each([
    { from: 2026, to: 2026, dates: ['2026-01-01'] },
    { from: 2027, to: 2028, dates: ['2027-01-01', '2028-01-01'] },
    { from: 2030, to: 2031, dates: [] },
  ])('takes the pack holidays of $from–$to', ({ from, to, dates }) => {
    expect(packHolidays(pack, from, to).map((h) => h.date)).toEqual(dates);
  });
});

describe('time zones', () => {
  it('offers UTC and the runtime zones', () => {
    const zones = timeZoneNames();
    expect(zones).toContain('UTC');
    expect(zones).toContain('Europe/Berlin');
  });

  it.each([
    { text: 'berlin', found: ['Europe/Berlin'] },
    { text: 'new york', found: ['America/New_York'] },
    { text: '', found: ['UTC', 'Europe/Berlin', 'America/New_York'] },
    { text: 'mars', found: [] },
  ])('filters by "$text"', ({ text, found }) => {
    expect(filterTimeZones(['UTC', 'Europe/Berlin', 'America/New_York'], text)).toEqual(found);
  });

  it.each([
    { zone: 'Europe/Berlin', at: Date.UTC(2026, 0, 15), offset: 'UTC+01:00' },
    { zone: 'Europe/Berlin', at: Date.UTC(2026, 6, 15), offset: 'UTC+02:00' },
    { zone: 'Asia/Kolkata', at: Date.UTC(2026, 0, 15), offset: 'UTC+05:30' },
    { zone: 'UTC', at: Date.UTC(2026, 0, 15), offset: 'UTC+00:00' },
    { zone: 'Not/AZone', at: 0, offset: undefined },
  ])('gives $zone the offset $offset', ({ zone, at, offset }) => {
    expect(utcOffset(zone, at)).toBe(offset);
  });
});
