/**
 * Who needs to know that tickets changed: the alert engine re-derives their SLA alerts. Writers
 * call these after their transaction commits.
 */
type Listener = (ticketIds: readonly string[] | 'all') => void;

const listeners = new Set<Listener>();

/** Subscribes to desk changes; returns the unsubscribe function. */
export function onDeskChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Some tickets changed (their events, status, level, alerts). */
export function ticketsChanged(ticketIds: readonly string[]): void {
  if (ticketIds.length === 0) return;
  for (const listener of listeners) listener(ticketIds);
}

type RestatedListener = (ticketIds: readonly string[]) => void;
const restatedListeners = new Set<RestatedListener>();

/**
 * Subscribes to restatements: cached rows of some tickets (their risk signals) were rewritten with
 * no change to the tickets themselves, so views re-read them but nothing is re-derived.
 */
export function onTicketsRestated(listener: RestatedListener): () => void {
  restatedListeners.add(listener);
  return () => restatedListeners.delete(listener);
}

/** Some tickets' cached rows were rewritten (see onTicketsRestated). */
export function ticketsRestated(ticketIds: readonly string[]): void {
  if (ticketIds.length === 0) return;
  for (const listener of restatedListeners) listener(ticketIds);
}

/** Much changed at once (an import, a demo desk, a new policy or matrix): re-derive everything. */
export function deskChanged(): void {
  for (const listener of listeners) listener('all');
}
