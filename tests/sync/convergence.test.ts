// Convergence under faults: three desks (Dexie over fake-indexeddb, each with its outbox and sync
// engine) edit offline and sync with the real team server over loopback HTTP, through a network
// that drops requests, kills connections mid-request, loses answers after the server committed and
// repeats pushes; the server restarts now and then. Each desk's clock is off by up to half an hour
// either way, and each already holds rows when it joins (some with the same ids as another desk's).
// At the end, with the network healthy, every desk's synced tables equal the server's rows, and no
// change the server acknowledged is lost.
import 'fake-indexeddb/auto';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compareHlc,
  isFill,
  sameJson,
  STATUS_TRANSITIONS,
  SYNC_TABLES,
  TABLE_KEY,
  TABLE_MERGE,
  writeRefusal,
  type AccountRole,
  type BuiltInStatus,
  type DeskEvent,
  type Mutation,
  type PushResponse,
  type Ticket,
} from '@core/index';
import { generateDemoReference } from '@core/demo';
import { DeskDatabase } from '../../src/renderer/src/db/database';
import { SyncEngine } from '../../src/renderer/src/features/sync/sync-engine';
import { createSpace, createUser } from '../../src/server/accounts';
import { buildServer } from '../../src/server/app';
import type { Sql } from '../../src/server/db';
import { openTestDatabase, testBackends, type TestDatabase } from '../../src/server/testing';

const PASSWORD = 'convergence-password-1';
const DESKS: AccountRole[] = ['manager', 'supervisor', 'agent'];
const FIELDS = ['priority', 'title', 'ownerId'] as const;
const VALUES: Record<(typeof FIELDS)[number], readonly string[]> = {
  priority: ['P1', 'P2', 'P3', 'P4'],
  title: ['Checkout fails', 'Card declined', 'Refund missing', 'Login loops'],
  ownerId: ['P-ana', 'P-ben', 'P-cho', 'P-dev'],
};

/** A valid escalation matrix to save (a desk skips a row that is not one). */
const DEMO_MATRIX = generateDemoReference({ now: Date.UTC(2026, 10, 1), ticketCount: 0 }).matrix;

type Fault = 'ok' | 'down' | 'kill' | 'lost-answer' | 'repeat';

type Step =
  | { kind: 'create'; desk: number }
  | { kind: 'edit'; desk: number; pick: number; field: (typeof FIELDS)[number]; value: number }
  | { kind: 'status'; desk: number; pick: number; choice: number }
  | { kind: 'note'; desk: number; pick: number }
  | { kind: 'matrix'; desk: number; levels: number }
  | { kind: 'sync'; desk: number; faults: Fault[] }
  | { kind: 'restart' };

