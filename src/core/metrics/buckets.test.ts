import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketIndexOf, bucketStarts } from './buckets';
import { DAY, HOUR } from './test-fixtures';

const at = (iso: string) => Date.parse(iso);

/** Local date and time of an instant, read independently through Intl. */
function local(instant: number, timeZone: string): { date: string; time: string; weekday: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}:${part('second')}`,
    weekday: part('weekday'),
  };
}

describe('bucketStarts', () => {
  it('starts days at local midnight across the London spring change (23-hour day)', () => {
    const from = at('2026-03-28T12:00Z');
    expect(bucketStarts(from, at('2026-03-31T00:00Z'), 'day', 'Europe/London')).toEqual([
      from,
      at('2026-03-29T00:00Z'),
      at('2026-03-29T23:00Z'),
      at('2026-03-30T23:00Z'),
    ]);
  });

  it('starts weeks at local Monday midnight in New York, after the March change', () => {
    const from = at('2026-03-04T15:00Z');
    expect(bucketStarts(from, at('2026-03-20T00:00Z'), 'week', 'America/New_York')).toEqual([
      from,
      at('2026-03-09T04:00Z'),
      at('2026-03-16T04:00Z'),
    ]);
  });

  it('starts a day whose midnight is skipped at the instant the clocks jump to', () => {
    // Santiago moves from 24:00 on Saturday 5 September 2026 straight to 01:00 on Sunday.
    const starts = bucketStarts(
      at('2026-09-05T12:00Z'),
      at('2026-09-07T12:00Z'),
      'day',
      'America/Santiago',
    );
    expect(starts).toEqual([
      at('2026-09-05T12:00Z'),
      at('2026-09-06T04:00Z'),
      at('2026-09-07T03:00Z'),
    ]);
    expect(local(starts[1]!, 'America/Santiago')).toMatchObject({
      date: '2026-09-06',
      time: '01:00:00',
    });
  });

  it('is one bucket when the range starts on a boundary and ends before the next', () => {
    const from = at('2026-03-02T00:00Z');
    expect(bucketStarts(from, from + 5 * HOUR, 'day', 'UTC')).toEqual([from]);
    expect(bucketStarts(from, from + DAY, 'day', 'UTC')).toEqual([from]);
    expect(bucketStarts(from, from, 'day', 'UTC')).toEqual([]);
  });

  const ZONES = [
    'Europe/London',
    'America/New_York',
    'America/Santiago',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'UTC',
  ];
  const HOT_SPOTS = [
    '2026-03-29T01:00Z',
    '2026-10-25T01:00Z',
    '2026-03-08T07:00Z',
    '2026-11-01T06:00Z',
    '2026-09-06T04:00Z',
    '2026-04-05T02:00Z',
  ].map(at);

  it('covers [from, to) with increasing starts, one per local day or Monday (property)', () => {
    const instant = fc.oneof(
      fc.integer({ min: at('2025-06-01T00:00Z'), max: at('2027-06-01T00:00Z') }),
      fc
        .tuple(fc.constantFrom(...HOT_SPOTS), fc.integer({ min: -3 * DAY, max: 3 * DAY }))
        .map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 40 * DAY }),
        fc.constantFrom('day' as const, 'week' as const),
        fc.constantFrom(...ZONES),
        (from, length, bucket, zone) => {
          const to = from + length;
          const starts = bucketStarts(from, to, bucket, zone);
          expect(starts[0]).toBe(from);
          for (let i = 0; i < starts.length; i++) {
            const start = starts[i]!;
            const end = starts[i + 1] ?? to;
            expect(start).toBeLessThan(end);
            const first = local(start, zone);
            const last = local(end - 1, zone);
            if (i > 0) {
              // A boundary: the instant before it is on an earlier local date.
              expect(local(start - 1, zone).date < first.date).toBe(true);
              if (bucket === 'week') expect(first.weekday).toBe('Mon');
            }
            // No boundary inside: a bucket spans one local day, or one Monday-to-Sunday week.
            if (bucket === 'day') expect(last.date).toBe(first.date);
            else {
              const days = (Date.parse(last.date) - Date.parse(first.date)) / DAY;
              expect(days).toBeLessThan(7);
              expect(last.weekday === 'Mon' && days > 0).toBe(false);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('bucketIndexOf', () => {
  const starts = [10, 20, 30];
  it.each([
    [5, -1],
    [10, 0],
    [19, 0],
    [20, 1],
    [29, 1],
    [30, 2],
    [1000, 2],
  ])('%i is in bucket %i', (instant, expected) => {
    expect(bucketIndexOf(starts, instant)).toBe(expected);
  });

  it('agrees with a linear scan (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 1 }),
        fc.integer({ min: -10, max: 1010 }),
        (values, instant) => {
          const sorted = [...values].sort((a, b) => a - b);
          let expected = -1;
          sorted.forEach((start, i) => {
            if (start <= instant) expected = i;
          });
          expect(bucketIndexOf(sorted, instant)).toBe(expected);
        },
      ),
    );
  });
});
