import { generateDemoReference, generateDemoTickets, type DemoBatch } from '@core/demo';
import { isDoneStatus, summarizeSla } from '@core/index';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskDatabase } from '../database';
import { setSyncRecording } from '../outbox';
import { deriveTicketSla, loadSlaConfig, ticketEvents } from '../ticket-writes';
import {
  demoBatchSize,
  DeskNotEmptyError,
  isDeskEmpty,
  loadDemoDesk,
  prepareDemoDesk,
  writeDemoBatch,
  type DemoLoadProgress,
} from './load-demo';

const NOW = Date.UTC(2025, 5, 16, 10, 30);
let database: DeskDatabase;
let counter = 0;

function freshDatabase(): DeskDatabase {
  database = new DeskDatabase(`demo-load-test-${++counter}`);
  return database;
}

afterEach(async () => {
  await database?.delete();
});

function firstBatches(ticketCount: number, batchSize: number): DemoBatch[] {
  return [...generateDemoTickets(generateDemoReference({ now: NOW, ticketCount }), batchSize)];
}

describe('writing a demo desk', () => {
  it('writes a batch with its events, SLA rows and fired alerts', async () => {
    const db = freshDatabase();
    const reference = generateDemoReference({ now: NOW, ticketCount: 120 });
    await prepareDemoDesk(db, reference, false);
    const [batch] = [...generateDemoTickets(reference, 120)];
    await writeDemoBatch(db, batch!);
    expect(await db.tickets.count()).toBe(120);
    expect(await db.events.count()).toBe(batch!.events.length);
    expect(await db.ticketSla.count()).toBe(120);
    expect(await db.firedAlerts.count()).toBe(batch!.firedAlerts.length);
    expect((await db.firedAlerts.toArray()).every((row) => row.state === 'acknowledged')).toBe(
      true,
    );
    expect(await db.customers.count()).toBe(reference.customers.length);
    expect((await db.policies.orderBy('order').toArray()).map((row) => row.policy)).toEqual(
      reference.policies,
    );
    expect((await db.matrices.get('active'))?.matrix).toEqual(reference.matrix);
  });

  it('refuses to clear a desk that syncs with a team, writing nothing and recording nothing', async () => {
    const db = freshDatabase();
    await db.customers.add({ id: 'c-team', name: 'From the team', tier: 'business' });
    await setSyncRecording(db, true);
    const reference = generateDemoReference({ now: NOW, ticketCount: 10 });
    await expect(prepareDemoDesk(db, reference, true)).rejects.toThrow(
      "Demo data can't be loaded while this desk syncs with a team",
    );
    expect(await db.customers.toArray()).toEqual([
      { id: 'c-team', name: 'From the team', tier: 'business' },
    ]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('writes a batch all or nothing', async () => {
    const db = freshDatabase();
    const [first, second] = firstBatches(100, 50);
    await writeDemoBatch(db, first!);
    // The second batch repeats an event of the first: the whole batch must be refused.
    const broken: DemoBatch = { ...second!, events: [...second!.events, first!.events[0]!] };
    await expect(writeDemoBatch(db, broken)).rejects.toThrow();
    expect(await db.tickets.count()).toBe(50);
    expect(await db.events.count()).toBe(first!.events.length);
    expect(await db.ticketSla.count()).toBe(50);
  });

  it('loads a whole desk with rising progress, and the SLA rows agree with the stored rules', async () => {
    const db = freshDatabase();
    const progress: DemoLoadProgress[] = [];
    const result = await loadDemoDesk(
      db,
      { ticketCount: 300, now: NOW, replace: false, batchSize: 100 },
      { onProgress: (p) => progress.push(p) },
    );
    expect(result).toMatchObject({ tickets: 300, cancelled: false });
    expect(await db.tickets.count()).toBe(300);
    expect(await db.events.count()).toBe(result.events);
    expect(progress.map((p) => p.fraction)).toEqual([0, 1 / 3, 2 / 3, 1]);
    expect(progress.at(-1)!.label).toBe('Loaded 300 of 300 tickets');

    // What the ticket view derives from the stored policies and calendars matches the cache.
    const config = await loadSlaConfig(db);
    for (const id of ['ESC-10001', 'ESC-10150', 'ESC-10300']) {
      const events = await ticketEvents(id, db);
      const summary = summarizeSla(deriveTicketSla(events, config, NOW), NOW);
      const row = await db.ticketSla.get(id);
      const ticket = await db.tickets.get(id);
      const open = isDoneStatus(ticket!.status) ? {} : { open: 1 };
      expect(row).toEqual({ ticketId: id, ...summary, ...open });
    }
  });

  it('spreads the history over the days asked for, 90 by default', async () => {
    const day = 86_400_000;
    const oldest = async (days?: number) => {
      const db = freshDatabase();
      await loadDemoDesk(db, {
        ticketCount: 200,
        now: NOW,
        replace: false,
        ...(days === undefined ? {} : { days }),
      });
      const created = (await db.tickets.toArray()).map((ticket) => ticket.createdAt);
      await db.delete();
      return Math.min(...created);
    };
    const tenDays = await oldest(10);
    expect(tenDays).toBeGreaterThanOrEqual(NOW - 10 * day);
    const byDefault = await oldest();
    expect(byDefault).toBeLessThan(NOW - 10 * day);
    expect(byDefault).toBeGreaterThanOrEqual(NOW - 90 * day);
  });

  it('refuses a desk that has data unless replacing, and then clears it first', async () => {
    const db = freshDatabase();
    await db.customers.add({ id: 'C-1', name: 'Existing customer', tier: 'standard' });
    await db.settings.put({ key: 'theme', value: 'dark' });
    expect(await isDeskEmpty(db)).toBe(false);
    await expect(
      loadDemoDesk(db, { ticketCount: 50, now: NOW, replace: false }),
    ).rejects.toBeInstanceOf(DeskNotEmptyError);
    expect(await db.customers.count()).toBe(1);
    expect(await db.tickets.count()).toBe(0);

    const result = await loadDemoDesk(db, { ticketCount: 50, now: NOW, replace: true });
    expect(result.tickets).toBe(50);
    expect(await db.customers.get('C-1')).toBeUndefined();
    expect(await db.tickets.count()).toBe(50);
    expect((await db.settings.get('theme'))?.value).toBe('dark');
  });

  it('stops between batches when cancelled, keeping only whole tickets', async () => {
    const db = freshDatabase();
    const abort = new AbortController();
    const result = await loadDemoDesk(
      db,
      { ticketCount: 400, now: NOW, replace: false, batchSize: 100 },
      {
        signal: abort.signal,
        onProgress: (p) => {
          if (p.fraction >= 0.5) abort.abort();
        },
      },
    );
    expect(result).toMatchObject({ tickets: 200, cancelled: true });
    expect(await db.tickets.count()).toBe(200);
    // The newest tickets came first.
    expect(await db.tickets.get('ESC-10400')).toBeDefined();
    expect(await db.tickets.get('ESC-10001')).toBeUndefined();
    const ticketIds = new Set((await db.tickets.toArray()).map((t) => t.id));
    const events = await db.events.toArray();
    expect(events.every((event) => ticketIds.has(event.ticketId))).toBe(true);
    expect(events.length).toBe(result.events);
  });

  it('sizes batches for a lively progress bar', () => {
    expect(demoBatchSize(5_000)).toBe(125);
    expect(demoBatchSize(100_000)).toBe(1_000);
    expect(demoBatchSize(500)).toBe(100);
  });
});
