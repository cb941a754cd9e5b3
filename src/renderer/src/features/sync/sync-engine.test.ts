import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  formatHlc,
  type SlaPolicy,
  type DeskEvent,
  type EscalationMatrix,
  type Mutation,
  type Ticket,
  memorySignInKeeper,
  SessionBroker,
  type SessionPort,
  type SignInKeeper,
} from '@core/index';
import { demoCalendars, demoPolicies, type DemoCalendar } from '@core/demo';
import { DeskDatabase, type MatrixRow } from '../../db/database';
import { onDeskChanged } from '../../db/desk-changes';
import { readClientState } from '../../db/outbox';
import { openTestDesk, TEST_T0 } from '../../db/test-desk';
import { savePolicies } from '../rules/rule-store';
import type { SyncedChanges } from './after-sync';
import { fetchPost, SyncInputError, SyncServerError, SyncUnreachableError } from './sync-api';
import { nextPushBatch, SyncEngine } from './sync-engine';
import { TestSyncServer } from './test-sync-server';

const NOW = TEST_T0;

function ticket(id: string, patch: Partial<Ticket> = {}): Ticket {
  return {
    id,
    title: 'Card terminal offline',
    description: 'The store’s card terminals stopped at 9:00.',
    customerId: 'c-1',
    tier: 'enterprise',
    channel: 'phone',
    category: 'payments',
    priority: 'P2',
    status: 'open',
    level: 0,
    createdAt: NOW - 60_000,
    updatedAt: NOW - 60_000,
    escalated: false,
    breached: false,
    ...patch,
  };
}

function note(id: string, ticketId: string, body: string): DeskEvent {
  return { id, ticketId, type: 'note', at: NOW - 30_000, by: 'p-1', body };
}

function matrixRow(name: string, version = 1): MatrixRow {
  const matrix: EscalationMatrix = {
    rows: [
      {
        id: 'r-1',
        name,
        criteria: {},
        levels: [
          {
            id: 'l-1',
            type: 'hierarchical',
            trigger: { kind: 'after_minutes', minutes: 30, mode: 'calendar' },
            actions: [{ kind: 'reassign' }],
            repeat: { kind: 'none' },
          },
        ],
      },
    ],
  };
  return { id: 'active', version, matrix, updatedAt: NOW };
}

let server: TestSyncServer;
let database: DeskDatabase;
let keeper: SignInKeeper;
let sessions: SessionPort;
let engine: SyncEngine;
let followed: SyncedChanges[];

function engineFor(db: DeskDatabase, onApplied?: (changes: SyncedChanges) => void): SyncEngine {
  return new SyncEngine({
    db,
    fetch: server.fetch,
    now: () => NOW,
    sessions,
    autoSync: false,
    onApplied: onApplied ?? ((changes) => void followed.push(changes)),
  });
}

beforeEach(() => {
  server = new TestSyncServer();
  server.now = () => NOW;
  database = new DeskDatabase(`sync-engine-${Math.random()}`);
  keeper = memorySignInKeeper();
  sessions = new SessionBroker(fetchPost(server.fetch, 20_000), keeper);
  followed = [];
  engine = engineFor(database);
});

afterEach(async () => {
  engine.stop();
  database.close();
  await Dexie.delete(database.name);
});

async function join(spaceId = 'north'): Promise<void> {
  await engine.signIn(server.origin, server.user.email, server.password);
  await engine.joinSpace(spaceId);
}

const state = () => engine.store.getState();
const pushes = () =>
  server.requests
    .filter((request) => request.path.endsWith('/push'))
    .map((request) => (request.body as { mutations: Mutation[] }).mutations);
const outbox = () => database.outbox.orderBy('mid').toArray();

describe('SyncEngine: signing in', () => {
  it.each([
    ['ftp://sync.example.com', 'The address must start with https://.'],
    [
      'http://sync.example.com',
      'Use https:// for a server on another computer; http:// is allowed only for localhost.',
    ],
    ['sync.example.com', 'Write the address in full'],
    ['', 'Enter the address of your team’s sync server.'],
  ])('refuses the server address %j with a sentence', async (address, message) => {
    const signingIn = engine.signIn(address, server.user.email, server.password);
    await expect(signingIn).rejects.toBeInstanceOf(SyncInputError);
    await expect(signingIn).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });

  it('shows the server’s sentence for a wrong password, and says when it cannot be reached', async () => {
    const wrong = engine.signIn(server.origin, server.user.email, 'guess');
    await expect(wrong).rejects.toBeInstanceOf(SyncServerError);
    await expect(wrong).rejects.toThrow('Wrong email or password.');

    server.failNext(/sign-in/, { kind: 'unreachable' });
    const away = engine.signIn(server.origin, server.user.email, server.password);
    await expect(away).rejects.toBeInstanceOf(SyncUnreachableError);
    await expect(away).rejects.toThrow('The sync server sync.test could not be reached.');
    expect(await keeper.load()).toBeNull();
  });

  it('gives the account and its spaces, and keeps the refresh token', async () => {
    const user = await engine.signIn(`${server.origin}/`, server.user.email, server.password);
    expect(user.spaces.map((space) => space.name)).toEqual(['North desk', 'South desk']);
    expect(await keeper.load()).toEqual({
      serverUrl: server.origin,
      refreshToken: 'refresh-token-number-1',
    });
    expect(state()).toMatchObject({ status: 'off', serverUrl: server.origin, user });
  });
});

