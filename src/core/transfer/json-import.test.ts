import { describe, expect, it } from 'vitest';
import { suggestMapping } from './fields';
import { readJsonImport } from './json-import';
import { convertRows } from './rows';

describe('readJsonImport', () => {
  it('recognises the desk’s own export', () => {
    expect(readJsonImport('\uFEFF{"format":"escalation-desk-export","version":1}')).toMatchObject({
      kind: 'desk-export',
    });
  });

  it('reads a list of objects as a table of every key met', () => {
    const result = readJsonImport(
      JSON.stringify([
        { id: 'A-1', title: 'x', priority: 1, escalated: true },
        { id: 'A-2', title: 'y', customer: { name: 'Acme' }, note: null },
        'not an object',
      ]),
    );
    expect(result).toEqual({
      kind: 'table',
      table: {
        columns: ['id', 'title', 'priority', 'escalated', 'customer', 'note'],
        rows: [
          { row: 1, cells: ['A-1', 'x', '1', 'true', '', ''] },
          { row: 2, cells: ['A-2', 'y', '', '', '{"name":"Acme"}', ''] },
          { row: 3, cells: ['', '', '', '', '', ''] },
        ],
        headerRow: 0,
        unit: 'item',
        problems: [
          { row: 3, column: '', reason: 'This item is not an object with ticket fields.' },
        ],
        notices: [],
      },
    });
  });

  it('reads a "tickets" list from an object', () => {
    const result = readJsonImport('{"tickets":[{"id":"A-1"}]}');
    expect(result.kind === 'table' && result.table.rows).toEqual([{ row: 1, cells: ['A-1'] }]);
  });

  it.each([
    ['{"id": ', /^The file is not valid JSON: /],
    ['42', /neither an Escalation Desk export nor a list of tickets/],
    ['{"format":"other"}', /neither/],
  ])('says why %j cannot be imported', (text, reason) => {
    const result = readJsonImport(text);
    expect(result.kind).toBe('unreadable');
    expect(result.kind === 'unreadable' && result.reason).toMatch(reason);
  });
});

describe('a JSON list of tickets', () => {
  it('imports like CSV rows, with problems numbered by item', () => {
    const result = readJsonImport(
      JSON.stringify([
        {
          id: 'A-1',
          subject: 'Card declined',
          customer: 'Acme',
          priority: 1,
          created: '2025-06-01T09:00Z',
        },
        {
          id: 'A-2',
          subject: 'Late',
          customer: 'Acme',
          priority: 'soon',
          created: '2025-06-01T09:00Z',
        },
      ]),
    );
    if (result.kind !== 'table') throw new Error(result.kind);
    const plan = convertRows(result.table, suggestMapping(result.table.columns), {
      now: Date.UTC(2025, 6, 1),
      timeZone: 'UTC',
      existingTicketIds: new Set(),
      customers: [],
      newIdPrefix: 'IMP-',
    });
    expect(plan.unit).toBe('item');
    expect(plan.tickets.map((item) => [item.row, item.ticket.priority])).toEqual([[1, 'P1']]);
    expect(plan.problems).toEqual([
      {
        row: 2,
        column: 'priority',
        reason: '“soon” is not a priority (use P1–P4 or urgent/high/normal/low).',
      },
    ]);
  });
});
