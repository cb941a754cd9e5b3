import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, offsetAt, offsetPieces, zoneClock } from './zone-clock';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('offsetAt', () => {
  it.each([
    ['Europe/Berlin', '2025-01-15T12:00Z', 1 * HOUR],
    ['Europe/Berlin', '2025-07-15T12:00Z', 2 * HOUR],
    ['America/New_York', '2025-01-15T12:00Z', -5 * HOUR],
    ['Asia/Kathmandu', '2025-01-15T12:00Z', 5 * HOUR + 45 * MINUTE],
    ['Pacific/Chatham', '2025-01-15T12:00Z', 13 * HOUR + 45 * MINUTE],
    ['Pacific/Chatham', '2025-07-15T12:00Z', 12 * HOUR + 45 * MINUTE],
    ['Australia/Lord_Howe', '2025-01-15T12:00Z', 11 * HOUR],
    ['Australia/Lord_Howe', '2025-07-15T12:00Z', 10 * HOUR + 30 * MINUTE],
    ['America/St_Johns', '2025-01-15T12:00Z', -3 * HOUR - 30 * MINUTE],
    ['UTC', '2025-01-15T12:00Z', 0],
    // Before 1893 Berlin kept local mean time, +00:53:28: offsets to the second.
    ['Europe/Berlin', '1890-01-01T00:00Z', 53 * MINUTE + 28_000],
    ['Europe/Berlin', '1969-12-31T23:59:59.999Z', 1 * HOUR],
  ])('%s at %s', (zone, instant, offset) => {
    expect(offsetAt(zoneClock(zone), Date.parse(instant))).toBe(offset);
  });
});

describe('offsetPieces', () => {
  it.each([
    ['Europe/Berlin spring', 'Europe/Berlin', '2025-03-30T01:00Z', 1 * HOUR, 2 * HOUR],
    ['Europe/Berlin fall', 'Europe/Berlin', '2025-10-26T01:00Z', 2 * HOUR, 1 * HOUR],
    ['America/New_York fall', 'America/New_York', '2025-11-02T06:00Z', -4 * HOUR, -5 * HOUR],
    [
      'Australia/Lord_Howe half-hour fall back',
      'Australia/Lord_Howe',
      '2025-04-05T15:00Z',
      11 * HOUR,
      10.5 * HOUR,
    ],
    ['Pacific/Chatham spring', 'Pacific/Chatham', '2025-09-27T14:00Z', 12.75 * HOUR, 13.75 * HOUR],
    ['Pacific/Apia skipping a day', 'Pacific/Apia', '2011-12-30T10:00Z', -10 * HOUR, 14 * HOUR],
  ])('finds the change to the second: %s', (_, zone, change, before, after) => {
    const at = Date.parse(change);
    const clock = zoneClock(zone);
    expect(offsetPieces(clock, at - 2 * 86_400_000, at + 2 * 86_400_000)).toEqual({
      starts: [at - 2 * 86_400_000, at],
      offsets: [before, after],
    });
    // A span starting right at, or ending right at, the change.
    expect(offsetPieces(clock, at, at + HOUR)).toEqual({ starts: [at], offsets: [after] });
    expect(offsetPieces(clock, at - HOUR, at)).toEqual({ starts: [at - HOUR], offsets: [before] });
  });

  it('gives one piece for a span without changes, and two changes a year in Berlin', () => {
    const clock = zoneClock('Europe/Berlin');
    expect(
      offsetPieces(clock, Date.parse('2025-05-01T00:00Z'), Date.parse('2025-06-01T00:00Z')),
    ).toEqual({
      starts: [Date.parse('2025-05-01T00:00Z')],
      offsets: [2 * HOUR],
    });
    const year = offsetPieces(
      clock,
      Date.parse('2025-01-01T00:00Z'),
      Date.parse('2026-01-01T00:00Z'),
    );
    expect(year.starts.slice(1).map((ms) => new Date(ms).toISOString())).toEqual([
      '2025-03-30T01:00:00.000Z',
      '2025-10-26T01:00:00.000Z',
    ]);
  });
});

describe('isKnownTimeZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['UTC', true],
    ['Asia/Kathmandu', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['Europe/Berlin ', false],
  ])('%s: %s', (zone, known) => {
    expect(isKnownTimeZone(zone)).toBe(known);
  });

  it('throws for an unknown zone when a clock is asked for', () => {
    expect(() => zoneClock('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
