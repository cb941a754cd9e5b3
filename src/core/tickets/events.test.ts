import { describe, expect, it } from 'vitest';
import { compareEvents, inFoldOrder, TicketEventSchema, type TicketEvent } from './events';

const reply = (id: string, at: number): TicketEvent => ({
  id,
  ticketId: 'T1',
  at,
  type: 'reply',
  direction: 'to_customer',
});
const created = (id: string, at: number): TicketEvent => ({
  id,
  ticketId: 'T1',
  at,
  type: 'created',
  priority: 'P2',
  category: 'billing',
  tier: 'standard',
  channel: 'email',
  status: 'new',
});

describe('ticket events', () => {
  it('orders by time, then created first, then id', () => {
    const events = [reply('b', 2), reply('a', 2), created('z', 2), reply('c', 1)];
    expect([...events].sort(compareEvents).map((e) => e.id)).toEqual(['c', 'z', 'a', 'b']);
  });

  it('returns events already in order as they are, and sorts a copy otherwise', () => {
    const ordered = [created('a', 1), reply('b', 2)];
    expect(inFoldOrder(ordered)).toBe(ordered);
    const unordered = [reply('b', 2), created('a', 1)];
    expect(inFoldOrder(unordered).map((e) => e.id)).toEqual(['a', 'b']);
    expect(unordered.map((e) => e.id)).toEqual(['b', 'a']);
  });

  it.each([
    [created('e1', 1), true],
    [
      {
        id: 'e2',
        ticketId: 'T1',
        at: 5,
        type: 'status_changed',
        to: 'pending_customer',
        reason: 'logs',
      },
      true,
    ],
    [{ id: 'e3', ticketId: 'T1', at: 5, type: 'policy_changed', policyId: null }, true],
    [{ id: 'e4', ticketId: 'T1', at: 5, type: 'priority_changed', to: 'P9' }, false],
    [{ id: 'e5', ticketId: 'T1', at: 5.5, type: 'reply', direction: 'to_customer' }, false],
    [{ id: 'e6', ticketId: 'T1', at: 5, type: 'reply', direction: 'sideways' }, false],
    [{ id: '', ticketId: 'T1', at: 5, type: 'category_changed', to: 'x' }, false],
    [{ id: 'e8', ticketId: 'T1', at: 5, type: 'exploded' }, false],
  ])('schema accepts %j: %s', (event, valid) => {
    expect(TicketEventSchema.safeParse(event).success).toBe(valid);
  });
});
