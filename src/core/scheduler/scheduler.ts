import { DeadlineHeap, type Deadline } from './deadline-heap';

/** The clock and timer functions the scheduler runs on (parameters, so tests use a fake clock). */
export interface SchedulerClock {
  /** Wall-clock time, epoch ms. */
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

/** Tuning of a scheduler. */
export interface SchedulerOptions {
  /**
   * The longest single wait. Timers count monotonic time while deadlines are wall-clock instants,
   * so a long wait is cut into pieces to notice wall-clock jumps (and `setTimeout`'s ~24.8-day
   * limit never matters). Default one minute.
   */
  maxWaitMs?: number;
}

/** Called once per wake-up with everything that came due, earliest first, and the time it ran. */
export type FireHandler<T> = (due: Deadline<T>[], firedAt: number) => void;

const DEFAULT_MAX_WAIT_MS = 60_000;

/**
 * Many keyed deadlines, one wake-up timer. Upsert and cancel by key (idempotent), replace all at
 * once; after sleep or a clock jump call `recheck()`: what came due fires once, grouped, and
 * nothing ever fires before its time.
 */
export class DeadlineScheduler<T> {
  private readonly heap = new DeadlineHeap<T>();
  private timer: unknown = undefined;
  private armedFor: number | undefined;
  /**
   * Whether no deadline is before `armedFor`, i.e. the armed timer is right for every deadline
   * (false when none is armed, and after arming for one already overdue). While it is, a new time
   * at or after `armedFor` cannot need a new timer, which upsert decides without calling `arm`.
   */
  private armedInTime = false;
  private readonly maxWaitMs: number;

  constructor(
    private readonly clock: SchedulerClock,
    private readonly onFire: FireHandler<T>,
    options: SchedulerOptions = {},
  ) {
    this.maxWaitMs = Math.max(1, options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
  }

  /** How many deadlines are pending. */
  get size(): number {
    return this.heap.size;
  }

  /** The next deadline, if any. */
  next(): Deadline<T> | undefined {
    return this.heap.peek();
  }

  /** Whether a deadline with this key is pending. */
  has(key: string): boolean {
    return this.heap.has(key);
  }

  /** Adds or moves a deadline; one already due fires on the next check (now, if asked). */
  upsert(key: string, at: number, payload: T): void {
    if (this.heap.upsert(key, at, payload) && !(this.armedInTime && at >= this.armedFor!)) {
      this.arm();
    }
  }

  /** Removes a deadline; cancelling an unknown key does nothing. */
  cancel(key: string): void {
    // With others left, a removal cannot make a timer that is in time early.
    if (this.heap.remove(key) && (this.heap.size === 0 || !this.armedInTime)) this.arm();
  }

  /** Replaces every deadline with `deadlines` (the desk re-derives all timers at start-up). */
  replaceAll(deadlines: Iterable<Deadline<T>>): void {
    this.heap.replaceAll(deadlines);
    this.arm();
  }

  /** Fires everything due now (grouped) and re-arms; call after resume or a clock change. */
  recheck(): void {
    const now = this.clock.now();
    const due = this.heap.popDue(now);
    try {
      if (due.length) this.onFire(due, now);
    } finally {
      // A throwing handler must not leave every later deadline without a wake-up.
      this.arm();
    }
  }

  /** Stops the wake-up timer (deadlines are kept). */
  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.armedFor = undefined;
    this.armedInTime = false;
  }

  private arm(): void {
    if (this.heap.size === 0) {
      this.stop();
      return;
    }
    // Waking early is harmless (the check re-arms), so an armed timer at or before the next
    // deadline stays: bulk upserts then cost no timer churn.
    if (
      this.timer !== undefined &&
      this.armedFor !== undefined &&
      this.heap.noneBefore(this.armedFor)
    ) {
      this.armedInTime = true;
      return;
    }
    const nextAt = this.heap.peekAt()!;
    const now = this.clock.now();
    const wait = Math.min(Math.max(0, nextAt - now), this.maxWaitMs);
    const wakeAt = now + wait;
    this.stop();
    this.armedFor = wakeAt;
    this.armedInTime = wakeAt <= nextAt;
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      this.armedFor = undefined;
      this.armedInTime = false;
      this.recheck();
    }, wait);
  }
}