describe('SyncEngine: pushing', () => {
  it('joins a space with the desk’s existing rows, pushes them and empties the outbox', async () => {
    await database.tickets.bulkAdd([ticket('ESC-1'), ticket('ESC-2')]);
    await database.events.add(note('n-1', 'ESC-2', 'Called the store'));
    await database.customers.add({ id: 'c-1', name: 'Acme', tier: 'enterprise' });
    await join();
    // Tickets numbered before sync take the desk's code, with what names them.
    const code = (await readClientState(database))!.clientId.slice(0, 8).toUpperCase();
    expect((await outbox()).map((row) => `${row.table}/${row.id}`)).toEqual([
      `tickets/ESC-${code}-1`,
      `tickets/ESC-${code}-2`,
      'events/n-1',
      'customers/c-1',
    ]);
    expect((await database.events.get('n-1'))?.ticketId).toBe(`ESC-${code}-2`);

    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await database.outbox.count()).toBe(0);
    expect(server.data('tickets', `ESC-${code}-2`)).toEqual(ticket(`ESC-${code}-2`));
    expect(server.data('events', 'n-1')).toMatchObject({ ticketId: `ESC-${code}-2` });
    expect(state()).toMatchObject({ status: 'online', lastSyncAt: NOW, space: { id: 'north' } });
    // The desk's own rows coming back in the pull change nothing.
    expect(followed).toEqual([]);

    await database.tickets.update(`ESC-${code}-1`, { priority: 'P1' });
    await engine.syncNow();
    expect(pushes().at(-1)).toEqual([
      expect.objectContaining({
        table: 'tickets',
        id: `ESC-${code}-1`,
        changes: { priority: 'P1' },
      }),
    ]);
    expect(server.data('tickets', `ESC-${code}-1`)).toMatchObject({
      priority: 'P1',
      title: ticket('').title,
    });
  });

  it('keeps everything while the server cannot be reached, and says so', async () => {
    await join();
    await database.tickets.add(ticket('ESC-1'));
    server.failNext(/push/, { kind: 'unreachable' });
    expect(await engine.syncNow()).toEqual({
      ok: false,
      status: 'offline',
      error: 'The sync server sync.test could not be reached.',
    });
    expect(state()).toMatchObject({ status: 'offline', pending: 1 });
    expect(await database.outbox.count()).toBe(1);
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(server.data('tickets', 'ESC-1')).toBeDefined();
  });

  it('with no network at all, sends nothing until the network is back, then syncs at once', async () => {
    const listeners = new Set<() => void>();
    const network = {
      navigator: { onLine: false },
      addEventListener: (_type: 'online', listener: () => void) => void listeners.add(listener),
      removeEventListener: (_type: 'online', listener: () => void) =>
        void listeners.delete(listener),
    };
    engine = new SyncEngine({
      db: database,
      fetch: server.fetch,
      now: () => NOW,
      sessions,
      onlineEvents: network,
      pushDelayMs: 60_000,
      pollMs: 3_600_000,
    });
    network.navigator.onLine = true;
    await join();
    expect(await engine.syncNow()).toEqual({ ok: true });
    network.navigator.onLine = false;
    await database.tickets.add(ticket('ESC-1'));
    const requests = server.requests.length;
    expect(await engine.syncNow()).toMatchObject({ ok: false, status: 'offline' });
    expect(server.requests.length).toBe(requests);
    expect(state().status).toBe('offline');
    expect(await database.outbox.count()).toBe(1);

    network.navigator.onLine = true;
    for (const listener of listeners) listener();
    await expect.poll(() => server.data('tickets', 'ESC-1')).toBeDefined();
  });

  it('sends again after a lost answer, which the server takes as already done', async () => {
    await join();
    await database.tickets.add(ticket('ESC-1'));
    server.failNext(/push/, { kind: 'lost-answer' });
    expect(await engine.syncNow()).toMatchObject({ ok: false, status: 'offline' });
    expect(server.data('tickets', 'ESC-1')).toBeDefined();
    expect(await database.outbox.count()).toBe(1);
    const version = server.version;

    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(pushes()).toHaveLength(2);
    expect(pushes()[1]).toEqual(pushes()[0]);
    expect(server.version).toBe(version);
    expect(await database.outbox.count()).toBe(0);
  });

  it('resends from the mid the server expects after a 409', async () => {
    await join();
    await database.tickets.add(ticket('ESC-1'));
    await database.tickets.add(ticket('ESC-2'));
    await database.tickets.add(ticket('ESC-3'));
    // The first change is gone (discarded): the server still expects mid 1.
    await database.outbox.delete(1);

    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(pushes().map((batch) => batch.map((m) => m.mid))).toEqual([
      [2, 3],
      [1, 2],
    ]);
    expect(server.data('tickets', 'ESC-3')).toBeDefined();
    const { clientId, nextMid } = (await readClientState(database))!;
    expect(server.lastMid.get(clientId)).toBe(2);
    expect(nextMid).toBe(3);
  });

  it('applies the server’s row for a refused change and lists the refusal with its reason', async () => {
    server.seed('matrices', 'active', { ...matrixRow('From the manager') });
    server.user = { ...server.user, role: 'agent' };
    await join();
    await engine.syncNow();
    expect((await database.matrices.get('active'))?.matrix.rows[0]?.name).toBe('From the manager');

    await database.matrices.put(matrixRow('Agent’s edit', 2));
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect((await database.matrices.get('active'))?.matrix.rows[0]?.name).toBe('From the manager');
    expect(await database.outbox.count()).toBe(0);
    expect(state().rejected).toEqual([
      expect.objectContaining({
        table: 'matrices',
        id: 'active',
        code: 'forbidden',
        reason:
          'Only managers and admins can change the escalation matrix; you are signed in as agent.',
        serverRow: expect.objectContaining({ rowVersion: 1 }),
      }),
    ]);
    // The desk took the server's version: nothing was kept of its own.
    expect(state().rejected[0]).not.toHaveProperty('kept');

    await engine.dismissRejected();
    expect(state().rejected).toEqual([]);
  });

  it('builds a second offline save of a rules row on the first', async () => {
    await join();
    await database.matrices.put(matrixRow('First'));
    await database.matrices.put(matrixRow('Second', 2));
    expect((await outbox()).map((row) => row.baseVersion)).toEqual([0, 1]);

    expect(await engine.syncNow()).toEqual({ ok: true });
    // One save of a rules row per push: a refusal is known before the next save is sent.
    expect(pushes()).toHaveLength(2);
    expect(server.rows.get('matrices/active')?.row.rowVersion).toBe(2);
    expect(server.data('matrices', 'active')).toEqual(matrixRow('Second', 2));
    expect(state().rejected).toEqual([]);
  });

  it('drops later saves built on a refused one, and shows the version saved elsewhere', async () => {
    server.seed('matrices', 'active', { ...matrixRow('Base') });
    await join();
    await engine.syncNow();
    await database.matrices.put(matrixRow('Mine', 2));
    await database.matrices.put(matrixRow('Mine again', 3));
    // Meanwhile another desk saved version 2.
    server.seed('matrices', 'active', { ...matrixRow('Theirs', 2) }, 2);

    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(server.data('matrices', 'active')).toEqual(matrixRow('Theirs', 2));
    expect(await database.matrices.get('active')).toEqual(matrixRow('Theirs', 2));
    expect(state().rejected).toEqual([
      expect.objectContaining({
        code: 'stale',
        reason: expect.stringMatching(/^The escalation matrix "active" was saved elsewhere/),
      }),
      expect.objectContaining({
        code: 'stale',
        reason:
          'Not sent: it was made on your earlier change to the escalation matrix "active", which the server refused.',
      }),
    ]);
    expect(await database.outbox.count()).toBe(0);

    // The next save is based on the server's version, and goes through.
    await database.matrices.put(matrixRow('Redone', 3));
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(server.data('matrices', 'active')).toEqual(matrixRow('Redone', 3));
  });
});

