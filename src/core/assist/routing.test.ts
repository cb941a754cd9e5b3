import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../tickets';
import {
  emptyRoutingModel,
  learnRouting,
  MIN_ROUTING_EXAMPLES,
  routingExampleOf,
  routingModelSize,
  suggestTeams,
  trainRouting,
  type RoutingExample,
  type RoutingModel,
} from './routing';

/** [category, text, customer, team] */
type Resolved = readonly [string, string, string, string];

function modelOf(history: readonly Resolved[]): RoutingModel {
  const model = emptyRoutingModel();
  for (const [category, text, customerId, teamId] of history) {
    learnRouting(model, { category, text, customerId }, teamId);
  }
  return model;
}

/** `count` resolved tickets, customers taken in turn from `customers`. */
function times(count: number, category: string, text: string, teamId: string, customers = 10) {
  return Array.from({ length: count }, (_, i): Resolved => [
    category,
    text,
    `cus-${i % customers}`,
    teamId,
  ]);
}

const GENERIC = 'Customer reports a problem and asks for help';

const byCategory = [
  ...times(30, 'network', GENERIC, 'team-network'),
  ...times(30, 'billing', GENERIC, 'team-billing'),
  ...times(4, 'network', GENERIC, 'team-frontline'),
  ...times(4, 'billing', GENERIC, 'team-frontline'),
];

const byWords = [
  ...times(20, 'support', 'Router outage, the connection drops every hour', 'team-network'),
  ...times(20, 'support', 'Invoice charged twice, refund requested', 'team-billing'),
  ...times(20, 'support', 'Laptop screen cracked, device needs repair', 'team-hardware'),
];

const byCustomer = [
  ...times(30, 'support', GENERIC, 'team-a'),
  ...times(30, 'support', GENERIC, 'team-b'),
  ...times(6, 'support', GENERIC, 'team-key-accounts').map(
    ([category, text, , teamId]): Resolved => [category, text, 'cus-vip', teamId],
  ),
  ...times(4, 'support', GENERIC, 'team-key-accounts', 4),
];

const cases: {
  name: string;
  history: readonly Resolved[];
  ticket: RoutingExample;
  team: string;
  reason: string;
}[] = [
  {
    name: 'the category',
    history: byCategory,
    ticket: { category: 'network', text: GENERIC, customerId: 'cus-new' },
    team: 'team-network',
    reason: 'Category "network": 30 of 34 resolved by this team',
  },
  {
    name: 'the other category',
    history: byCategory,
    ticket: { category: 'billing', text: 'Something is wrong', customerId: 'cus-1' },
    team: 'team-billing',
    reason: 'Category "billing": 30 of 34 resolved by this team',
  },
  {
    name: 'the words',
    history: byWords,
    ticket: { category: 'support', text: 'Outage: router down', customerId: 'cus-new' },
    team: 'team-network',
    reason: 'Words: outage, router',
  },
  {
    name: 'other words',
    history: byWords,
    ticket: { category: 'support', text: 'Refund for the invoice?', customerId: 'cus-3' },
    team: 'team-billing',
    reason: 'Words: invoice, refund',
  },
  {
    name: 'the words, in a category never seen',
    history: byWords,
    ticket: { category: 'new-category', text: 'Screen cracked', customerId: 'cus-new' },
    team: 'team-hardware',
    reason: 'Words: cracked, screen',
  },
  {
    name: "the customer's history",
    history: byCustomer,
    ticket: { category: 'support', text: GENERIC, customerId: 'cus-vip' },
    team: 'team-key-accounts',
    reason: "This customer's past tickets: 6 of 6",
  },
];

describe('suggestTeams', () => {
  it.each(cases)('finds the team from $name', ({ history, ticket, team, reason }) => {
    const [best] = suggestTeams(modelOf(history), ticket);
    expect(best?.teamId).toBe(team);
    expect(best?.reasons).toContain(reason);
  });

  it.each(cases)(
    'gives posteriors in order that sum to at most 1 ($name)',
    ({ history, ticket }) => {
      const suggestions = suggestTeams(modelOf(history), ticket, { limit: 10 });
      expect(suggestions.length).toBe(new Set(history.map((row) => row[3])).size);
      let sum = 0;
      suggestions.forEach((suggestion, i) => {
        expect(suggestion.confidence).toBeGreaterThanOrEqual(0);
        expect(suggestion.confidence).toBeLessThanOrEqual(1);
        if (i > 0)
          expect(suggestion.confidence).toBeLessThanOrEqual(suggestions[i - 1]!.confidence);
        sum += suggestion.confidence;
      });
      expect(sum).toBeCloseTo(1, 9);
      expect(suggestTeams(modelOf(history), ticket).length).toBe(3);
    },
  );

  it('is sure when everything points one way, and unsure on a desk with no pattern', () => {
    const [sure] = suggestTeams(modelOf(byWords), {
      category: 'support',
      text: 'Router outage, the connection drops',
      customerId: 'cus-1',
    });
    expect(sure!.confidence).toBeGreaterThan(0.9);
    const coinFlip = modelOf([
      ...times(20, 'support', GENERIC, 'team-a'),
      ...times(20, 'support', GENERIC, 'team-b'),
    ]);
    const [unsure] = suggestTeams(coinFlip, { category: 'support', text: GENERIC, customerId: '' });
    expect(unsure!.confidence).toBeCloseTo(0.5, 9);
  });

  it('leaves out excluded teams without changing the others', () => {
    const model = modelOf(byCategory);
    const ticket = { category: 'network', text: GENERIC, customerId: 'cus-1' };
    const all = suggestTeams(model, ticket);
    const rest = suggestTeams(model, ticket, { exclude: ['team-network'] });
    expect(rest.map((s) => s.teamId)).toEqual(['team-frontline', 'team-billing']);
    expect(rest[0]!.confidence).toBe(all.find((s) => s.teamId === 'team-frontline')!.confidence);
    expect(suggestTeams(model, ticket, { exclude: ['team-network', 'team-frontline'] })).toEqual([
      all.find((s) => s.teamId === 'team-billing'),
    ]);
  });

  it('gives at most `limit` suggestions, and none from an empty model', () => {
    const ticket = { category: 'network', text: GENERIC, customerId: 'cus-1' };
    expect(suggestTeams(modelOf(byCategory), ticket, { limit: 1 })).toHaveLength(1);
    expect(suggestTeams(modelOf(byCategory), ticket, { limit: 0 })).toEqual([]);
    expect(suggestTeams(emptyRoutingModel(), ticket)).toEqual([]);
  });

  it('survives structuredClone, as it does when sent from a worker', () => {
    const model = modelOf(byWords);
    const ticket = { category: 'support', text: 'Router outage', customerId: 'cus-2' };
    expect(suggestTeams(structuredClone(model), ticket)).toEqual(suggestTeams(model, ticket));
  });
});

