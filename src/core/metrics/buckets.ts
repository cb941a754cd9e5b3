import { isoWeekday, MS_PER_DAY } from '../calendar/civil-date';
import { offsetPieces, zoneClock } from '../calendar/zone-clock';
import type { TrendBucket } from './types';

/**
 * Starts of the trend buckets covering [from, to): `from` itself, then every local midnight (day)
 * or local Monday midnight (week) in the zone before `to`; where the clocks skip midnight, the
 * instant they jump to. Bucket i ends where bucket i + 1 starts, the last at `to`. Empty when
 * `to` ≤ `from`.
 */
export function bucketStarts(
  from: number,
  to: number,
  bucket: TrendBucket,
  timeZone: string,
): number[] {
  if (!(to > from)) return [];
  // The zone's offsets as pieces of constant offset (cached per zone): midnights are then sums.
  const { starts: pieceStarts, offsets } = offsetPieces(zoneClock(timeZone), from, to);
  const starts = [from];
  const first = Math.floor((from + offsets[0]!) / MS_PER_DAY);
  const step = bucket === 'week' ? 7 : 1;
  let day = bucket === 'week' ? first - isoWeekday(first) + 7 : first + 1;
  let piece = 0;
  for (;;) {
    const wall = day * MS_PER_DAY;
    let start = wall - offsets[piece]!;
    // Midnight falls after this piece ends: look in the next one (a piece covers its own wall time).
    while (piece + 1 < pieceStarts.length && start >= pieceStarts[piece + 1]!) {
      piece++;
      start = Math.max(wall - offsets[piece]!, pieceStarts[piece]!);
    }
    if (start >= to) break;
    if (start > starts[starts.length - 1]!) starts.push(start);
    day += step;
  }
  return starts;
}

/** Index of the bucket holding `at` (the last start ≤ at), by binary search; −1 before the first. */
export function bucketIndexOf(starts: readonly number[], at: number): number {
  let low = 0;
  let high = starts.length - 1;
  if (high < 0 || at < starts[0]!) return -1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}
