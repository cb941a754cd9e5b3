import { describe, expect, it } from 'vitest';
import type { Customer } from '../tickets';
import { parseCsv } from './csv';
import { suggestMapping } from './fields';
import { convertRows, importedTicketEvents, type RowImportOptions } from './rows';

const NOW = Date.UTC(2025, 5, 30, 12, 0);
const acme: Customer = { id: 'c-acme', name: 'Acme Corp', tier: 'enterprise' };

const options: RowImportOptions = {
  now: NOW,
  timeZone: 'Europe/Berlin',
  existingTicketIds: new Set(['ESC-1001']),
  customers: [acme],
  people: [{ id: 'p-ana', name: 'Ana Lima' }],
  teams: [{ id: 't-billing', name: 'Billing' }],
  newIdPrefix: 'IMP-',
};

function importCsv(text: string, overrides: Partial<RowImportOptions> = {}) {
  const table = parseCsv(text);
  return convertRows(table, suggestMapping(table.columns), { ...options, ...overrides });
}

const HEADER = 'Ticket ID,Subject,Customer,Tier,Priority,Status,Created\n';

describe('convertRows', () => {
  it('lists exactly the bad cells, with row, column and reason, and keeps the good rows', () => {
    const plan = importCsv(
      HEADER +
        'A-1,Checkout down,Acme Corp,enterprise,P1,Open,2025-06-01 09:00\n' +
        'A-2,Slow reports,Globex,business,high,Pending customer,2025-06-02T10:00:00Z\n' +
        'A-3,Refund missing,Initech,standard,urgentish,Open,2025-06-03 11:00\n' +
        'A-4,,Initech,gold,P2,Open,2025-02-30 10:00\n' +
        'A-1,Repeat,Acme Corp,,P3,Open,2025-06-04 10:00\n' +
        'ESC-1001,Old,Acme Corp,,P3,Open,2025-06-04 10:00\n' +
        'A-7,Tomorrow,Acme Corp,,P3,Open,2025-07-04 10:00\n',
    );
    expect(plan.problems).toEqual([
      {
        row: 4,
        column: 'Priority',
        reason: '“urgentish” is not a priority (use P1–P4 or urgent/high/normal/low).',
      },
      { row: 5, column: 'Subject', reason: 'The title is empty.' },
      { row: 5, column: 'Created', reason: '“2025-02-30 10:00” is not a real date.' },
      {
        row: 5,
        column: 'Tier',
        reason: '“gold” is not a customer tier (use enterprise, business, standard).',
      },
      { row: 6, column: 'Ticket ID', reason: '“A-1” is also on row 2; ticket ids must be unique.' },
      { row: 7, column: 'Ticket ID', reason: '“ESC-1001” is already in the desk.' },
      { row: 8, column: 'Created', reason: '“2025-07-04 10:00” is in the future.' },
    ]);
    expect(plan.total).toBe(7);
    expect(plan.withProblems).toBe(5);
    expect(plan.tickets.map((item) => [item.row, item.ticket.id])).toEqual([
      [2, 'A-1'],
      [3, 'A-2'],
    ]);
  });

  it('builds the ticket and the events that bring it to its status', () => {
    const plan = importCsv(
      HEADER + 'A-1,Checkout down,Acme Corp,,P1,Pending customer,2025-06-01 09:00\n',
    );
    const [{ ticket, events }] = plan.tickets as [(typeof plan.tickets)[0]];
    const createdAt = Date.UTC(2025, 5, 1, 7, 0);
    expect(ticket).toEqual({
      id: 'A-1',
      title: 'Checkout down',
      description: '',
      customerId: 'c-acme',
      tier: 'enterprise',
      channel: 'web',
      category: 'general',
      priority: 'P1',
      status: 'pending_customer',
      level: 0,
      createdAt,
      updatedAt: createdAt,
      escalated: false,
      breached: false,
    });
    expect(events).toEqual([
      {
        id: 'A-1:created',
        ticketId: 'A-1',
        at: createdAt,
        by: 'system',
        type: 'created',
        priority: 'P1',
        category: 'general',
        tier: 'enterprise',
        channel: 'web',
        status: 'new',
      },
      {
        id: 'A-1:status-1',
        ticketId: 'A-1',
        at: createdAt,
        by: 'system',
        type: 'status_changed',
        to: 'pending_customer',
      },
    ]);
  });

  it.each([
    ['new', []],
    ['open', [['open', 'created']]],
    ['pending_third_party', [['pending_third_party', 'updated']]],
    ['resolved', [['resolved', 'resolved']]],
    [
      'closed',
      [
        ['resolved', 'resolved'],
        ['closed', 'closed'],
      ],
    ],
  ] as const)('a %s ticket gets status events %j', (status, path) => {
    const times = { created: 1_000, updated: 5_000, resolved: 3_000, closed: 4_000 };
    const events = importedTicketEvents({
      id: 'T',
      title: 't',
      description: '',
      customerId: 'c',
      tier: 'standard',
      channel: 'web',
      category: 'general',
      priority: 'P3',
      status,
      level: 0,
      createdAt: times.created,
      updatedAt: times.updated,
      resolvedAt: times.resolved,
      closedAt: times.closed,
      escalated: false,
      breached: false,
    });
    expect(
      events.slice(1).map((event) => [event.type === 'status_changed' && event.to, event.at]),
    ).toEqual(path.map(([to, time]) => [to, times[time]]));
  });

  it('matches customers by id, then by name; creates the others once', () => {
    const plan = importCsv(
      'id,title,customer id,customer,customer tier,customer email,created\n' +
        'A-1,a,c-acme,Someone Else,,,2025-06-01\n' +
        'A-2,b,,ACME  corp,,,2025-06-01\n' +
        'A-3,c,,Globex,business,ops@globex.example,2025-06-01\n' +
        'A-4,d,,globex,,,2025-06-01\n' +
        'A-5,e,c-new,New Co,,,2025-06-01\n' +
        'A-6,f,c-new,,,,2025-06-01\n',
    );
    expect(plan.problems).toEqual([]);
    expect(plan.tickets.map((item) => item.ticket.customerId)).toEqual([
      'c-acme',
      'c-acme',
      'cus-globex',
      'cus-globex',
      'c-new',
      'c-new',
    ]);
    expect(plan.customers).toEqual([
      { id: 'cus-globex', name: 'Globex', tier: 'business', email: 'ops@globex.example' },
      { id: 'c-new', name: 'New Co', tier: 'standard' },
    ]);
    expect(plan.tickets[0]!.ticket.tier).toBe('enterprise');
  });

  it('refuses a name two customers share, and a row without a customer', () => {
    const plan = importCsv('title,customer,created\na,Twin,2025-06-01\nb,,2025-06-01\n', {
      customers: [
        { id: 'c-1', name: 'Twin', tier: 'standard' },
        { id: 'c-2', name: 'twin', tier: 'business' },
      ],
    });
    expect(plan.problems).toEqual([
      {
        row: 2,
        column: 'customer',
        reason: 'More than one customer is called “Twin”; give the customer id.',
      },
      { row: 3, column: 'customer', reason: 'No customer: give the customer’s name or id.' },
    ]);
  });

  it('makes ids from the row number when the file has no id column', () => {
    const plan = importCsv('title,customer,created\n\na,Acme Corp,2025-06-01\n', {
      newIdPrefix: 'IMP-20250630-',
    });
    expect(plan.tickets.map((item) => item.ticket.id)).toEqual(['IMP-20250630-3']);
  });

  it('names owners and teams by id or name, and keeps unknown ones as ids', () => {
    const plan = importCsv(
      'title,customer,created,owner,team\n' +
        'a,Acme Corp,2025-06-01,Ana Lima,billing\n' +
        'b,Acme Corp,2025-06-01,p-ana,t-unknown\n',
    );
    expect(plan.tickets.map((item) => [item.ticket.ownerId, item.ticket.teamId])).toEqual([
      ['p-ana', 't-billing'],
      ['p-ana', 't-unknown'],
    ]);
  });

  it('checks that times follow each other', () => {
    const plan = importCsv(
      'title,customer,created,updated,resolved,closed\n' +
        'a,Acme Corp,2025-06-02,2025-06-01,2025-06-01,2025-06-03\n' +
        'b,Acme Corp,2025-06-02,,2025-06-05,2025-06-04\n',
    );
    expect(plan.problems.map((problem) => [problem.row, problem.column, problem.reason])).toEqual([
      [2, 'updated', 'The last update is before the ticket was created.'],
      [2, 'resolved', 'The resolution is before the ticket was created.'],
      [3, 'closed', 'The ticket is closed before it was resolved.'],
    ]);
  });

  it('fills the defaults and reads every optional column', () => {
    const plan = importCsv(
      'title,customer,created,channel,category,level,escalation type,root cause,root cause notes,csat,escalated,breached,resolved,status,description,policy\n' +
        '"=cmd|\' /C calc\'!A0",Acme Corp,2025-06-01 08:00,phone,billing,L2,hierarchical,Billing error,"Wrong rate, fixed",4,,yes,2025-06-02 08:00,resolved,"Two\nlines",p-gold\n',
    );
    expect(plan.problems).toEqual([]);
    expect(plan.tickets[0]!.ticket).toMatchObject({
      title: "=cmd|' /C calc'!A0",
      description: 'Two\nlines',
      channel: 'phone',
      category: 'billing',
      level: 2,
      escalationType: 'hierarchical',
      rootCause: 'billing_error',
      rootCauseNotes: 'Wrong rate, fixed',
      csat: 4,
      escalated: true,
      breached: true,
      status: 'resolved',
      policyId: 'p-gold',
      resolvedAt: Date.UTC(2025, 5, 2, 6, 0),
      updatedAt: Date.UTC(2025, 5, 2, 6, 0),
    });
  });

  it('refuses everything when a required field has no column', () => {
    const plan = importCsv('id,customer\nA-1,Acme Corp\n');
    expect(plan.tickets).toEqual([]);
    expect(plan.withProblems).toBe(1);
    expect(plan.problems).toEqual([
      { row: 1, column: '', reason: 'Choose the column for “Title”: it is required.' },
      { row: 1, column: '', reason: 'Choose the column for “Created”: it is required.' },
    ]);
  });

  it('keeps rows the CSV reader could not read out, listing them once', () => {
    const plan = importCsv(
      HEADER + 'A-1,ok,Acme Corp,,P1,Open,2025-06-01\nA-2,x,y,z,P1,Open,2025-06-01,surplus\n',
    );
    expect(plan.tickets).toHaveLength(1);
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).toMatchObject({ row: 3, column: 'Column H' });
    expect(plan.withProblems).toBe(1);
  });

  it('reads an empty id cell and a spaced id as problems', () => {
    const plan = importCsv(
      HEADER + ',a,Acme Corp,,P1,Open,2025-06-01\nA 2,b,Acme Corp,,P1,Open,2025-06-01\n',
    );
    expect(plan.problems.map((problem) => problem.reason)).toEqual([
      'The ticket id is empty.',
      '“A 2” is not a ticket id (use up to 100 characters, no spaces).',
    ]);
  });
});