function ticket(fields: Partial<Ticket> & Pick<Ticket, 'id'>): Ticket {
  return {
    title: 'Router outage',
    description: 'The connection drops every hour.',
    customerId: 'cus-1',
    tier: 'standard',
    channel: 'email',
    category: 'network',
    priority: 'P3',
    status: 'closed',
    level: 0,
    createdAt: 0,
    updatedAt: 0,
    escalated: false,
    breached: false,
    ...fields,
  };
}

describe('trainRouting', () => {
  it('learns resolved and closed tickets with a team, and nothing else', () => {
    const tickets = [
      ticket({ id: 't1', status: 'closed', teamId: 'team-network' }),
      ticket({ id: 't2', status: 'resolved', teamId: 'team-network' }),
      ticket({ id: 't3', status: 'open', teamId: 'team-billing' }),
      ticket({ id: 't4', status: 'closed' }),
    ];
    const model = trainRouting(tickets);
    expect(routingModelSize(model)).toBe(2);
    expect([...model.teams.keys()]).toEqual(['team-network']);
    expect(routingModelSize(model)).toBeLessThan(MIN_ROUTING_EXAMPLES);
  });

  it('learns what learnRouting learns one ticket at a time', () => {
    const tickets = [
      ticket({ id: 't1', teamId: 'team-network' }),
      ticket({ id: 't2', teamId: 'team-billing', category: 'billing', title: 'Refund missing' }),
    ];
    const model = emptyRoutingModel();
    for (const t of tickets) learnRouting(model, routingExampleOf(t), t.teamId!);
    expect(trainRouting(tickets)).toEqual(model);
  });

  it('reads the title and the description', () => {
    expect(
      routingExampleOf({ category: 'billing', title: 'A', description: 'B', customerId: 'c' }),
    ).toEqual({ category: 'billing', text: 'A\nB', customerId: 'c' });
  });
});

describe('properties', () => {
  const words = ['router', 'outage', 'invoice', 'refund', 'screen', 'cracked', 'password', 'login'];
  const resolved = fc.record({
    category: fc.constantFrom('network', 'billing', 'hardware'),
    text: fc.array(fc.constantFrom(...words), { maxLength: 6 }).map((w) => w.join(' ')),
    customerId: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
    teamId: fc.constantFrom('team-a', 'team-b', 'team-c', 'team-d'),
  });
  const desk = fc.array(resolved, { minLength: 1, maxLength: 60 });
  const query = resolved.map(({ teamId: _, ...example }) => example);

  it('does not depend on the order tickets were learned in', () => {
    fc.assert(
      fc.property(
        desk.chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
          ),
        ),
        query,
        ([rows, shuffled], example) => {
          const learn = (list: typeof rows) => {
            const model = emptyRoutingModel();
            for (const { teamId, ...row } of list) learnRouting(model, row, teamId);
            return model;
          };
          const a = suggestTeams(learn(rows), example, { limit: 10 });
          const b = suggestTeams(learn(shuffled), example, { limit: 10 });
          expect(b.map((s) => s.teamId)).toEqual(a.map((s) => s.teamId));
          b.forEach((s, i) => expect(s.confidence).toBeCloseTo(a[i]!.confidence, 9));
          expect(b.map((s) => s.reasons)).toEqual(a.map((s) => s.reasons));
        },
      ),
    );
  });

  it('always gives every known team a posterior, best first, summing to 1', () => {
    fc.assert(
      fc.property(desk, query, (rows, example) => {
        const model = emptyRoutingModel();
        for (const { teamId, ...row } of rows) learnRouting(model, row, teamId);
        const suggestions = suggestTeams(model, example, { limit: 10 });
        expect(suggestions).toHaveLength(model.teams.size);
        const sum = suggestions.reduce((total, s) => total + s.confidence, 0);
        expect(sum).toBeCloseTo(1, 9);
        for (let i = 1; i < suggestions.length; i++) {
          expect(suggestions[i]!.confidence).toBeLessThanOrEqual(suggestions[i - 1]!.confidence);
        }
      }),
    );
  });
});
