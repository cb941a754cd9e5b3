import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskDatabase } from './database';

const NAME = 'upgrade-test';
afterEach(async () => {
  await Dexie.delete(NAME);
});

describe('schema upgrade v1 → v2', () => {
  it('keeps version-1 tickets, events and settings and fills the fields the desk now needs', async () => {
    // Open the database exactly as version 1 declared it and seed it.
    const v1 = new Dexie(NAME);
    v1.version(1).stores({
      settings: '&key',
      tickets: '&id, status, priority, updatedAt',
      events: '&id, ticketId, at, [ticketId+at]',
    });
    await v1.table('settings').put({ key: 'theme', value: 'dark' });
    await v1.table('tickets').put({
      id: 'ESC-1',
      title: 'Old ticket',
      status: 'open',
      priority: 'P2',
      createdAt: 10,
      updatedAt: 20,
    });
    await v1.table('events').put({ id: 'e1', ticketId: 'ESC-1', type: 'created', at: 10 });
    v1.close();

    const v2 = new DeskDatabase(NAME);
    await v2.open();
    expect(v2.verno).toBe(6);
    expect(await v2.settings.get('theme')).toEqual({ key: 'theme', value: 'dark' });
    expect(await v2.tickets.get('ESC-1')).toEqual({
      id: 'ESC-1',
      title: 'Old ticket',
      status: 'open',
      priority: 'P2',
      createdAt: 10,
      updatedAt: 20,
      description: '',
      customerId: 'unknown',
      tier: 'standard',
      channel: 'web',
      category: 'general',
      level: 0,
      escalated: false,
      breached: false,
    });
    expect(await v2.events.get('e1')).toMatchObject({ ticketId: 'ESC-1', by: 'system' });
    // The new indexes work on upgraded rows.
    expect(await v2.tickets.where('level').equals(0).count()).toBe(1);
    expect(await v2.events.where('type').equals('created').count()).toBe(1);
    v2.close();
  });
});

describe('schema upgrade v2 → v3', () => {
  it('marks the SLA rows of open tickets for the queue, and not those of done ones', async () => {
    const v2 = new Dexie(NAME);
    v2.version(2).stores({
      tickets:
        '&id, status, priority, updatedAt, createdAt, customerId, ownerId, teamId, level, category',
      ticketSla: '&ticketId, dueAt, state',
    });
    await v2.table('tickets').bulkPut([
      { id: 'ESC-1', status: 'open' },
      { id: 'ESC-2', status: 'resolved' },
      { id: 'ESC-3', status: 'waiting_on_vendor' },
      { id: 'ESC-4', status: 'closed' },
    ]);
    await v2
      .table('ticketSla')
      .bulkPut(
        ['ESC-1', 'ESC-2', 'ESC-3', 'ESC-4'].map((ticketId) => ({ ticketId, state: 'running' })),
      );
    v2.close();

    const v3 = new DeskDatabase(NAME);
    await v3.open();
    expect(v3.verno).toBe(6);
    expect((await v3.ticketSla.where('open').equals(1).primaryKeys()).sort()).toEqual([
      'ESC-1',
      'ESC-3',
    ]);
    expect(await v3.ticketSla.get('ESC-2')).toEqual({ ticketId: 'ESC-2', state: 'running' });
    v3.close();
  });
});

describe('schema upgrade v4 → v5', () => {
  it('keeps the rules in place and adds an empty history that versions can be found in', async () => {
    const v4 = new Dexie(NAME);
    v4.version(4).stores({ matrices: '&id', policies: '&id, order' });
    await v4
      .table('matrices')
      .put({ id: 'active', version: 7, matrix: { rows: [] }, updatedAt: 1 });
    v4.close();

    const v5 = new DeskDatabase(NAME);
    await v5.open();
    expect(await v5.matrices.get('active')).toMatchObject({ version: 7 });
    expect(await v5.ruleVersions.count()).toBe(0);
    await v5.ruleVersions.add({
      kind: 'matrix',
      subject: 'active',
      version: 1,
      value: { kind: 'matrix', matrix: { rows: [] } },
      savedAt: 1,
      savedBy: 'system',
      note: '',
    });
    expect(
      await v5.ruleVersions
        .where('[kind+subject+version]')
        .between(['matrix', 'active', 0], ['matrix', 'active', Infinity])
        .count(),
    ).toBe(1);
    v5.close();
  });
});

describe('schema upgrade v5 → v6', () => {
  it('keeps the desk and adds an empty outbox and sync state, with sync off', async () => {
    const v5 = new Dexie(NAME);
    v5.version(5).stores({ tickets: '&id, status', ruleVersions: '++id, [kind+subject+version]' });
    await v5.table('tickets').put({ id: 'ESC-1', status: 'open' });
    v5.close();

    const v6 = new DeskDatabase(NAME);
    await v6.open();
    expect(v6.verno).toBe(6);
    expect(await v6.tickets.get('ESC-1')).toEqual({ id: 'ESC-1', status: 'open' });
    expect(await v6.outbox.count()).toBe(0);
    expect(await v6.syncMeta.count()).toBe(0);
    expect(v6.syncRecorder.recording).toBe(false);
    v6.close();
  });
});
