import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from './db';
import { migrate, MIGRATIONS } from './migrations';
import { openTestDatabase, testBackends, type TestDatabase } from './testing';

describe.each(testBackends())('database on %s', (backend) => {
  let database: TestDatabase;
  let sql: Sql;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    sql = database.sql;
  }, 30_000);

  afterAll(async () => {
    await database?.dispose();
  });

  it('runs the migrations once; running them again (even side by side) changes nothing', async () => {
    expect(await migrate(sql)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await Promise.all([migrate(sql), migrate(sql)])).toEqual([[], []]);
    const rows = await sql.query<{ version: number }>('SELECT version FROM schema_migrations');
    expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('refuses a database set up by a newer server', async () => {
    await sql.query(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, $1, 0)',
      ['future'],
    );
    const known = Math.max(...MIGRATIONS.map((m) => m.version));
    try {
      await expect(migrate(sql)).rejects.toThrow(
        `newer server (schema 999; this one knows ${known})`,
      );
    } finally {
      await sql.query('DELETE FROM schema_migrations WHERE version = 999');
    }
  });

  it('upgrades a schema-1 database: desk ids keep their last change, with no clock yet', async () => {
    const old = await openTestDatabase(backend);
    try {
      expect(
        await migrate(
          old.sql,
          MIGRATIONS.filter((m) => m.version === 1),
        ),
      ).toEqual([1]);
      await old.sql.query('INSERT INTO spaces (id, name, created_at) VALUES ($1, $1, 0)', ['s-1']);
      await old.sql.query(
        'INSERT INTO sync_clients (space_id, client_id, last_mid, updated_at) VALUES ($1, $2, 7, 0)',
        ['s-1', 'deskA'],
      );
      expect(await migrate(old.sql)).toEqual(
        MIGRATIONS.filter((m) => m.version > 1).map((m) => m.version),
      );
      const clients = await old.sql.query('SELECT client_id, last_mid, last_hlc FROM sync_clients');
      expect(clients).toEqual([{ client_id: 'deskA', last_mid: 7, last_hlc: null }]);
    } finally {
      await old.dispose();
    }
  });

  it('returns bigint and jsonb as numbers and objects on both stores', async () => {
    const [row] = await sql.query<{ big: number; doc: unknown }>(
      'SELECT $1::bigint AS big, $2::jsonb AS doc',
      [1_767_603_600_000, JSON.stringify({ levels: [1, 2], note: 'ok' })],
    );
    expect(row).toEqual({ big: 1_767_603_600_000, doc: { levels: [1, 2], note: 'ok' } });
  });

  it('rolls a failed transaction back whole', async () => {
    await sql.query('CREATE TABLE IF NOT EXISTS scratch (n integer)');
    await expect(
      sql.transaction(async (tx) => {
        await tx.query('INSERT INTO scratch (n) VALUES (1)');
        await tx.transaction((inner) => inner.query('INSERT INTO scratch (n) VALUES (2)'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await sql.query('SELECT n FROM scratch')).toEqual([]);
  });

  it('keeps concurrent read-modify-write transactions apart', async () => {
    await sql.query('CREATE TABLE IF NOT EXISTS counter (id integer PRIMARY KEY, n integer)');
    await sql.query(
      'INSERT INTO counter (id, n) VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET n = 0',
    );
    await Promise.all(
      Array.from({ length: 12 }, () =>
        sql.transaction(async (tx) => {
          const [row] = await tx.query<{ n: number }>(
            'SELECT n FROM counter WHERE id = 1 FOR UPDATE',
          );
          await tx.query('UPDATE counter SET n = $1 WHERE id = 1', [row!.n + 1]);
        }),
      ),
    );
    expect(await sql.query('SELECT n FROM counter')).toEqual([{ n: 12 }]);
  });

  it('delivers a notification sent in a transaction once it commits', async () => {
    const heard: string[] = [];
    const stop = await sql.listen('desk_test_channel', (payload) => heard.push(payload));
    try {
      await sql.transaction((tx) => tx.notify('desk_test_channel', 'committed'));
      await expect(
        sql.transaction(async (tx) => {
          await tx.notify('desk_test_channel', 'rolled back');
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      await sql.transaction((tx) => tx.notify('desk_test_channel', 'after'));
      await expect.poll(() => heard).toEqual(['committed', 'after']);
    } finally {
      await stop();
    }
  });
});
