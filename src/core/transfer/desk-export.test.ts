import { describe, expect, it } from 'vitest';
import type { Customer, DeskEvent, Ticket } from '../tickets';
import { parseCsv } from './csv';
import {
  DeskExportJsonWriter,
  deskExportJson,
  eventsCsvPage,
  readDeskExport,
  TICKET_CSV_COLUMNS,
  ticketsCsvPage,
} from './desk-export';

const T0 = Date.UTC(2025, 5, 1, 9, 0);
const customer: Customer = { id: 'c-1', name: 'Acme, "the" Corp', tier: 'enterprise' };
const ticket: Ticket = {
  id: 'ESC-1',
  title: '=HYPERLINK("evil")',
  description: 'Line one\nline two',
  customerId: 'c-1',
  tier: 'enterprise',
  channel: 'email',
  category: 'billing',
  priority: 'P1',
  status: 'resolved',
  level: 1,
  escalationType: 'functional',
  teamId: 't-1',
  createdAt: T0,
  updatedAt: T0 + 3_600_000,
  resolvedAt: T0 + 3_600_000,
  rootCause: 'billing_error',
  rootCauseNotes: '',
  escalated: true,
  breached: false,
};
const events: DeskEvent[] = [
  {
    id: 'e-1',
    ticketId: 'ESC-1',
    at: T0,
    by: 'p-1',
    type: 'created',
    priority: 'P1',
    category: 'billing',
    tier: 'enterprise',
    channel: 'email',
    status: 'new',
  },
  {
    id: 'e-2',
    ticketId: 'ESC-1',
    at: T0 + 60_000,
    by: 'p-1',
    type: 'escalated',
    escalationType: 'functional',
    fromLevel: 0,
    toLevel: 1,
    toTeamId: 't-1',
    reason: 'Needs billing',
  },
  { id: 'e-3', ticketId: 'ESC-1', at: T0 + 120_000, by: 'p-1', type: 'note', body: 'Called' },
];
const none = { existingTicketIds: new Set<string>(), existingCustomerIds: new Set<string>() };

function exportOf(data: Partial<Record<'customers' | 'tickets' | 'events', unknown[]>>) {
  return {
    format: 'escalation-desk-export',
    version: 1,
    exportedAt: '2025-06-30T00:00:00.000Z',
    customers: [customer],
    tickets: [ticket],
    events,
    ...data,
  };
}

describe('JSON export', () => {
  it('is versioned and reads back to the same customers, tickets and events', () => {
    const text = deskExportJson({ customers: [customer], tickets: [ticket], events }, T0);
    const data = JSON.parse(text) as Record<string, unknown>;
    expect(data).toMatchObject({ format: 'escalation-desk-export', version: 1 });
    expect(data.exportedAt).toBe('2025-06-01T09:00:00.000Z');
    const plan = readDeskExport(data, none);
    expect(plan.problems).toEqual([]);
    expect(plan.customers).toEqual([customer]);
    expect(plan.tickets).toEqual([{ row: 1, ticket, events }]);
  });

  it('writes pages that make the same file', () => {
    const writer = new DeskExportJsonWriter(T0).list('customers').list('tickets');
    writer.add([ticket]).add([{ ...ticket, id: 'ESC-2' }]);
    const parsed = JSON.parse(writer.list('events').add(events).finish().join('')) as {
      customers: unknown[];
      tickets: Ticket[];
    };
    expect(parsed.customers).toEqual([]);
    expect(parsed.tickets.map((item) => item.id)).toEqual(['ESC-1', 'ESC-2']);
  });
});

