import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash, type Route } from './router';

describe('parseHash', () => {
  it.each<[string, Route]>([
    ['', { view: 'queue' }],
    ['#', { view: 'queue' }],
    ['#/', { view: 'queue' }],
    ['#/queue', { view: 'queue' }],
    ['#/new', { view: 'new' }],
    ['#/new/extra', { view: 'not-found', path: '/new/extra' }],
    ['#/alerts', { view: 'alerts' }],
    ['#/alerts/extra', { view: 'not-found', path: '/alerts/extra' }],
    ['#/matrix', { view: 'matrix' }],
    ['#/policies', { view: 'policies' }],
    ['#/reports', { view: 'reports' }],
    ['#/settings', { view: 'settings' }],
    ['#/ticket', { view: 'ticket' }],
    ['#/ticket/ESC-1042', { view: 'ticket', ticketId: 'ESC-1042' }],
    ['#/ticket/ESC%201', { view: 'ticket', ticketId: 'ESC 1' }],
    ['#/ticket/%E0%A4%A', { view: 'not-found', path: '/ticket/%E0%A4%A' }],
    ['#/ticket/a/b', { view: 'not-found', path: '/ticket/a/b' }],
    ['#/queue/ESC-1042', { view: 'queue', ticketId: 'ESC-1042' }],
    ['#/queue/ESC-1/extra', { view: 'not-found', path: '/queue/ESC-1/extra' }],
    ['#/nowhere', { view: 'not-found', path: '/nowhere' }],
    ['#/constructor', { view: 'not-found', path: '/constructor' }],
  ])('%s → %j', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('round-trips through hrefFor, including ids that need escaping', () => {
    for (const route of [
      { view: 'queue' },
      { view: 'ticket', ticketId: 'ESC/1?x#y' },
      { view: 'settings' },
    ] as Route[]) {
      expect(parseHash(hrefFor(route))).toEqual(route);
    }
  });
});