describe('SyncEngine: pulling', () => {
  it('pulls page after page, stores the cursor and tells the desk what changed', async () => {
    await join();
    server.pageSize = 2;
    for (const id of ['ESC-1', 'ESC-2', 'ESC-3']) server.seed('tickets', id, { ...ticket(id) });
    server.seed('events', 'e-1', { ...note('e-1', 'ESC-2', 'Called the store.') });
    server.seed('customers', 'c-1', { id: 'c-1', name: 'Acme', tier: 'enterprise' });

    expect(await engine.syncNow()).toEqual({ ok: true });
    const pulls = server.requests.filter((request) => request.path.includes('/pull'));
    expect(
      pulls.map((request) => new URL(request.path, server.origin).searchParams.get('after')),
    ).toEqual(['0', '2', '4']);
    expect(await database.tickets.count()).toBe(3);
    expect(await database.events.get('e-1')).toEqual(note('e-1', 'ESC-2', 'Called the store.'));
    expect((await database.syncMeta.get('cursor'))?.value).toBe(5);
    expect(await database.outbox.count()).toBe(0);
    expect(followed).toHaveLength(1);
    expect([...followed[0]!.ticketIds].sort()).toEqual(['ESC-1', 'ESC-2', 'ESC-3']);
    expect([...followed[0]!.tables].sort()).toEqual(['customers', 'events', 'tickets']);
  });

  it('lays local changes not sent yet over the rows a pull brings', async () => {
    await join();
    await database.tickets.add(ticket('ESC-1'));
    await engine.syncNow();
    // Another desk raises the priority; this desk retitles the ticket while the pull is on its way.
    server.seed('tickets', 'ESC-1', { ...ticket('ESC-1', { priority: 'P1' }) }, 2);
    server.onRequest = async (method, path) => {
      if (!path.includes('/pull')) return;
      server.onRequest = undefined;
      await database.tickets.update('ESC-1', { title: 'All card terminals offline' });
    };

    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await database.tickets.get('ESC-1')).toMatchObject({
      priority: 'P1',
      title: 'All card terminals offline',
    });
    expect((await outbox()).map((row) => row.changes)).toEqual([
      { title: 'All card terminals offline' },
    ]);

    await engine.syncNow();
    expect(server.data('tickets', 'ESC-1')).toMatchObject({
      priority: 'P1',
      title: 'All card terminals offline',
    });
  });

  it('recomputes pulled tickets’ SLA rows and tells the alert engine which tickets changed', async () => {
    engine.stop();
    database.close();
    database = await openTestDesk('sync-follow');
    // The desk's own follow-up, not the test's recorder.
    engine = new SyncEngine({
      db: database,
      fetch: server.fetch,
      now: () => NOW,
      sessions,
      autoSync: false,
    });
    const changed: (readonly string[] | 'all')[] = [];
    const unsubscribe = onDeskChanged((ids) => changed.push(ids));
    try {
      await join();
      server.seed('tickets', 'ESC-7', { ...ticket('ESC-7') });
      server.seed('events', 'e-7', {
        id: 'e-7',
        ticketId: 'ESC-7',
        type: 'created',
        at: NOW - 60_000,
        by: 'p-1',
        priority: 'P2',
        category: 'payments',
        tier: 'enterprise',
        channel: 'phone',
        status: 'open',
      });
      expect(await engine.syncNow()).toEqual({ ok: true });
      expect(await database.ticketSla.get('ESC-7')).toMatchObject({ ticketId: 'ESC-7', open: 1 });
      expect(changed).toContainEqual(['ESC-7']);
      // Deriving the SLA row wrote nothing to send.
      expect(await database.outbox.count()).toBe(0);
    } finally {
      unsubscribe();
    }
  });

  it.each([
    ['a pull of another protocol', { protocol: 99, changes: [], cursor: 9, more: false }],
    ['a cursor that is not a number', { protocol: 2, changes: [], cursor: 'all', more: false }],
    ['no list of changes', { protocol: 2, cursor: 9, more: false }],
    ['something that is not an object', '<html>Bad gateway</html>'],
    [
      'a cursor going back',
      {
        protocol: 2,
        changes: [{ table: 'tickets', id: 'ESC-1', version: 1 }],
        cursor: 0,
        more: false,
      },
    ],
  ])('refuses %s and applies nothing of it', async (_case, body) => {
    await join();
    await engine.syncNow();
    await database.syncMeta.put({ key: 'cursor', value: 3 });
    server.failNext(/pull/, { kind: 'answer', status: 200, body });
    const outcome = await engine.syncNow();
    expect(outcome).toMatchObject({ ok: false, status: 'error' });
    expect(state().error).toMatch(/./);
    expect(await database.tickets.count()).toBe(0);
    expect((await database.syncMeta.get('cursor'))?.value).toBe(3);
  });

  it.each([
    [
      'a table the desk does not sync',
      {
        table: 'settings',
        id: 'theme',
        version: 1,
        rowVersion: 1,
        deleted: false,
        row: { key: 'theme' },
      },
      'not a table this desk syncs',
    ],
    [
      'a ticket without a title',
      {
        table: 'tickets',
        id: 'ESC-9',
        version: 1,
        rowVersion: 1,
        deleted: false,
        row: { ...ticket('ESC-9'), title: undefined },
      },
      'row.title',
    ],
    [
      'a row filed under another id',
      {
        table: 'tickets',
        id: 'ESC-9',
        version: 1,
        rowVersion: 1,
        deleted: false,
        row: ticket('ESC-8'),
      },
      'row.id: is not "ESC-9"',
    ],
    [
      'a matrix that is not a matrix',
      {
        table: 'matrices',
        id: 'active',
        version: 1,
        rowVersion: 1,
        deleted: false,
        row: { id: 'active', version: 1, matrix: 'escalate everything', updatedAt: 1 },
      },
      'row.matrix',
    ],
    ['no envelope at all', 'ESC-9', 'body'],
  ])('skips %s, records why, and applies the rest of the page', async (_case, bad, problem) => {
    await join();
    await engine.syncNow();
    const good = {
      table: 'tickets',
      id: 'ESC-1',
      version: 2,
      rowVersion: 1,
      deleted: false,
      row: ticket('ESC-1'),
    };
    server.failNext(/pull/, {
      kind: 'answer',
      status: 200,
      body: { protocol: 2, changes: [bad, good], cursor: 2, more: false },
    });
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await database.tickets.get('ESC-1')).toEqual(ticket('ESC-1'));
    expect(await database.tickets.count()).toBe(1);
    expect(await database.matrices.count()).toBe(0);
    expect(state().skipped).toEqual([
      expect.objectContaining({ problem: expect.stringContaining(problem) }),
    ]);
    expect(state().error).toBe(
      'The server sent a change this desk could not read; it was skipped.',
    );
  });

  it('keeps the outbox when the answer to a push is not understood', async () => {
    await join();
    await database.tickets.add(ticket('ESC-1'));
    server.failNext(/push/, { kind: 'answer', status: 200, body: { protocol: 2, lastMid: 'all' } });
    expect(await engine.syncNow()).toMatchObject({ ok: false, status: 'error' });
    expect(state().error).toMatch(/answer to the push was not understood \(lastMid:/);
    expect(await database.outbox.count()).toBe(1);
  });
});

