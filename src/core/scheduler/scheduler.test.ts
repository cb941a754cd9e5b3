import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DemoRandom } from '../demo';
import { DeadlineHeap } from './deadline-heap';
import { FakeClock } from './fake-clock';
import { DeadlineScheduler, type SchedulerClock } from './scheduler';

function setup(maxWaitMs?: number) {
  const clock = new FakeClock();
  const fired: { keys: string[]; at: number }[] = [];
  const scheduler = new DeadlineScheduler<string>(
    clock,
    (due, firedAt) => fired.push({ keys: due.map((d) => d.key), at: firedAt }),
    maxWaitMs ? { maxWaitMs } : {},
  );
  return { clock, fired, scheduler };
}

const DAY = 86_400_000;

/**
 * The wake-up rule stated plainly, as an oracle: after every change, keep the armed timer if no
 * deadline is before its wake-up, else re-arm for the earliest (within `maxWaitMs`).
 */
class ArmOnEveryChange {
  private readonly heap = new DeadlineHeap<string>();
  private timer: unknown = undefined;
  private armedFor: number | undefined;

  constructor(
    private readonly clock: SchedulerClock,
    private readonly onFire: (keys: string[], at: number) => void,
    private readonly maxWaitMs: number,
  ) {}

  upsert(key: string, at: number): void {
    if (this.heap.upsert(key, at, key)) this.arm();
  }

  cancel(key: string): void {
    if (this.heap.remove(key)) this.arm();
  }

  recheck(): void {
    const now = this.clock.now();
    const due = this.heap.popDue(now);
    if (due.length)
      this.onFire(
        due.map((d) => d.key),
        now,
      );
    this.arm();
  }

  private arm(): void {
    if (this.heap.size === 0) {
      if (this.timer !== undefined) this.clock.clearTimer(this.timer);
      this.timer = this.armedFor = undefined;
      return;
    }
    if (this.timer !== undefined && this.heap.noneBefore(this.armedFor!)) return;
    const now = this.clock.now();
    const wait = Math.min(Math.max(0, this.heap.peekAt()! - now), this.maxWaitMs);
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.armedFor = now + wait;
    this.timer = this.clock.setTimer(() => {
      this.timer = this.armedFor = undefined;
      this.recheck();
    }, wait);
  }
}

