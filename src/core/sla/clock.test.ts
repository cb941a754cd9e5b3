import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../calendar';
import {
  addMinutesSkippingGaps,
  clockAddMinutes,
  clockMinutesBetween,
  instantAtMinutes,
  type ClockGap,
  type ClockSegment,
  type SlaClock,
} from './clock';

const WORKWEEK: BusinessCalendar = {
  timeZone: 'UTC',
  week: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ from: '09:00', to: '17:00' }]]),
  ),
};
const business: SlaClock = { mode: 'business', calendar: WORKWEEK };
const plain: SlaClock = { mode: 'calendar', calendar: WORKWEEK };
const mon = (time: string) => Date.parse(`2025-03-03T${time}Z`);
const tue = (time: string) => Date.parse(`2025-03-04T${time}Z`);

describe('SLA clocks', () => {
  it.each([
    ['business', business, mon('16:00'), tue('10:00'), 120],
    ['calendar', plain, mon('16:00'), tue('10:00'), 18 * 60],
    ['calendar, seconds', plain, mon('16:00'), mon('16:00:30'), 0.5],
    ['backwards', business, tue('10:00'), mon('16:00'), 0],
  ])('counts %s minutes', (_, clock, from, to, minutes) => {
    expect(clockMinutesBetween(clock, from, to)).toBe(minutes);
  });

  it.each([
    ['business', business, mon('16:00'), 120, tue('10:00')],
    ['calendar', plain, mon('16:00'), 120, mon('18:00')],
    [
      'business without a calendar counts plain time',
      { mode: 'business', calendar: undefined } as const,
      mon('16:00'),
      120,
      mon('18:00'),
    ],
  ])('adds %s minutes', (_, clock, start, minutes, due) => {
    expect(clockAddMinutes(clock, start, minutes)).toBe(due);
  });

  const segments: ClockSegment[] = [
    { from: mon('09:00'), to: mon('10:00'), minutesBefore: 0, minutes: 60 },
    { from: mon('11:00'), to: mon('12:00'), minutesBefore: 60, minutes: 60 },
  ];
  it.each([
    [30, mon('09:30')],
    [60, mon('10:00')],
    [90, mon('11:30')],
    [120, mon('12:00')],
    [121, undefined],
  ])('finds when a clock that ran in segments reached %i minutes', (minutes, at) => {
    expect(instantAtMinutes(business, segments, minutes)).toBe(at);
  });

  it('follows a still-running last segment into the future', () => {
    const running = [
      segments[0]!,
      { from: mon('11:00'), to: undefined, minutesBefore: 60, minutes: 30 },
    ];
    expect(instantAtMinutes(business, running, 480)).toBe(tue('10:00'));
  });

  const gaps: ClockGap[] = [
    { from: mon('10:00'), to: mon('11:00') },
    { from: mon('16:00'), to: tue('10:00') },
  ];
  it.each([
    [mon('09:00'), 60, mon('10:00')],
    [mon('09:00'), 61, mon('11:01')],
    [mon('09:00'), 360, mon('16:00')], // reached exactly as the second gap begins
    [mon('09:00'), 361, tue('10:01')],
    [mon('10:30'), 30, mon('11:30')],
    [tue('09:00'), 30, tue('10:30')],
  ])('from %s, %i minutes skipping gaps', (start, minutes, at) => {
    expect(addMinutesSkippingGaps(business, start, minutes, gaps)).toBe(at);
  });

  it('cannot say when the minutes are reached behind an open gap', () => {
    const open: ClockGap[] = [{ from: mon('10:00'), to: undefined }];
    expect(addMinutesSkippingGaps(business, mon('09:00'), 30, open)).toBe(mon('09:30'));
    expect(addMinutesSkippingGaps(business, mon('09:00'), 90, open)).toBeUndefined();
  });
});