describe('SyncEngine: sessions', () => {
  it('refreshes an expired access token once and carries on', async () => {
    await join();
    await database.tickets.add(ticket('ESC-1'));
    server.expireAccessTokens();
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(server.requests.filter((request) => request.path === '/v1/auth/refresh')).toHaveLength(
      1,
    );
    // The refresh token was rotated and the new one kept.
    expect((await keeper.load())?.refreshToken).toBe('refresh-token-number-2');
    expect(server.data('tickets', 'ESC-1')).toBeDefined();
  });

  it('measures its token’s lifetime from the server’s clock, so a desk clock 30 minutes ahead does not refresh for every request', async () => {
    engine = new SyncEngine({
      db: database,
      fetch: server.fetch,
      now: () => NOW + 30 * 60_000,
      sessions,
      autoSync: false,
      onApplied: () => undefined,
    });
    await join();
    for (let i = 0; i < 3; i++) {
      await database.customers.put({ id: `c-${i}`, name: 'Acme', tier: 'enterprise' });
      expect(await engine.syncNow()).toEqual({ ok: true });
    }
    expect(server.requests.filter((request) => request.path === '/v1/auth/refresh')).toEqual([]);
  });

  it('asks to sign in again when the session was ended, keeping the unsent changes', async () => {
    await join();
    await database.tickets.add(ticket('ESC-1'));
    server.revokeSessions();
    expect(await engine.syncNow()).toMatchObject({ ok: false, status: 'signed_out' });
    expect(state().error).toBe('This sign-in has ended. Sign in again to sync.');
    expect(await keeper.load()).toBeNull();
    expect(await database.outbox.count()).toBe(1);

    // Signing in again resumes the same space and sends what waited.
    await engine.signIn(server.origin, server.user.email, server.password);
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(server.data('tickets', 'ESC-1')).toBeDefined();
  });

  it('starts from a saved connection after a restart', async () => {
    await join();
    await engine.syncNow();
    engine.stop();
    await database.tickets.add(ticket('ESC-5'));

    const restarted = engineFor(database);
    await restarted.start();
    expect(restarted.store.getState()).toMatchObject({ space: { id: 'north' }, pending: 1 });
    expect(await restarted.syncNow()).toEqual({ ok: true });
    expect(server.data('tickets', 'ESC-5')).toBeDefined();
    restarted.stop();
  });

  it('signs out keeping unsent changes, or turns sync off discarding them', async () => {
    await join();
    await database.tickets.add(ticket('ESC-1'));
    await engine.signOut();
    expect(server.requests.at(-1)).toMatchObject({ path: '/v1/auth/sign-out' });
    expect(state()).toMatchObject({ status: 'signed_out', space: { id: 'north' }, pending: 1 });
    expect(database.syncRecorder.recording).toBe(true);

    await engine.signOut({ discardUnsent: true });
    expect(state()).toMatchObject({ status: 'off', space: undefined, user: undefined });
    expect(await database.outbox.count()).toBe(0);
    expect(database.syncRecorder.recording).toBe(false);
    await database.tickets.update('ESC-1', { level: 1 });
    expect(await database.outbox.count()).toBe(0);
    expect(await database.tickets.count()).toBe(1);
  });
});

