import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../tickets';
import {
  addToSimilarIndex,
  buildSimilarIndex,
  findSimilarEscalations,
  SAME_CATEGORY_BONUS,
  similarIndexSize,
} from './similar';

const HOUR = 3_600_000;

function ticket(
  id: string,
  category: string,
  title: string,
  description: string,
  fields: Partial<Ticket> = {},
): Ticket {
  return {
    id,
    title,
    description,
    customerId: 'cus-1',
    tier: 'standard',
    channel: 'email',
    category,
    priority: 'P3',
    status: 'open',
    level: 1,
    createdAt: 0,
    updatedAt: 0,
    escalated: true,
    breached: false,
    ...fields,
  };
}

const resolved = (hours: number, rest: Partial<Ticket> = {}): Partial<Ticket> => ({
  status: 'closed',
  resolvedAt: hours * HOUR,
  closedAt: hours * HOUR,
  ...rest,
});

const desk: Ticket[] = [
  ticket(
    'net-1',
    'network',
    'Router outage in the Berlin office',
    'The router drops the connection every hour.',
    {
      ...resolved(5, {
        rootCause: 'configuration',
        rootCauseNotes: 'DHCP lease time set to one hour.',
      }),
      customerId: 'cus-7',
    },
  ),
  ticket(
    'net-2',
    'network',
    'Branch offline since this morning',
    'Nobody at the branch can reach the internet; connection lost.',
  ),
  ticket(
    'net-3',
    'network',
    'VPN tunnel keeps failing',
    'Remote staff cannot connect to the VPN gateway.',
  ),
  ticket(
    'bil-1',
    'billing',
    'Invoice charged twice',
    'The customer was charged twice for the same invoice.',
    resolved(30),
  ),
  ticket(
    'bil-2',
    'billing',
    'Connection fee on the invoice',
    'A connection fee appeared on the office invoice.',
  ),
  ticket(
    'hw-1',
    'hardware',
    'Laptop screen cracked',
    'The screen of the laptop cracked after a fall.',
  ),
  // Not escalated: never indexed, however alike.
  ticket(
    'plain-1',
    'network',
    'Router outage in the Berlin office',
    'The router drops the connection.',
    {
      escalated: false,
    },
  ),
];

const index = buildSimilarIndex(desk);
const ids = (list: { ticketId: string }[]) => list.map((s) => s.ticketId);

describe('findSimilarEscalations', () => {
  it.each([
    {
      name: 'the same problem in other words, above other categories sharing a word',
      query: ['q', 'network', 'Internet connection lost at the branch', 'Branch offline.'],
      first: 'net-2',
      before: 'bil-2',
    },
    {
      name: 'the closest wording first',
      query: ['q', 'network', 'Router drops connection', 'Outage at the office every hour.'],
      first: 'net-1',
      before: 'net-2',
    },
    {
      name: 'a billing problem among billing escalations',
      query: ['q', 'billing', 'Customer charged twice', 'Same invoice paid two times.'],
      first: 'bil-1',
      before: 'bil-2',
    },
  ])('ranks $name', ({ query: [id, category, title, description], first, before }) => {
    const found = findSimilarEscalations(
      index,
      {
        id: id!,
        category: category!,
        title: title!,
        description: description!,
        customerId: 'cus-9',
      },
      { minSimilarity: 0, limit: 10 },
    );
    expect(found[0]?.ticketId).toBe(first);
    const order = ids(found);
    expect(order).toContain(before);
    expect(order.indexOf(first)).toBeLessThan(order.indexOf(before));
  });

  it('indexes escalations only and leaves the ticket itself out', () => {
    expect(similarIndexSize(index)).toBe(6);
    const found = findSimilarEscalations(index, desk[0]!);
    expect(ids(found)).not.toContain('net-1');
    expect(ids(found)).not.toContain('plain-1');
  });

  it('respects limit and minSimilarity', () => {
    const query = { ...desk[0]!, id: 'q' };
    const all = findSimilarEscalations(index, query, { limit: 10, minSimilarity: 0 });
    expect(all.length).toBeGreaterThan(2);
    expect(findSimilarEscalations(index, query, { limit: 2, minSimilarity: 0 })).toEqual(
      all.slice(0, 2),
    );
    for (const min of [0.2, 0.5, 0.9]) {
      const found = findSimilarEscalations(index, query, { limit: 10, minSimilarity: min });
      expect(found).toEqual(all.filter((s) => s.similarity >= min));
    }
    expect(findSimilarEscalations(index, query, { limit: 0 })).toEqual([]);
  });

  it('gives an identical text in the same category similarity 1, and says what matched', () => {
    const [same] = findSimilarEscalations(index, { ...desk[0]!, id: 'q', customerId: 'cus-7' });
    expect(same).toMatchObject({ ticketId: 'net-1', sameCategory: true, sameCustomer: true });
    expect(same!.similarity).toBeCloseTo(1, 9);
    expect(same!.sharedTerms).toContain('router');
    expect(same!.sharedTerms.length).toBeLessThanOrEqual(5);
  });

  it('adds the category bonus to the cosine, capped at 1', () => {
    const query = { ...desk[4]!, id: 'q' };
    const inBilling = findSimilarEscalations(index, query, { minSimilarity: 0 });
    const inNetwork = findSimilarEscalations(
      index,
      { ...query, category: 'network' },
      { minSimilarity: 0 },
    );
    const billing = inBilling.find((s) => s.ticketId === 'bil-1')!;
    const network = inNetwork.find((s) => s.ticketId === 'bil-1')!;
    expect(billing.sameCategory).toBe(true);
    expect(network.sameCategory).toBe(false);
    expect(billing.similarity - network.similarity).toBeCloseTo(SAME_CATEGORY_BONUS, 9);
  });

  it('carries how a resolved escalation ended, and nothing for an open one', () => {
    const found = findSimilarEscalations(
      index,
      { ...desk[0]!, id: 'q', title: 'Router outage', description: 'Branch offline.' },
      { minSimilarity: 0 },
    );
    expect(found.find((s) => s.ticketId === 'net-1')).toMatchObject({
      status: 'closed',
      resolvedAt: 5 * HOUR,
      resolutionMs: 5 * HOUR,
      rootCause: 'configuration',
      rootCauseNotes: 'DHCP lease time set to one hour.',
    });
    const open = found.find((s) => s.ticketId === 'net-2')!;
    expect(open.status).toBe('open');
    expect(open).not.toHaveProperty('resolvedAt');
    expect(open).not.toHaveProperty('rootCause');
  });

  it('ranks a resolved escalation with a root cause above an open one at equal similarity', () => {
    const text = ['Printer jams', 'Paper jams in the printer.'] as const;
    const twins = [
      ticket('a-open', 'hardware', ...text),
      ticket('b-resolved', 'hardware', ...text, resolved(2)),
      ticket('c-explained', 'hardware', ...text, resolved(3, { rootCause: 'product_defect' })),
    ];
    for (const order of [twins, [...twins].reverse()]) {
      const found = findSimilarEscalations(buildSimilarIndex(order), {
        ...twins[0]!,
        id: 'q',
      });
      expect(ids(found)).toEqual(['c-explained', 'b-resolved', 'a-open']);
    }
  });

  it('finds nothing for a text without words, or in an empty index', () => {
    expect(
      findSimilarEscalations(index, { ...desk[0]!, id: 'q', title: '', description: '42' }),
    ).toEqual([]);
    expect(findSimilarEscalations(buildSimilarIndex([]), desk[0]!)).toEqual([]);
  });

  it('survives structuredClone, as it does when sent from a worker', () => {
    const query = { ...desk[1]!, id: 'q' };
    expect(findSimilarEscalations(structuredClone(index), query)).toEqual(
      findSimilarEscalations(index, query),
    );
  });
});

