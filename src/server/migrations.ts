import type { Sql } from './db';

/** One schema change. Never edit a released one: add the next. */
export interface Migration {
  version: number;
  name: string;
  /** One statement each (PGlite runs one statement per query). */
  statements: readonly string[];
}

/** Any fixed number: every node starting together takes the same lock. */
const MIGRATION_LOCK_KEY = 7_324_001;

/** The server's schema history, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, spaces and synced rows',
    statements: [
      `CREATE TABLE users (
        id text PRIMARY KEY,
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'manager', 'admin')),
        password_hash text NOT NULL,
        created_at bigint NOT NULL
      )`,
      `CREATE TABLE spaces (
        id text PRIMARY KEY,
        name text NOT NULL,
        version bigint NOT NULL DEFAULT 0,
        created_at bigint NOT NULL
      )`,
      `CREATE TABLE memberships (
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        space_id text NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, space_id)
      )`,
      `CREATE INDEX memberships_space ON memberships (space_id)`,
      `CREATE TABLE sessions (
        id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        refresh_hash text NOT NULL UNIQUE,
        expires_at bigint NOT NULL,
        revoked_at bigint,
        created_at bigint NOT NULL
      )`,
      `CREATE INDEX sessions_user ON sessions (user_id)`,
      `CREATE TABLE sync_clients (
        space_id text NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
        client_id text NOT NULL,
        last_mid bigint NOT NULL,
        user_id text REFERENCES users (id) ON DELETE SET NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (space_id, client_id)
      )`,
      `CREATE TABLE sync_rows (
        space_id text NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
        tbl text NOT NULL,
        id text NOT NULL,
        data jsonb NOT NULL,
        clocks jsonb NOT NULL,
        row_version integer NOT NULL,
        deleted boolean NOT NULL,
        version bigint NOT NULL,
        PRIMARY KEY (space_id, tbl, id)
      )`,
      `CREATE UNIQUE INDEX sync_rows_space_version ON sync_rows (space_id, version)`,
      `CREATE TABLE server_secrets (
        name text PRIMARY KEY,
        value text NOT NULL
      )`,
      // Refusals are answered again when a desk repeats a push whose answer it never received.
      `CREATE TABLE sync_rejections (
        space_id text NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
        client_id text NOT NULL,
        mid bigint NOT NULL,
        tbl text NOT NULL,
        id text NOT NULL,
        code text NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (space_id, client_id, mid)
      )`,
      // In the database rather than in memory, so the limits hold across nodes and restarts.
      `CREATE TABLE sign_in_failures (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        last_failure_at bigint NOT NULL,
        blocked_until bigint NOT NULL
      )`,
      `CREATE INDEX sign_in_failures_last ON sign_in_failures (last_failure_at)`,
    ],
  },
  {
    version: 2,
    name: "a desk id's last clock, to tell two desks sharing one id apart",
    statements: ['ALTER TABLE sync_clients ADD COLUMN last_hlc text'],
  },
  {
    version: 3,
    name: "a session's previous refresh token, accepted for a minute after it was replaced",
    statements: [
      'ALTER TABLE sessions ADD COLUMN previous_refresh_hash text',
      'ALTER TABLE sessions ADD COLUMN rotated_at bigint',
      'CREATE INDEX sessions_previous_refresh ON sessions (previous_refresh_hash)',
    ],
  },
];

/**
 * Brings the schema up to date in one transaction, under an advisory lock so nodes starting
 * together take turns. Returns the versions it applied (none when already current).
 */
export async function migrate(
  sql: Sql,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => number = Date.now,
): Promise<number[]> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at bigint NOT NULL
      )`,
    );
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map(
        (row) => row.version,
      ),
    );
    const newer = Math.max(0, ...done);
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (newer > known) {
      throw new Error(
        `The database was set up by a newer server (schema ${newer}; this one knows ${known}). ` +
          'Run the newer server.',
      );
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(
        'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
        [migration.version, migration.name, now()],
      );
      applied.push(migration.version);
    }
    return applied;
  });
}