describe('SyncEngine: joining a space that has data', () => {
  it('never overwrites the team’s newer rows nor brings back what the team deleted', async () => {
    await database.customers.add({ id: 'c-1', name: 'Acme (old name)', tier: 'enterprise' });
    await database.customers.add({ id: 'c-2', name: 'Globex', tier: 'business' });
    await database.customers.add({ id: 'c-3', name: 'Initech', tier: 'standard' });
    // Overnight, the team renamed c-1 and deleted c-2; this desk has not seen either.
    server.seed('customers', 'c-1', { id: 'c-1', name: 'Acme Corporation', tier: 'enterprise' });
    server.seed('customers', 'c-2', { id: 'c-2', name: 'Globex', tier: 'business' });
    server.seedDelete('customers', 'c-2');
    await join();
    expect(await engine.syncNow()).toEqual({ ok: true });

    expect(server.data('customers', 'c-1')?.name).toBe('Acme Corporation');
    expect(server.data('customers', 'c-2')).toBeUndefined();
    expect(server.data('customers', 'c-3')?.name).toBe('Initech');
    expect(await database.customers.get('c-1')).toMatchObject({ name: 'Acme Corporation' });
    expect(await database.customers.get('c-2')).toBeUndefined();
    // Taking the team's copy is not a refusal to show.
    expect(state().rejected).toEqual([]);
  });

  it('signing out and in again re-joins without undoing the team’s edits', async () => {
    await database.customers.add({ id: 'c-1', name: 'Acme', tier: 'enterprise' });
    await join();
    await engine.syncNow();
    await engine.signOut();
    // While signed out, another desk renames the customer (later, by the clock).
    server.seed(
      'customers',
      'c-1',
      { id: 'c-1', name: 'Acme Renamed', tier: 'enterprise' },
      2,
      NOW + 60_000,
    );
    await join();
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(server.data('customers', 'c-1')?.name).toBe('Acme Renamed');
    expect((await database.customers.get('c-1'))?.name).toBe('Acme Renamed');
  });

  it('as an agent, queues only what an agent may write, and keeps the desk’s own teams', async () => {
    server.user = { ...server.user, role: 'agent' };
    await database.teams.add({ id: 'team-1', name: 'Store 12', skills: [] });
    await database.matrices.put(matrixRow('Local matrix'));
    await database.customers.add({ id: 'c-1', name: 'Acme', tier: 'enterprise' });
    await join();
    expect((await outbox()).map((row) => row.table)).toEqual(['customers']);
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(state().rejected).toEqual([]);
    expect(await database.teams.get('team-1')).toBeDefined();
    expect(await database.matrices.get('active')).toBeDefined();
  });

  it('gives every queued row its own transaction, so one refusal takes no other row with it', async () => {
    await database.customers.bulkAdd([
      { id: 'c-1', name: 'Acme', tier: 'enterprise' },
      { id: 'c-2', name: 'Globex', tier: 'business' },
    ]);
    await join();
    const queued = await outbox();
    expect(new Set(queued.map((row) => row.tx)).size).toBe(queued.length);
  });
});

