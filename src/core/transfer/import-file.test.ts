import { describe, expect, it } from 'vitest';
import { deskExportJson } from './desk-export';
import { planTableImport, readImportFile, type DeskSnapshot } from './import-file';

const desk: DeskSnapshot = {
  ticketIds: ['ESC-1'],
  customers: [{ id: 'c-1', name: 'Acme', tier: 'business' }],
  people: [],
  teams: [],
  extraStatuses: ['awaiting_parts'],
};

describe('readImportFile', () => {
  it('reads CSV by name or content, with a suggested mapping', () => {
    for (const name of ['tickets.csv', 'export']) {
      const file = readImportFile('Subject;Created\nx;2025-01-01\n', name, desk);
      expect(file).toMatchObject({
        kind: 'table',
        suggested: { title: 0, createdAt: 1 },
        table: { delimiter: ';' },
      });
    }
  });

  it('reads a JSON list as a table and the desk export as a plan checked against the desk', () => {
    expect(readImportFile('[{"title":"x"}]', 'list.json', desk)).toMatchObject({
      kind: 'table',
      suggested: { title: 0 },
    });
    const exported = deskExportJson({ customers: [], tickets: [], events: [] }, 0);
    expect(readImportFile(exported, 'desk.json', desk)).toMatchObject({
      kind: 'plan',
      plan: { tickets: [], problems: [] },
    });
    expect(readImportFile('{', 'x.json', desk).kind).toBe('unreadable');
  });

  it('plans a table import against the desk’s tickets, customers and statuses', () => {
    const file = readImportFile(
      'id,title,customer,status,created\nESC-1,a,Acme,open,2025-01-01\nESC-2,b,acme,Awaiting parts,2025-01-01\n',
      'x.csv',
      desk,
    );
    if (file.kind !== 'table') throw new Error(file.kind);
    const plan = planTableImport(file.table, file.suggested, desk, {
      now: Date.UTC(2025, 1, 1),
      timeZone: 'UTC',
      newIdPrefix: 'IMP-',
    });
    expect(plan.problems.map((problem) => problem.reason)).toEqual([
      '“ESC-1” is already in the desk.',
    ]);
    expect(plan.tickets[0]!.ticket).toMatchObject({ customerId: 'c-1', status: 'awaiting_parts' });
  });
});
