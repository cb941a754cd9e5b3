import { describe, expect, it } from 'vitest';
import { DemoRandom, mixSeed } from './random';

describe('DemoRandom', () => {
  it('repeats the same numbers for the same seed and stream, and differs across streams', () => {
    const take = (random: DemoRandom) => Array.from({ length: 5 }, () => random.next());
    expect(take(new DemoRandom(7, 3))).toEqual(take(new DemoRandom(7, 3)));
    expect(take(new DemoRandom(7, 3))).not.toEqual(take(new DemoRandom(7, 4)));
    expect(take(new DemoRandom(7, 3))).not.toEqual(take(new DemoRandom(8, 3)));
  });

  it('stays in range and spreads evenly', () => {
    const random = new DemoRandom(1);
    const values = Array.from({ length: 40_000 }, () => random.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const buckets = [0, 0, 0, 0];
    for (const value of values) buckets[Math.floor(value * 4)]!++;
    for (const count of buckets) expect(count).toBeGreaterThan(9_500);
    const ints = new Set(Array.from({ length: 1_000 }, () => random.int(2, 5)));
    expect([...ints].sort()).toEqual([2, 3, 4, 5]);
  });

  it('picks weighted values in proportion and never picks a zero weight', () => {
    const random = new DemoRandom(2);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) {
      counts[
        random.weighted([
          ['a', 1],
          ['b', 3],
          ['c', 0],
        ] as const)
      ]++;
    }
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.6);
    expect(counts.b / counts.a).toBeLessThan(3.4);
  });

  it('gives log-normal numbers around their median', () => {
    const random = new DemoRandom(3);
    const values = Array.from({ length: 5_001 }, () => random.logNormal(10, 0.5)).sort(
      (a, b) => a - b,
    );
    expect(values[2_500]).toBeGreaterThan(9);
    expect(values[2_500]).toBeLessThan(11);
  });

  it('mixes seeds into distinct 32-bit values', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i++) seen.add(mixSeed(42, i));
    expect(seen.size).toBe(1_000);
    for (const value of seen) expect(value >>> 0).toBe(value);
  });
});
