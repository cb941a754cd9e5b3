import type { SchedulerClock } from './scheduler';

/**
 * A wall clock with monotonic timers that a test moves by hand: `advance` lets time pass with the
 * machine awake (timers run at their time, in order), `sleep` moves the wall clock with no timer
 * running (a suspended laptop), `jumpWallClock` moves it by any amount (a clock change).
 */
export class FakeClock implements SchedulerClock {
  wall: number;
  /** The longest wait any timer asked for. */
  longestWait = 0;
  private monotonic = 0;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  constructor(start = 0) {
    this.wall = start;
  }

  now = (): number => this.wall;

  setTimer = (callback: () => void, delayMs: number): number => {
    const id = this.nextId++;
    this.longestWait = Math.max(this.longestWait, delayMs);
    this.timers.set(id, { at: this.monotonic + delayMs, callback });
    return id;
  };

  clearTimer = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** Timers waiting to run. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Lets `ms` pass with the machine awake: timers run when their time comes. */
  advance(ms: number): void {
    const end = this.monotonic + ms;
    for (;;) {
      const next = [...this.timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      this.wall += next[1].at - this.monotonic;
      this.monotonic = next[1].at;
      this.timers.delete(next[0]);
      next[1].callback();
    }
    this.wall += end - this.monotonic;
    this.monotonic = end;
  }

  /** Lets time pass until the wall clock reads `wall`. */
  advanceTo(wall: number): void {
    this.advance(Math.max(0, wall - this.wall));
  }

  /** The machine sleeps: wall time passes, timers do not run (monotonic time stops). */
  sleep(ms: number): void {
    this.wall += ms;
  }

  /** The wall clock is set forward (positive) or back (negative); timers are unaffected. */
  jumpWallClock(ms: number): void {
    this.wall += ms;
  }
}
