import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { civilFromDays, daysFromCivil, daysInMonth, isLeapYear, isoWeekday } from './civil-date';

describe('civil dates', () => {
  it.each([
    [1970, 1, 1, 0],
    [1969, 12, 31, -1],
    [2000, 3, 1, 11_017],
    [2024, 2, 29, 19_782],
    [2025, 3, 30, 20_177],
    [1000, 1, 1, -354_285],
  ])('%i-%i-%i is day %i', (year, month, day, dayNumber) => {
    expect(daysFromCivil(year, month, day)).toBe(dayNumber);
    expect(civilFromDays(dayNumber)).toEqual({ year, month, day });
  });

  it('agrees with Date.UTC for every day from 1000 to 9999 (sampled)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -354_285, max: 2_932_896 }), (dayNumber) => {
        const date = new Date(dayNumber * 86_400_000);
        expect(civilFromDays(dayNumber)).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        });
        expect(isoWeekday(dayNumber)).toBe((date.getUTCDay() + 6) % 7);
      }),
    );
  });

  it.each([
    ['1970-01-01', 3],
    ['2025-03-31', 0],
    ['2025-03-30', 6],
    ['1969-12-29', 0],
  ])('%s has ISO weekday %i', (iso, weekday) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    expect(isoWeekday(daysFromCivil(y, m, d))).toBe(weekday);
  });

  it.each([
    [2024, 2, 29, true],
    [2023, 2, 28, false],
    [1900, 2, 28, false],
    [2000, 2, 29, true],
  ])('%i: February has %i days (leap: %s)', (year, month, days, leap) => {
    expect(daysInMonth(year, month)).toBe(days);
    expect(isLeapYear(year)).toBe(leap);
  });

  it.each([
    [2025, 4, 30],
    [2025, 12, 31],
    [2025, 9, 30],
    [2025, 1, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});
