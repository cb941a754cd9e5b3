import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { AccountRole } from '../core/sync/index';
import { createSpace, hashPassword, type User } from './accounts';
import { buildServer } from './app';
import { openDatabase, pgliteSql, type Sql } from './db';
import type { Session } from './tokens';

/** PGlite's version, naming its snapshot (its package.json is not exported: read the file). */
const PGLITE_VERSION = (
  JSON.parse(
    readFileSync(
      join(
        dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')),
        '..',
        'package.json',
      ),
      'utf8',
    ),
  ) as { version: string }
).version;

/** The stores a test suite runs against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export type Backend = 'pglite' | 'postgres';

/** The backends to run: `describe.each(testBackends())`. */
export function testBackends(): Backend[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A database for one test file, and how to throw it away. */
export interface TestDatabase {
  sql: Sql;
  /**
   * Another connection to the same data, as a second server node has: a new pool on
   * PostgreSQL; on PGlite (one process) the same database, whose close does nothing.
   */
  connectAgain(): Promise<Sql>;
  /** Closes the database; on PostgreSQL also drops the file's schema. */
  dispose(): Promise<void>;
}

/**
 * Opens an empty database: in-memory PGlite, or a fresh schema with a random name in the
 * TEST_DATABASE_URL database, so test files can run in parallel against one PostgreSQL.
 */
export async function openTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const sql = pgliteSql(await blankPglite());
    return {
      sql,
      connectAgain: async () => ({ ...sql, close: async () => undefined }),
      dispose: () => sql.close(),
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('Set TEST_DATABASE_URL to test against PostgreSQL.');
  const schema = `desk_test_${randomBytes(6).toString('hex')}`;
  await withClient(url, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const sql = await openDatabase({ url, schema, poolSize: 4 });
  return {
    sql,
    connectAgain: () => openDatabase({ url, schema, poolSize: 2 }),
    dispose: async () => {
      await sql.close();
      await withClient(url, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`));
    },
  };
}

/**
 * A new in-memory PGlite. Its first start runs initdb (seconds); every test file after the first
 * loads a snapshot of that blank database instead, about twice as fast.
 */
async function blankPglite(): Promise<PGlite> {
  const snapshot = join(tmpdir(), `desk-server-pglite-${PGLITE_VERSION}-blank.tar`);
  if (existsSync(snapshot)) {
    try {
      return await PGlite.create({ loadDataDir: new Blob([readFileSync(snapshot)]) });
    } catch {
      // A damaged snapshot: make a new one below.
    }
  }
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('none');
  const partial = `${snapshot}.${process.pid}`;
  writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
  renameSync(partial, snapshot);
  return db;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A server over a test database, with a clock the test moves and quick accounts. */
export interface TestServer {
  app: FastifyInstance;
  sql: Sql;
  database: TestDatabase;
  /** The server's clock (epoch ms); assign to move time. */
  clock: { now: number };
  /** Makes an account in these spaces (password `PASSWORD`) and starts a session for it. */
  account(role: AccountRole, spaces?: readonly string[]): Promise<TestAccount>;
  /** A new access token for the account (after the test clock moved past the old one). */
  tokenFor(account: TestAccount): Promise<string>;
  /** Makes a space with these members. */
  space(members?: readonly TestAccount[]): Promise<string>;
  /** Sends a request through `app.inject`; `token` becomes the Bearer header. */
  call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PATCH' | 'OPTIONS' | 'DELETE',
    url: string,
    options?: {
      token?: string;
      body?: unknown;
      headers?: Record<string, string>;
      /** The caller's network address (sign-in limits count per address). */
      remoteAddress?: string;
    },
  ): Promise<{ status: number; body: T; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** A test account and its session. */
export interface TestAccount {
  user: User;
  session: Session;
  token: string;
}

/** The password of every account `TestServer.account` makes. */
export const PASSWORD = 'correct horse battery';

/** The clock every test server starts at: a Monday morning. */
export const TEST_START = Date.UTC(2026, 0, 5, 9, 0, 0);

let counter = 0;

/** A name unique within the test run, for spaces and emails. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** Starts a server over a fresh test database of this backend. */
export async function startTestServer(backend: Backend): Promise<TestServer> {
  const database = await openTestDatabase(backend);
  const clock = { now: TEST_START };
  const app = await buildServer({ sql: database.sql, now: () => clock.now, heartbeatMs: 60_000 });
  // One hash for every quick account: argon2 is slow on purpose.
  const passwordHash = await hashPassword(PASSWORD);
  const { sql } = database;

  const call: TestServer['call'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await app.inject({
      method,
      url,
      headers,
      remoteAddress: options.remoteAddress ?? '127.0.0.1',
      ...(options.body === undefined ? {} : { payload: options.body as object }),
    });
    const body = response.body ? JSON.parse(response.body) : undefined;
    return { status: response.statusCode, body, headers: response.headers };
  };

  return {
    app,
    sql,
    database,
    clock,
    call,
    async account(role, spaces = []) {
      const id = randomUUID();
      await sql.query(
        `INSERT INTO users (id, email, name, role, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, `${uniqueName(role)}@example.com`, `Test ${role}`, role, passwordHash, clock.now],
      );
      for (const spaceId of spaces) {
        await sql.query('INSERT INTO memberships (user_id, space_id) VALUES ($1, $2)', [
          id,
          spaceId,
        ]);
      }
      const session = await app.desk.sessions.start(id);
      return { user: session.user, session, token: session.accessToken };
    },
    async tokenFor(account) {
      return (await app.desk.sessions.start(account.user.id)).accessToken;
    },
    async space(members = []) {
      const id = uniqueName('space');
      await createSpace(
        sql,
        { id, name: `Space ${id}` },
        clock.now,
        members.map((member) => member.user.id),
      );
      return id;
    },
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}
