// Sync throughput: ten desks each push 1,000 mutations to the team server and then pull everyone's
// changes (10,000 rows each), all over loopback HTTP, against the time the same database takes to
// insert the same 10,000 rows directly (ten connections, the same 100-row batches, one transaction
// per batch). Both sides run in this process, against PostgreSQL when BENCH_DATABASE_URL (or
// TEST_DATABASE_URL) is set, else the embedded PGlite the server uses by default (the details say
// which). Three rounds, alternating, each on a fresh space; the median round counts.
//
// A mutation is what a desk sends: a ticket created (all its fields) or changed (a few fields), or
// an activity-log entry; one local transaction each. The server authenticates, validates, merges by
// hybrid logical clock, assigns versions and keeps the per-client acknowledgement, and every desk
// then pulls all 10,000 rows in pages of 1,000. The issue names no target ratio; the one here (0.05)
// says the whole sync round trip, with its pulls, stays within 20× of bare inserts.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import {
  SYNC_PROTOCOL_VERSION,
  tickHlc,
  type Hlc,
  type Mutation,
  type PullResponse,
  type PushResponse,
} from '../src/core/sync';
import { createSpace, createUser } from '../src/server/accounts';
import { buildServer } from '../src/server/app';
import { openDatabase, type Sql } from '../src/server/db';
import type { BenchResult } from './result';

const CLIENTS = 10;
const MUTATIONS_PER_CLIENT = 1_000;
const BATCH = 100;
const ROUNDS = 3;
const PASSWORD = 'bench-password-123';
const TARGET = 0.05;

/** The mutations one desk makes: tickets created and changed, and log entries about them. */
function mutationsOf(client: number, start: number): Mutation[] {
  const node = `bench-${client}`;
  let hlc: Hlc | undefined;
  const out: Mutation[] = [];
  for (let i = 0; i < MUTATIONS_PER_CLIENT; i += 1) {
    hlc = tickHlc(hlc, start + i, node);
    const ticketId = `T-${client}-${Math.floor(i / 4)}`;
    const base = { mid: i + 1, tx: i + 1, hlc, op: 'put' as const };
    if (i % 4 === 0) {
      out.push({
        ...base,
        table: 'tickets',
        id: ticketId,
        changes: {
          id: ticketId,
          title: `Checkout fails for order ${client}-${i}`,
          description: 'The customer cannot pay by card since this morning.',
          customerId: `C-${i % 50}`,
          tier: 'business',
          channel: 'email',
          category: 'billing',
          priority: 'P2',
          status: 'new',
          level: 0,
          createdAt: start + i,
          updatedAt: start + i,
          escalated: false,
          breached: false,
        },
      });
    } else if (i % 4 === 1) {
      out.push({
        ...base,
        table: 'tickets',
        id: ticketId,
        changes: { priority: 'P1', ownerId: `P-${client}`, updatedAt: start + i },
      });
    } else {
      out.push({
        ...base,
        table: 'events',
        id: `E-${client}-${i}`,
        changes: {
          id: `E-${client}-${i}`,
          ticketId,
          type: 'note',
          at: start + i,
          by: `P-${client}`,
          body: `Called the customer back (${i}).`,
        },
      });
    }
  }
  return out;
}

