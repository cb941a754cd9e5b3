import { useSyncExternalStore } from 'react';

/** The desk's top-level views, in navigation order. */
export const VIEWS = [
  'queue',
  'new',
  'ticket',
  'alerts',
  'matrix',
  'policies',
  'reports',
  'settings',
] as const;
export type ViewName = (typeof VIEWS)[number];

export type Route =
  | { view: Exclude<ViewName, 'ticket' | 'queue'> }
  | { view: 'ticket'; ticketId?: string }
  /** The queue, with a ticket open beside it (split view) when `ticketId` is set. */
  | { view: 'queue'; ticketId?: string }
  | { view: 'not-found'; path: string };

/** Parses a location hash such as "#/ticket/ESC-1042" into a route; "" and "#/" are the queue. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 0) return { view: 'queue' };
  const [first, second, ...rest] = segments;
  if ((first === 'ticket' || first === 'queue') && rest.length === 0) {
    if (second === undefined) return { view: first };
    try {
      return { view: first, ticketId: decodeURIComponent(second) };
    } catch {
      return { view: 'not-found', path };
    }
  }
  if (second === undefined && (VIEWS as readonly string[]).includes(first ?? '')) {
    return { view: first as Exclude<ViewName, 'ticket'> };
  }
  return { view: 'not-found', path };
}

/** The hash link for a route. */
export function hrefFor(route: Route): string {
  if (route.view === 'not-found') return '#/';
  if ((route.view === 'ticket' || route.view === 'queue') && route.ticketId) {
    return `#/${route.view}/${encodeURIComponent(route.ticketId)}`;
  }
  return `#/${route.view}`;
}

/** Goes to a route (adds a history entry, so Back works). */
export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route, re-rendering on hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}
