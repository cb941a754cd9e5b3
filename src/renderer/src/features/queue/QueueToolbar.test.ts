import { describe, expect, it } from 'vitest';
import { facetsOf, filterValueLabel } from './QueueToolbar';
import { queueRow } from './test-rows';
import { ME } from './view-state';

/** A ticket with an owner (or none) whose display name is `owner`. */
const row = (n: number, ownerId: string | undefined, owner: string) => ({
  ...queueRow(n, ownerId ? { ownerId } : {}),
  owner,
});

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
