import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * One small interface over the two stores the server runs on: PostgreSQL (several stateless nodes
 * share it) and PGlite (embedded, one process, one site). Write SQL both accept: jsonb, bigint,
 * text, timestamps as bigint epoch milliseconds, one statement per `query`. bigint columns come
 * back as numbers from both (our values stay far below 2^53).
 */
export interface Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction; a nested call joins the transaction it is called on. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Sends `payload` to every listener of `channel`, on every node; inside a transaction, on commit. */
  notify(channel: string, payload: string): Promise<void>;
  /** Calls `onPayload` for each notification on `channel`; resolves to a function that stops. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Where the data lives: PostgreSQL at `url`, else PGlite in `dataDir` (in memory when absent). */
export interface DatabaseOptions {
  url?: string;
  dataDir?: string;
  /** PostgreSQL only: the schema to use (it must exist), e.g. one per test file. */
  schema?: string;
  /** PostgreSQL only: the most pooled connections (default 10). */
  poolSize?: number;
}

const INT8_OID = 20;
const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens PostgreSQL when `url` is given, otherwise PGlite. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Sql> {
  if (options.url) return openPostgres(options.url, options.schema, options.poolSize ?? 10);
  return openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Sql> {
  let db: PGlite;
  let unlock = (): void => undefined;
  if (dataDir) {
    const folder = resolve(dataDir);
    mkdirSync(folder, { recursive: true });
    unlock = lockFolder(folder);
    try {
      db = await PGlite.create({ dataDir: folder });
    } catch (error) {
      unlock();
      throw error;
    }
  } else {
    db = await PGlite.create();
  }
  return pgliteSql(db, unlock);
}

/**
 * Wraps an open PGlite. It has one connection and already queues work: a query outside a
 * transaction waits for the running transaction to finish, so a transaction is PGlite's own.
 */
export function pgliteSql(db: PGlite, afterClose: () => void = () => undefined): Sql {
  const inTransaction = (tx: Transaction): Sql => ({
    kind: 'pglite',
    query: async <T>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows,
    transaction: (fn) => fn(inTransaction(tx)),
    notify: async (channel, payload) => {
      await tx.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    listen: () => Promise.reject(new Error('Listen outside a transaction.')),
    close: () => Promise.reject(new Error('Close the database, not a transaction.')),
  });
  return {
    kind: 'pglite',
    query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    transaction: (fn) => db.transaction((tx) => fn(inTransaction(tx))),
    notify: async (channel, payload) => {
      await db.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    listen: async (channel, onPayload) => {
      const stop = await db.listen(channel, onPayload);
      return () => stop();
    },
    close: async () => {
      await db.close();
      afterClose();
    },
  };
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt
 * it. A lock file with the owner's pid refuses that; a lock left by a dead process is taken over.
 */
function lockFolder(folder: string): () => void {
  const lock = join(folder, 'desk-server.lock');
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(lock, 'utf8'));
    if (processIsAlive(owner)) {
      throw new Error(
        `Another server process (pid ${owner}) is using ${folder}; stop it first, or use another DATA_DIR.`,
      );
    }
    writeFileSync(lock, String(process.pid));
  }
  return () => rmSync(lock, { force: true });
}

function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function openPostgres(url: string, schema: string | undefined, poolSize: number): Sql {
  if (schema !== undefined && !SCHEMA_PATTERN.test(schema)) {
    throw new Error(`"${schema}" is not a schema name this server uses.`);
  }
  const config: pg.ClientConfig = {
    connectionString: url,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    // Return bigint as a number, as PGlite does: versions and epoch milliseconds fit.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  };
  const pool = new pg.Pool({ ...config, max: poolSize });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const listeners = new PostgresListeners(config);
  // Notifications are database-wide: keep each schema's apart (tests share one database).
  const scoped = (channel: string): string => (schema ? `${channel}__${schema}` : channel);

  const onClient = (client: pg.PoolClient): Sql => ({
    kind: 'postgres',
    query: async <T>(text: string, params?: unknown[]) =>
      (await client.query(text, params)).rows as T[],
    transaction: (fn) => fn(onClient(client)),
    notify: async (channel, payload) => {
      await client.query('SELECT pg_notify($1, $2)', [scoped(channel), payload]);
    },
    listen: () => Promise.reject(new Error('Listen outside a transaction.')),
    close: () => Promise.reject(new Error('Close the database, not a transaction.')),
  });

  return {
    kind: 'postgres',
    query: async <T>(text: string, params?: unknown[]) =>
      (await pool.query(text, params)).rows as T[],
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(onClient(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    notify: async (channel, payload) => {
      await pool.query('SELECT pg_notify($1, $2)', [scoped(channel), payload]);
    },
    listen: (channel, onPayload) => listeners.add(scoped(channel), onPayload),
    close: async () => {
      await listeners.close();
      await pool.end();
    },
  };
}

/**
 * One dedicated connection that LISTENs for every channel of this process. When the connection
 * drops it reconnects (after 1 s, then up to 30 s) and tells each listener with an empty
 * payload, since notifications sent meanwhile are lost.
 */
class PostgresListeners {
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = 1000;
  private closed = false;

  constructor(private readonly config: pg.ClientConfig) {}

  async add(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(onPayload);
    if (first) {
      const client = await this.connect();
      await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    } else {
      await this.connect();
    }
    return async () => {
      const current = this.handlers.get(channel);
      current?.delete(onPayload);
      if (current && current.size === 0) {
        this.handlers.delete(channel);
        await this.client?.query(`UNLISTEN ${quoteIdentifier(channel)}`).catch(() => undefined);
      }
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.handlers.clear();
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client(this.config);
      client.on('notification', (message) => {
        for (const handler of this.handlers.get(message.channel) ?? []) {
          handler(message.payload ?? '');
        }
      });
      client.on('error', () => this.lost(client));
      client.on('end', () => this.lost(client));
      try {
        await client.connect();
        for (const channel of this.handlers.keys()) {
          await client.query(`LISTEN ${quoteIdentifier(channel)}`);
        }
      } catch (error) {
        this.connecting = undefined;
        await client.end().catch(() => undefined);
        throw error;
      }
      this.client = client;
      this.connecting = undefined;
      this.retryDelay = 1000;
      return client;
    })();
    return this.connecting;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    const retry = (): void => {
      if (this.closed || this.handlers.size === 0) return;
      this.connect().then(
        () => {
          for (const set of this.handlers.values()) for (const handler of set) handler('');
        },
        () => {
          this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
          this.retryTimer = setTimeout(retry, this.retryDelay);
        },
      );
    };
    this.retryTimer = setTimeout(retry, this.retryDelay);
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
