import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DemoRandom } from '../demo';
import { DeadlineHeap, hashDeadlineKey, type DeadlineHeapOptions } from './deadline-heap';

const DAY = 86_400_000;

/** Sorted the way the heap must pop: by time, then by key. */
function inOrder(model: Map<string, { at: number; payload: unknown }>) {
  return [...model.entries()]
    .map(([key, { at, payload }]) => ({ key, at, payload }))
    .sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
}

function drain<T>(heap: DeadlineHeap<T>) {
  const popped = [];
  for (let d = heap.pop(); d; d = heap.pop()) popped.push(d);
  return popped;
}

/** Hashes that make keys collide: every key in one bucket, or in a few neighbouring ones. */
const COLLIDING: [string, DeadlineHeapOptions][] = [
  ['the default hash', {}],
  ['one hash for every key', { hash: () => 0x5bd1e995 }],
  [
    'a few hashes (clustered buckets)',
    { hash: (key) => (key.charCodeAt(key.length - 1) & 3) << 28 },
  ],
];

describe('DeadlineHeap', () => {
  it('property: pops in (at, key) order after random upserts and removals', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 50 }),
            fc.integer({ min: 0, max: 1000 }),
            fc.boolean(),
          ),
        ),
        (ops) => {
          const heap = new DeadlineHeap<null>();
          const model = new Map<string, number>();
          for (const [k, at, remove] of ops) {
            const key = `k${k}`;
            if (remove) {
              heap.remove(key);
              model.delete(key);
            } else {
              heap.upsert(key, at, null);
              model.set(key, at);
            }
          }
          const popped: [string, number][] = [];
          for (let d = heap.pop(); d; d = heap.pop()) popped.push([d.key, d.at]);
          const sorted = [...model.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
          expect(popped).toEqual(sorted);
        },
      ),
    );
  });

  it.each(COLLIDING)('property with %s: lookups, sizes and pop order match a Map', (_, options) => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.integer({ min: 0, max: 40 }).map((k) => `T${k}:breach`),
            at: fc.integer({ min: 0, max: 30 }),
            op: fc.constantFrom('upsert', 'upsert', 'remove', 'pop', 'popDue'),
          }),
          { maxLength: 120 },
        ),
        (ops) => {
          const heap = new DeadlineHeap<number>(options);
          const model = new Map<string, { at: number; payload: number }>();
          ops.forEach(({ key, at, op }, i) => {
            if (op === 'upsert') {
              const previous = model.get(key);
              expect(heap.upsert(key, at, i)).toBe(previous?.at !== at);
              model.set(key, { at, payload: i });
            } else if (op === 'remove') {
              expect(heap.remove(key)).toBe(model.delete(key));
            } else if (op === 'pop') {
              const expected = inOrder(model)[0];
              expect(heap.pop()).toEqual(expected);
              if (expected) model.delete(expected.key);
            } else {
              const expected = inOrder(model).filter((d) => d.at <= at);
              expect(heap.popDue(at)).toEqual(expected);
              for (const d of expected) model.delete(d.key);
            }
            expect(heap.size).toBe(model.size);
            expect(heap.has(key)).toBe(model.has(key));
            const entry = model.get(key);
            expect(heap.get(key)).toEqual(entry && { key, ...entry });
            expect(heap.peekAt()).toBe(inOrder(model)[0]?.at);
          });
          expect(drain(heap)).toEqual(inOrder(model));
        },
      ),
    );
  });

  it.each(COLLIDING)(
    'property with %s: bulk upserts (a pending tail) amid pops, removals, moves and time checks match a Map',
    (_, options) => {
      const bulk = fc.record({
        op: fc.constant('bulk' as const),
        from: fc.integer({ min: 0, max: 120 }),
        count: fc.integer({ min: 1, max: 70 }),
        at: fc.integer({ min: 0, max: 40 }),
        step: fc.integer({ min: 0, max: 7 }),
      });
      const single = fc.record({
        op: fc.constantFrom('upsert', 'remove', 'pop', 'popDue', 'noneBefore', 'peekAt', 'peek'),
        key: fc.integer({ min: 0, max: 120 }),
        at: fc.integer({ min: 0, max: 40 }),
      });
      fc.assert(
        fc.property(fc.array(fc.oneof(bulk, single), { maxLength: 40 }), (ops) => {
          const heap = new DeadlineHeap<number>(options);
          const model = new Map<string, { at: number; payload: number }>();
          const upsert = (key: string, at: number, payload: number) => {
            const previous = model.get(key);
            expect(heap.upsert(key, at, payload)).toBe(previous?.at !== at);
            model.set(key, { at, payload });
          };
          ops.forEach((op, i) => {
            const earliest = inOrder(model)[0];
            if (op.op === 'bulk') {
              // Runs past the 16 that are sifted up one by one, over keys old and new.
              for (let j = 0; j < op.count; j++) {
                upsert(`T${(op.from + j) % 121}`, (op.at + j * op.step) % 41, i * 1000 + j);
              }
            } else if (op.op === 'upsert') {
              upsert(`T${op.key}`, op.at, i);
            } else if (op.op === 'remove') {
              expect(heap.remove(`T${op.key}`)).toBe(model.delete(`T${op.key}`));
            } else if (op.op === 'pop') {
              expect(heap.pop()).toEqual(earliest);
              if (earliest) model.delete(earliest.key);
            } else if (op.op === 'popDue') {
              const expected = inOrder(model).filter((d) => d.at <= op.at);
              expect(heap.popDue(op.at)).toEqual(expected);
              for (const d of expected) model.delete(d.key);
            } else if (op.op === 'noneBefore') {
              expect(heap.noneBefore(op.at)).toBe(!earliest || earliest.at >= op.at);
            } else if (op.op === 'peekAt') {
              expect(heap.peekAt()).toBe(earliest?.at);
            } else {
              expect(heap.peek()).toEqual(earliest);
            }
            expect(heap.size).toBe(model.size);
          });
          for (const [key, entry] of model) expect(heap.get(key)).toEqual({ key, ...entry });
          expect(drain(heap)).toEqual(inOrder(model));
        }),
      );
    },
  );

  it('refills a hole in the ordered part without pulling in a pending deadline out of order', () => {
    const heap = new DeadlineHeap<null>();
    for (const [key, at] of [
      ['a', 10],
      ['b', 20],
      ['c', 30],
      ['d', 40],
      ['e', 50],
    ] as const) {
      heap.upsert(key, at, null);
    }
    expect(heap.peek()?.key).toBe('a');
    // Pending after that: f lands under b's position, earlier than everything.
    heap.upsert('f', 5, null);
    heap.upsert('g', 100, null);
    heap.remove('b');
    expect(drain(heap).map((d) => d.key)).toEqual(['f', 'a', 'c', 'd', 'e', 'g']);
  });

  it('answers time checks while deadlines are pending, exactly once the earliest moves or goes', () => {
    const heap = new DeadlineHeap<null>();
    // 1,000 deadlines at 10,000 + 0..999 ms, upserted in a shuffled order (7919 is prime).
    const keyDueAt = new Map<number, string>();
    for (let i = 0; i < 1_000; i++) {
      const at = 10_000 + ((i * 7919) % 1_000);
      keyDueAt.set(at, `k${i}`);
      heap.upsert(`k${i}`, at, null);
    }
    expect(heap.peekAt()).toBe(10_000);
    expect(heap.noneBefore(10_000)).toBe(true);
    expect(heap.noneBefore(10_001)).toBe(false);
    heap.upsert(keyDueAt.get(10_000)!, 20_000, null);
    expect(heap.peekAt()).toBe(10_001);
    expect(heap.noneBefore(10_001)).toBe(true);
    expect(heap.noneBefore(10_002)).toBe(false);
    heap.remove(keyDueAt.get(10_001)!);
    expect(heap.peekAt()).toBe(10_002);
    expect(heap.peek()?.at).toBe(10_002);
    heap.upsert('early', 5, null);
    expect(heap.noneBefore(6)).toBe(false);
    expect(heap.pop()?.key).toBe('early');
    const rest = Array.from({ length: 998 }, (_, i) => 10_002 + i);
    expect(drain(heap).map((d) => d.at)).toEqual([...rest, 20_000]);
  });

  it.each(COLLIDING)(
    'with %s: grows past several pages and shrinks back, reusing freed positions',
    (_, options) => {
      // Pages hold 4096 deadlines; colliding hashes make every probe linear, so they get fewer.
      const count = options.hash ? 500 : 10_000;
      const random = new DemoRandom(7, 1);
      const heap = new DeadlineHeap<string>(options);
      const model = new Map<string, { at: number; payload: string }>();
      const upsert = (key: string) => {
        const at = random.int(0, 5 * DAY);
        heap.upsert(key, at, `p-${key}`);
        model.set(key, { at, payload: `p-${key}` });
      };
      for (let i = 0; i < count; i++) upsert(`ESC-${10_001 + i}:resolution:warn:75`);
      expect(heap.size).toBe(count);
      // Cancel nine in ten, move some of the rest, then fill up again with new keys.
      for (let i = 0; i < count; i++) {
        const key = `ESC-${10_001 + i}:resolution:warn:75`;
        if (i % 10 !== 0) {
          heap.remove(key);
          model.delete(key);
        } else if (i % 20 === 0) upsert(key);
      }
      expect(heap.size).toBe(model.size);
      for (let i = 0; i < count; i++) upsert(`ESC-${10_001 + i}:level:2`);
      for (const [key, entry] of model) expect(heap.get(key)).toEqual({ key, ...entry });
      expect(drain(heap)).toEqual(inOrder(model));
      expect(heap.size).toBe(0);
      expect(heap.peek()).toBeUndefined();
    },
  );

  it.each(COLLIDING)(
    'with %s: a popDue of most deadlines (a resume after a long sleep) leaves the rest indexed',
    (_, options) => {
      const count = options.hash ? 400 : 6_000;
      for (const dueShare of [0.3, 0.5, 0.7, 1]) {
        const random = new DemoRandom(5, Math.round(dueShare * 10));
        const heap = new DeadlineHeap<number>(options);
        const model = new Map<string, { at: number; payload: number }>();
        for (let i = 0; i < count; i++) {
          const at = random.int(0, 1_000);
          heap.upsert(`ESC-${i}:level:2`, at, i);
          model.set(`ESC-${i}:level:2`, { at, payload: i });
        }
        const now = Math.round(dueShare * 1_000) - 1;
        const expected = inOrder(model).filter((d) => d.at <= now);
        expect(heap.popDue(now)).toEqual(expected);
        for (const d of expected) model.delete(d.key);
        expect(heap.size).toBe(model.size);
        for (let i = 0; i < count; i++) {
          const key = `ESC-${i}:level:2`;
          expect(heap.get(key)).toEqual(model.has(key) ? { key, ...model.get(key)! } : undefined);
        }
        // The survivors can still be moved and cancelled by key, and new ones join them.
        for (let i = 0; i < count; i += 3) {
          const key = `ESC-${i}:level:2`;
          if (i % 2) {
            expect(heap.remove(key)).toBe(model.delete(key));
          } else {
            heap.upsert(key, 2_000 - i, -i);
            model.set(key, { at: 2_000 - i, payload: -i });
          }
        }
        expect(drain(heap)).toEqual(inOrder(model));
      }
    },
  );

  it('stays consistent past 2^16 and 2^17 buckets and while shrinking back below them', () => {
    // Above 2^16 buckets a deadline's home comes partly from its bucket's tag, and shrinking
    // re-hashes keys: 120k deadlines take the table to 2^18 buckets, ~8k left shrink it to 2^15.
    const random = new DemoRandom(11, 2);
    const heap = new DeadlineHeap<number>();
    const model = new Map<string, number>();
    const keyOf = (i: number) => `ESC-${100_001 + i}:next_update.2:warn:90`;
    for (let i = 0; i < 120_000; i++) {
      const at = random.int(0, 10 * DAY);
      heap.upsert(keyOf(i), at, i);
      model.set(keyOf(i), at);
    }
    for (let i = 0; i < 120_000; i += 3) {
      const at = random.int(0, 10 * DAY);
      heap.upsert(keyOf(i), at, i);
      model.set(keyOf(i), at);
    }
    for (let i = 0; i < 115_000; i++) {
      if (i % 40 === 0) continue;
      heap.remove(keyOf(i));
      model.delete(keyOf(i));
    }
    for (let i = 120_000; i < 125_000; i++) {
      heap.upsert(keyOf(i), i, i);
      model.set(keyOf(i), i);
    }
    let wrong = 0;
    for (let i = 0; i < 125_000; i++) if (heap.has(keyOf(i)) !== model.has(keyOf(i))) wrong++;
    const expected = [...model].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    for (const [key, at] of expected) {
      const popped = heap.pop();
      if (popped?.key !== key || popped.at !== at) wrong++;
    }
    expect(wrong).toBe(0);
    expect(heap.size).toBe(0);
  });

  it('orders equal times by key, whatever the insertion order', () => {
    const heap = new DeadlineHeap<null>();
    for (const key of ['c', 'a', 'ab', 'B', 'b']) heap.upsert(key, 1_000, null);
    heap.upsert('z', 999, null);
    expect(drain(heap).map((d) => d.key)).toEqual(['z', 'B', 'a', 'ab', 'b', 'c']);
  });

  it('keeps one deadline per key: a repeated upsert only updates it', () => {
    const heap = new DeadlineHeap<string>();
    expect(heap.upsert('T1:breach', 5_000, 'first')).toBe(true);
    expect(heap.upsert('T1:breach', 5_000, 'second')).toBe(false);
    expect(heap.upsert('T1:breach', 4_000, 'earlier')).toBe(true);
    expect(heap.upsert('T1:breach', 9_000, 'later')).toBe(true);
    expect(heap.size).toBe(1);
    expect(heap.peek()).toEqual({ key: 'T1:breach', at: 9_000, payload: 'later' });
  });

  it('reuses a cancelled key and its position', () => {
    const heap = new DeadlineHeap<number>();
    heap.upsert('a', 10, 1);
    heap.upsert('b', 20, 2);
    expect(heap.remove('a')).toBe(true);
    expect(heap.remove('a')).toBe(false);
    expect(heap.has('a')).toBe(false);
    heap.upsert('a', 30, 3);
    heap.upsert('c', 5, 4);
    expect(drain(heap)).toEqual([
      { key: 'c', at: 5, payload: 4 },
      { key: 'b', at: 20, payload: 2 },
      { key: 'a', at: 30, payload: 3 },
    ]);
  });

  it('keeps 30-day (and far later) deadlines to the millisecond', () => {
    const now = Date.UTC(2025, 5, 2, 8, 0, 0, 123);
    const heap = new DeadlineHeap<null>();
    const times = [now + 30 * DAY, now + 30 * DAY + 1, now + 400 * DAY, now + 1, now];
    times.forEach((at, i) => heap.upsert(`k${i}`, at, null));
    expect(heap.popDue(now + 30 * DAY).map((d) => d.at)).toEqual([now, now + 1, now + 30 * DAY]);
    expect(drain(heap).map((d) => d.at)).toEqual([now + 30 * DAY + 1, now + 400 * DAY]);
  });

  it.each(COLLIDING)('replaceAll with %s builds the same heap as upserting one by one', (_, o) => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.integer({ min: 0, max: 60 }).map((k) => `T${k}`),
            at: fc.integer({ min: 0, max: 20 }),
            payload: fc.integer(),
          }),
          { maxLength: 150 },
        ),
        fc.boolean(),
        (deadlines, asIterable) => {
          const bulk = new DeadlineHeap<number>(o);
          bulk.upsert('dropped', 0, -1);
          bulk.replaceAll(asIterable ? new Set(deadlines) : deadlines);
          const oneByOne = new DeadlineHeap<number>(o);
          for (const { key, at, payload } of deadlines) oneByOne.upsert(key, at, payload);
          expect(bulk.size).toBe(oneByOne.size);
          expect(bulk.has('dropped')).toBe(false);
          // Still consistent after the bulk build: move and cancel some.
          for (const { key, at } of deadlines.slice(0, 10)) {
            bulk.upsert(key, 20 - at, 0);
            oneByOne.upsert(key, 20 - at, 0);
          }
          for (const { key } of deadlines.slice(10, 15)) {
            bulk.remove(key);
            oneByOne.remove(key);
          }
          expect(drain(bulk)).toEqual(drain(oneByOne));
        },
      ),
    );
  });

  it('clear empties the heap and leaves it usable', () => {
    const heap = new DeadlineHeap<null>();
    for (let i = 0; i < 5_000; i++) heap.upsert(`k${i}`, i, null);
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.has('k1')).toBe(false);
    heap.upsert('k1', 1, null);
    expect(drain(heap)).toEqual([{ key: 'k1', at: 1, payload: null }]);
  });
});

