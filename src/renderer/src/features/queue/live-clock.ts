import { useSyncExternalStore } from 'react';

/**
 * One shared ticking clock for the queue's live SLA cells: a single timer, aligned to the second,
 * that only the subscribed cells re-render on, never the whole table.
 */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: number | undefined;

function tick() {
  now = Date.now();
  for (const listener of listeners) listener();
  timer = window.setTimeout(tick, 1000 - (now % 1000) + 5);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = window.setTimeout(tick, 1000 - (now % 1000) + 5);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      window.clearTimeout(timer);
      timer = undefined;
    }
  };
}

/** The current time, re-rendering the caller once a second. */
export function useSecondClock(): number {
  return useSyncExternalStore(subscribe, () => now);
}
