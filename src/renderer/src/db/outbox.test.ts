import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, hlcWall, isFill, type DeskEvent, type Ticket } from '@core/index';
import { DeskDatabase } from './database';
import {
  CLIENT_STATE_KEY,
  readClientState,
  receiveClock,
  renumberOutbox,
  setSyncRecording,
} from './outbox';

function note(id: string, body: string): DeskEvent {
  return { id, ticketId: 'ESC-1', type: 'note', at: 1_000, by: 'p-1', body };
}

function ticket(id: string, patch: Partial<Ticket> = {}): Ticket {
  return {
    id,
    title: `Printer on fire (${id})`,
    description: 'Smoke from tray 2.',
    customerId: 'c-1',
    tier: 'enterprise',
    channel: 'phone',
    category: 'hardware',
    priority: 'P2',
    status: 'open',
    level: 0,
    createdAt: 1_000,
    updatedAt: 1_000,
    escalated: false,
    breached: false,
    ...patch,
  };
}

let database: DeskDatabase;
const clock = 1_700_000_000_000;

beforeEach(async () => {
  database = new DeskDatabase(`outbox-${Math.random()}`);
  database.syncRecorder.now = () => clock;
  await setSyncRecording(database, true);
});

afterEach(async () => {
  database.close();
  await Dexie.delete(database.name);
});

const outbox = () => database.outbox.orderBy('mid').toArray();

