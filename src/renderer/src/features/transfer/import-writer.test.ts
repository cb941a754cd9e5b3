import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusinessCalendar, DeskEvent, SlaPolicy } from '@core/index';
import {
  parseCsv,
  planTableImport,
  readImportFile,
  suggestMapping,
  type ImportPlan,
} from '@core/transfer';
import { DeskDatabase } from '../../db/database';
import { buildDeskJson, buildEventsCsv, buildTicketsCsv } from './export-files';
import { InlineImportSession } from './import-session';
import { loadDeskSnapshot, writeImportPlan } from './import-writer';

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 5, 30, 12, 0);

const allDay: BusinessCalendar = {
  timeZone: 'UTC',
  week: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [
      day,
      [{ from: '00:00', to: '24:00' }],
    ]),
  ),
};
const policy: SlaPolicy = {
  id: 'p-all',
  name: 'Everything',
  calendar: 'cal-247',
  targets: { resolution: { minutes: 8 * 60, mode: 'calendar' } },
  pauseStatuses: [
    { status: 'pending_customer', reason: 'Waiting' },
    { status: 'awaiting_parts', reason: 'Parts' },
  ],
  warningPercents: [75],
};

/** A desk with one calendar and one policy (the export carries tickets, not the desk's setup). */
async function newDesk(name: string): Promise<DeskDatabase> {
  const desk = new DeskDatabase(`${name}-${Math.random()}`);
  await desk.calendars.put({ id: 'cal-247', name: '24/7', calendar: allDay, updatedAt: 0 });
  await desk.policies.put({ id: 'p-all', order: 0, policy, updatedAt: 0 });
  return desk;
}

let database: DeskDatabase;
beforeEach(async () => {
  database = await newDesk('transfer');
});
afterEach(async () => {
  await database.delete();
});

/** A plan of `n` tickets T-1…T-n, created `hoursAgo` before NOW, each with a new customer every 3. */
async function planOf(n: number, hoursAgo = 1, status = 'open'): Promise<ImportPlan> {
  const lines = ['id,title,customer,created,status'];
  for (let i = 1; i <= n; i++) {
    lines.push(
      `T-${i},Ticket ${i},Customer ${Math.ceil(i / 3)},${new Date(NOW - hoursAgo * HOUR).toISOString()},${status}`,
    );
  }
  const table = parseCsv(lines.join('\n'));
  const plan = planTableImport(
    table,
    suggestMapping(table.columns),
    await loadDeskSnapshot(database),
    {
      now: NOW,
      timeZone: 'UTC',
      newIdPrefix: 'IMP-',
    },
  );
  expect(plan.problems).toEqual([]);
  return plan;
}

async function counts() {
  return {
    tickets: await database.tickets.count(),
    events: await database.events.count(),
    customers: await database.customers.count(),
    ticketSla: await database.ticketSla.count(),
  };
}

describe('writeImportPlan', () => {
  it('writes tickets, their events, new customers and SLA rows, chunk by chunk', async () => {
    const plan = await planOf(7);
    const progress: number[] = [];
    const outcome = await writeImportPlan(plan, {
      database,
      now: NOW,
      chunkSize: 3,
      onProgress: (p) => progress.push(p.tickets),
    });
    expect(outcome).toEqual({ status: 'done', tickets: 7, events: 14, customers: 3, total: 7 });
    expect(progress).toEqual([3, 6, 7]);
    expect(await counts()).toEqual({ tickets: 7, events: 14, customers: 3, ticketSla: 7 });
    expect(await database.ticketSla.get('T-1')).toMatchObject({
      ticketId: 'T-1',
      target: 'resolution',
      dueAt: NOW - HOUR + 8 * HOUR,
      warnAt: NOW - HOUR + 6 * HOUR,
      state: 'running',
    });
  });

  it('records a breach the SLA fold finds, as every write does', async () => {
    await writeImportPlan(await planOf(1, 9), { database, now: NOW });
    expect(await database.ticketSla.get('T-1')).toMatchObject({ state: 'breached' });
    expect((await database.tickets.get('T-1'))?.breached).toBe(true);
  });

  it('leaves nothing of a chunk that fails halfway, and stops there', async () => {
    const plan = await planOf(9);
    // An event id the desk already has: chunk 2's tickets and customers are written, then its
    // events fail, so the whole chunk must roll back.
    await database.events.add({ ...plan.tickets[4]!.events[0]!, ticketId: 'elsewhere' });
    const outcome = await writeImportPlan(plan, { database, now: NOW, chunkSize: 3 });
    expect(outcome).toMatchObject({
      status: 'failed',
      tickets: 3,
      events: 6,
      customers: 1,
      total: 9,
    });
    expect(outcome.error).toBe(
      'A ticket, event or customer with the same id was added to the desk meanwhile.',
    );
    expect((await database.tickets.toCollection().primaryKeys()).sort()).toEqual([
      'T-1',
      'T-2',
      'T-3',
    ]);
    expect(await database.customers.count()).toBe(1);
    expect(await database.events.where('ticketId').anyOf(['T-4', 'T-5', 'T-6']).count()).toBe(0);
    expect(await database.ticketSla.count()).toBe(3);
  });

  it('stops between chunks when cancelled, never inside one', async () => {
    const plan = await planOf(8);
    let chunksDone = 0;
    const outcome = await writeImportPlan(plan, {
      database,
      now: NOW,
      chunkSize: 3,
      onProgress: () => chunksDone++,
      shouldStop: () => chunksDone >= 2,
    });
    expect(outcome).toEqual({
      status: 'cancelled',
      tickets: 6,
      events: 12,
      customers: 2,
      total: 8,
    });
    expect(await counts()).toEqual({ tickets: 6, events: 12, customers: 2, ticketSla: 6 });
  });
});

