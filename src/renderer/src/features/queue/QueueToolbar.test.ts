import { describe, expect, it } from 'vitest';
import type { Ticket } from '@core/index';
import type { QueueRow } from './queue-rows';
import { facetsOf, filterValueLabel } from './QueueToolbar';
import { ME } from './view-state';

function row(n: number, ownerId: string | undefined, owner: string): QueueRow {
  const ticket = {
    id: `ESC-${n}`,
    title: `Ticket ${n}`,
    description: '',
    customerId: 'c-1',
    tier: 'standard',
    channel: 'email',
    category: 'billing',
    priority: 'P3',
    status: 'open',
    level: 0,
    escalated: false,
    breached: false,
    createdAt: 0,
    updatedAt: 0,
    ...(ownerId ? { ownerId } : {}),
  } as Ticket;
  return { ticket, sla: undefined, customer: 'Acme', owner, team: '' };
}

describe('the owner filter’s values', () => {
  it('lists people by name (ids sort otherwise), with Me first and Unassigned last', () => {
    const rows = [
      row(1, 'p-07', 'Zoë Adams'),
      row(2, undefined, ''),
      row(3, 'p-10', 'ana Lima'),
      row(4, 'p-02', 'Bruno Costa'),
      row(5, 'p-10', 'ana Lima'),
    ];
    const names = new Map([
      ['p-07', 'Zoë Adams'],
      ['p-10', 'ana Lima'],
      ['p-02', 'Bruno Costa'],
    ]);
    const facets = facetsOf('owner', rows, 0, names);
    expect(facets.map((f) => filterValueLabel('owner', f.value, rows))).toEqual([
      'Me',
      'ana Lima',
      'Bruno Costa',
      'Zoë Adams',
      'Unassigned',
    ]);
    expect(facets.map((f) => f.count)).toEqual([-1, 2, 1, 1, 1]);
    expect(facets[0]!.value).toBe(ME);
  });
});
