import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRecurrences, recurrenceOf } from './recurrence';
import { DAY, T0, factsOf } from './test-fixtures';
import type { ReportFacts } from './types';

function escalation(id: string, day: number, fields: Partial<ReportFacts> = {}): ReportFacts {
  return factsOf({ id, escalated: true, escalatedAt: T0 + day * DAY, ...fields });
}

describe('findRecurrences', () => {
  const desk = [
    escalation('a1', 0),
    escalation('a2', 20), // 20 days after a1: recurs
    escalation('a3', 60), // 40 days after a2: does not
    escalation('a4', 90), // exactly 30 days after a3: recurs
    escalation('b1', 21, { category: 'billing' }), // other category
    escalation('c1', 22, { customerId: 'cust-9' }), // other customer
    factsOf({ id: 'n1', createdAt: T0 + 100 * DAY }), // not escalated: neither recurs nor counts
    escalation('a5', 125), // 35 days after a4
    escalation('t2', 200),
    escalation('t1', 200), // same instant as t2: only the later id (t2) recurs
    escalation('f1', 201, { escalatedAt: undefined }), // flag only: no instant
  ];

  it('finds the escalations the same customer had in the same category within the window', () => {
    expect([...findRecurrences(desk, 30)].sort()).toEqual(['a2', 'a4', 't2']);
  });

  it('does not depend on the input order', () => {
    expect([...findRecurrences([...desk].reverse(), 30)].sort()).toEqual(['a2', 'a4', 't2']);
  });

  it('widens with the window', () => {
    expect([...findRecurrences(desk, 40)].sort()).toEqual(['a2', 'a3', 'a4', 'a5', 't2']);
    expect([...findRecurrences(desk, 0)]).toEqual(['t2']);
  });
});

describe('recurrenceOf: one ticket, by the same rule', () => {
  it('agrees with findRecurrences for every escalation of a desk (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 120 }),
            customer: fc.constantFrom('c1', 'c2'),
            category: fc.constantFrom('billing', 'network'),
          }),
          { maxLength: 25 },
        ),
        fc.integer({ min: 1, max: 60 }),
        (drafts, windowDays) => {
          const facts = drafts.map((draft, index) =>
            escalation(`t${index}`, draft.day, {
              customerId: draft.customer,
              category: draft.category,
            }),
          );
          const recurring = findRecurrences(facts, windowDays);
          for (const ticket of facts) {
            const others = facts
              .filter((o) => o.customerId === ticket.customerId && o.category === ticket.category)
              .map((o) => ({ id: o.id, escalatedAt: o.escalatedAt! }));
            const found = recurrenceOf(
              { id: ticket.id, escalatedAt: ticket.escalatedAt! },
              others,
              windowDays,
            );
            expect(found !== undefined).toBe(recurring.has(ticket.id));
          }
        },
      ),
    );
  });

  it('names the escalation just before, and nothing outside the window', () => {
    const others = [
      { id: 'a', escalatedAt: T0 },
      { id: 'b', escalatedAt: T0 + 10 * DAY },
      { id: 'c', escalatedAt: T0 + 50 * DAY },
    ];
    expect(recurrenceOf({ id: 'x', escalatedAt: T0 + 12 * DAY }, others, 30)?.id).toBe('b');
    expect(recurrenceOf({ id: 'x', escalatedAt: T0 + 45 * DAY }, others, 30)).toBeUndefined();
    expect(recurrenceOf({ id: 'a', escalatedAt: T0 }, others, 30)).toBeUndefined();
  });
});
