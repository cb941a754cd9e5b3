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

/** Much changed at once (an import, a demo desk, a new policy or matrix): re-derive everything. */
export function deskChanged(): void {
  for (const listener of listeners) listener('all');
}