describe('SyncEngine: rules of this desk only', () => {
  // The store runs round the clock (its P1 policy), the team in office hours (its P2 policy).
  const [teamCalendar, storeCalendar] = demoCalendars();
  const [storePolicy, teamPolicy] = demoPolicies();
  const policyRow = (policy: SlaPolicy, order: number) => ({
    id: policy.id,
    order,
    policy,
    updatedAt: NOW,
  });
  const calendarRow = (calendar: DemoCalendar) => ({ ...calendar, updatedAt: NOW });

  /** An agent's store desk with rules of its own, joining a team that has its own policy. */
  async function agentDeskWithOwnRules(teamHasPolicy = true): Promise<void> {
    server.user = { ...server.user, role: 'agent' };
    await database.calendars.put(calendarRow(storeCalendar!));
    await database.policies.put(policyRow({ ...storePolicy!, name: 'Store SLA' }, 0));
    await database.matrices.put(matrixRow('Store matrix'));
    if (teamHasPolicy) {
      server.seed('calendars', teamCalendar!.id, calendarRow(teamCalendar!));
      server.seed('policies', teamPolicy!.id, policyRow(teamPolicy!, 0));
    }
    await join();
    expect(await engine.syncNow()).toEqual({ ok: true });
  }

  it('lists the rules rows the team lacks, and drops them without sending anything', async () => {
    await agentDeskWithOwnRules();
    expect(await engine.localRules()).toEqual([
      { table: 'policies', id: storePolicy!.id, name: 'Store SLA' },
      { table: 'calendars', id: storeCalendar!.id, name: storeCalendar!.name },
      { table: 'matrices', id: 'active', name: 'escalation matrix' },
    ]);
    const pushed = pushes().length;
    followed = [];

    const dropped = await engine.useTeamRulesOnly();

    expect(dropped.map((rule) => rule.id)).toEqual([storePolicy!.id, storeCalendar!.id, 'active']);
    expect((await database.policies.toArray()).map((row) => row.id)).toEqual([teamPolicy!.id]);
    expect((await database.calendars.toArray()).map((row) => row.id)).toEqual([teamCalendar!.id]);
    expect(await database.matrices.get('active')).toBeUndefined();
    expect(await engine.localRules()).toEqual([]);
    // The team never had these rows: no delete is queued or sent.
    expect(await outbox()).toEqual([]);
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(pushes()).toHaveLength(pushed);
    // The desk recomputes its clocks with the team's policies, as after a pull.
    expect(followed[0]?.tables).toEqual(['policies', 'calendars', 'matrices']);
  });

  it('keeps an agent’s edit of the desk’s own rule that the team refuses, and its later edits', async () => {
    await agentDeskWithOwnRules();
    const renamed = { ...storePolicy!, name: 'Store SLA (late shift)' };
    await database.policies.put(policyRow(renamed, 0));
    expect(await engine.syncNow()).toEqual({ ok: true });
    // Refused (agents do not change the team's rules), but the row was never the team's: it stays.
    expect(server.data('policies', storePolicy!.id)).toBeUndefined();
    expect((await database.policies.get(storePolicy!.id))?.policy.name).toBe(renamed.name);
    expect(state().rejected).toEqual([
      expect.objectContaining({
        table: 'policies',
        id: storePolicy!.id,
        code: 'forbidden',
        kept: true,
      }),
    ]);
    expect((await engine.localRules()).map((rule) => rule.name)).toContain(renamed.name);

    // A second edit, and a rule made after joining, are kept the same way.
    await database.policies.put(policyRow({ ...renamed, name: 'Store SLA (night)' }, 0));
    await database.calendars.put(
      calendarRow({ ...storeCalendar!, id: 'pop-up', name: 'Pop-up store' }),
    );
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect((await database.policies.get(storePolicy!.id))?.policy.name).toBe('Store SLA (night)');
    expect((await database.calendars.get('pop-up'))?.name).toBe('Pop-up store');
    expect(await outbox()).toEqual([]);
    expect((await engine.localRules()).map((rule) => rule.name)).toEqual([
      'Store SLA (night)',
      storeCalendar!.name,
      'Pop-up store',
      'escalation matrix',
    ]);
    // Clearing the list of refusals does not hide them: they are still this desk's own.
    await engine.dismissRejected();
    expect(await engine.localRules()).toHaveLength(4);
  });

  it('keeps the desk’s own policy an agent renames in the policies editor; the team’s comes back', async () => {
    await agentDeskWithOwnRules();
    const names = async () =>
      (await database.policies.toArray()).map((row) => row.policy.name).sort();
    expect(await names()).toEqual([teamPolicy!.name, 'Store SLA'].sort());
    // The editor saves the whole list: a removal and a put of every row, in one transaction. It
    // needs a fallback last; the agent adds one.
    const fallback = { ...teamPolicy!, id: 'any', name: 'Any ticket', conditions: {} };
    await savePolicies(
      [
        { ...teamPolicy!, name: 'Team SLA, edited by an agent' },
        { ...storePolicy!, name: 'Store SLA (late shift)' },
        fallback,
      ],
      {
        database,
        now: NOW,
      },
    );
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await names()).toEqual(
      [teamPolicy!.name, 'Store SLA (late shift)', 'Any ticket'].sort(),
    );
    expect(await outbox()).toEqual([]);
    expect((await engine.localRules()).map((rule) => rule.id).sort()).toEqual(
      [storePolicy!.id, 'any', storeCalendar!.id, 'active'].sort(),
    );
    // A second save is kept the same way.
    await savePolicies([teamPolicy!, { ...storePolicy!, name: 'Store SLA (night)' }, fallback], {
      database,
      now: NOW,
    });
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await names()).toEqual([teamPolicy!.name, 'Store SLA (night)', 'Any ticket'].sort());
  });

  it('takes back an agent’s edit of a team policy saved with the desk’s own calendar while that calendar’s refusal was on its way', async () => {
    await agentDeskWithOwnRules();
    // The agent adds a calendar of the desk's own (from a template) ...
    const night = { ...storeCalendar!, id: 'cal-night', name: 'Night' };
    await database.calendars.put(calendarRow(night));
    // ... and, while that save is on its way to be refused, saves the team's policy and the
    // calendar together.
    server.onRequest = async (_method, path) => {
      if (!path.endsWith('/push')) return;
      server.onRequest = undefined;
      await database.transaction('rw', database.policies, database.calendars, async () => {
        await database.policies.put(
          policyRow({ ...teamPolicy!, name: 'Team SLA, edited by an agent' }, 0),
        );
        await database.calendars.put(calendarRow({ ...night, name: 'Night shift' }));
      });
    };
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await engine.syncNow()).toEqual({ ok: true });
    // The team's policy is the team's again; the desk's own calendar keeps the agent's edit.
    expect((await database.policies.get(teamPolicy!.id))?.policy.name).toBe(teamPolicy!.name);
    expect((await database.calendars.get('cal-night'))?.name).toBe('Night shift');
    expect(await outbox()).toEqual([]);
    expect((await engine.localRules()).map((rule) => rule.id)).toContain('cal-night');
    expect((await engine.localRules()).map((rule) => rule.id)).not.toContain(teamPolicy!.id);
  });

  it('drops an agent’s later save of a team policy the role refused, so a promotion cannot send it over a manager’s', async () => {
    await agentDeskWithOwnRules();
    await database.policies.put(policyRow({ ...teamPolicy!, name: 'Agent edit 1' }, 0));
    server.onRequest = async (_method, path) => {
      if (!path.endsWith('/push')) return;
      // Before the next push the agent is made a manager.
      server.onRequest = (_again, next) => {
        if (!next.endsWith('/push')) return;
        server.onRequest = undefined;
        server.user = { ...server.user, role: 'manager' };
      };
      // A manager on another desk saves the team's policy, and the agent saves it again.
      server.seed(
        'policies',
        teamPolicy!.id,
        policyRow({ ...teamPolicy!, name: 'Manager’s edit' }, 0),
        2,
      );
      await database.policies.put(policyRow({ ...teamPolicy!, name: 'Agent edit 2' }, 0));
    };
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await engine.syncNow()).toEqual({ ok: true });
    const name = (server.data('policies', teamPolicy!.id) as { policy: SlaPolicy }).policy.name;
    expect(name).toBe('Manager’s edit');
    expect((await database.policies.get(teamPolicy!.id))?.policy.name).toBe('Manager’s edit');
    expect(await outbox()).toEqual([]);
  });

  it('sends the desk’s own policy once the agent is made a manager, saved from the policies editor', async () => {
    await agentDeskWithOwnRules();
    server.user = { ...server.user, role: 'manager' };
    const policyName = (id: string) =>
      (server.data('policies', id) as { policy?: { name?: string } } | undefined)?.policy?.name;
    const fallback = { ...teamPolicy!, id: 'any', name: 'Any ticket', conditions: {} };
    // The editor removes and puts every row in one transaction; the store policy was never the
    // team's, so its removal leaves the server at version 0 and the put must be based on that.
    await savePolicies(
      [teamPolicy!, { ...storePolicy!, name: 'Store SLA (late shift)' }, fallback],
      {
        database,
        now: NOW,
      },
    );
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(state().rejected).toEqual([]);
    expect(policyName(storePolicy!.id)).toBe('Store SLA (late shift)');
    expect(policyName('any')).toBe('Any ticket');
    expect(await outbox()).toEqual([]);
    // And the next save builds on the version the server now has.
    await savePolicies([teamPolicy!, { ...storePolicy!, name: 'Store SLA (night)' }, fallback], {
      database,
      now: NOW,
    });
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(state().rejected).toEqual([]);
    expect(policyName(storePolicy!.id)).toBe('Store SLA (night)');
  });

  it('refuses while the team has no SLA policy here, changing nothing', async () => {
    await agentDeskWithOwnRules(false);
    await expect(engine.useTeamRulesOnly()).rejects.toThrow(/The team has no SLA policy yet/);
    expect(await database.policies.count()).toBe(1);
    expect(await database.calendars.count()).toBe(1);
    expect(await database.matrices.get('active')).toBeDefined();
  });

  it('keeps a calendar of its own that a team policy uses', async () => {
    server.seed(
      'policies',
      teamPolicy!.id,
      policyRow({ ...teamPolicy!, calendar: storeCalendar!.id }, 0),
    );
    await agentDeskWithOwnRules(false);
    const dropped = await engine.useTeamRulesOnly();
    expect(dropped.map((rule) => rule.table)).toEqual(['policies', 'matrices']);
    expect(await database.calendars.get(storeCalendar!.id)).toBeDefined();
  });

  it('is refused before joining a space', async () => {
    await expect(engine.useTeamRulesOnly()).rejects.toThrow('Join a team space first.');
  });
});

