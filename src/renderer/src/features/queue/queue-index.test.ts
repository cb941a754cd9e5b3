import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRIORITIES, type Priority, type Ticket } from '@core/index';
import type { QueueRow } from './queue-rows';
import { queueRow, ROW_T } from './test-rows';
import { isGroupItem, QueueIndex, runQueueQuery } from './queue-index';
import { DEFAULT_VIEW_STATE, ME, NOBODY, type QueueViewState } from './view-state';

const T = ROW_T;
const MIN = 60_000;
const row = queueRow;

function ids(rows: QueueRow[], state: Partial<QueueViewState>, search = '', now = T, me = 'p-me') {
  const view = { ...DEFAULT_VIEW_STATE, ...state };
  const result = runQueueQuery(QueueIndex.of(rows), {
    sorting: view.sorting,
    columnFilters: view.columnFilters,
    search,
    grouping: view.grouping,
    collapsed: {},
    now,
    currentUserId: me,
  });
  return {
    ...result,
    ticketRows: result.ticketRows.map((row) => ({ id: row.ticket.id, original: row })),
  };
}

/** A row with stored risk signals (n reassignments) and an SLA clock due in `dueIn` minutes. */
function risky(n: number, reassignments: number, dueIn: number, over: Partial<Ticket> = {}) {
  const base = row(n, over, dueIn);
  return {
    ...base,
    sla: { ...base.sla!, risk: { reassignments, reopenings: 0, pastEscalations: 0 } },
  };
}

describe('the queue query by risk', () => {
  const HOUR = 60 * MIN;
  // ESC-1: 9 points from hand-overs, due in 48 hours. ESC-2: 6 points, due in 31 hours.
  // ESC-3: an enterprise customer (10) with 10 hand-overs (10), due in 30 hours.
  const rows = [
    risky(1, 3, 48 * 60),
    risky(2, 2, 31 * 60),
    risky(3, 10, 30 * 60, { tier: 'enterprise' }),
    row(4, {}, 60),
  ];
  const byRisk = [{ id: 'risk' as const, desc: true }];

  it('sorts the riskiest first at the query time, unscored rows last', () => {
    expect(ids(rows, { sorting: byRisk }).ticketRows.map((r) => r.id)).toEqual([
      'ESC-3',
      'ESC-1',
      'ESC-2',
      'ESC-4',
    ]);
    // Eight hours on, ESC-2 is due within a day (+5) and passes ESC-1.
    const later = ids(rows, { sorting: byRisk }, '', T + 8 * HOUR).ticketRows.map((r) => r.id);
    expect(later).toEqual(['ESC-3', 'ESC-2', 'ESC-1', 'ESC-4']);
  });

  it('filters by risk level judged at the query time', () => {
    const high = { columnFilters: [{ id: 'risk' as const, value: ['high'] }] };
    expect(ids(rows, high).ticketRows).toEqual([]);
    // 30 hours on, ESC-3 has breached (+25) and is a day old (+1): 10 + 10 + 25 + 1 = 46, medium;
    // ESC-2, due within the hour (+20), scores 27: still low.
    const unscored = { columnFilters: [{ id: 'risk' as const, value: [''] }] };
    expect(ids(rows, unscored).ticketRows.map((r) => r.id)).toEqual(['ESC-4']);
    const medium = { columnFilters: [{ id: 'risk' as const, value: ['medium'] }] };
    expect(ids(rows, medium, '', T + 30 * HOUR).ticketRows.map((r) => r.id)).toEqual(['ESC-3']);
    expect(ids(rows, medium).ticketRows).toEqual([]);
  });
});