async function post<T>(url: string, token: string | undefined, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** One round of the sync side on a fresh space: seconds from the first push to the last pull. */
/** Seconds each sync round spent pushing (the rest of the round is the pulls). */
const pushSeconds: number[] = [];

async function syncRound(base: string, sql: Sql, round: number): Promise<number> {
  const spaceId = `bench-${round}-${randomBytes(3).toString('hex')}`;
  const now = Date.now();
  const users = [];
  for (let c = 0; c < CLIENTS; c += 1) {
    users.push(
      await createUser(
        sql,
        {
          email: `desk${c}.${spaceId}@bench.example`,
          name: `Desk ${c}`,
          password: PASSWORD,
          role: 'agent',
          spaces: [],
        },
        now,
      ),
    );
  }
  await createSpace(
    sql,
    { id: spaceId, name: 'Benchmark' },
    now,
    users.map((u) => u.id),
  );
  const tokens = await Promise.all(
    users.map(async (user) => {
      const session = await post<{ accessToken: string }>(`${base}/v1/auth/sign-in`, undefined, {
        email: user.email,
        password: PASSWORD,
      });
      return session.accessToken;
    }),
  );
  const work = Array.from({ length: CLIENTS }, (_, c) => mutationsOf(c, now));
  const started = performance.now();
  await Promise.all(
    work.map(async (mutations, c) => {
      for (let i = 0; i < mutations.length; i += BATCH) {
        const answer = await post<PushResponse>(`${base}/v1/spaces/${spaceId}/push`, tokens[c], {
          protocol: SYNC_PROTOCOL_VERSION,
          clientId: `bench-${c}`,
          spaceId,
          mutations: mutations.slice(i, i + BATCH),
        });
        if (answer.rejected.length > 0) throw new Error(answer.rejected[0]!.reason);
      }
    }),
  );
  pushSeconds.push((performance.now() - started) / 1000);
  const pulled = await Promise.all(
    tokens.map(async (token) => {
      let cursor = 0;
      let rows = 0;
      for (;;) {
        const response = await fetch(
          `${base}/v1/spaces/${spaceId}/pull?after=${cursor}&limit=1000`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        const page = (await response.json()) as PullResponse;
        rows += page.changes.length;
        cursor = page.cursor;
        if (!page.more) return rows;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // Each ticket is created and changed: 2 mutations make one row; the rest are log entries.
  const expected = CLIENTS * (MUTATIONS_PER_CLIENT / 4 + MUTATIONS_PER_CLIENT / 2);
  if (pulled.some((rows) => rows !== expected)) {
    throw new Error(`A desk pulled ${pulled.join('/')} rows, not ${expected} each.`);
  }
  return seconds;
}

/** The peer: the same rows inserted straight into the database, ten connections at once. */
async function directRound(url: string | undefined, sql: Sql, round: number): Promise<number> {
  const table = `bench_direct_${round}_${randomBytes(3).toString('hex')}`;
  await sql.query(
    `CREATE TABLE ${table} (tbl text NOT NULL, id text NOT NULL, data jsonb NOT NULL, PRIMARY KEY (tbl, id))`,
  );
  const now = Date.now();
  const work = Array.from({ length: CLIENTS }, (_, c) => mutationsOf(c, now));
  const insertBatch = async (
    query: (text: string, params: unknown[]) => Promise<unknown>,
    batch: Mutation[],
  ) => {
    // A ticket created and changed in one batch is one row (one statement cannot touch it twice).
    const rows = new Map<string, Mutation>();
    for (const m of batch) {
      const key = `${m.table}/${m.id}`;
      const seen = rows.get(key);
      rows.set(key, seen ? { ...m, changes: { ...seen.changes, ...m.changes } } : m);
    }
    const values: string[] = [];
    const params: unknown[] = [];
    [...rows.values()].forEach((m, i) => {
      values.push(`($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`);
      params.push(m.table, m.id, JSON.stringify(m.changes));
    });
    await query(
      `INSERT INTO ${table} (tbl, id, data) VALUES ${values.join(', ')}
       ON CONFLICT (tbl, id) DO UPDATE SET data = ${table}.data || EXCLUDED.data`,
      params,
    );
  };
  const started = performance.now();
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
    await Promise.all(
      work.map(async (mutations) => {
        const client = await pool.connect();
        try {
          for (let i = 0; i < mutations.length; i += BATCH) {
            await client.query('BEGIN');
            await insertBatch(
              (text, params) => client.query(text, params),
              mutations.slice(i, i + BATCH),
            );
            await client.query('COMMIT');
          }
        } finally {
          client.release();
        }
      }),
    );
    await pool.end();
  } else {
    await Promise.all(
      work.map(async (mutations) => {
        for (let i = 0; i < mutations.length; i += BATCH) {
          await sql.transaction((tx) =>
            insertBatch((text, params) => tx.query(text, params), mutations.slice(i, i + BATCH)),
          );
        }
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  await sql.query(`DROP TABLE ${table}`);
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs the sync benchmark. */
export async function runSyncBenchmark(): Promise<BenchResult> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let schema: string | undefined;
  if (url) {
    schema = `desk_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
  }
  const sql = await openDatabase(url ? { url, schema, poolSize: CLIENTS } : {});
  const server = await buildServer({ sql });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const directUrl = url && schema ? withSearchPath(url, schema) : undefined;
  const ours: number[] = [];
  const peer: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      ours.push(await syncRound(base, sql, round));
      peer.push(await directRound(directUrl, sql, round));
    }
  } finally {
    await server.close();
    await sql.close();
    if (url && schema) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }
  const total = CLIENTS * MUTATIONS_PER_CLIENT;
  const oursRate = total / median(ours);
  const peerRate = total / median(peer);
  const ratio = oursRate / peerRate;
  return {
    name: 'sync',
    unit: 'mutations/s',
    ours: Math.round(oursRate),
    peer: url
      ? `direct multi-row INSERTs into PostgreSQL (${CLIENTS} connections, ${BATCH} rows per transaction)`
      : `direct multi-row INSERTs into PGlite (${BATCH} rows per transaction)`,
    peerValue: Math.round(peerRate),
    ratio: Number(ratio.toFixed(3)),
    target: TARGET,
    pass: ratio >= TARGET,
    details: {
      store: url ? 'postgresql' : 'pglite',
      clients: CLIENTS,
      mutationsPerClient: MUTATIONS_PER_CLIENT,
      pushBatch: BATCH,
      rowsPulledPerClient: CLIENTS * (MUTATIONS_PER_CLIENT / 4 + MUTATIONS_PER_CLIENT / 2),
      pushSecondsPerRound: pushSeconds.map((s) => Number(s.toFixed(3))),
      roundsSeconds: {
        ours: ours.map((s) => Number(s.toFixed(3))),
        peer: peer.map((s) => Number(s.toFixed(3))),
      },
      note: 'ours = push 10,000 mutations and pull 75,000 rows (7,500 per desk × 10) over HTTP; peer = insert the 10,000 rows.',
    },
  };
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}