describe('hashDeadlineKey', () => {
  it('spreads 100k desk-style keys: almost no equal hashes, even buckets', () => {
    const hashes = new Set<number>();
    const buckets = new Int32Array(1024);
    const suffixes = [':resolution:warn:75', ':resolution:breach', ':level:2', ':level:1:repeat:3'];
    let notInt32 = 0;
    for (let i = 0; i < 100_000; i++) {
      const h = hashDeadlineKey(`ESC-${10_001 + (i >> 2)}${suffixes[i & 3]}`);
      if (h !== (h | 0)) notInt32++;
      hashes.add(h);
      buckets[h >>> 22]!++;
    }
    expect(notInt32).toBe(0);
    // 100k random 32-bit values share a hash ~1.2 times on average.
    expect(100_000 - hashes.size).toBeLessThanOrEqual(10);
    expect(Math.max(...buckets)).toBeLessThan(2 * (100_000 / 1024));
  });

  it('is stable and tells apart keys that differ in one character or in length', () => {
    expect(hashDeadlineKey('T1:breach')).toBe(hashDeadlineKey('T1:breach'));
    expect(hashDeadlineKey('T1:breach')).not.toBe(hashDeadlineKey('T2:breach'));
    expect(hashDeadlineKey('')).not.toBe(hashDeadlineKey('\u0000'));
    expect(hashDeadlineKey('Ticket 😀')).not.toBe(hashDeadlineKey('Ticket 😁'));
  });
});
