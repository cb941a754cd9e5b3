import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csatStats, durationStats, nearestRank, rate } from './stats';

describe('durationStats', () => {
  it.each([
    { values: [], expected: { count: 0, medianMs: null, p90Ms: null, meanMs: null } },
    { values: [7], expected: { count: 1, medianMs: 7, p90Ms: 7, meanMs: 7 } },
    { values: [5, 1, 3, 2, 4], expected: { count: 5, medianMs: 3, p90Ms: 5, meanMs: 3 } },
    // Nearest rank: of an even count the median is the lower middle value.
    { values: [4, 1, 3, 2], expected: { count: 4, medianMs: 2, p90Ms: 4, meanMs: 2.5 } },
    {
      values: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
      expected: { count: 10, medianMs: 50, p90Ms: 90, meanMs: 55 },
    },
    { values: [3, 3, 3, 1], expected: { count: 4, medianMs: 3, p90Ms: 3, meanMs: 2.5 } },
  ])('$values', ({ values, expected }) => {
    expect(durationStats(values)).toEqual(expected);
  });

  it('leaves its input alone', () => {
    const values = [3, 1, 2];
    durationStats(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('agrees with sorting, and the median lies between min and max', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 300 }),
        (values) => {
          const stats = durationStats(values);
          const sorted = [...values].sort((a, b) => a - b);
          expect(stats.medianMs).toBe(nearestRank(sorted, 50));
          expect(stats.p90Ms).toBe(nearestRank(sorted, 90));
          expect(stats.medianMs!).toBeGreaterThanOrEqual(sorted[0]!);
          expect(stats.medianMs!).toBeLessThanOrEqual(sorted[sorted.length - 1]!);
          expect(stats.p90Ms!).toBeGreaterThanOrEqual(stats.medianMs!);
        },
      ),
    );
  });
});

describe('nearestRank', () => {
  it.each([
    [50, 2],
    [90, 4],
    [100, 4],
    [0, 1],
    [25, 1],
    [26, 2],
  ])('p%i of 1…4 is %i', (percent, expected) => {
    expect(nearestRank([1, 2, 3, 4], percent)).toBe(expected);
  });
});

describe('rate', () => {
  it('divides, and is null of nothing', () => {
    expect(rate(1, 4)).toEqual({ count: 1, of: 4, rate: 0.25 });
    expect(rate(0, 0)).toEqual({ count: 0, of: 0, rate: null });
  });
});

describe('csatStats', () => {
  it('counts each score and ignores anything but a whole 1…5', () => {
    expect(csatStats([5, 4, 4, 1, 0, 6, 2.5])).toEqual({
      responses: 4,
      average: 3.5,
      distribution: [1, 0, 0, 2, 1],
    });
    expect(csatStats([])).toEqual({ responses: 0, average: null, distribution: [0, 0, 0, 0, 0] });
  });
});
