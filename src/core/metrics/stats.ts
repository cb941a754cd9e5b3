import type { CsatStats, DurationStats, Rate } from './types';

/** The nearest-rank p-th percentile of ascending values: sorted[ceil(p/100 · n) − 1]; n ≥ 1. */
export function nearestRank(sorted: ArrayLike<number>, percent: number): number {
  return sorted[rankIndex(sorted.length, percent)]!;
}

function rankIndex(n: number, percent: number): number {
  return Math.min(n - 1, Math.max(0, Math.ceil((percent / 100) * n) - 1));
}

/**
 * Puts the k-th smallest of a[left..right] at index k, smaller ones before it and larger after
 * (Hoare's selection with a median-of-three pivot), and returns it. Linear on average: a report
 * needs two ranks of each list, which is cheaper than sorting it.
 */
function select(a: Float64Array, k: number, left: number, right: number): number {
  while (right > left) {
    const middle = (left + right) >> 1;
    const x = a[left]!;
    const y = a[middle]!;
    const z = a[right]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const swap = a[i]!;
        a[i] = a[j]!;
        a[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k]!;
}

/**
 * Count, median, p90 and mean of durations (ms). Both percentiles are nearest-rank, so the median
 * is the p50 by the same rule: of an even count, the lower of the two middle values.
 */
export function durationStats(values: ArrayLike<number>): DurationStats {
  return durationStatsInPlace(Float64Array.from(values));
}

/** `durationStats` of a scratch array it may reorder (saves the copy in a report's hot path). */
export function durationStatsInPlace(copy: Float64Array): DurationStats {
  const n = copy.length;
  if (n === 0) return { count: 0, medianMs: null, p90Ms: null, meanMs: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += copy[i]!;
  const median = rankIndex(n, 50);
  const p90 = rankIndex(n, 90);
  const medianMs = select(copy, median, 0, n - 1);
  // Everything after the median is at least the median, so the p90 is among them.
  const p90Ms = p90 === median ? medianMs : select(copy, p90, median + 1, n - 1);
  return { count: n, medianMs, p90Ms, meanMs: sum / n };
}

/** `count` of `of`, with the rate null when `of` is 0. */
export function rate(count: number, of: number): Rate {
  return { count, of, rate: of === 0 ? null : count / of };
}

/** Responses, mean and distribution of CSAT scores; anything but a whole 1…5 is ignored. */
export function csatStats(scores: Iterable<number>): CsatStats {
  const distribution: CsatStats['distribution'] = [0, 0, 0, 0, 0];
  let responses = 0;
  let sum = 0;
  for (const score of scores) {
    if (!Number.isInteger(score) || score < 1 || score > 5) continue;
    distribution[score - 1]!++;
    responses++;
    sum += score;
  }
  return { responses, average: responses === 0 ? null : sum / responses, distribution };
}