describe('the queue query', () => {
  it('sorts by the SLA due time by default, tickets without a clock last', () => {
    const rows = [row(1, {}, 30), row(2), row(3, {}, -5), row(4, {}, 10)];
    expect(ids(rows, {}).ticketRows.map((r) => r.id)).toEqual(['ESC-3', 'ESC-4', 'ESC-1', 'ESC-2']);
  });

  it('sorts by several columns: priority, then SLA', () => {
    const rows = [
      row(1, { priority: 'P2' }, 30),
      row(2, { priority: 'P1' }, 60),
      row(3, { priority: 'P2' }, 5),
      row(4, { priority: 'P1' }, 10),
    ];
    const sorting = [
      { id: 'priority' as const, desc: false },
      { id: 'sla' as const, desc: false },
    ];
    expect(ids(rows, { sorting }).ticketRows.map((r) => r.id)).toEqual([
      'ESC-4',
      'ESC-2',
      'ESC-3',
      'ESC-1',
    ]);
  });

  it('sorts stably: rows that tie keep their order, ascending or descending (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PRIORITIES), { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        (priorities: Priority[], desc) => {
          const rows = priorities.map((priority, i) => row(i + 1, { priority }));
          const sorted = ids(rows, { sorting: [{ id: 'priority', desc }] }).ticketRows;
          for (let i = 1; i < sorted.length; i++) {
            const a = sorted[i - 1]!.original.ticket;
            const b = sorted[i]!.original.ticket;
            if (a.priority === b.priority) {
              expect(Number(a.id.slice(4))).toBeLessThan(Number(b.id.slice(4)));
            } else expect(a.priority < b.priority).toBe(!desc);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('sorts ids by number, not as text', () => {
    const rows = [row(10), row(9), row(100)];
    expect(ids(rows, { sorting: [{ id: 'id', desc: false }] }).ticketRows.map((r) => r.id)).toEqual(
      ['ESC-9', 'ESC-10', 'ESC-100'],
    );
  });

  it('filters on several columns at once, "me" and "unassigned" included', () => {
    const rows = [
      row(1, { priority: 'P1', ownerId: 'p-me' }),
      row(2, { priority: 'P1' }),
      row(3, { priority: 'P2', ownerId: 'p-me' }),
      row(4, { priority: 'P1', ownerId: 'p-other' }),
    ];
    const filter = (value: string[]) =>
      ids(rows, {
        columnFilters: [
          { id: 'priority', value: ['P1'] },
          { id: 'owner', value },
        ],
      }).ticketRows.map((r) => r.id);
    expect(filter([ME])).toEqual(['ESC-1']);
    expect(filter([NOBODY])).toEqual(['ESC-2']);
    expect(filter([ME, 'p-other']).sort()).toEqual(['ESC-1', 'ESC-4']);
  });

  it('judges the SLA filter at the time given, so rows turn at risk and breached live', () => {
    const rows = [row(1, {}, 60), row(2, {}, 20), row(3)];
    const breached = (now: number) =>
      ids(rows, { columnFilters: [{ id: 'sla', value: ['breached'] }] }, '', now).ticketRows.map(
        (r) => r.id,
      );
    expect(breached(T)).toEqual([]);
    expect(breached(T + 30 * MIN)).toEqual(['ESC-2']);
    const atRisk = ids(
      rows,
      { columnFilters: [{ id: 'sla', value: ['at_risk'] }] },
      '',
      T + 50 * MIN,
    );
    expect(atRisk.ticketRows.map((r) => r.id)).toEqual(['ESC-1']);
  });

  it('searches the whole row together with the filters', () => {
    const rows = [
      row(1, { priority: 'P1' }, undefined, 'Hansa Labs'),
      row(2, { priority: 'P2' }, undefined, 'Hansa Foods'),
      row(3),
    ];
    expect(
      ids(rows, {}, 'hansa')
        .ticketRows.map((r) => r.id)
        .sort(),
    ).toEqual(['ESC-1', 'ESC-2']);
    expect(
      ids(rows, { columnFilters: [{ id: 'priority', value: ['P1'] }] }, 'hansa').ticketRows.map(
        (r) => r.id,
      ),
    ).toEqual(['ESC-1']);
  });

  it('groups by level, highest first, each group counting its tickets; a closed group hides them', () => {
    const rows = [
      row(1, { level: 2 }),
      row(2, { level: 0 }),
      row(3, { level: 2 }),
      row(4, { level: 1 }),
    ];
    const { items, ticketRows } = ids(rows, { grouping: ['level'] });
    expect(
      items.map((item) => (isGroupItem(item) ? `${item.label} (${item.count})` : item.ticket.id)),
    ).toEqual(['L2 (2)', 'ESC-1', 'ESC-3', 'L1 (1)', 'ESC-4', 'L0 · First line (1)', 'ESC-2']);
    expect(ticketRows).toHaveLength(4);
    const closed = runQueueQuery(QueueIndex.of(rows), {
      sorting: [],
      columnFilters: [],
      search: '',
      grouping: ['level'],
      collapsed: { 'level:2': true },
      now: T,
      currentUserId: 'p-me',
    });
    expect(closed.items.map((item) => (isGroupItem(item) ? item.id : item.ticket.id))).toEqual([
      'level:2',
      'level:1',
      'ESC-4',
      'level:0',
      'ESC-2',
    ]);
    expect(closed.ticketRows).toHaveLength(4);
  });
});

describe('updating the index after a few tickets changed', () => {
  const SORTS: QueueViewState['sorting'][] = [
    [{ id: 'title', desc: false }],
    [{ id: 'customer', desc: true }],
    [
      { id: 'priority', desc: false },
      { id: 'sla', desc: false },
    ],
    [
      { id: 'owner', desc: false },
      { id: 'age', desc: true },
    ],
  ];
  const order = (index: QueueIndex, sorting: QueueViewState['sorting']) =>
    runQueueQuery(index, {
      sorting,
      columnFilters: [],
      search: '',
      grouping: [],
      collapsed: {},
      now: T,
      currentUserId: 'p-me',
    }).ticketRows.map((r) => r.ticket.id);
  const word = fc.constantFrom('', 'alpha', 'Beta', 'gamma', 'delta', 'Émile', 'zeta', 'a', 'ab');

  it('sorts exactly as an index built afresh (property)', () => {
    const change = fc.record({
      kind: fc.constantFrom('edit', 'remove', 'add'),
      at: fc.nat(),
      title: word,
      customer: word,
      owner: fc.option(fc.constantFrom('p-1', 'p-2', 'p-3'), { nil: undefined }),
      priority: fc.constantFrom(...PRIORITIES),
      dueIn: fc.option(fc.integer({ min: -100, max: 500 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(word, word), { minLength: 1, maxLength: 40 }),
        fc.array(fc.array(change, { maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        (start, batches) => {
          let next = 1_000;
          let rows = start.map(([title, customer], i) =>
            row(i + 1, { title, priority: PRIORITIES[i % 4] }, i * 7 - 50, customer),
          );
          let index = QueueIndex.of(rows);
          for (const sorting of SORTS) order(index, sorting);
          for (const batch of batches) {
            const changed = [...rows];
            for (const c of batch) {
              const fresh = row(
                next++,
                { title: c.title, priority: c.priority, ownerId: c.owner },
                c.dueIn,
                c.customer,
              );
              const at = changed.length ? c.at % changed.length : 0;
              if (c.kind === 'add' || changed.length === 0) changed.push(fresh);
              else if (c.kind === 'remove') changed.splice(at, 1);
              else
                changed[at] = { ...fresh, ticket: { ...fresh.ticket, id: changed[at]!.ticket.id } };
            }
            index = QueueIndex.update(index, changed);
            rows = changed;
            for (const sorting of SORTS) {
              expect(order(index, sorting)).toEqual(order(new QueueIndex(rows), sorting));
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps sorting right when new titles keep landing between the same two neighbours', () => {
    let rows = [row(1, { title: 'a' }), row(2, { title: 'b' })];
    let index = QueueIndex.of(rows);
    const byTitle: QueueViewState['sorting'] = [{ id: 'title', desc: false }];
    order(index, byTitle);
    // "ab", "aab", "aaab", … each sorts just after "a": the gap halves every time, until no
    // number fits and the column is ranked again.
    for (let k = 1; k <= 70; k++) {
      rows = [...rows, row(k + 2, { title: `${'a'.repeat(k)}b` })];
      index = QueueIndex.update(index, rows);
      expect(order(index, byTitle)).toEqual(order(new QueueIndex(rows), byTitle));
    }
    expect(order(index, byTitle).slice(0, 3)).toEqual(['ESC-1', 'ESC-72', 'ESC-71']);
  });

  it('computes no key over again for the rows that did not change', () => {
    const rows = Array.from({ length: 50 }, (_, i) => row(i + 1));
    const index = QueueIndex.of(rows);
    index.key('customer');
    const changed = [...rows.slice(1), row(99, {}, 5, 'Zed')];
    const updated = QueueIndex.update(index, changed);
    expect(updated.hasKey('customer')).toBe(true);
    expect(updated.hasKey('title')).toBe(false);
    expect(QueueIndex.of(changed)).toBe(updated);
  });
});
