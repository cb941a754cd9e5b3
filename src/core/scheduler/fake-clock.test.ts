import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock';

describe('FakeClock', () => {
  it('runs timers in time order as time passes, and none while the machine sleeps', () => {
    const clock = new FakeClock(1_000);
    const ran: [string, number][] = [];
    clock.setTimer(() => ran.push(['late', clock.now()]), 300);
    clock.setTimer(() => ran.push(['early', clock.now()]), 100);
    const cancelled = clock.setTimer(() => ran.push(['cancelled', clock.now()]), 200);
    clock.clearTimer(cancelled);
    clock.sleep(10_000);
    expect(ran).toEqual([]);
    clock.advance(150);
    expect(ran).toEqual([['early', 11_100]]);
    clock.advanceTo(11_400);
    expect(ran).toEqual([
      ['early', 11_100],
      ['late', 11_300],
    ]);
    expect(clock.now()).toBe(11_400);
    expect(clock.pendingTimers).toBe(0);
    expect(clock.longestWait).toBe(300);
  });

  it('jumps the wall clock back without moving the timers', () => {
    const clock = new FakeClock(5_000);
    let ranAt: number | undefined;
    clock.setTimer(() => (ranAt = clock.now()), 1_000);
    clock.jumpWallClock(-3_000);
    clock.advance(1_000);
    expect(ranAt).toBe(3_000);
  });
});