describe('SyncEngine: after joining, before the fills are answered', () => {
  it('drops a save made on the desk’s own rules row once the team’s replaced it, and says so', async () => {
    await database.matrices.put(matrixRow('Desk’s own'));
    server.seed('matrices', 'active', { ...matrixRow('Team’s') });
    await join();
    // A manager edits the desk's own matrix before the fill is answered.
    await database.matrices.put(matrixRow('Edited on the desk', 2));
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(server.data('matrices', 'active')).toEqual(matrixRow('Team’s'));
    expect(server.rows.get('matrices/active')?.row.rowVersion).toBe(1);
    expect(await database.matrices.get('active')).toEqual(matrixRow('Team’s'));
    expect(state().rejected).toEqual([
      expect.objectContaining({
        code: 'stale',
        reason: expect.stringContaining(
          'it was made on this desk’s own copy of the escalation matrix "active"'.replace('’', "'"),
        ),
      }),
    ]);
  });

  it('keeps a row it had before joining when the team refuses it, listing why', async () => {
    // A ticket written by an older desk, which the server's row check refuses.
    await database.tickets.add({ ...ticket('INC-7'), priority: 'high' as never });
    await join();
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(server.data('tickets', 'INC-7')).toBeUndefined();
    expect(await database.tickets.get('INC-7')).toBeDefined();
    expect(state().rejected).toEqual([
      expect.objectContaining({
        id: 'INC-7',
        code: 'invalid',
        reason: expect.stringContaining('row.priority'),
        kept: true,
      }),
    ]);
  });

  it('takes a new desk id when the server has changes of its id it never made (a copied profile)', async () => {
    await join();
    const { clientId } = (await readClientState(database))!;
    // The copy already pushed five changes under this id.
    server.lastMid.set(clientId, 5);
    await database.customers.add({ id: 'c-1', name: 'Acme', tier: 'enterprise' });
    expect(await engine.syncNow()).toEqual({ ok: true });
    const renewed = (await readClientState(database))!;
    expect(renewed.clientId).not.toBe(clientId);
    expect(server.data('customers', 'c-1')).toBeDefined();
    expect(await database.outbox.count()).toBe(0);
  });

  it('refuses at most one change a 400 names per sync, so a server refusing everything empties nothing', async () => {
    await join();
    await database.customers.add({ id: 'c-1', name: 'Acme', tier: 'enterprise' });
    await database.customers.add({ id: 'c-2', name: 'Globex', tier: 'business' });
    await database.customers.add({ id: 'c-3', name: 'Initech', tier: 'standard' });
    for (let i = 0; i < 3; i++) {
      server.failNext(/push/, {
        kind: 'answer',
        status: 400,
        body: { error: 'mutations.0.changes: this server version refuses everything.' },
      });
    }
    expect(await engine.syncNow()).toMatchObject({ ok: false, status: 'error' });
    expect(state().rejected).toHaveLength(1);
    expect(await database.outbox.count()).toBe(2);
  });

  it('gives another account on this desk a desk id of its own instead of resuming', async () => {
    await join();
    const first = (await readClientState(database))!.clientId;
    // Unsent changes keep the connection through the sign-out.
    await database.customers.add({ id: 'c-1', name: 'Acme', tier: 'enterprise' });
    await engine.signOut();
    expect(state().space).toMatchObject({ id: 'north' });
    server.user = { ...server.user, id: 'u-2', email: 'sam@example.com' };
    await engine.signIn(server.origin, server.user.email, server.password);
    expect(state().space).toBeUndefined();
    await engine.joinSpace('north');
    expect((await readClientState(database))!.clientId).not.toBe(first);
  });
});