describe('outbox middleware', () => {
  it('records a new row with all its fields, then only the fields that changed', async () => {
    await database.tickets.add(ticket('ESC-1', { ownerId: 'p-1' }));
    await database.tickets.put(ticket('ESC-1', { status: 'in_progress', updatedAt: 2_000 }));
    await database.tickets.update('ESC-1', { priority: 'P1' });

    const rows = await outbox();
    expect(rows.map(({ mid, table, op, id }) => ({ mid, table, op, id }))).toEqual([
      { mid: 1, table: 'tickets', op: 'put', id: 'ESC-1' },
      { mid: 2, table: 'tickets', op: 'put', id: 'ESC-1' },
      { mid: 3, table: 'tickets', op: 'put', id: 'ESC-1' },
    ]);
    expect(rows[0]!.changes).toEqual(ticket('ESC-1', { ownerId: 'p-1' }));
    // ownerId was dropped by the put: null says the field was removed.
    expect(rows[1]!.changes).toEqual({ status: 'in_progress', updatedAt: 2_000, ownerId: null });
    expect(rows[2]!.changes).toEqual({ priority: 'P1' });
    expect(rows.every((row) => row.baseVersion === undefined)).toBe(true);
  });

  it('numbers mids one by one across transactions, one tx per transaction, HLCs rising', async () => {
    await database.transaction('rw', database.tickets, database.events, async () => {
      await database.tickets.bulkAdd([ticket('ESC-1'), ticket('ESC-2')]);
      await database.events.add(note('e-1', 'Called the customer.'));
    });
    await database.tickets.update('ESC-2', { level: 1 });
    await database.customers.put({ id: 'c-1', name: 'Acme', tier: 'enterprise' });

    const rows = await outbox();
    expect(rows.map((row) => [row.mid, row.tx])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 2],
      [5, 3],
    ]);
    for (let i = 1; i < rows.length; i++) {
      expect(compareHlc(rows[i - 1]!.hlc, rows[i]!.hlc)).toBeLessThan(0);
    }
    expect(await readClientState(database)).toMatchObject({ nextMid: 6, nextTx: 4 });
  });

  it('leaves no outbox row and no data when the transaction aborts', async () => {
    await expect(
      database.transaction('rw', database.tickets, async () => {
        await database.tickets.add(ticket('ESC-1'));
        throw new Error('The form was not valid.');
      }),
    ).rejects.toThrow('The form was not valid.');
    expect(await database.tickets.count()).toBe(0);
    expect(await database.outbox.count()).toBe(0);
    expect(await database.syncMeta.get(CLIENT_STATE_KEY)).toBeUndefined();

    await database.tickets.add(ticket('ESC-2'));
    expect((await outbox()).map((row) => row.mid)).toEqual([1]);
  });

  it('records nothing for writes applied from the server', async () => {
    await database.transaction('rw', database.tickets, async (tx) => {
      database.syncRecorder.markRemote(tx);
      await database.tickets.put(ticket('ESC-1'));
    });
    expect(await database.tickets.count()).toBe(1);
    expect(await database.outbox.count()).toBe(0);
  });

  it('records nothing while sync is off, and nothing is written to the sync tables', async () => {
    await setSyncRecording(database, false);
    await database.tickets.put(ticket('ESC-1'));
    await database.tickets.clear();
    expect(await database.outbox.count()).toBe(0);
    expect(await database.syncMeta.get(CLIENT_STATE_KEY)).toBeUndefined();
  });

  it.each([
    ['clear()', (d: DeskDatabase) => d.tickets.clear()],
    ['a key range', (d: DeskDatabase) => d.tickets.where(':id').between('ESC-1', 'ESC-4').delete()],
    ['bulkDelete', (d: DeskDatabase) => d.tickets.bulkDelete(['ESC-1', 'ESC-2', 'ESC-3', 'ESC-9'])],
  ])('records one delete per existing row deleted by %s', async (_name, remove) => {
    await database.tickets.bulkAdd([ticket('ESC-1'), ticket('ESC-2'), ticket('ESC-3')]);
    await database.outbox.clear();
    await remove(database);
    const rows = await outbox();
    expect(rows.map(({ op, id, changes }) => ({ op, id, changes }))).toEqual([
      { op: 'delete', id: 'ESC-1', changes: {} },
      { op: 'delete', id: 'ESC-2', changes: {} },
      { op: 'delete', id: 'ESC-3', changes: {} },
    ]);
    expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
  });

  it('skips rows whose content did not change', async () => {
    await database.tickets.add(ticket('ESC-1'));
    await database.tickets.put(ticket('ESC-1'));
    await database.tickets.update('ESC-1', { status: 'open' });
    expect(await database.outbox.count()).toBe(1);
  });

  it('records log entries whole, and alerts by their key', async () => {
    const first = note('e-1', 'First note.');
    await database.events.add(first);
    await database.events.put(note('e-1', 'Edited note.'));
    await database.firedAlerts.put({
      key: 'ESC-1:level:1',
      ticketId: 'ESC-1',
      firedAt: 5,
      state: 'new',
    });
    const rows = await outbox();
    expect(rows[0]!.changes).toEqual(first);
    expect(rows[1]!.changes).toEqual(note('e-1', 'Edited note.'));
    expect(rows[2]).toMatchObject({ table: 'firedAlerts', id: 'ESC-1:level:1' });
  });

  it('records replace rows whole, each save based on the version the last one left', async () => {
    await database.syncMeta.put({ key: 'v:matrices/active', value: 4 });
    const matrix = { id: 'active', version: 1, matrix: { rows: [] }, updatedAt: 1 };
    await database.matrices.put(matrix);
    await database.matrices.put({ ...matrix, version: 2, updatedAt: 2 });
    await database.matrices.delete('active');
    await database.policies.clear();

    const rows = await outbox();
    expect(rows.map(({ op, baseVersion }) => [op, baseVersion])).toEqual([
      ['put', 4],
      ['put', 5],
      ['delete', 6],
    ]);
    expect(rows[1]!.changes).toEqual({ ...matrix, version: 2, updatedAt: 2 });
    expect((await database.syncMeta.get('v:matrices/active'))?.value).toBe(7);
  });

  it('bases a put after removing a row the team never had on version 0, as the server keeps it', async () => {
    const matrix = { id: 'active', version: 1, matrix: { rows: [] }, updatedAt: 1 };
    await setSyncRecording(database, false);
    await database.matrices.put(matrix);
    await setSyncRecording(database, true);
    // An editor saving its whole list: a removal and a put of the same row, in one transaction.
    await database.transaction('rw', database.matrices, async () => {
      await database.matrices.delete('active');
      await database.matrices.put({ ...matrix, version: 2 });
    });
    const rows = await outbox();
    expect(rows.map(({ op, baseVersion }) => [op, baseVersion])).toEqual([
      ['delete', 0],
      ['put', 0],
    ]);
    expect((await database.syncMeta.get('v:matrices/active'))?.value).toBe(1);
  });

  it('records every row whole in a transaction marked so (a desk joining a space)', async () => {
    await setSyncRecording(database, false);
    await database.tickets.bulkAdd([ticket('ESC-1'), ticket('ESC-2')]);
    await setSyncRecording(database, true);
    await database.transaction('rw', database.tickets, async (tx) => {
      database.syncRecorder.markWholeRows(tx);
      await database.tickets.bulkPut(await database.tickets.toArray());
    });
    const rows = await outbox();
    expect(rows.map((row) => row.changes)).toEqual([ticket('ESC-1'), ticket('ESC-2')]);
    // Fills: the team's copy wins over them, and each stands or falls alone.
    expect(rows.every((row) => isFill(row.hlc))).toBe(true);
    expect(rows.map((row) => row.tx)).toEqual([1, 2]);
    // A fill does not move the clock: the next real change counts on from the wall time.
    expect((await readClientState(database))?.lastHlc).toBeUndefined();
    await database.tickets.update('ESC-1', { priority: 'P1' });
    expect(hlcWall((await outbox()).at(-1)!.hlc)).toBe(clock);
  });

  it('forgets a last clock value further ahead than the server accepts once the clock is put right', async () => {
    database.syncRecorder.now = () => clock + 3 * 60 * 60_000;
    await database.tickets.add(ticket('ESC-1'));
    database.syncRecorder.now = () => clock;
    await database.tickets.update('ESC-1', { priority: 'P1' });
    const [wrong, right] = await outbox();
    expect(hlcWall(wrong!.hlc)).toBe(clock + 3 * 60 * 60_000);
    expect(hlcWall(right!.hlc)).toBe(clock);
  });

  it('keeps counting on from a last clock value ahead by less than the server accepts', async () => {
    database.syncRecorder.now = () => clock + 30 * 60_000;
    await database.tickets.add(ticket('ESC-1'));
    database.syncRecorder.now = () => clock;
    await database.tickets.update('ESC-1', { priority: 'P1' });
    const [first, second] = await outbox();
    expect(compareHlc(second!.hlc, first!.hlc)).toBeGreaterThan(0);
  });

  it('follows the switch flipped from another instance (a worker) of the same database', async () => {
    await setSyncRecording(database, false);
    const worker = new DeskDatabase(database.name);
    await worker.open();
    expect(worker.syncRecorder.recording).toBe(false);
    await setSyncRecording(database, true);
    await expect.poll(() => worker.syncRecorder.recording).toBe(true);
    await worker.tickets.add(ticket('ESC-7'));
    expect((await outbox()).map((row) => row.id)).toEqual(['ESC-7']);
    worker.close();

    const reopened = new DeskDatabase(database.name);
    await reopened.open();
    expect(reopened.syncRecorder.recording).toBe(true);
    reopened.close();
  });
});