describe('readDeskExport', () => {
  it.each([
    [null, 'This JSON is not an Escalation Desk export.'],
    [{ format: 'other' }, 'This JSON is not an Escalation Desk export.'],
    [
      { format: 'escalation-desk-export', version: 2 },
      'This export is version 2; this desk reads version 1. Update the desk to import it.',
    ],
    [
      { format: 'escalation-desk-export', version: 1, customers: [], tickets: [] },
      'The export has no “events” list.',
    ],
  ])('refuses %j', (data, reason) => {
    expect(readDeskExport(data, none).problems).toEqual([{ row: 0, column: '', reason }]);
  });

  it('names the list, item and field of every bad item', () => {
    const plan = readDeskExport(
      exportOf({
        customers: [customer, { id: 'c-2', name: 'Bad tier', tier: 'gold' }],
        tickets: [
          ticket,
          { ...ticket, id: 'ESC-2', priority: 'P9', createdAt: 'yesterday' },
          { ...ticket, id: 'ESC-3', customerId: 'c-2' },
          { ...ticket, id: 'ESC-1' },
          { ...ticket, id: 'ESC-4', customerId: 'c-404' },
        ],
        events: [...events, { ...events[0]!, id: 'e-9', ticketId: 'ESC-404' }],
      }),
      none,
    );
    expect(
      plan.problems.map((problem) => [problem.list, problem.row, problem.column, problem.reason]),
    ).toEqual([
      [
        'customers',
        2,
        'tier',
        expect.stringMatching(/^“gold” is not valid: Invalid option: expected one of/),
      ],
      ['tickets', 2, 'priority', expect.stringMatching(/^“P9” is not valid/)],
      ['tickets', 2, 'createdAt', expect.stringMatching(/^“yesterday” is not valid/)],
      ['tickets', 3, 'customerId', 'Customer “c-2” has a problem (customer 2).'],
      ['tickets', 4, 'id', '“ESC-1” is in the file twice.'],
      ['tickets', 5, 'customerId', 'Customer “c-404” is neither in the file nor in the desk.'],
      ['events', 4, 'ticketId', 'Ticket “ESC-404” is not in the file.'],
    ]);
    expect(plan.tickets.map((item) => item.ticket.id)).toEqual(['ESC-1']);
    expect(plan.withProblems).toBe(6);
    expect(plan.total).toBe(2 + 5 + 4);
  });

  it('keeps a ticket out when one of its events is bad', () => {
    const plan = readDeskExport(
      exportOf({ events: [...events, { ...events[2]!, id: 'e-4', type: 'telepathy' }] }),
      none,
    );
    expect(plan.tickets).toEqual([]);
    expect(plan.problems.map((problem) => [problem.list, problem.row, problem.column])).toEqual([
      ['tickets', 1, ''],
      ['events', 4, 'type'],
    ]);
  });

  it('refuses tickets already in the desk and keeps known customers as they are', () => {
    const plan = readDeskExport(exportOf({}), {
      existingTicketIds: new Set(['ESC-1']),
      existingCustomerIds: new Set(['c-1']),
    });
    expect(plan.problems).toEqual([
      { list: 'tickets', row: 1, column: 'id', reason: '“ESC-1” is already in the desk.' },
    ]);
    expect(plan.customers).toEqual([]);
    expect(plan.notices).toEqual(['1 customer is already in the desk and will be kept as it is.']);
  });

  it('refuses a ticket without a created event', () => {
    const plan = readDeskExport(exportOf({ events: events.slice(1) }), none);
    expect(plan.problems).toEqual([
      { list: 'tickets', row: 1, column: '', reason: 'The ticket has no “created” event.' },
    ]);
  });

  it('refuses duplicate event ids', () => {
    const plan = readDeskExport(exportOf({ events: [...events, events[1]!] }), none);
    expect(plan.problems.map((problem) => problem.reason)).toEqual([
      'Event 4 of this ticket has a problem; a ticket is imported with all its events or not at all.',
      '“e-2” is in the file twice.',
    ]);
  });
});

describe('CSV export', () => {
  it('writes a header, one row per ticket with its customer, and protects formulas', () => {
    const text = ticketsCsvPage([ticket], new Map([[customer.id, customer]]), { header: true });
    expect(text.endsWith('\r\n')).toBe(true);
    const table = parseCsv(text);
    expect(table.columns).toEqual([...TICKET_CSV_COLUMNS]);
    const row = Object.fromEntries(table.columns.map((name, i) => [name, table.rows[0]!.cells[i]]));
    expect(row).toMatchObject({
      id: 'ESC-1',
      title: `'=HYPERLINK("evil")`,
      description: 'Line one\nline two',
      customer_name: 'Acme, "the" Corp',
      customer_tier: 'enterprise',
      created_at: '2025-06-01T09:00:00.000Z',
      resolved_at: '2025-06-01T10:00:00.000Z',
      closed_at: '',
      csat: '',
      escalated: 'true',
      breached: 'false',
    });
  });

  it('writes pages without a header that continue the file, and nothing for no tickets', () => {
    expect(ticketsCsvPage([], new Map(), { header: false })).toBe('');
    const page = ticketsCsvPage([ticket], new Map(), { header: false, delimiter: ';' });
    expect(page.startsWith('ESC-1;')).toBe(true);
  });

  it('writes events with their own fields as JSON details', () => {
    const table = parseCsv(eventsCsvPage(events, { header: true }));
    expect(table.columns).toEqual(['id', 'ticket_id', 'type', 'at', 'by', 'details']);
    expect(table.rows[1]!.cells).toEqual([
      'e-2',
      'ESC-1',
      'escalated',
      '2025-06-01T09:01:00.000Z',
      'p-1',
      '{"escalationType":"functional","fromLevel":0,"toLevel":1,"toTeamId":"t-1","reason":"Needs billing"}',
    ]);
  });
});
