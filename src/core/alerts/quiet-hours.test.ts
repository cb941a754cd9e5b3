import { describe, expect, it } from 'vitest';
import { inQuietHours } from './quiet-hours';

const window = (from: string, to: string, enabled = true) => ({ enabled, from, to });
const overnight = window('22:00', '07:00');

describe('inQuietHours', () => {
  it.each([
    // A winter day in Berlin: local time is UTC+1.
    ['disabled, in the window', window('22:00', '07:00', false), '2025-01-15T23:00+01:00', false],
    ['same-day window, just before', window('12:00', '13:00'), '2025-01-15T11:59+01:00', false],
    ['same-day window, at its start', window('12:00', '13:00'), '2025-01-15T12:00+01:00', true],
    ['same-day window, its last minute', window('12:00', '13:00'), '2025-01-15T12:59+01:00', true],
    ['same-day window, at its end', window('12:00', '13:00'), '2025-01-15T13:00+01:00', false],
    ['overnight, 21:59', overnight, '2025-01-15T21:59+01:00', false],
    ['overnight, 22:00', overnight, '2025-01-15T22:00+01:00', true],
    ['overnight, midnight', overnight, '2025-01-16T00:00+01:00', true],
    ['overnight, 03:00', overnight, '2025-01-16T03:00+01:00', true],
    ['overnight, 06:59', overnight, '2025-01-16T06:59+01:00', true],
    ['overnight, 07:00', overnight, '2025-01-16T07:00+01:00', false],
    ['overnight, noon', overnight, '2025-01-16T12:00+01:00', false],
    ['from = to, at that time', window('22:00', '22:00'), '2025-01-15T22:00+01:00', false],
    ['from = to, another time', window('22:00', '22:00'), '2025-01-15T03:00+01:00', false],
  ])('%s → %s', (_, quiet, local, expected) => {
    expect(inQuietHours(quiet, Date.parse(local), 'Europe/Berlin')).toBe(expected);
  });

  it.each([
    ['Europe/Berlin', '23:30', true],
    ['America/New_York', '17:30', false],
    ['Asia/Tokyo', '07:30', false],
    ['Asia/Kolkata', '04:00', true],
    ['UTC', '22:30', true],
  ])('reads the window in the time zone: 22:30 UTC in %s is %s → %s', (timeZone, _, expected) => {
    expect(inQuietHours(overnight, Date.parse('2025-01-15T22:30Z'), timeZone)).toBe(expected);
  });

  it.each([
    // Berlin springs forward on 30 March 2025 (02:00 CET → 03:00 CEST) and falls back on 26 October.
    ['spring day, 06:59 CEST', overnight, '2025-03-30T04:59Z', true],
    ['spring day, 07:00 CEST (06:00 by winter time)', overnight, '2025-03-30T05:00Z', false],
    ['autumn day, 06:59 CET', overnight, '2025-10-26T05:59Z', true],
    ['autumn day, 07:00 CET (08:00 by summer time)', overnight, '2025-10-26T06:00Z', false],
    [
      'spring day, 01:59 CET before the skipped hour',
      window('02:00', '03:00'),
      '2025-03-30T00:59Z',
      false,
    ],
    [
      'spring day, 03:00 CEST after the skipped hour',
      window('02:00', '03:00'),
      '2025-03-30T01:00Z',
      false,
    ],
    [
      'autumn day, 02:30 CET in the repeated hour',
      window('02:00', '03:00'),
      '2025-10-26T01:30Z',
      true,
    ],
  ])('follows daylight saving time: %s → %s', (_, quiet, instant, expected) => {
    expect(inQuietHours(quiet, Date.parse(instant), 'Europe/Berlin')).toBe(expected);
  });
});
