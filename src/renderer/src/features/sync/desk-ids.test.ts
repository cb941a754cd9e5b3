import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskEvent, Ticket } from '@core/index';
import { DeskDatabase, type FiredAlertRow, type TicketSlaRow } from '../../db/database';
import { onDeskChanged } from '../../db/desk-changes';
import { CLIENT_STATE_KEY, setSyncRecording } from '../../db/outbox';
import { alertEventId, deskCode } from '../../db/ticket-writes';
import {
  codedTicketId,
  giveTicketsDeskIds,
  lacksDeskCode,
  renamedAlertKey,
  renamedEventId,
  renamedTicketId,
} from './desk-ids';

const CODE = '3FA2C1D9';
const T0 = Date.UTC(2026, 10, 2, 9, 0);

function ticket(id: string): Ticket {
  return {
    id,
    title: 'Refund refused',
    description: 'The blender died after three weeks.',
    customerId: 'c-1',
    tier: 'business',
    channel: 'store',
    category: 'refunds',
    priority: 'P2',
    status: 'open',
    level: 1,
    createdAt: T0,
    updatedAt: T0,
    escalated: true,
    breached: false,
  };
}

function note(id: string, ticketId: string, body: string, at = T0): DeskEvent {
  return { id, ticketId, type: 'note', at, by: 'p-1', body };
}

function slaRow(ticketId: string): TicketSlaRow {
  return { ticketId, target: 'resolution', dueAt: T0 + 8 * 3_600_000, state: 'running', open: 1 };
}

function fired(key: string, ticketId: string): FiredAlertRow {
  return { key, ticketId, firedAt: T0, state: 'acknowledged' };
}

/** Every row of every table, by table name, in key order. */
async function snapshot(database: DeskDatabase): Promise<Record<string, unknown[]>> {
  const tables = await Promise.all(
    database.tables.map(async (table) => [table.name, await table.toArray()] as const),
  );
  return Object.fromEntries(tables);
}

async function rowCounts(database: DeskDatabase): Promise<Record<string, number>> {
  const counts = await Promise.all(
    database.tables.map(async (table) => [table.name, await table.count()] as const),
  );
  return Object.fromEntries(counts);
}

let database: DeskDatabase;
beforeEach(() => {
  database = new DeskDatabase(`desk-ids-${Math.random()}`);
});
afterEach(async () => {
  database.close();
  await Dexie.delete(database.name);
});

const breachKey = 'ESC-1001:resolution:breach';
const breachEventId = alertEventId(T0 + 5, breachKey, 0);

/**
 * Two tickets numbered before sync with events of every id form, SLA rows and fired alerts; one
 * of them mentions the other. Beside them, tickets that keep their ids: one pulled from a team
 * (old and new code length) and one imported from another system.
 */
async function seedDesk(): Promise<void> {
  await database.tickets.bulkAdd(
    ['ESC-1001', 'ESC-1002', 'ESC-3FA2-7', 'ESC-0BADCAFE-5', 'INC-4711'].map(ticket),
  );
  await database.events.bulkAdd([
    note('00mh1a2b3-0001-1a2b3c4d', 'ESC-1001', 'Called the store.'),
    note('ESC-1001-002', 'ESC-1001', 'Demo history.', T0 + 1),
    note('ESC-1001:created', 'ESC-1001', 'Imported.', T0 + 2),
    note(breachEventId, 'ESC-1001', 'Resolution breached.', T0 + 5),
    note('ESC-1002-001', 'ESC-1002', 'Same customer as ESC-1001.', T0 + 3),
    note('ESC-3FA2-7-001', 'ESC-3FA2-7', 'From the team.'),
    note('INC-4711:created', 'INC-4711', 'From the old tool.'),
  ]);
  await database.ticketSla.bulkAdd(
    ['ESC-1001', 'ESC-1002', 'ESC-3FA2-7', 'ESC-0BADCAFE-5', 'INC-4711'].map(slaRow),
  );
  await database.firedAlerts.bulkAdd([
    fired(breachKey, 'ESC-1001'),
    fired('ESC-1001:level:1', 'ESC-1001'),
    fired('ESC-1002:first_response:warn:75', 'ESC-1002'),
    fired('ESC-3FA2-7:level:1', 'ESC-3FA2-7'),
  ]);
}

