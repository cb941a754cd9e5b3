import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskEvent, Mutation, Ticket } from '@core/index';
import { DeskDatabase } from '../../db/database';
import { setSyncRecording } from '../../db/outbox';
import { ALL_DAY_CALENDAR } from '../../db/test-desk';
import {
  applyServerRows,
  noChanges,
  overlayPending,
  readServerRow,
  type AppliedChanges,
  type ServerRow,
} from './sync-apply';

function put(changes: Record<string, unknown>): Mutation {
  return {
    mid: 1,
    tx: 1,
    hlc: '001700000000000-0000-desk',
    table: 'tickets',
    op: 'put',
    id: 'ESC-1',
    changes,
  };
}
const remove: Mutation = { ...put({}), op: 'delete' };

describe('overlayPending', () => {
  it.each<[string, Mutation[], Record<string, unknown> | null]>([
    [
      'changed fields over the server’s',
      [put({ title: 'Mine' })],
      { title: 'Mine', priority: 'P1' },
    ],
    ['a removed field', [put({ priority: null })], { title: 'Theirs' }],
    [
      'changes in order',
      [put({ title: 'First' }), put({ title: 'Second' })],
      { title: 'Second', priority: 'P1' },
    ],
    ['a pending delete', [put({ title: 'Mine' }), remove], null],
    ['a row put back after a delete', [remove, put({ title: 'Back' })], { title: 'Back' }],
  ])('lays %s', (_case, pending, expected) => {
    expect(overlayPending({ title: 'Theirs', priority: 'P1' }, pending)).toEqual(expected);
  });
});

describe('readServerRow', () => {
  const calendar = (value: unknown) => ({
    table: 'calendars',
    id: 'cal-1',
    version: 3,
    rowVersion: 1,
    deleted: false,
    row: { id: 'cal-1', name: 'Office', calendar: value, updatedAt: 1 },
  });

  it('takes a calendar the engine can use, and refuses one it cannot', () => {
    expect(readServerRow(calendar(ALL_DAY_CALENDAR))).toMatchObject({ ok: true });
    expect(readServerRow(calendar({ ...ALL_DAY_CALENDAR, timeZone: 'Mars/Olympus' }))).toEqual({
      ok: false,
      table: 'calendars',
      id: 'cal-1',
      problem: 'row.calendar: timeZone: "Mars/Olympus" is not a known time zone',
    });
  });

  it('takes a deletion without a row', () => {
    expect(
      readServerRow({
        table: 'events',
        id: 'e-1',
        version: 4,
        rowVersion: 2,
        deleted: true,
        row: null,
      }),
    ).toEqual({
      ok: true,
      change: { table: 'events', id: 'e-1', version: 4, rowVersion: 2, deleted: true, row: null },
    });
  });
});

describe('applyServerRows', () => {
  let database: DeskDatabase;

  beforeEach(async () => {
    database = new DeskDatabase(`sync-apply-${Math.random()}`);
    await setSyncRecording(database, true);
  });

  afterEach(async () => {
    database.close();
    await Dexie.delete(database.name);
  });

  const ticket = (id: string, patch: Partial<Ticket> = {}): Ticket => ({
    id,
    title: 'Card terminal offline',
    description: '',
    customerId: 'c-1',
    tier: 'business',
    channel: 'phone',
    category: 'payments',
    priority: 'P2',
    status: 'open',
    level: 0,
    createdAt: 1,
    updatedAt: 1,
    escalated: false,
    breached: false,
    ...patch,
  });
  const note = (body: string): DeskEvent => ({
    id: 'e-1',
    ticketId: 'ESC-1',
    type: 'note',
    at: 1,
    by: 'p-1',
    body,
  });
  const row = (change: Omit<ServerRow, 'version' | 'deleted'>): ServerRow => ({
    version: 1,
    deleted: change.row === null,
    ...change,
  });

  async function apply(rows: ServerRow[]): Promise<AppliedChanges> {
    const applied = noChanges();
    const tables = [
      database.tickets,
      database.events,
      database.matrices,
      database.outbox,
      database.syncMeta,
      database.ticketSla,
    ];
    await database.transaction('rw', tables, async (tx) => {
      database.syncRecorder.markRemote(tx);
      await applyServerRows(database, rows, applied);
    });
    return applied;
  }

  it('keeps a log entry and a rules row this desk has not sent yet', async () => {
    await database.events.add(note('Mine'));
    const matrix = { id: 'active', version: 1, matrix: { rows: [] }, updatedAt: 1 };
    await database.matrices.put(matrix);
    const applied = await apply([
      row({ table: 'events', id: 'e-1', rowVersion: 1, row: { ...note('Theirs') } }),
      row({ table: 'matrices', id: 'active', rowVersion: 5, row: { ...matrix, version: 9 } }),
    ]);
    expect((await database.events.get('e-1')) as DeskEvent).toMatchObject({ body: 'Mine' });
    expect(await database.matrices.get('active')).toEqual(matrix);
    expect((await database.syncMeta.get('v:matrices/active'))?.value).toBe(1);
    expect(applied.tables.size).toBe(0);
  });

  it('takes a rules row and its version when nothing is pending, and deletes as told', async () => {
    await setSyncRecording(database, false);
    await database.tickets.put(ticket('ESC-2'));
    await database.ticketSla.put({ ticketId: 'ESC-2', state: 'running' } as never);
    const applied = await apply([
      row({
        table: 'matrices',
        id: 'active',
        rowVersion: 5,
        row: { id: 'active', version: 2, matrix: { rows: [] }, updatedAt: 1 },
      }),
      row({ table: 'tickets', id: 'ESC-2', rowVersion: 3, row: null }),
      row({ table: 'tickets', id: 'ESC-3', rowVersion: 1, row: { ...ticket('ESC-3') } }),
    ]);
    expect((await database.syncMeta.get('v:matrices/active'))?.value).toBe(5);
    expect(await database.tickets.get('ESC-2')).toBeUndefined();
    expect(await database.ticketSla.get('ESC-2')).toBeUndefined();
    expect(await database.tickets.get('ESC-3')).toEqual(ticket('ESC-3'));
    expect([...applied.ticketIds].sort()).toEqual(['ESC-2', 'ESC-3']);
    expect(await database.outbox.count()).toBe(0);
  });

  it('leaves out rows that already match, so the desk re-derives nothing for them', async () => {
    await setSyncRecording(database, false);
    await database.tickets.put(ticket('ESC-1'));
    const applied = await apply([
      row({ table: 'tickets', id: 'ESC-1', rowVersion: 1, row: { ...ticket('ESC-1') } }),
    ]);
    expect(applied.ticketIds.size).toBe(0);
  });
});