describe('receiveClock', () => {
  const seen = (wall: number) => formatHlc({ wall, counter: 3, node: 'otherdesk' });

  it.each([
    { name: 'a clock seen ahead of this desk', wall: clock + 60_000, after: clock + 60_000 },
    { name: 'a clock seen behind this desk', wall: clock - 60_000, after: clock },
  ])('moves past $name', async ({ wall, after }) => {
    await database.tickets.add(ticket('ESC-1'));
    await database.transaction('rw', database.syncMeta, () =>
      receiveClock(database, seen(wall), clock),
    );
    await database.tickets.update('ESC-1', { priority: 'P1' });
    const last = (await outbox()).at(-1)!;
    expect(hlcWall(last.hlc)).toBe(after);
    expect(compareHlc(last.hlc, seen(wall))).toBeGreaterThan(0);
  });

  it('ignores a clock seen further ahead than the server accepts', async () => {
    await database.tickets.add(ticket('ESC-1'));
    const before = (await readClientState(database))?.lastHlc;
    await receiveClock(database, seen(clock + 2 * 60 * 60_000), clock);
    expect((await readClientState(database))?.lastHlc).toBe(before);
  });
});

describe('renumberOutbox', () => {
  it('closes gaps so the unsent rows follow the mid the server expects', async () => {
    await database.tickets.bulkAdd([ticket('ESC-1'), ticket('ESC-2'), ticket('ESC-3')]);
    await database.tickets.update('ESC-1', { level: 2 });
    await database.outbox.bulkDelete([1, 3]);
    await database.transaction('rw', database.outbox, database.syncMeta, () =>
      renumberOutbox(database, 8),
    );
    expect((await outbox()).map((row) => [row.mid, row.id])).toEqual([
      [8, 'ESC-2'],
      [9, 'ESC-1'],
    ]);
    expect(await readClientState(database)).toMatchObject({ nextMid: 10 });
  });
});