describe('desk codes', () => {
  it.each([
    ['3fa2c1d9e0b14c7a9f6d2e8b1c0a5f3e', '3FA2C1D9'],
    ['0badcafe', '0BADCAFE'],
  ])('the desk with client id %s numbers tickets ESC-%s-n', (clientId, code) => {
    expect(deskCode(clientId)).toBe(code);
  });

  it.each([
    ['ESC-1001', true],
    ['ESC-10001', true],
    ['ESC-3FA2-1001', false],
    ['ESC-3FA2C1D9-1001', false],
    ['INC-4711', false],
    ['IMP-20250630-1405-3', false],
    ['ESC-', false],
  ])('%s has no desk code: %s', (id, uncoded) => {
    expect(lacksDeskCode(id)).toBe(uncoded);
  });

  it('renames ids, keys and event ids that spell the ticket, and nothing else', () => {
    expect(codedTicketId('ESC-1001', CODE)).toBe('ESC-3FA2C1D9-1001');
    const to = 'ESC-3FA2C1D9-1001';
    expect(renamedAlertKey('ESC-1001:level:2:repeat:1', 'ESC-1001', to)).toBe(
      'ESC-3FA2C1D9-1001:level:2:repeat:1',
    );
    expect(renamedAlertKey('ESC-10011:level:2', 'ESC-1001', to)).toBe('ESC-10011:level:2');
    expect(renamedEventId('ESC-1001-004', 'ESC-1001', to)).toBe('ESC-3FA2C1D9-1001-004');
    expect(renamedEventId('ESC-1001:status-2', 'ESC-1001', to)).toBe('ESC-3FA2C1D9-1001:status-2');
    expect(renamedEventId(breachEventId, 'ESC-1001', to)).toBe(
      alertEventId(T0 + 5, 'ESC-3FA2C1D9-1001:resolution:breach', 0),
    );
    expect(renamedEventId('00mh1a2b3-0001-1a2b3c4d', 'ESC-1001', to)).toBe(
      '00mh1a2b3-0001-1a2b3c4d',
    );
  });
});

