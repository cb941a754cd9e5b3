import { describe, expect, it } from 'vitest';
import { formatExportDate, localToInstant, parseImportDate, type DateReading } from './dates';

const berlin: DateReading = { timeZone: 'Europe/Berlin' };
const utc = (text: string) => Date.parse(text);

describe('parseImportDate', () => {
  it.each<[string, DateReading, string]>([
    ['2025-03-04T09:30:00Z', berlin, '2025-03-04T09:30:00.000Z'],
    ['2025-03-04t09:30z', berlin, '2025-03-04T09:30:00.000Z'],
    ['2025-03-04 09:30 UTC', berlin, '2025-03-04T09:30:00.000Z'],
    ['2025-03-04T09:30:15.250Z', berlin, '2025-03-04T09:30:15.250Z'],
    ['2025-03-04T09:30:15.2509Z', berlin, '2025-03-04T09:30:15.250Z'],
    ['2025-03-04T09:30+01:00', berlin, '2025-03-04T08:30:00.000Z'],
    ['2025-03-04T09:30-0530', berlin, '2025-03-04T15:00:00.000Z'],
    ['2025-03-04 09:30 +02', berlin, '2025-03-04T07:30:00.000Z'],
    // No zone: the wall-clock time in the reader's zone, winter and summer time.
    ['2025-03-04 09:30', berlin, '2025-03-04T08:30:00.000Z'],
    ['2025-07-04T09:30:00', berlin, '2025-07-04T07:30:00.000Z'],
    ['2025-07-04 09:30', { timeZone: 'America/New_York' }, '2025-07-04T13:30:00.000Z'],
    ['2025-07-04 09:30', { timeZone: 'UTC' }, '2025-07-04T09:30:00.000Z'],
    ['2025-03-04', berlin, '2025-03-03T23:00:00.000Z'],
    // Slashes: day first by default, month first on request; dots always day first.
    ['04/03/2025 09:30', berlin, '2025-03-04T08:30:00.000Z'],
    ['4/3/2025 9:30', berlin, '2025-03-04T08:30:00.000Z'],
    ['04/03/2025 09:30', { ...berlin, slashDates: 'mdy' }, '2025-04-03T07:30:00.000Z'],
    ['04.03.2025 09:30:10', { ...berlin, slashDates: 'mdy' }, '2025-03-04T08:30:10.000Z'],
    ['04/03/2025', berlin, '2025-03-03T23:00:00.000Z'],
    ['  2025-03-04 09:30  ', berlin, '2025-03-04T08:30:00.000Z'],
    // Clocks go back at 03:00 CEST on 26 Oct 2025: 02:30 happens twice; the first one is taken.
    ['2025-10-26 02:30', berlin, '2025-10-26T00:30:00.000Z'],
    ['2025-10-26 01:59', berlin, '2025-10-25T23:59:00.000Z'],
    ['2025-10-26 03:00', berlin, '2025-10-26T02:00:00.000Z'],
    ['2025-11-02 01:30', { timeZone: 'America/New_York' }, '2025-11-02T05:30:00.000Z'],
    // With an offset, an ambiguous wall-clock time is exact.
    ['2025-10-26T02:30+01:00', berlin, '2025-10-26T01:30:00.000Z'],
    ['2025-03-30T03:00', berlin, '2025-03-30T01:00:00.000Z'],
    ['2024-02-29 12:00', { timeZone: 'UTC' }, '2024-02-29T12:00:00.000Z'],
  ])('%j in %o is %s', (text, reading, expected) => {
    expect(parseImportDate(text, reading)).toEqual({ ok: true, at: utc(expected) });
  });

  it.each<[string, DateReading, string]>([
    ['yesterday', berlin, '“yesterday” is not a date and time (use 2025-03-04 09:30'],
    ['1741080600000', berlin, 'is not a date and time'],
    ['2025-3-4', berlin, 'is not a date and time'],
    ['', berlin, 'is not a date and time'],
    ['2025-02-30 10:00', berlin, '“2025-02-30 10:00” is not a real date.'],
    ['2025-13-01', berlin, 'is not a real date'],
    ['2025-03-04 24:00', berlin, '“2025-03-04 24:00” is not a real time of day.'],
    ['2025-03-04 10:60', berlin, 'is not a real time of day'],
    [
      '31/04/2025',
      berlin,
      'is not a real date. Dates with slashes are read day first (DD/MM/YYYY).',
    ],
    ['13/25/2025', { ...berlin, slashDates: 'mdy' }, 'read month first (MM/DD/YYYY)'],
    ['2025-03-04Z', berlin, 'has a zone but no time of day'],
    ['2025-03-04T10:00+15:00', berlin, 'impossible zone offset “+15:00”'],
    // Clocks go forward at 02:00 CET on 30 March 2025: 02:30 never happens in Berlin.
    [
      '2025-03-30 02:30',
      berlin,
      '“2025-03-30 02:30” does not exist in Europe/Berlin (the clocks skip that hour); write the time with its offset, e.g. +01:00.',
    ],
    ['2025-03-09 02:15', { timeZone: 'America/New_York' }, 'does not exist in America/New_York'],
    ['1899-12-31T23:00Z', berlin, 'outside the years 1900–2199'],
    ['2025-03-04 10:00', { timeZone: 'Mars/Olympus' }, '“Mars/Olympus” is not a known time zone.'],
  ])('%j in %o is refused', (text, reading, reason) => {
    const result = parseImportDate(text, reading);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('localToInstant', () => {
  it('is the inverse of the zone offset away from transitions', () => {
    const wall = Date.UTC(2025, 0, 15, 12, 0);
    expect(localToInstant(wall, 'Asia/Kolkata')).toBe(wall - 330 * 60_000);
  });
});

describe('formatExportDate', () => {
  it('writes UTC with milliseconds, which reads back exactly', () => {
    const at = Date.UTC(2025, 2, 4, 9, 30, 15, 7);
    expect(formatExportDate(at)).toBe('2025-03-04T09:30:15.007Z');
    expect(parseImportDate(formatExportDate(at), { timeZone: 'Pacific/Auckland' })).toEqual({
      ok: true,
      at,
    });
  });
});
