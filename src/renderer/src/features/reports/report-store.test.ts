import { describe, expect, it } from 'vitest';
import {
  initialQueryState,
  periodRange,
  queryOf,
  rangeDays,
  type PeriodPreset,
} from './report-store';

// Friday 27 November 2026, 15:30 local time.
const NOW = new Date(2026, 10, 27, 15, 30).getTime();
const local = (year: number, month: number, day: number) =>
  new Date(year, month - 1, day).getTime();

describe('periodRange', () => {
  it.each<[PeriodPreset, number, number, number]>([
    ['last_7', local(2026, 11, 21), local(2026, 11, 28), 7],
    ['last_30', local(2026, 10, 29), local(2026, 11, 28), 30],
    ['last_90', local(2026, 8, 30), local(2026, 11, 28), 90],
    ['this_month', local(2026, 11, 1), local(2026, 11, 28), 27],
    ['last_month', local(2026, 10, 1), local(2026, 11, 1), 31],
  ])('%s runs from local midnight to the midnight after its last day', (preset, from, to, days) => {
    const range = periodRange({ ...initialQueryState(NOW), preset }, NOW);
    expect(range).toEqual({ from, to });
    expect(rangeDays(range)).toBe(days);
  });

  it('takes a custom range by its days, either way round, `to` the day after the last', () => {
    const custom = { preset: 'custom' as const, customFrom: '2026-10-31', customTo: '2026-10-01' };
    expect(periodRange(custom, NOW)).toEqual({ from: local(2026, 10, 1), to: local(2026, 11, 1) });
  });

  it('falls back to the last 30 days for a custom day that is not a date', () => {
    const custom = { preset: 'custom' as const, customFrom: '2026-02-30', customTo: 'soon' };
    expect(periodRange(custom, NOW)).toEqual({
      from: local(2026, 10, 29),
      to: local(2026, 11, 28),
    });
  });
});

describe('queryOf', () => {
  it('turns each chosen filter into a one-value list and leaves the rest out', () => {
    const state = {
      ...initialQueryState(NOW),
      bucket: 'week' as const,
      recurrenceDays: 14,
      filters: { priority: 'P1' as const, team: null, level: 0, tier: 'enterprise' },
    };
    expect(queryOf(state, NOW, 'Europe/Amsterdam')).toEqual({
      filter: {
        from: local(2026, 10, 29),
        to: local(2026, 11, 28),
        priorities: ['P1'],
        teams: [null],
        levels: [0],
        tiers: ['enterprise'],
      },
      options: { bucket: 'week', timeZone: 'Europe/Amsterdam', recurrenceDays: 14 },
    });
  });
});