describe('giveTicketsDeskIds', () => {
  it("gives tickets numbered before sync the desk's code, and every row naming them follows", async () => {
    await seedDesk();
    const before = await rowCounts(database);
    const progress: [number, number][] = [];

    const renamed = await giveTicketsDeskIds(database, CODE, (done, total) =>
      progress.push([done, total]),
    );

    expect(renamed).toBe(2);
    expect(progress.at(-1)).toEqual([2, 2]);
    // One row more: the code, remembered so that old ids still open their tickets.
    expect(await rowCounts(database)).toEqual({ ...before, settings: before.settings! + 1 });
    expect((await database.tickets.toCollection().primaryKeys()).sort()).toEqual([
      'ESC-0BADCAFE-5',
      'ESC-3FA2-7',
      'ESC-3FA2C1D9-1001',
      'ESC-3FA2C1D9-1002',
      'INC-4711',
    ]);
    expect(await database.tickets.get('ESC-3FA2C1D9-1001')).toEqual(ticket('ESC-3FA2C1D9-1001'));

    const events = await database.events.where('ticketId').equals('ESC-3FA2C1D9-1001').toArray();
    expect(events.map((event) => event.id).sort()).toEqual(
      [
        '00mh1a2b3-0001-1a2b3c4d',
        'ESC-3FA2C1D9-1001-002',
        'ESC-3FA2C1D9-1001:created',
        alertEventId(T0 + 5, 'ESC-3FA2C1D9-1001:resolution:breach', 0),
      ].sort(),
    );
    // What the desk wrote down keeps its words.
    expect(await database.events.get('ESC-3FA2C1D9-1002-001')).toMatchObject({
      ticketId: 'ESC-3FA2C1D9-1002',
      body: 'Same customer as ESC-1001.',
    });

    expect(await database.ticketSla.get('ESC-3FA2C1D9-1002')).toEqual(slaRow('ESC-3FA2C1D9-1002'));
    expect(
      (await database.firedAlerts.toArray()).map(({ key, ticketId }) => [key, ticketId]),
    ).toEqual([
      ['ESC-3FA2-7:level:1', 'ESC-3FA2-7'],
      ['ESC-3FA2C1D9-1001:level:1', 'ESC-3FA2C1D9-1001'],
      ['ESC-3FA2C1D9-1001:resolution:breach', 'ESC-3FA2C1D9-1001'],
      ['ESC-3FA2C1D9-1002:first_response:warn:75', 'ESC-3FA2C1D9-1002'],
    ]);

    // No row names an old id any more, other than in words.
    const rows = JSON.stringify(await snapshot(database)).replace('Same customer as ESC-1001.', '');
    expect(rows).not.toMatch(/ESC-100[12]\b/);
  });

  it('leaves a desk whose tickets all carry a desk code, or come from another system, as it is', async () => {
    await database.tickets.bulkAdd(['ESC-3FA2-7', 'ESC-0BADCAFE-5', 'INC-4711'].map(ticket));
    await database.events.bulkAdd([
      note('ESC-3FA2-7-001', 'ESC-3FA2-7', 'From the team.'),
      note('INC-4711:created', 'INC-4711', 'From the old tool.'),
    ]);
    await database.firedAlerts.add(fired('ESC-3FA2-7:level:1', 'ESC-3FA2-7'));
    const before = await snapshot(database);

    expect(await giveTicketsDeskIds(database, CODE)).toBe(0);
    expect(await snapshot(database)).toEqual(before);
  });

  it('renames rows that still name an uncoded ticket that is gone', async () => {
    await database.events.add(note('ESC-1009-001', 'ESC-1009', 'Left behind.'));
    await database.firedAlerts.add(fired('ESC-1009:level:1', 'ESC-1009'));

    expect(await giveTicketsDeskIds(database, CODE)).toBe(0);
    expect(await database.events.toCollection().primaryKeys()).toEqual(['ESC-3FA2C1D9-1009-001']);
    expect(await database.firedAlerts.toCollection().primaryKeys()).toEqual([
      'ESC-3FA2C1D9-1009:level:1',
    ]);
  });

  it('leaves the desk exactly as it was when a write fails part-way', async () => {
    // 600 tickets: the first 500 are renamed before the failure in the second round.
    const ids = Array.from({ length: 600 }, (_, index) => `ESC-${1001 + index}`);
    await database.tickets.bulkAdd(ids.map(ticket));
    await database.events.bulkAdd(ids.map((id) => note(`${id}-001`, id, 'Logged.')));
    await database.ticketSla.bulkAdd(ids.map(slaRow));
    await database.firedAlerts.bulkAdd(ids.map((id) => fired(`${id}:level:1`, id)));
    const before = await snapshot(database);
    database.firedAlerts.hook('creating', (_key, row) => {
      if (row.ticketId === 'ESC-3FA2C1D9-1600') throw new Error('The disk is full.');
    });

    await expect(giveTicketsDeskIds(database, CODE)).rejects.toThrow('The disk is full.');
    expect(await snapshot(database)).toEqual(before);
  });

  it('renames nothing when a renamed ticket would land on one the desk has', async () => {
    await database.tickets.bulkAdd(['ESC-1001', 'ESC-3FA2C1D9-1001'].map(ticket));
    const before = await snapshot(database);

    await expect(giveTicketsDeskIds(database, CODE)).rejects.toThrow(
      "Tickets can't take this desk's code: ESC-3FA2C1D9-1001 exists already.",
    );
    expect(await snapshot(database)).toEqual(before);
  });

  it('records nothing in the sync outbox while the desk records changes', async () => {
    await seedDesk();
    await setSyncRecording(database, true);
    await database.syncMeta.put({
      key: CLIENT_STATE_KEY,
      value: { clientId: '3fa2c1d9e0b14c7a9f6d2e8b1c0a5f3e', nextMid: 1, nextTx: 1 },
    });

    expect(await giveTicketsDeskIds(database, CODE)).toBe(2);
    expect(await database.outbox.count()).toBe(0);
    // Recording was on: the next ordinary change is recorded.
    await database.tickets.update('ESC-3FA2C1D9-1001', { priority: 'P1' });
    expect(await database.outbox.count()).toBe(1);
  });

  it("keeps every ticket's events, whatever the desk holds", async () => {
    const ticketId = fc.oneof(
      fc.integer({ min: 1, max: 40 }).map((n) => `ESC-${n}`),
      fc.integer({ min: 1, max: 40 }).map((n) => `ESC-0BADCAFE-${n}`),
      fc.integer({ min: 1, max: 40 }).map((n) => `INC-${n}`),
    );
    const event = fc.record({
      ticket: fc.nat(),
      idForm: fc.constantFrom('sortable', 'demo', 'import', 'alert'),
      at: fc.integer({ min: T0, max: T0 + 1_000 }),
      body: fc.string({ maxLength: 8 }),
    });
    const desk = fc.record({
      tickets: fc.uniqueArray(ticketId, { minLength: 1, maxLength: 12 }),
      events: fc.array(event, { maxLength: 30 }),
    });
    /** Each ticket's events as sorted (time, author, words), which the rename must keep. */
    const eventsByTicket = async (rename: (id: string) => string) => {
      const byTicket = new Map<string, string[]>();
      for (const row of await database.events.toArray()) {
        const list = byTicket.get(rename(row.ticketId)) ?? [];
        list.push(JSON.stringify([row.type, row.at, row.by, 'body' in row ? row.body : null]));
        byTicket.set(rename(row.ticketId), list);
      }
      return new Map([...byTicket].map(([id, list]) => [id, list.sort()]));
    };

    await fc.assert(
      fc.asyncProperty(desk, async ({ tickets, events }) => {
        await Promise.all(database.tables.map((table) => table.clear()));
        await database.tickets.bulkAdd(tickets.map(ticket));
        await database.events.bulkAdd(
          events.map((drawn, index) => {
            const owner = tickets[drawn.ticket % tickets.length]!;
            const id = {
              sortable: `${index.toString(36).padStart(9, '0')}-0001-1a2b3c4d`,
              demo: `${owner}-${String(index).padStart(3, '0')}`,
              import: `${owner}:status-${index}`,
              alert: alertEventId(drawn.at, `${owner}:level:${index + 1}`, 0),
            }[drawn.idForm];
            return note(id, owner, drawn.body, drawn.at);
          }),
        );
        const before = await eventsByTicket((id) =>
          lacksDeskCode(id) ? codedTicketId(id, CODE) : id,
        );

        await giveTicketsDeskIds(database, CODE);

        expect(await eventsByTicket((id) => id)).toEqual(before);
        expect(await database.events.count()).toBe(events.length);
      }),
      { numRuns: 40 },
    );
  });

  it('finds the ticket an old id names after one join or several, and nothing for other ids', async () => {
    await database.tickets.bulkAdd(['ESC-1001', 'ESC-0BADCAFE-1002', 'INC-4711'].map(ticket));
    expect(await renamedTicketId(database, 'ESC-1001')).toBeUndefined();

    await giveTicketsDeskIds(database, CODE);
    // A later join (under a new desk id) renames what was numbered in between.
    await database.tickets.add(ticket('ESC-1003'));
    await giveTicketsDeskIds(database, '77EE0011');

    const cases: [string, string | undefined][] = [
      ['ESC-1001', 'ESC-3FA2C1D9-1001'],
      ['ESC-1003', 'ESC-77EE0011-1003'],
      // Another desk's ESC-1002 was never this desk's ESC-1002.
      ['ESC-1002', undefined],
      ['ESC-1009', undefined],
      ['ESC-3FA2C1D9-1001', undefined],
      ['INC-4711', undefined],
    ];
    for (const [asked, found] of cases) {
      expect(await renamedTicketId(database, asked), asked).toBe(found);
    }
  });

  it('tells the alert engine to re-derive every ticket once something was renamed', async () => {
    const listener = vi.fn();
    const stop = onDeskChanged(listener);
    try {
      await giveTicketsDeskIds(database, CODE);
      expect(listener).not.toHaveBeenCalled();
      await seedDesk();
      await giveTicketsDeskIds(database, CODE);
      expect(listener).toHaveBeenCalledWith('all');
    } finally {
      stop();
    }
  });
});