describe('addToSimilarIndex', () => {
  it('adds, replaces by id, and takes out tickets that are not escalated', () => {
    const grown = buildSimilarIndex(desk.slice(0, 3));
    const query = { ...desk[5]!, id: 'q' };
    expect(findSimilarEscalations(grown, query)).toEqual([]);

    addToSimilarIndex(grown, desk[5]!);
    expect(ids(findSimilarEscalations(grown, query))).toEqual(['hw-1']);

    addToSimilarIndex(grown, { ...desk[5]!, title: 'Keyboard broken', description: 'Keys stick.' });
    expect(similarIndexSize(grown)).toBe(4);
    expect(findSimilarEscalations(grown, query)).toEqual([]);
    expect(ids(findSimilarEscalations(grown, { ...query, title: 'Keyboard keys stick' }))).toEqual([
      'hw-1',
    ]);

    addToSimilarIndex(grown, { ...desk[1]!, escalated: false });
    expect(similarIndexSize(grown)).toBe(3);
    expect(ids(findSimilarEscalations(grown, { ...desk[1]!, id: 'q' }))).not.toContain('net-2');
  });

  it('ends up ranking like an index built in one go', () => {
    const grown = buildSimilarIndex([]);
    for (const t of desk) addToSimilarIndex(grown, t);
    for (const t of desk) addToSimilarIndex(grown, t); // replacing every one once
    for (const query of desk) {
      const q = { ...query, id: 'q' };
      const once = findSimilarEscalations(index, q, { minSimilarity: 0, limit: 10 });
      const added = findSimilarEscalations(grown, q, { minSimilarity: 0, limit: 10 });
      expect(ids(added)).toEqual(ids(once));
    }
  });
});

describe('properties', () => {
  const words = ['router', 'outage', 'invoice', 'refund', 'screen', 'cracked', 'login', 'slow'];
  const text = fc.array(fc.constantFrom(...words), { maxLength: 6 }).map((w) => w.join(' '));
  const escalation = fc.record({
    category: fc.constantFrom('network', 'billing'),
    title: text,
    description: text,
    resolvedHours: fc.option(fc.integer({ min: 1, max: 100 })),
  });
  const deskOf = (
    rows: { category: string; title: string; description: string; resolvedHours: number | null }[],
  ) =>
    rows.map((row, i) =>
      ticket(
        `t${i}`,
        row.category,
        row.title,
        row.description,
        row.resolvedHours === null ? {} : resolved(row.resolvedHours),
      ),
    );

  it('gives similarities in 0..1, best first, within limit and threshold, whatever the order indexed', () => {
    fc.assert(
      fc.property(
        fc.array(escalation, { maxLength: 30 }),
        escalation,
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (rows, query, limit, minSimilarity) => {
          const tickets = deskOf(rows);
          const q = { ...deskOf([query])[0]!, id: 't0' };
          const found = findSimilarEscalations(buildSimilarIndex(tickets), q, {
            limit,
            minSimilarity,
          });
          expect(found.length).toBeLessThanOrEqual(limit);
          expect(ids(found)).not.toContain('t0');
          found.forEach((s, i) => {
            expect(s.similarity).toBeGreaterThanOrEqual(minSimilarity);
            expect(s.similarity).toBeLessThanOrEqual(1);
            if (i > 0) expect(s.similarity).toBeLessThanOrEqual(found[i - 1]!.similarity + 1e-12);
          });
          const reversed = findSimilarEscalations(buildSimilarIndex([...tickets].reverse()), q, {
            limit,
            minSimilarity,
          });
          expect(ids(reversed)).toEqual(ids(found));
        },
      ),
    );
  });
});