const desk = fc.integer({ min: 0, max: DESKS.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), desk }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      desk,
      pick: fc.nat(),
      field: fc.constantFrom(...FIELDS),
      value: fc.nat(3),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      desk,
      pick: fc.nat(),
      choice: fc.nat(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('note' as const), desk, pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('matrix' as const),
      desk,
      levels: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      desk,
      faults: fc.array(fc.constantFrom<Fault>('ok', 'down', 'kill', 'lost-answer', 'repeat'), {
        maxLength: 4,
      }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

/** Up to this far off, either way, each desk's clock is (the server refuses beyond an hour). */
const MAX_SKEW_MS = 30 * 60_000;

/** What one desk holds before it joins: the same ids on several desks, with their own content. */
interface Prefill {
  skewMs: number;
  customerName: number;
  ticket: boolean;
  note: boolean;
  matrixLevels: number;
}

const prefill: fc.Arbitrary<Prefill> = fc.record({
  skewMs: fc.integer({ min: -MAX_SKEW_MS, max: MAX_SKEW_MS }),
  customerName: fc.nat(3),
  ticket: fc.boolean(),
  note: fc.boolean(),
  matrixLevels: fc.nat(3),
});

/** A push the desk saw answered: what it sent and what the server said. */
interface Acknowledged {
  mutations: Mutation[];
  answer: PushResponse;
}

/** One desk: its database, its engine, and the network between it and the server. */
interface Desk {
  db: DeskDatabase;
  engine: SyncEngine;
  faults: Fault[];
  acknowledged: Acknowledged[];
  serial: number;
  /** The desk's clock: the computer's, off by its skew. */
  now: () => number;
}

/** A fetch through a bad network: each request meets the next fault in the desk's list. */
function faultyFetch(desk: () => Desk) {
  return async (url: string, init: RequestInit): Promise<Response> => {
    const fault = desk().faults.shift() ?? 'ok';
    if (fault === 'down') throw new TypeError('fetch failed: connect ECONNREFUSED');
    if (fault === 'kill') {
      const abort = new AbortController();
      setTimeout(() => abort.abort(new TypeError('socket hang up')), Math.random() * 3);
      return fetch(url, { ...init, signal: abort.signal });
    }
    const record = async (response: Response) => {
      if (url.endsWith('/push') && response.ok && typeof init.body === 'string') {
        const sent = JSON.parse(init.body) as { mutations: Mutation[] };
        desk().acknowledged.push({
          mutations: sent.mutations,
          answer: (await response.clone().json()) as PushResponse,
        });
      }
      return response;
    };
    let response = await fetch(url, init);
    if (fault === 'lost-answer') {
      await response.arrayBuffer();
      throw new TypeError('fetch failed: socket closed after the request was sent');
    }
    if (fault === 'repeat' && url.endsWith('/push')) {
      await response.arrayBuffer();
      response = await fetch(url, init);
    }
    return record(response);
  };
}

async function pickTicket(db: DeskDatabase, pick: number): Promise<Ticket | undefined> {
  const tickets = await db.tickets.orderBy('id').toArray();
  return tickets.length > 0 ? tickets[pick % tickets.length] : undefined;
}

/** Fills a desk before it joins, as a desk used alone for a while would be. */
async function fillDesk(db: DeskDatabase, i: number, fill: Prefill, at: number): Promise<void> {
  await db.customers.put({ id: 'C-1', name: VALUES.title[fill.customerName]!, tier: 'business' });
  if (fill.ticket) {
    // Numbered before sync, as every desk numbers its first ticket.
    await db.tickets.put({
      id: 'ESC-1001',
      title: `Desk ${i}'s first ticket`,
      description: 'Logged before this desk joined the team.',
      customerId: 'C-1',
      tier: 'business',
      channel: 'store',
      category: 'billing',
      priority: 'P2',
      status: 'open',
      level: 0,
      createdAt: at,
      updatedAt: at,
      escalated: false,
      breached: false,
    });
    if (fill.note) {
      await db.events.put(<DeskEvent>{
        id: 'E-shared',
        ticketId: 'ESC-1001',
        type: 'note',
        at,
        by: 'P-ana',
        body: `Desk ${i}'s note`,
      });
    }
  }
  if (fill.matrixLevels > 0) {
    await db.matrices.put({
      id: 'active',
      version: 1,
      matrix: { rows: DEMO_MATRIX.rows.slice(0, fill.matrixLevels) },
      updatedAt: at,
    });
  }
}

/** Does what a person at the desk does, through Dexie as the app writes. */
async function act(
  deskIndex: number,
  d: Desk,
  s: Exclude<Step, { kind: 'sync' | 'restart' }>,
): Promise<void> {
  const at = d.now();
  const { db } = d;
  d.serial += 1;
  const eventId = `E-${deskIndex}-${d.serial}-${at}`;
  switch (s.kind) {
    case 'create': {
      const id = `T-${deskIndex}-${d.serial}`;
      await db.transaction('rw', db.tickets, db.events, async () => {
        await db.tickets.add({
          id,
          title: 'Checkout fails',
          description: 'Card payments fail at the last step.',
          customerId: 'C-1',
          tier: 'business',
          channel: 'email',
          category: 'billing',
          priority: 'P3',
          status: 'new',
          level: 0,
          createdAt: at,
          updatedAt: at,
          escalated: false,
          breached: false,
        });
        await db.events.add(<DeskEvent>{
          id: eventId,
          ticketId: id,
          type: 'created',
          at,
          by: 'P-ana',
          priority: 'P3',
          category: 'billing',
          tier: 'business',
          channel: 'email',
          status: 'new',
        });
      });
      return;
    }
    case 'edit': {
      const ticket = await pickTicket(db, s.pick);
      if (ticket)
        await db.tickets.update(ticket.id, { [s.field]: VALUES[s.field][s.value], updatedAt: at });
      return;
    }
    case 'status': {
      const ticket = await pickTicket(db, s.pick);
      const options = ticket ? STATUS_TRANSITIONS[ticket.status as BuiltInStatus] : undefined;
      if (!ticket || !options?.length) return;
      const to = options[s.choice % options.length]!;
      await db.transaction('rw', db.tickets, db.events, async () => {
        await db.tickets.update(ticket.id, { status: to, updatedAt: at });
        await db.events.add(<DeskEvent>{
          id: eventId,
          ticketId: ticket.id,
          type: 'status_changed',
          at,
          by: 'P-ana',
          to,
        });
      });
      return;
    }
    case 'note': {
      const ticket = await pickTicket(db, s.pick);
      if (ticket) {
        await db.events.add(<DeskEvent>{
          id: eventId,
          ticketId: ticket.id,
          type: 'note',
          at,
          by: 'P-ben',
          body: `Called back (${d.serial})`,
        });
      }
      return;
    }
    case 'matrix': {
      const current = await db.matrices.get('active');
      await db.matrices.put({
        id: 'active',
        version: (current?.version ?? 0) + 1,
        matrix: { rows: DEMO_MATRIX.rows.slice(0, s.levels) },
        updatedAt: at,
      });
      return;
    }
  }
}

interface ServerRow {
  tbl: string;
  id: string;
  data: Record<string, unknown>;
  clocks: Record<string, string>;
  deleted: boolean;
  row_version: number;
}

describe.each(testBackends())('three desks converge through faults (%s)', (backend) => {
  let database: TestDatabase;
  let sql: Sql;
  let server: FastifyInstance;
  let port = 0;
  const users: { email: string; id: string }[] = [];
  let run = 0;

  const start = async () => {
    server = await buildServer({ sql });
    await server.listen({ host: '127.0.0.1', port });
    port = (server.server.address() as AddressInfo).port;
  };

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    sql = database.sql;
    await start();
    for (const [i, role] of DESKS.entries()) {
      const email = `desk${i}@converge.example`;
      const user = await createUser(
        sql,
        { email, name: `Desk ${i}`, password: PASSWORD, role, spaces: [] },
        Date.now(),
      );
      users.push({ email, id: user.id });
    }
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await database?.dispose();
  });

  it('every replica equals the server and no acknowledged change is lost', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 8, maxLength: 40 }),
        fc.array(prefill, { minLength: DESKS.length, maxLength: DESKS.length }),
        async (steps, fills) => {
          run += 1;
          const spaceId = `converge-${backend}-${run}`;
          await createSpace(
            sql,
            { id: spaceId, name: `Run ${run}` },
            Date.now(),
            users.map((u) => u.id),
          );
          const desks: Desk[] = [];
          for (const [i, user] of users.entries()) {
            const db = new DeskDatabase(`converge-${backend}-${run}-${i}`);
            const fill = fills[i]!;
            const d: Desk = {
              db,
              engine: undefined as never,
              faults: [],
              acknowledged: [],
              serial: 0,
              now: () => Date.now() + fill.skewMs,
            };
            await fillDesk(db, i, fill, d.now());
            d.engine = new SyncEngine({
              db,
              now: d.now,
              fetch: faultyFetch(() => d),
              autoSync: false,
              onApplied: () => undefined,
              // A request the network swallowed is given up on soon, as a person would retry.
              requestTimeoutMs: 2_000,
            });
            await d.engine.signIn(`http://127.0.0.1:${port}`, user.email, PASSWORD);
            await d.engine.joinSpace(spaceId);
            desks.push(d);
          }
          try {
            for (const s of steps) {
              if (s.kind === 'restart') {
                // As a crash would: every connection is cut, requests under way included, and so is
                // one that reaches the server while it closes (a killed request's connection can
                // arrive late; a graceful close then waited about 70 s for it, in one run in ten).
                const closing = server.close();
                server.server.closeAllConnections();
                const cutting = setInterval(() => server.server.closeAllConnections(), 5);
                await closing.finally(() => clearInterval(cutting));
                await start();
              } else if (s.kind === 'sync') {
                const d = desks[s.desk]!;
                d.faults = [...s.faults];
                await d.engine.syncNow();
                d.faults = [];
              } else {
                await act(s.desk, desks[s.desk]!, s);
              }
            }
            // The network heals: two rounds, so every push is pulled by every desk.
            for (let round = 0; round < 2; round += 1) {
              for (const d of desks) {
                const outcome = await d.engine.syncNow();
                expect(outcome, JSON.stringify(outcome)).toEqual({ ok: true });
              }
            }
            const rows = await sql.query<ServerRow>(
              'SELECT tbl, id, data, clocks, deleted, row_version FROM sync_rows WHERE space_id = $1',
              [spaceId],
            );
            const live = rows.filter((r) => !r.deleted);
            for (const [i, d] of desks.entries()) {
              expect(await d.db.outbox.count(), `desk ${i} has nothing left to send`).toBe(0);
              for (const table of SYNC_TABLES) {
                const local = await d.db.table(table).toArray();
                const server = live.filter((r) => r.tbl === table);
                const byKey = new Map(local.map((row) => [String(row[TABLE_KEY[table]]), row]));
                // A desk keeps the rows it had before joining that its account may not share (an
                // agent's own matrix) until the team has a row of that id; nothing else differs.
                const ownKept =
                  writeRefusal(DESKS[i]!, table, 'put') === null
                    ? []
                    : [...byKey.keys()].filter((id) => !server.some((r) => r.id === id));
                expect(ownKept.every((id) => id === 'active' && table === 'matrices')).toBe(true);
                expect(
                  [...byKey.keys()].filter((id) => !ownKept.includes(id)).sort(),
                  `desk ${i} ${table}`,
                ).toEqual(server.map((r) => r.id).sort());
                for (const r of server) {
                  expect(sameJson(byKey.get(r.id), r.data), `desk ${i} ${table}/${r.id}`).toBe(
                    true,
                  );
                }
              }
            }
            // Every acknowledged, unrefused change is on the server, or a later change replaced it.
            const byKey = new Map(rows.map((r) => [`${r.tbl}/${r.id}`, r]));
            // Every desk's first ticket is a ticket of its own, not merged with another desk's.
            const firstTickets = live.filter((r) => r.tbl === 'tickets' && /-1001$/.test(r.id));
            expect(firstTickets).toHaveLength(fills.filter((f) => f.ticket).length);
            for (const d of desks) {
              for (const { mutations, answer } of d.acknowledged) {
                // A superseded change was applied (a later one won some of it): it is checked too.
                const refused = new Set(
                  answer.rejected.filter((r) => r.code !== 'superseded').map((r) => r.mid),
                );
                for (const m of mutations) {
                  if (m.mid > answer.lastMid || refused.has(m.mid)) continue;
                  const row = byKey.get(`${m.table}/${m.id}`);
                  expect(row, `${m.table}/${m.id} (mid ${m.mid})`).toBeDefined();
                  if (TABLE_MERGE[m.table] === 'fields') {
                    for (const [field, value] of Object.entries(m.changes)) {
                      const clock = row!.clocks[field];
                      // A fill gives way to whatever the server had; anything else to later clocks.
                      if (isFill(m.hlc)) expect(clock, `${m.table}/${m.id}.${field}`).toBeDefined();
                      else {
                        expect(
                          compareHlc(clock, m.hlc),
                          `${m.table}/${m.id}.${field}`,
                        ).toBeGreaterThanOrEqual(0);
                      }
                      if (clock === m.hlc) expect(row!.data[field] ?? null).toEqual(value);
                    }
                  } else if (TABLE_MERGE[m.table] === 'insert_only' && !isFill(m.hlc)) {
                    expect(sameJson(row!.data, m.changes)).toBe(true);
                  }
                }
              }
            }
          } finally {
            for (const d of desks) {
              d.engine.stop();
              d.db.close();
              await d.db.delete();
            }
          }
        },
      ),
      { numRuns: Number(process.env.CONVERGENCE_RUNS ?? 4), endOnFailure: true },
    );
  }, 240_000);
});