describe('SyncEngine: changes that lose or cannot be sent', () => {
  it('takes the server’s value when its own edit lost to a later one, without listing a refusal', async () => {
    await join();
    await database.customers.add({ id: 'c-1', name: 'Acme', tier: 'enterprise' });
    await engine.syncNow();
    // Another desk renamed it a minute "later" than this desk's slow clock will stamp its edit.
    server.seed(
      'customers',
      'c-1',
      { id: 'c-1', name: 'Acme (theirs)', tier: 'enterprise' },
      2,
      NOW + 60_000,
    );
    await database.customers.update('c-1', { name: 'Acme (mine)' });
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect((await database.customers.get('c-1'))?.name).toBe('Acme (theirs)');
    expect(server.data('customers', 'c-1')?.name).toBe('Acme (theirs)');
    expect(state().rejected).toEqual([]);
  });

  it('moves its clock past what it pulled, so its next edit wins even with a slow clock', async () => {
    await join();
    server.seed(
      'customers',
      'c-1',
      { id: 'c-1', name: 'Acme', tier: 'enterprise' },
      1,
      NOW + 10 * 60_000,
    );
    await engine.syncNow();
    await database.customers.update('c-1', { name: 'Acme after the pull' });
    const [edit] = await outbox();
    expect(edit!.hlc > formatHlc({ wall: NOW + 10 * 60_000, counter: 0, node: 'otherdesk' })).toBe(
      true,
    );
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(server.data('customers', 'c-1')?.name).toBe('Acme after the pull');
  });

  it('refuses a change the server cannot store on its own, and sends the rest', async () => {
    await join();
    await database.customers.add({ id: 'c-1', name: 'Bad\u0000name', tier: 'enterprise' });
    await database.customers.add({ id: 'c-2', name: 'Globex', tier: 'business' });
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(server.data('customers', 'c-2')).toBeDefined();
    expect(server.data('customers', 'c-1')).toBeUndefined();
    expect(state().rejected).toEqual([
      expect.objectContaining({
        id: 'c-1',
        code: 'invalid',
        reason: expect.stringContaining(
          'changes.name: contains a character the server cannot store',
        ),
      }),
    ]);
    expect(await database.outbox.count()).toBe(0);
  });

  it('refuses only the change a 400 names, and goes on with the others', async () => {
    await join();
    await database.customers.add({ id: 'c-1', name: 'Acme', tier: 'enterprise' });
    await database.customers.add({ id: 'c-2', name: 'Globex', tier: 'business' });
    server.failNext(/push/, {
      kind: 'answer',
      status: 400,
      body: { error: 'mutations.1.changes.name: is not allowed here.' },
    });
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(server.data('customers', 'c-1')).toBeDefined();
    expect(server.data('customers', 'c-2')).toBeUndefined();
    expect(state().rejected).toEqual([
      expect.objectContaining({
        id: 'c-2',
        reason: expect.stringContaining('is not allowed here'),
      }),
    ]);
  });

  it('takes a new desk id when the server says its id is another desk’s, and sends everything', async () => {
    await join();
    await database.customers.add({ id: 'c-1', name: 'Acme', tier: 'enterprise' });
    const before = (await readClientState(database))!.clientId;
    server.failNext(/push/, {
      kind: 'answer',
      status: 409,
      body: { error: 'This desk id is used by another account.', reason: 'client_id_taken' },
    });
    expect(await engine.syncNow()).toEqual({ ok: true });
    const after = (await readClientState(database))!;
    expect(after.clientId).not.toBe(before);
    expect(server.lastMid.get(after.clientId)).toBe(1);
    expect(server.data('customers', 'c-1')).toBeDefined();
  });

  it('stops retrying on its own when the account is no longer a member, and says why', async () => {
    await join();
    await database.customers.add({ id: 'c-1', name: 'Acme', tier: 'enterprise' });
    server.user = { ...server.user, spaces: [] };
    expect(await engine.syncNow()).toMatchObject({ ok: false, status: 'error' });
    expect(state().error).toMatch(/not a member/);
    expect(await database.outbox.count()).toBe(1);
  });
});

describe('nextPushBatch', () => {
  const rows = (spec: [number, string?][]): Mutation[] =>
    spec.map(([tx, rulesRow], index) => ({
      mid: index + 1,
      tx,
      hlc: '001700000000000-0000-desk',
      table: rulesRow ? 'matrices' : 'tickets',
      op: 'put',
      id: rulesRow ?? `ESC-${index}`,
      changes: {},
      ...(rulesRow ? { baseVersion: 0 } : {}),
    }));

  it.each([
    ['all rows when they fit', rows([[1], [1], [2]]), { max: 5 }, 3],
    [
      'about max rows, finishing the transaction under way',
      rows([[1], [1], [2], [2], [2], [3]]),
      { max: 3 },
      5,
    ],
    ['a transaction longer than max, whole', rows([[1], [1], [1], [1]]), { max: 3 }, 4],
    [
      'a transaction longer than a push may be, split',
      rows([[1], [1], [1], [1]]),
      { max: 2, most: 3 },
      3,
    ],
    [
      'cut before a transaction that would pass the limit',
      rows([[1], [1], [2], [2], [2]]),
      { max: 2, most: 4 },
      2,
    ],
    ['one save of a rules row per push', rows([[1, 'active'], [2, 'active'], [3]]), { max: 5 }, 1],
    [
      'a rules row twice in one transaction',
      rows([[1, 'active'], [1, 'active'], [2]]),
      { max: 5 },
      3,
    ],
    [
      'as many bytes as fit',
      rows([[1], [2], [3], [4]]),
      { maxBytes: 250, sizeOf: (): number => 100 },
      2,
    ],
    [
      'one row larger than the byte limit alone',
      rows([[1], [2]]),
      { maxBytes: 50, sizeOf: (): number => 100 },
      1,
    ],
    [
      'whole transactions within the byte limit',
      rows([[1], [2], [2], [3]]),
      { maxBytes: 250, sizeOf: (): number => 100 },
      1,
    ],
  ] as const)('takes %s', (_case, outbox, limits, size) => {
    expect(nextPushBatch(outbox, limits)).toHaveLength(size);
  });
});