describe('loadDeskSnapshot', () => {
  it('lists ticket ids, customers and the custom statuses of the policies', async () => {
    await writeImportPlan(await planOf(2), { database, now: NOW });
    const snapshot = await loadDeskSnapshot(database);
    expect(snapshot.ticketIds).toEqual(['T-1', 'T-2']);
    expect(snapshot.customers.map((customer) => customer.name)).toEqual(['Customer 1']);
    expect(snapshot.extraStatuses).toEqual(['awaiting_parts']);
  });
});

describe('export, then import into an empty desk', () => {
  it('JSON brings back the same tickets, events and customers', async () => {
    await writeImportPlan(await planOf(5, 2, 'pending_customer'), { database, now: NOW });
    const note: DeskEvent = {
      id: 'n-1',
      ticketId: 'T-2',
      at: NOW - HOUR,
      by: 'p-1',
      type: 'note',
      body: 'Called, "left" a message',
    };
    await database.events.add(note);
    const text = await (await buildDeskJson(NOW, database)).text();

    const target = await newDesk('transfer-target');
    try {
      const file = readImportFile(text, 'desk.json', await loadDeskSnapshot(target));
      if (file.kind !== 'plan') throw new Error(file.kind);
      expect(file.plan.problems).toEqual([]);
      const outcome = await writeImportPlan(file.plan, { database: target, now: NOW });
      expect(outcome).toMatchObject({ status: 'done', tickets: 5, events: 11, customers: 2 });
      const byId = <T extends { id: string }>(rows: T[]) =>
        [...rows].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(await target.tickets.toArray())).toEqual(byId(await database.tickets.toArray()));
      expect(byId(await target.events.toArray())).toEqual(byId(await database.events.toArray()));
      expect(byId(await target.customers.toArray())).toEqual(
        byId(await database.customers.toArray()),
      );
      expect(await target.ticketSla.toArray()).toEqual(await database.ticketSla.toArray());
    } finally {
      await target.delete();
    }
  });

  it('the tickets CSV brings back the same tickets; the events CSV lists every event', async () => {
    await writeImportPlan(await planOf(4), { database, now: NOW });
    const csv = await (await buildTicketsCsv(database)).text();
    const target = await newDesk('transfer-target');
    try {
      const session = new InlineImportSession();
      const summary = await session.read(
        new File([csv], 'tickets.csv'),
        await loadDeskSnapshot(target),
      );
      if (summary.kind !== 'table') throw new Error(summary.kind);
      expect(summary.rowCount).toBe(4);
      const plan = await session.plan(summary.suggested, {
        now: NOW,
        timeZone: 'UTC',
        newIdPrefix: 'IMP-',
      });
      expect(plan.problems).toEqual([]);
      await writeImportPlan(plan, { database: target, now: NOW });
      expect(await target.tickets.toArray()).toEqual(await database.tickets.toArray());
      expect(await target.customers.toArray()).toEqual(await database.customers.toArray());
    } finally {
      await target.delete();
    }
    const events = parseCsv(await (await buildEventsCsv(database)).text());
    expect(events.rows).toHaveLength(8);
  });
});
