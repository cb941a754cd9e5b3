import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Customer, SlaPolicy, Ticket } from '@core/index';
import { DeskDatabase } from '../../db/database';
import { knownCategories, searchCustomers } from './queries';

let database: DeskDatabase;
beforeEach(() => {
  database = new DeskDatabase(`queries-${Math.random()}`);
});
afterEach(async () => {
  await database.delete();
});

const customers: Customer[] = [
  { id: 'c1', name: 'Marta Jensen', tier: 'business', email: 'marta@example.com' },
  { id: 'c2', name: 'martin Olsen', tier: 'standard' },
  { id: 'c3', name: 'Nordic Bikes', tier: 'enterprise', email: 'desk@nordicbikes.dk' },
  { id: 'c4', name: 'Ann Marsh', tier: 'standard', email: 'ann@shop.dk' },
];

describe('searchCustomers', () => {
  it('finds names starting with the text, in any case, before word and email matches', async () => {
    await database.customers.bulkAdd(customers);
    const names = async (query: string) =>
      (await searchCustomers(query, 8, database)).map((customer) => customer.name);
    expect(await names('mar')).toEqual(['Marta Jensen', 'martin Olsen', 'Ann Marsh']);
    expect(await names('  MARTA ')).toEqual(['Marta Jensen']);
    expect(await names('desk@')).toEqual(['Nordic Bikes']);
    expect(await names('bikes')).toEqual(['Nordic Bikes']);
    expect(await names('zz')).toEqual([]);
  });

  it('offers the first customers by name for an empty search, and never more than the limit', async () => {
    await database.customers.bulkAdd(customers);
    expect((await searchCustomers('', 2, database)).map((c) => c.id)).toEqual(['c4', 'c1']);
    expect(await searchCustomers('mar', 2, database)).toHaveLength(2);
  });
});

describe('knownCategories', () => {
  it('lists the categories of tickets, policies and the matrix once each, sorted', async () => {
    const ticket = { id: 'ESC-1', category: 'refunds' } as Ticket;
    await database.tickets.bulkAdd([
      ticket,
      { ...ticket, id: 'ESC-2' },
      { ...ticket, id: 'ESC-3', category: 'delivery' },
    ]);
    const policy: SlaPolicy = {
      id: 'p',
      name: 'Payments',
      conditions: { categories: ['payments', 'refunds'] },
      targets: {},
      pauseStatuses: [],
      warningPercents: [],
    };
    await database.policies.put({ id: 'p', order: 0, policy, updatedAt: 0 });
    await database.matrices.put({
      id: 'active',
      version: 1,
      updatedAt: 0,
      matrix: {
        rows: [{ id: 'r', name: 'Outages', criteria: { categories: ['outage'] }, levels: [] }],
      },
    });
    expect(await knownCategories(database)).toEqual(['delivery', 'outage', 'payments', 'refunds']);
  });
});
