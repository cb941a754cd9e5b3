import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findCredentials, verifyPassword } from './accounts';
import type { Sql } from './db';
import { createAdmin, runCli } from './main';
import { migrate } from './migrations';
import { openTestDatabase, testBackends, type TestDatabase } from './testing';

// argon2 (19 MiB) and PGlite are slow on a busy machine; no test here waits on a timer.
vi.setConfig({ testTimeout: 20_000 });

const PASSWORD = 'a long enough passphrase';

describe.each(testBackends())('create-admin on %s', (backend) => {
  let database: TestDatabase;
  let sql: Sql;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    sql = database.sql;
    await migrate(sql);
  }, 30_000);

  afterAll(async () => {
    await database?.dispose();
  });

  it('creates an admin with a hashed password, in a new space', async () => {
    const user = await createAdmin(sql, {
      email: ' Ann@Example.com ',
      name: 'Ann',
      password: PASSWORD,
      space: 'main',
      spaceName: 'Main desk',
    });
    expect(user).toMatchObject({
      email: 'ann@example.com',
      name: 'Ann',
      role: 'admin',
      spaces: [{ id: 'main', name: 'Main desk' }],
    });
    const credentials = await findCredentials(sql, 'ann@example.com');
    // The suite hashes cheaply (see test-setup.ts); the server's own cost is checked there.
    expect(credentials?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=1\$/);
    expect(await verifyPassword(PASSWORD, credentials!.passwordHash)).toBe(true);
    expect(await verifyPassword('another passphrase', credentials!.passwordHash)).toBe(false);
  });

  it('joins an existing space, and refuses an email that exists', async () => {
    const user = await createAdmin(sql, {
      email: 'bo@example.com',
      name: 'Bo',
      password: PASSWORD,
      space: 'main',
    });
    expect(user.spaces).toEqual([{ id: 'main', name: 'Main desk' }]);
    await expect(
      createAdmin(sql, { email: 'BO@example.com', name: 'Bo again', password: PASSWORD }),
    ).rejects.toThrow('An account with the email bo@example.com already exists.');
  });

  it.each([
    [{ password: 'short' }, '--password must be at least 10 characters.'],
    [{ email: 'nope' }, '--email is not an email address.'],
    [{ space: 'has space' }, /^--space must be 1–64 letters/],
    [{ spaceName: 'Orphan' }, '--space-name needs --space (the space id).'],
  ])('refuses %o with a sentence naming the option', async (change, error) => {
    await expect(
      createAdmin(sql, { email: 'cy@example.com', name: 'Cy', password: PASSWORD, ...change }),
    ).rejects.toThrow(error);
    expect(await findCredentials(sql, 'cy@example.com')).toBeNull();
  });
});

describe('the command line', () => {
  const run = async (argv: string[], env = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const outcome = await runCli(
      argv,
      env,
      (line) => out.push(line),
      (line) => err.push(line),
    );
    return { outcome, out: out.join('\n'), err: err.join('\n') };
  };

  it.each([
    [['frobnicate'], /^Unknown command "frobnicate"/],
    [['create-admin', '--email', 'a@b.c', '--name', 'Ann'], /^create-admin needs --password\.$/],
    [['create-admin', '--mail', 'a@b.c'], /Unknown option '--mail'[\s\S]*npm run server -- help/],
    [['create-space', '--id', 'bad id', '--name', 'X'], /^--id must be 1–64 letters/],
    [['serve', 'now'], /^"serve" takes no arguments/],
  ])('exits 1 with a clear message for %j', async (argv, error) => {
    const { outcome, err } = await run(argv);
    expect(outcome).toBe(1);
    expect(err).toMatch(error);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number from 0 to 65535, not "eighty".'],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL is not a URL/],
  ])('refuses the environment %o before opening anything', async (env, error) => {
    const { outcome, err } = await run([], env);
    expect(outcome).toBe(1);
    expect(err).toMatch(error);
  });

  it('prints the usage for help', async () => {
    const { outcome, out } = await run(['help']);
    expect(outcome).toBe(0);
    expect(out).toMatch(/create-admin --email/);
  });

  it('refuses a data folder another live process holds, before opening it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'desk-cli-'));
    try {
      // This process stands in for a running server.
      writeFileSync(join(dataDir, 'desk-server.lock'), String(process.pid));
      const { outcome, err } = await run(['create-space', '--id', 'main', '--name', 'Main'], {
        DATA_DIR: dataDir,
      });
      expect(outcome).toBe(1);
      expect(err).toBe(
        `The server could not start: Another server process (pid ${process.pid}) is using ${dataDir}; ` +
          'stop it first, or use another DATA_DIR.',
      );
      expect(readdirSync(dataDir)).toEqual(['desk-server.lock']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
