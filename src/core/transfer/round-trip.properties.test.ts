import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ESCALATION_TYPES } from '../escalation/matrix';
import { SLA_TARGETS } from '../sla/policy';
import {
  BUILT_IN_STATUSES,
  CHANNELS,
  CUSTOMER_TIERS,
  PRIORITIES,
  REPLY_DIRECTIONS,
  ROOT_CAUSES,
  type Customer,
  type DeskEvent,
  type Ticket,
} from '../tickets';
import { parseCsv } from './csv';
import { deskExportJson, readDeskExport, ticketsCsvPage } from './desk-export';
import { suggestMapping } from './fields';
import { readJsonImport } from './json-import';
import { convertRows } from './rows';

const NOW = Date.UTC(2026, 0, 1);
const FROM = Date.UTC(2000, 0, 1);

// Text that stresses CSV: separators, quotes, line breaks, formula starts, apostrophes, non-ASCII.
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom(',', ';', '"', '\n', '\r\n', '\r', ' ', '\t', '=', '+', '-', '@', "'", '#'),
    fc.constantFrom('é', 'ß', '€', '中', '😀', '\u00a0'),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 24,
});
/** Text as the desk stores it: trimmed. */
const text = tricky.map((value) => value.trim());
const someText = text.filter((value) => value !== '');
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const id = fc.stringMatching(/^[A-Za-z0-9][\w.:#-]{0,11}$/);

const customerArb: fc.Arbitrary<Customer> = fc
  .record({
    name: someText,
    tier: fc.constantFrom(...CUSTOMER_TIERS),
    email: optional(someText),
    phone: optional(someText),
  })
  .map(({ email, phone, ...rest }) => ({
    id: '',
    ...rest,
    ...(email !== undefined ? { email } : {}),
    ...(phone !== undefined ? { phone } : {}),
  }));

const ticketArb = (customerIds: readonly string[]): fc.Arbitrary<Omit<Ticket, 'id'>> =>
  fc
    .record({
      title: someText,
      description: text,
      customerId: fc.constantFrom(...customerIds),
      tier: fc.constantFrom(...CUSTOMER_TIERS),
      channel: fc.constantFrom(...CHANNELS),
      category: someText,
      priority: fc.constantFrom(...PRIORITIES),
      status: fc.constantFrom(...BUILT_IN_STATUSES),
      level: fc.integer({ min: 0, max: 9 }),
      escalationType: optional(fc.constantFrom(...ESCALATION_TYPES)),
      teamId: optional(someText),
      ownerId: optional(someText),
      policyId: optional(someText),
      times: fc
        .array(fc.integer({ min: FROM, max: NOW }), { minLength: 4, maxLength: 4 })
        .map((values) => values.sort((a, b) => a - b)),
      resolved: fc.boolean(),
      closed: fc.boolean(),
      rootCause: optional(fc.constantFrom(...ROOT_CAUSES)),
      rootCauseNotes: optional(text),
      csat: optional(fc.integer({ min: 1, max: 5 })),
      escalated: fc.boolean(),
      breached: fc.boolean(),
    })
    .map(({ times, resolved, closed, rootCause, rootCauseNotes, ...fields }) => {
      const [createdAt, resolvedAt, closedAt, updatedAt] = times as [
        number,
        number,
        number,
        number,
      ];
      const ticket: Omit<Ticket, 'id'> = {
        ...fields,
        createdAt,
        updatedAt,
        ...(resolved ? { resolvedAt } : {}),
        ...(closed ? { closedAt } : {}),
        // As the desk records them: notes with a root cause (maybe empty), else only when written.
        ...(rootCause
          ? { rootCause, rootCauseNotes: rootCauseNotes ?? '' }
          : rootCauseNotes
            ? { rootCauseNotes }
            : {}),
      };
      for (const key of Object.keys(ticket) as (keyof typeof ticket)[]) {
        if (ticket[key] === undefined) delete ticket[key];
      }
      return ticket;
    });

const deskArb = fc.uniqueArray(id, { minLength: 1, maxLength: 4 }).chain((customerIds) =>
  fc.record({
    customers: fc
      .array(customerArb, { minLength: customerIds.length, maxLength: customerIds.length })
      .map((customers) => customers.map((customer, i) => ({ ...customer, id: customerIds[i]! }))),
    tickets: fc.uniqueArray(id, { maxLength: 8 }).chain((ticketIds) =>
      fc
        .array(ticketArb(customerIds), {
          minLength: ticketIds.length,
          maxLength: ticketIds.length,
        })
        .map((tickets) => tickets.map((ticket, i): Ticket => ({ id: ticketIds[i]!, ...ticket }))),
    ),
  }),
);

const anyText = fc.string({ unit: 'binary', maxLength: 20 });
const eventBody = (ticket: Ticket): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    fc.record({
      type: fc.constant('status_changed'),
      to: fc.constantFrom(...BUILT_IN_STATUSES),
      reason: optional(anyText),
    }),
    fc.record({
      type: fc.constant('reply'),
      direction: fc.constantFrom(...REPLY_DIRECTIONS),
      body: optional(anyText),
    }),
    fc.record({ type: fc.constant('priority_changed'), to: fc.constantFrom(...PRIORITIES) }),
    fc.record({ type: fc.constant('category_changed'), to: anyText }),
    fc.record({ type: fc.constant('policy_changed'), policyId: fc.option(id, { nil: null }) }),
    fc.record({
      type: fc.constant('assigned'),
      toOwnerId: optional(anyText),
      fromTeamId: optional(anyText),
    }),
    fc.record({
      type: fc.constant('escalated'),
      escalationType: fc.constantFrom(...ESCALATION_TYPES),
      fromLevel: fc.constant(ticket.level),
      toLevel: fc.integer({ min: ticket.level + 1, max: 12 }),
      reason: anyText,
    }),
    fc.record({
      type: fc.constant('de_escalated'),
      fromLevel: fc.constant(2),
      toLevel: fc.constant(1),
      reason: anyText,
    }),
    fc.record({ type: fc.constant('note'), body: anyText }),
    fc.record({
      type: fc.constant('sla_warning'),
      target: fc.constantFrom(...SLA_TARGETS),
      percent: fc.integer({ min: 1, max: 99 }),
      dueAt: fc.integer({ min: FROM, max: NOW }),
    }),
    fc.record({
      type: fc.constant('sla_breached'),
      target: fc.constantFrom(...SLA_TARGETS),
      dueAt: fc.integer({ min: FROM, max: NOW }),
    }),
    fc.record({
      type: fc.constant('root_cause'),
      rootCause: fc.constantFrom(...ROOT_CAUSES),
      notes: anyText,
    }),
    fc.record({
      type: fc.constant('csat'),
      score: fc.integer({ min: 1, max: 5 }),
      comment: optional(anyText),
    }),
  );

const eventsArb = (tickets: readonly Ticket[]): fc.Arbitrary<DeskEvent[]> =>
  fc
    .tuple(
      ...tickets.map((ticket) =>
        fc.array(
          fc.record({
            at: fc.integer({ min: ticket.createdAt, max: NOW }),
            by: id,
            body: eventBody(ticket),
          }),
          { maxLength: 5 },
        ),
      ),
    )
    .map((perTicket) =>
      perTicket.flatMap((extra, t) => {
        const ticket = tickets[t]!;
        const created: DeskEvent = {
          id: `${ticket.id}/0`,
          ticketId: ticket.id,
          at: ticket.createdAt,
          by: 'p-1',
          type: 'created',
          priority: ticket.priority,
          category: ticket.category,
          tier: ticket.tier,
          channel: ticket.channel,
          status: 'new',
        };
        const rest = extra.map(({ at, by, body }, i) => {
          const event = { id: `${ticket.id}/${i + 1}`, ticketId: ticket.id, at, by, ...body };
          for (const key of Object.keys(event) as (keyof typeof event)[]) {
            if (event[key] === undefined) delete event[key];
          }
          return event as unknown as DeskEvent;
        });
        return [created, ...rest];
      }),
    );

const fullDeskArb = deskArb.chain((desk) =>
  eventsArb(desk.tickets).map((events) => ({ ...desk, events })),
);

describe('round trips', () => {
  it('JSON export → import gives the same customers, tickets and events', () => {
    fc.assert(
      fc.property(fullDeskArb, (desk) => {
        const file = deskExportJson(desk, NOW);
        const read = readJsonImport(file);
        expect(read.kind).toBe('desk-export');
        if (read.kind !== 'desk-export') return;
        const plan = readDeskExport(read.data, {
          existingTicketIds: new Set(),
          existingCustomerIds: new Set(),
        });
        expect(plan.problems).toEqual([]);
        expect(plan.customers).toEqual(desk.customers);
        expect(plan.tickets.map((item) => item.ticket)).toEqual(desk.tickets);
        expect(plan.tickets.flatMap((item) => item.events)).toEqual(desk.events);
      }),
    );
  });

  it('tickets CSV export → import gives the same tickets and the customers they name', () => {
    fc.assert(
      fc.property(deskArb, fc.constantFrom(',', ';' as const), (desk, delimiter) => {
        const customers = new Map(desk.customers.map((customer) => [customer.id, customer]));
        const half = Math.ceil(desk.tickets.length / 2);
        // Written in two pages, as the renderer does for a large desk.
        const file =
          ticketsCsvPage(desk.tickets.slice(0, half), customers, { header: true, delimiter }) +
          ticketsCsvPage(desk.tickets.slice(half), customers, { header: false, delimiter });
        const table = parseCsv(`\uFEFF${file}`);
        expect(table.delimiter).toBe(delimiter);
        const plan = convertRows(table, suggestMapping(table.columns), {
          now: NOW,
          timeZone: 'Pacific/Chatham',
          existingTicketIds: new Set(),
          customers: [],
          newIdPrefix: 'IMP-',
        });
        expect(plan.problems).toEqual([]);
        expect(plan.tickets.map((item) => item.ticket)).toEqual(desk.tickets);
        const named = [...new Set(desk.tickets.map((ticket) => ticket.customerId))];
        expect(plan.customers).toEqual(named.map((customerId) => customers.get(customerId)));
      }),
    );
  });

  it('a tickets CSV re-imported into the desk it came from finds its customers there', () => {
    fc.assert(
      fc.property(deskArb, (desk) => {
        const customers = new Map(desk.customers.map((customer) => [customer.id, customer]));
        const table = parseCsv(ticketsCsvPage(desk.tickets, customers, { header: true }));
        const plan = convertRows(table, suggestMapping(table.columns), {
          now: NOW,
          timeZone: 'UTC',
          existingTicketIds: new Set(),
          customers: desk.customers,
          newIdPrefix: 'IMP-',
        });
        expect(plan.customers).toEqual([]);
        expect(plan.tickets.map((item) => item.ticket)).toEqual(desk.tickets);
      }),
    );
  });
});