describe('DeadlineScheduler', () => {
  it('keeps waking up for later deadlines when a fire handler throws', () => {
    const clock = new FakeClock();
    const fired: string[] = [];
    const scheduler = new DeadlineScheduler<string>(clock, (due) => {
      fired.push(...due.map((deadline) => deadline.key));
      if (due.some((deadline) => deadline.key === 'a')) throw new Error('handler failed');
    });
    scheduler.upsert('a', 1_000, 'a');
    scheduler.upsert('b', 5_000, 'b');
    expect(() => clock.advance(1_000)).toThrow('handler failed');
    clock.advance(4_000);
    expect(fired).toEqual(['a', 'b']);
  });

  it('fires each deadline once, at its time, with one timer pending', () => {
    const { clock, fired, scheduler } = setup();
    scheduler.upsert('b', 2_000, 'B');
    scheduler.upsert('a', 1_000, 'A');
    scheduler.upsert('c', 2_000, 'C');
    expect(clock.pendingTimers).toBe(1);
    clock.advance(999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([{ keys: ['a'], at: 1_000 }]);
    clock.advance(5_000);
    expect(fired).toEqual([
      { keys: ['a'], at: 1_000 },
      { keys: ['b', 'c'], at: 2_000 },
    ]);
    expect(scheduler.size).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('is idempotent: a repeated upsert keeps one deadline; upsert moves it; cancel removes it', () => {
    const { clock, fired, scheduler } = setup();
    scheduler.upsert('x', 1_000, 'first');
    scheduler.upsert('x', 1_000, 'again');
    scheduler.upsert('y', 1_500, 'y');
    scheduler.upsert('y', 3_000, 'y moved');
    scheduler.cancel('nope');
    scheduler.upsert('z', 500, 'z');
    scheduler.cancel('z');
    clock.advance(10_000);
    expect(fired.map((f) => f.keys)).toEqual([['x'], ['y']]);
    expect(fired.map((f) => f.at)).toEqual([1_000, 3_000]);
  });

  it('fires what became due during sleep once, grouped, on resume', () => {
    const { clock, fired, scheduler } = setup();
    for (let i = 1; i <= 12; i++) scheduler.upsert(`t${i}`, i * 60_000, `T${i}`);
    scheduler.upsert('later', 3 * 3_600_000, 'L');
    clock.sleep(30 * 60_000);
    scheduler.recheck();
    expect(fired).toHaveLength(1);
    expect(fired[0]!.keys).toHaveLength(12);
    scheduler.recheck();
    expect(fired).toHaveLength(1);
    clock.advance(3 * 3_600_000);
    expect(fired.map((f) => f.keys)).toEqual([fired[0]!.keys, ['later']]);
  });

  it('notices a forward wall-clock jump within the longest wait even without a recheck', () => {
    const { clock, fired, scheduler } = setup(60_000);
    scheduler.upsert('soon-after-jump', 2 * 3_600_000, 'x');
    clock.jumpWallClock(2 * 3_600_000);
    clock.advance(60_000);
    expect(fired.map((f) => f.keys)).toEqual([['soon-after-jump']]);
  });

  it('never fires early when the wall clock jumps back', () => {
    const { clock, fired, scheduler } = setup();
    scheduler.upsert('a', 10_000, 'A');
    clock.advance(5_000);
    clock.jumpWallClock(-60_000);
    scheduler.recheck();
    clock.advance(60_000);
    expect(fired).toEqual([]);
    clock.advance(5_000);
    expect(fired).toEqual([{ keys: ['a'], at: 10_000 }]);
  });

  it('handles 30-day deadlines (beyond setTimeout’s 24.8-day limit) without a long timer', () => {
    const clock = new FakeClock();
    const delays: number[] = [];
    const fired: number[] = [];
    const scheduler = new DeadlineScheduler<string>(
      {
        ...clock,
        now: clock.now,
        clearTimer: clock.clearTimer,
        setTimer: (cb, ms) => (delays.push(ms), clock.setTimer(cb, ms)),
      },
      (_due, at) => fired.push(at),
      { maxWaitMs: 2 ** 31 - 1 },
    );
    scheduler.upsert('month', 30 * DAY, 'M');
    clock.advance(30 * DAY);
    expect(fired).toEqual([30 * DAY]);
    expect(Math.max(...delays)).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it('replaceAll swaps the whole set; dropped keys never fire', () => {
    const { clock, fired, scheduler } = setup();
    scheduler.upsert('old', 1_000, 'o');
    scheduler.replaceAll([
      { key: 'n1', at: 2_000, payload: 'a' },
      { key: 'n2', at: 500, payload: 'b' },
    ]);
    clock.advance(5_000);
    expect(fired.map((f) => f.keys)).toEqual([['n2'], ['n1']]);
  });

  it('fires a deadline already in the past on the next check', () => {
    const { clock, fired, scheduler } = setup();
    clock.advance(10_000);
    scheduler.upsert('past', 1_000, 'p');
    clock.advance(0);
    expect(fired).toEqual([{ keys: ['past'], at: 10_000 }]);
  });

  it('replaceAll keeps the last entry of a key listed twice, and takes any iterable', () => {
    const { clock, fired, scheduler } = setup();
    function* deadlines() {
      yield { key: 'a', at: 1_000, payload: 'first' };
      yield { key: 'b', at: 2_000, payload: 'b' };
      yield { key: 'a', at: 3_000, payload: 'last' };
    }
    scheduler.replaceAll(deadlines());
    expect(scheduler.size).toBe(2);
    expect(scheduler.next()).toEqual({ key: 'b', at: 2_000, payload: 'b' });
    clock.advance(5_000);
    expect(fired.map((f) => f.keys)).toEqual([['b'], ['a']]);
  });

  it('hands over the latest payload; an upsert that keeps the time sets no new timer', () => {
    const clock = new FakeClock();
    let timersSet = 0;
    const payloads: string[] = [];
    const scheduler = new DeadlineScheduler<string>(
      {
        now: clock.now,
        clearTimer: clock.clearTimer,
        setTimer: (callback, ms) => (timersSet++, clock.setTimer(callback, ms)),
      },
      (due) => payloads.push(...due.map((d) => d.payload)),
    );
    scheduler.upsert('T1:breach', 1_000, 'old');
    const before = timersSet;
    scheduler.upsert('T1:breach', 1_000, 'new');
    expect(timersSet).toBe(before);
    expect(scheduler.has('T1:breach')).toBe(true);
    clock.advance(1_000);
    expect(payloads).toEqual(['new']);
    expect(scheduler.has('T1:breach')).toBe(false);
  });

  it('fires 5,000 deadlines, moved and cancelled at random, once each, in order, never early', () => {
    const random = new DemoRandom(3, 4);
    const { clock, fired, scheduler } = setup(30_000);
    const pending = new Map<string, number>();
    let checked = 0;
    let early = 0;
    let unexpected = 0;
    const settle = () => {
      for (const batch of fired.slice(checked)) {
        for (const key of batch.keys) {
          const at = pending.get(key);
          if (at === undefined) unexpected++;
          else if (batch.at < at) early++;
          pending.delete(key);
        }
      }
      checked = fired.length;
    };
    for (let step = 0; step < 20_000; step++) {
      const key = `ESC-${10_001 + random.int(0, 4_999)}:resolution:warn:75`;
      if (random.chance(0.1)) {
        scheduler.cancel(key);
        pending.delete(key);
      } else {
        const at = clock.wall + random.int(0, 3_600_000);
        scheduler.upsert(key, at, key);
        pending.set(key, at);
      }
      if (step % 1_000 === 999) {
        clock.advance(60_000);
        settle();
      }
    }
    expect(pending.size).toBeGreaterThan(1_000);
    clock.advance(2 * 3_600_000);
    settle();
    expect({ early, unexpected, left: pending.size, size: scheduler.size }).toEqual({
      early: 0,
      unexpected: 0,
      left: 0,
      size: 0,
    });
    const times = fired.map((f) => f.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('property: sets, clears and fires exactly the timers of re-arming after every change', () => {
    const op = fc.oneof(
      fc.record({
        op: fc.constant('upsert' as const),
        key: fc.integer({ min: 0, max: 9 }),
        // Some before now (overdue), most within a few wake-ups, some far.
        at: fc.oneof(
          fc.integer({ min: -5_000, max: 30_000 }),
          fc.integer({ min: 0, max: 400_000 }),
        ),
      }),
      fc.record({
        op: fc.constantFrom('cancel' as const),
        key: fc.integer({ min: 0, max: 9 }),
        at: fc.constant(0),
      }),
      fc.record({
        op: fc.constantFrom('advance' as const, 'sleep' as const, 'jump' as const),
        key: fc.constant(0),
        at: fc.integer({ min: -20_000, max: 50_000 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const logs = [0, 1].map(() => [] as string[]);
        const clocks = [new FakeClock(1_000), new FakeClock(1_000)];
        const spy = (clock: FakeClock, log: string[]): SchedulerClock => ({
          now: clock.now,
          setTimer: (callback, ms) => (log.push(`set ${ms}`), clock.setTimer(callback, ms)),
          clearTimer: (handle) => (log.push('clear'), clock.clearTimer(handle)),
        });
        const scheduler = new DeadlineScheduler<string>(
          spy(clocks[0]!, logs[0]!),
          (due, at) => logs[0]!.push(`fire ${due.map((d) => d.key)} at ${at}`),
          { maxWaitMs: 20_000 },
        );
        const oracle = new ArmOnEveryChange(
          spy(clocks[1]!, logs[1]!),
          (keys, at) => logs[1]!.push(`fire ${keys} at ${at}`),
          20_000,
        );
        for (const { op: kind, key, at } of ops) {
          if (kind === 'upsert') {
            scheduler.upsert(`k${key}`, clocks[0]!.wall + at, `k${key}`);
            oracle.upsert(`k${key}`, clocks[1]!.wall + at);
          } else if (kind === 'cancel') {
            scheduler.cancel(`k${key}`);
            oracle.cancel(`k${key}`);
          } else {
            for (const clock of clocks) {
              if (kind === 'advance') clock.advance(Math.abs(at));
              else if (kind === 'sleep') clock.sleep(Math.abs(at));
              else clock.jumpWallClock(at);
            }
            if (kind !== 'advance') {
              scheduler.recheck();
              oracle.recheck();
            }
          }
          expect(logs[0]).toEqual(logs[1]);
        }
        for (const clock of clocks) clock.advance(1_000_000);
        expect(logs[0]).toEqual(logs[1]);
      }),
    );
  });

  it('property: every deadline fires exactly once, never early, in time order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
            at: fc.integer({ min: 0, max: 100_000 }),
            cancel: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        (ops) => {
          const { clock, fired, scheduler } = setup(7_000);
          const expected = new Map<string, number>();
          for (const op of ops) {
            if (op.cancel) {
              scheduler.cancel(op.key);
              expected.delete(op.key);
            } else {
              scheduler.upsert(op.key, op.at, op.key);
              expected.set(op.key, op.at);
            }
          }
          clock.advance(200_000);
          const firedKeys = fired.flatMap((f) => f.keys);
          expect(new Set(firedKeys).size).toBe(firedKeys.length);
          expect(new Set(firedKeys)).toEqual(new Set(expected.keys()));
          for (const batch of fired)
            for (const key of batch.keys)
              expect(batch.at).toBeGreaterThanOrEqual(expected.get(key)!);
          const times = fired.map((f) => f.at);
          expect(times).toEqual([...times].sort((a, b) => a - b));
        },
      ),
    );
  });
});
