import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareHlc,
  formatHlc,
  hlcWall,
  isHlc,
  parseHlc,
  receiveHlc,
  tickHlc,
  type HlcParts,
} from './hlc';

const NOW = Date.parse('2025-06-02T09:00:00Z');
const MAX_COUNTER = 36 ** 4 - 1;
const RUNS = { numRuns: 300 };

const nodeArbitrary = fc.oneof(
  fc.constantFrom('deskA', 'deskB', 'desk-b', 'a', 'A', '_'),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
);
/** Walls close together as often as not, so equal walls (and the counter) get exercised. */
const wallArbitrary = fc.oneof(
  fc.integer({ min: NOW, max: NOW + 3 }),
  fc.integer({ min: 0, max: 10 ** 15 - 1 }),
);
const partsArbitrary: fc.Arbitrary<HlcParts> = fc.record({
  wall: wallArbitrary,
  counter: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: MAX_COUNTER })),
  node: nodeArbitrary,
});
/** Parts a clock can still tick past without its counter overflowing. */
const roomyPartsArbitrary: fc.Arbitrary<HlcParts> = fc.record({
  wall: fc.integer({ min: NOW - 5, max: NOW + 5 }),
  counter: fc.integer({ min: 0, max: 1000 }),
  node: nodeArbitrary,
});

const sign = (n: number): number => Math.sign(n);
function compareParts(a: HlcParts, b: HlcParts): number {
  if (a.wall !== b.wall) return a.wall - b.wall;
  if (a.counter !== b.counter) return a.counter - b.counter;
  if (a.node === b.node) return 0;
  return a.node < b.node ? -1 : 1;
}

describe('formatHlc and parseHlc', () => {
  it('writes the documented layout: 15 wall digits, 4 base-36 counter digits, the node', () => {
    expect(formatHlc({ wall: 1_748_854_800_000, counter: 37, node: 'desk-1' })).toBe(
      '001748854800000-0011-desk-1',
    );
  });

  it('reads back every value it writes', () => {
    fc.assert(
      fc.property(partsArbitrary, (parts) => {
        const hlc = formatHlc(parts);
        expect(isHlc(hlc)).toBe(true);
        expect(parseHlc(hlc)).toEqual(parts);
        expect(hlcWall(hlc)).toBe(parts.wall);
      }),
      RUNS,
    );
  });

  it('orders strings exactly as (wall, counter, node) are ordered', () => {
    fc.assert(
      fc.property(partsArbitrary, partsArbitrary, (a, b) => {
        expect(sign(compareHlc(formatHlc(a), formatHlc(b)))).toBe(sign(compareParts(a, b)));
      }),
      RUNS,
    );
  });

  it.each([
    { name: 'an empty string', value: '' },
    { name: 'a short wall', value: '1748854800000-0000-desk' },
    { name: 'an upper-case counter', value: '001748854800000-00A0-desk' },
    { name: 'a short counter', value: '001748854800000-000-desk' },
    { name: 'no node', value: '001748854800000-0000-' },
    { name: 'a node with a space', value: '001748854800000-0000-desk 1' },
    { name: 'a node of 65 characters', value: `001748854800000-0000-${'n'.repeat(65)}` },
    { name: 'an ISO date', value: '2025-06-02T09:00:00Z' },
  ])('refuses $name, naming the value', ({ value }) => {
    expect(isHlc(value)).toBe(false);
    expect(() => parseHlc(value)).toThrow(`"${value}" is not a hybrid logical clock value.`);
  });

  it.each([
    { name: 'a negative wall', parts: { wall: -1, counter: 0, node: 'a' }, message: '-1' },
    { name: 'a fractional wall', parts: { wall: 1.5, counter: 0, node: 'a' }, message: '1.5' },
    { name: 'a 16-digit wall', parts: { wall: 10 ** 15, counter: 0, node: 'a' }, message: 'wall' },
    { name: 'a negative counter', parts: { wall: 0, counter: -1, node: 'a' }, message: '(-1)' },
    { name: 'a bad node', parts: { wall: 0, counter: 0, node: 'desk 1' }, message: '"desk 1"' },
  ])('refuses to write $name', ({ parts, message }) => {
    expect(() => formatHlc(parts)).toThrow(message);
  });
});

