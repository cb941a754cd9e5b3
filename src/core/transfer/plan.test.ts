import { describe, expect, it } from 'vitest';
import type { Customer, Ticket } from '../tickets';
import { chunkPlan, type ImportedTicket } from './plan';

const customer = (id: string): Customer => ({ id, name: id, tier: 'standard' });
const item = (id: string, customerId: string): ImportedTicket => ({
  row: 0,
  ticket: { id, customerId } as Ticket,
  events: [{ id: `${id}:created`, ticketId: id } as ImportedTicket['events'][number]],
});

describe('chunkPlan', () => {
  it('puts each new customer with the first ticket that needs it', () => {
    const chunks = chunkPlan(
      {
        tickets: [item('1', 'a'), item('2', 'old'), item('3', 'b'), item('4', 'a'), item('5', 'b')],
        customers: [customer('a'), customer('b'), customer('lonely')],
      },
      2,
    );
    expect(
      chunks.map((chunk) => [
        chunk.tickets.map((ticket) => ticket.id),
        chunk.events.map((event) => event.id),
        chunk.customers.map((c) => c.id),
      ]),
    ).toEqual([
      [
        ['1', '2'],
        ['1:created', '2:created'],
        ['a', 'lonely'],
      ],
      [['3', '4'], ['3:created', '4:created'], ['b']],
      [['5'], ['5:created'], []],
    ]);
  });

  it('makes one chunk of customers when there are no tickets, and none for nothing', () => {
    expect(chunkPlan({ tickets: [], customers: [customer('a')] }, 500)).toEqual([
      { tickets: [], events: [], customers: [customer('a')] },
    ]);
    expect(chunkPlan({ tickets: [], customers: [] }, 500)).toEqual([]);
  });
});
