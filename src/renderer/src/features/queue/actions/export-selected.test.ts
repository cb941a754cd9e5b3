import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TICKET_CSV_COLUMNS } from '@core/transfer';
import type { DeskDatabase } from '../../../db/database';
import { openTestDesk, TEST_T0 } from '../../../db/test-desk';
import { createTicket } from '../../../db/ticket-writes';
import { buildTicketsCsv } from '../../transfer/export-files';
import { buildSelectedTicketsCsv, selectedTicketsFileName } from './export-selected';

let database: DeskDatabase;
let ids: string[];

beforeEach(async () => {
  database = await openTestDesk('export-selected');
  await database.customers.bulkPut([
    { id: 'c-1', name: 'Acme, Inc.', tier: 'enterprise', email: 'ops@acme.test' },
    { id: 'c-2', name: 'Globex', tier: 'standard' },
  ]);
  ids = [];
  for (const [i, customerId] of ['c-1', 'c-2', 'c-1', 'c-2'].entries()) {
    const ticket = await createTicket(
      {
        // A title a spreadsheet would run as a formula: the export protects it.
        title: i === 2 ? '=HYPERLINK("http://x")' : `Ticket "${i + 1}"`,
        description: 'Since the deploy',
        customerId,
        tier: 'standard',
        channel: 'email',
        category: 'payments',
        priority: 'P2',
      },
      TEST_T0 + i,
      database,
    );
    ids.push(ticket.id);
  }
});
afterEach(async () => {
  await database.delete();
});

const lines = (csv: string) => csv.split('\r\n').filter(Boolean);

describe('buildSelectedTicketsCsv', () => {
  it('writes the same header and rows as the desk’s tickets export, for just those tickets', async () => {
    const whole = lines(await (await buildTicketsCsv(database)).text());
    const selected = await buildSelectedTicketsCsv([ids[1]!, ids[2]!], database);
    expect(selected.type).toBe('text/csv;charset=utf-8');
    expect(lines(await selected.text())).toEqual([whole[0], whole[2], whole[3]]);
    expect(whole[0]).toBe(TICKET_CSV_COLUMNS.join(','));
  });

  it('keeps the order given and leaves out tickets no longer in the desk', async () => {
    const csv = lines(
      await (await buildSelectedTicketsCsv([ids[3]!, 'ESC-9', ids[0]!, ids[3]!], database)).text(),
    );
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual([ids[3], ids[0]]);
    expect(csv[2]).toContain('"Acme, Inc."');
  });

  it('is just the header when nothing is selected', async () => {
    expect(await (await buildSelectedTicketsCsv([], database)).text()).toBe(
      `${TICKET_CSV_COLUMNS.join(',')}\r\n`,
    );
  });
});

describe('selectedTicketsFileName', () => {
  it('is dated in local time', () => {
    expect(selectedTicketsFileName(new Date(2026, 10, 27, 23, 59).getTime())).toBe(
      'escalations-selected-2026-11-27.csv',
    );
    expect(selectedTicketsFileName(new Date(2027, 0, 3, 0, 1).getTime())).toBe(
      'escalations-selected-2027-01-03.csv',
    );
  });
});
