import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  businessMsUntil,
  cover,
  extendLater,
  intervalAtOrBefore,
  intervalReaching,
  timelineOf,
} from './timeline';
import type { Timeline } from './timeline';
import type { BusinessCalendar } from './types';

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const intervalsBetween = (timeline: Timeline, from: string, to: string): string[][] => {
  cover(timeline, Date.parse(from), Date.parse(to));
  const out: string[][] = [];
  for (let i = 0; i < timeline.count; i++) {
    if (timeline.ends[i]! > Date.parse(from) && timeline.starts[i]! < Date.parse(to)) {
      out.push([iso(timeline.starts[i]!), iso(timeline.ends[i]!)]);
    }
  }
  return out;
};
const office = [{ from: '09:00', to: '17:00' }];

describe('timelineOf', () => {
  it('compiles a calendar once and recompiles when its holidays are replaced', () => {
    const calendar: BusinessCalendar = { timeZone: 'Europe/Berlin', week: { mon: office } };
    const first = timelineOf(calendar);
    expect(timelineOf(calendar)).toBe(first);
    calendar.holidays = [{ date: '2025-03-31' }];
    const second = timelineOf(calendar);
    expect(second).not.toBe(first);
    expect(intervalsBetween(second, '2025-03-30T00:00Z', '2025-04-08T00:00Z')).toEqual([
      ['2025-04-07T07:00:00.000Z', '2025-04-07T15:00:00.000Z'],
    ]);
  });
});

describe('business intervals', () => {
  it('splits a range that a fall-back change repeats into two intervals', () => {
    const timeline = timelineOf({
      timeZone: 'America/New_York',
      week: { sun: [{ from: '01:30', to: '01:45' }] },
    });
    expect(intervalsBetween(timeline, '2025-11-01T00:00Z', '2025-11-03T00:00Z')).toEqual([
      ['2025-11-02T05:30:00.000Z', '2025-11-02T05:45:00.000Z'],
      ['2025-11-02T06:30:00.000Z', '2025-11-02T06:45:00.000Z'],
    ]);
  });

  it('keeps the intervals in order when the local date goes backwards (St. John’s, 7 Nov 2010)', () => {
    const timeline = timelineOf({
      timeZone: 'America/St_Johns',
      week: { sat: [{ from: '00:00', to: '24:00' }], sun: [{ from: '00:00', to: '00:30' }] },
    });
    expect(intervalsBetween(timeline, '2010-11-06T00:00Z', '2010-11-08T00:00Z')).toEqual([
      // Saturday 00:00 NDT to Saturday 24:00 NST: the minute of Sunday 00:00 NDT in the middle is
      // Sunday's, and so business time too; Sunday 00:00–00:30 NST follows at 03:30Z.
      ['2010-11-06T02:30:00.000Z', '2010-11-07T04:00:00.000Z'],
    ]);
    const saturdayOnly = timelineOf({
      timeZone: 'America/St_Johns',
      week: { sat: [{ from: '00:00', to: '24:00' }] },
    });
    expect(intervalsBetween(saturdayOnly, '2010-11-06T00:00Z', '2010-11-08T00:00Z')).toEqual([
      ['2010-11-06T02:30:00.000Z', '2010-11-07T02:30:00.000Z'],
      ['2010-11-07T02:31:00.000Z', '2010-11-07T03:30:00.000Z'],
    ]);
  });

  it('merges a 24/7 calendar into one interval', () => {
    const always = [{ from: '00:00', to: '24:00' }];
    const timeline = timelineOf({
      timeZone: 'Europe/Berlin',
      week: {
        mon: always,
        tue: always,
        wed: always,
        thu: always,
        fri: always,
        sat: always,
        sun: always,
      },
    });
    cover(timeline, Date.parse('2025-01-01T00:00Z'), Date.parse('2026-01-01T00:00Z'));
    expect(timeline.count).toBe(1);
  });

  it('builds around a far request instead of everything between', () => {
    const timeline = timelineOf({ timeZone: 'Europe/Berlin', week: { mon: office } });
    cover(timeline, Date.parse('2025-01-01T00:00Z'), Date.parse('2025-01-01T00:00Z'));
    cover(timeline, Date.parse('2180-01-01T00:00Z'), Date.parse('2180-01-01T00:00Z'));
    expect(timeline.lastDay - timeline.firstDay).toBeLessThan(100);
    expect(timeline.coverFrom).toBeLessThanOrEqual(Date.parse('2180-01-01T00:00Z'));
  });

  it('grows to keep running totals consistent', () => {
    const timeline = timelineOf({ timeZone: 'Europe/Berlin', week: { mon: office, thu: office } });
    const a = Date.parse('2025-06-02T10:00Z');
    const b = Date.parse('2025-06-09T10:00Z');
    cover(timeline, a, b);
    const before = businessMsUntil(timeline, b) - businessMsUntil(timeline, a);
    extendLater(timeline, 'test');
    cover(timeline, a - 400 * DAY, b);
    expect(businessMsUntil(timeline, b) - businessMsUntil(timeline, a)).toBe(before);
    expect(before).toBe(16 * 3_600_000);
  });
});

describe('searches', () => {
  const timeline = timelineOf({
    timeZone: 'Asia/Kathmandu',
    week: {
      mon: office,
      wed: [
        { from: '08:00', to: '10:00' },
        { from: '22:00', to: '02:00' },
      ],
    },
  });
  cover(timeline, Date.parse('2025-01-01T00:00Z'), Date.parse('2026-01-01T00:00Z'));

  it('finds the interval at or before an instant as a linear scan does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2025-01-03T00:00Z'), max: Date.parse('2025-12-28T00:00Z') }),
        (t) => {
          let expected = -1;
          for (let i = 0; i < timeline.count; i++) if (timeline.starts[i]! <= t) expected = i;
          expect(intervalAtOrBefore(timeline, t)).toBe(expected);
        },
      ),
    );
  });

  it('finds the interval reaching a total as a linear scan does, from any admissible start', () => {
    const total = timeline.cumEnd[timeline.count - 1]!;
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: total * 1.01, noNaN: true }),
        fc.nat(),
        (target, hint) => {
          let expected = timeline.count;
          for (let i = timeline.count - 1; i >= 0; i--)
            if (timeline.cumEnd[i]! >= target) expected = i;
          const from = Math.min(hint % (timeline.count + 1), expected);
          expect(intervalReaching(timeline, target, from)).toBe(expected);
        },
      ),
    );
  });
});