describe('compareHlc', () => {
  it('puts an absent clock before any value and equal values level', () => {
    const hlc = formatHlc({ wall: 0, counter: 0, node: 'a' });
    expect(compareHlc(undefined, hlc)).toBeLessThan(0);
    expect(compareHlc(hlc, undefined)).toBeGreaterThan(0);
    expect(compareHlc(undefined, undefined)).toBe(0);
    expect(compareHlc(hlc, hlc)).toBe(0);
  });
});

describe('tickHlc', () => {
  it('starts at the wall time with counter 0', () => {
    expect(parseHlc(tickHlc(undefined, NOW + 0.9, 'deskA'))).toEqual({
      wall: NOW,
      counter: 0,
      node: 'deskA',
    });
  });

  it('counts up while the wall clock stands still and keeps its wall when the clock goes back', () => {
    const first = tickHlc(undefined, NOW, 'deskA');
    const second = tickHlc(first, NOW, 'deskA');
    const third = tickHlc(second, NOW - 60_000, 'deskA');
    const fourth = tickHlc(third, NOW + 1, 'deskA');
    expect([first, second, third, fourth].map(parseHlc)).toEqual([
      { wall: NOW, counter: 0, node: 'deskA' },
      { wall: NOW, counter: 1, node: 'deskA' },
      { wall: NOW, counter: 2, node: 'deskA' },
      { wall: NOW + 1, counter: 0, node: 'deskA' },
    ]);
  });

  it('strictly increases and follows the latest wall time over any sequence of clock readings', () => {
    const reading = fc.oneof(
      fc.integer({ min: NOW - 3, max: NOW + 3 }),
      fc.double({ min: NOW - 10_000, max: NOW + 10_000, noNaN: true }),
    );
    fc.assert(
      fc.property(
        nodeArbitrary,
        fc.array(reading, { minLength: 1, maxLength: 60 }),
        (node, nows) => {
          let last: string | undefined;
          let latestWall = 0;
          for (const now of nows) {
            const next = tickHlc(last, now, node);
            expect(compareHlc(next, last)).toBeGreaterThan(0);
            latestWall = Math.max(latestWall, Math.floor(now));
            expect(hlcWall(next)).toBe(latestWall);
            last = next;
          }
        },
      ),
      RUNS,
    );
  });

  it('throws rather than repeat a value when the counter overflows', () => {
    const full = formatHlc({ wall: NOW, counter: MAX_COUNTER, node: 'deskA' });
    expect(() => tickHlc(full, NOW, 'deskA')).toThrow(/counter overflowed/);
    expect(() => tickHlc(full, NOW + 1, 'deskA')).not.toThrow();
  });

  it('names a malformed previous value', () => {
    expect(() => tickHlc('yesterday', NOW, 'deskA')).toThrow('"yesterday"');
  });
});

describe('receiveHlc', () => {
  it('is later than both the local clock and the remote value', () => {
    fc.assert(
      fc.property(
        fc.option(roomyPartsArbitrary, { nil: undefined }),
        roomyPartsArbitrary,
        fc.integer({ min: NOW - 5, max: NOW + 5 }),
        nodeArbitrary,
        (local, remote, now, node) => {
          const last = local && formatHlc({ ...local, node });
          const seen = formatHlc(remote);
          const next = receiveHlc(last, seen, now, node);
          expect(compareHlc(next, last)).toBeGreaterThan(0);
          expect(compareHlc(next, seen)).toBeGreaterThan(0);
          expect(hlcWall(next)).toBe(Math.max(now, local?.wall ?? 0, remote.wall));
          expect(parseHlc(next).node).toBe(node);
        },
      ),
      RUNS,
    );
  });

  it('keeps a later local tick after the remote value', () => {
    const seen = formatHlc({ wall: NOW + 500, counter: 7, node: 'deskB' });
    const received = receiveHlc(undefined, seen, NOW, 'deskA');
    expect(parseHlc(received)).toEqual({ wall: NOW + 500, counter: 8, node: 'deskA' });
    expect(compareHlc(tickHlc(received, NOW + 1, 'deskA'), seen)).toBeGreaterThan(0);
  });

  it('throws when the remote counter is already full, and names a malformed remote value', () => {
    const full = formatHlc({ wall: NOW, counter: MAX_COUNTER, node: 'deskB' });
    expect(() => receiveHlc(undefined, full, NOW, 'deskA')).toThrow(/counter overflowed/);
    expect(() => receiveHlc(undefined, 'soon', NOW, 'deskA')).toThrow('"soon"');
  });
});
