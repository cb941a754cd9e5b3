import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findCredentials, verifyPassword } from './accounts';
import { openDatabase, type Sql } from './db';
import {
  CliError,
  createAdmin,
  readTrustProxy,
  runCli,
  startServer,
  type PasswordInput,
  type ServerEnvironment,
} from './main';
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
    [{ password: 'short' }, 'The password must be at least 10 characters.'],
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

/** Runs a command line with its own output, and standard input that is empty unless given. */
async function run(argv: string[], env: ServerEnvironment = {}, stdin?: PasswordInput) {
  const out: string[] = [];
  const err: string[] = [];
  const prompts: string[] = [];
  const outcome = await runCli(argv, {
    env,
    stdin: stdin ?? Readable.from([]),
    print: (line) => out.push(line),
    fail: (line) => err.push(line),
    prompt: (text) => prompts.push(text),
  });
  return { outcome, out: out.join('\n'), err: err.join('\n'), prompts };
}

describe('create-admin’s password', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'desk-admin-'));
    // Made here, so no test pays for the first start of a PGlite folder.
    const sql = await openDatabase({ dataDir });
    await migrate(sql);
    await sql.close();
  }, 60_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const createAnn = (email: string, stdin?: PasswordInput, env: ServerEnvironment = {}) =>
    run(['create-admin', '--email', email, '--name', 'Ann'], { DATA_DIR: dataDir, ...env }, stdin);

  /** Whether the account signs in with PASSWORD (the command has closed the database). */
  async function hasPassword(email: string): Promise<boolean> {
    const sql = await openDatabase({ dataDir });
    try {
      const credentials = await findCredentials(sql, email);
      return credentials !== null && (await verifyPassword(PASSWORD, credentials.passwordHash));
    } finally {
      await sql.close();
    }
  }

  it('takes it from DESK_ADMIN_PASSWORD, without reading standard input', async () => {
    const stdin = new PassThrough();
    const { outcome, err } = await createAnn('env@example.com', stdin, {
      DESK_ADMIN_PASSWORD: PASSWORD,
    });
    expect({ outcome, err }).toEqual({ outcome: 0, err: '' });
    expect(await hasPassword('env@example.com')).toBe(true);
  });

  it('reads it as one line of standard input', async () => {
    const { outcome, err } = await createAnn(
      'piped@example.com',
      Readable.from([`${PASSWORD.slice(0, 5)}`, `${PASSWORD.slice(5)}\r\nnext line\n`]),
    );
    expect({ outcome, err }).toEqual({ outcome: 0, err: '' });
    expect(await hasPassword('piped@example.com')).toBe(true);
  });

  it('asks twice at a terminal, with echo off', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, setRawMode: vi.fn() });
    // Keys arrive as they are typed, after each prompt; a typo is deleted with Backspace.
    const keys = [`x\u007f${PASSWORD}\r`, `${PASSWORD}\r`];
    const prompts: string[] = [];
    const err: string[] = [];
    const outcome = await runCli(
      ['create-admin', '--email', 'typed@example.com', '--name', 'Ann'],
      {
        env: { DATA_DIR: dataDir },
        stdin: terminal,
        print: () => undefined,
        fail: (line) => err.push(line),
        prompt: (text) => {
          prompts.push(text);
          const typed = keys.shift();
          if (text.endsWith(': ') && typed) setImmediate(() => terminal.write(typed));
        },
      },
    );
    expect({ outcome, err }).toEqual({ outcome: 0, err: [] });
    expect(prompts).toEqual(['Password: ', '\nPassword again: ', '\n']);
    expect(terminal.setRawMode.mock.calls).toEqual([[true], [false]]);
    expect(await hasPassword('typed@example.com')).toBe(true);
  });

  it('refuses two different passwords typed at a terminal', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, setRawMode: vi.fn() });
    const keys = [`${PASSWORD}\r`, `${PASSWORD}!\r`];
    const err: string[] = [];
    const outcome = await runCli(['create-admin', '--email', 'typo@example.com', '--name', 'Ann'], {
      env: { DATA_DIR: dataDir },
      stdin: terminal,
      print: () => undefined,
      fail: (line) => err.push(line),
      prompt: (text) => {
        const typed = keys.shift();
        if (text.endsWith(': ') && typed) setImmediate(() => terminal.write(typed));
      },
    });
    expect({ outcome, err }).toEqual({
      outcome: 1,
      err: ['The two passwords differ; nothing was created.'],
    });
    expect(terminal.setRawMode.mock.calls).toEqual([[true], [false]]);
  });

  it('still takes --password, warning that others can see it', async () => {
    const { outcome, err } = await run(
      ['create-admin', '--email', 'flag@example.com', '--name', 'Ann', '--password', PASSWORD],
      { DATA_DIR: dataDir },
    );
    expect(outcome).toBe(0);
    expect(err).toMatch(/^Warning: --password is visible to other users of this computer/);
    expect(await hasPassword('flag@example.com')).toBe(true);
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['0', false],
    ['1', 1],
    ['true', 1],
    ['2', 2],
    ['10.0.0.1', ['10.0.0.1']],
    [
      ' 10.0.0.1, 10.0.0.0/8,loopback,fd00::/8 ',
      ['10.0.0.1', '10.0.0.0/8', 'loopback', 'fd00::/8'],
    ],
  ])('reads %j as %j', (value, trustProxy) => {
    expect(readTrustProxy(value)).toEqual(trustProxy);
  });

  it.each(['yes', 'proxy.internal', '10.0.0.0/33', '10.0.0.1,'])('refuses %j', (value) => {
    expect(() => readTrustProxy(value)).toThrow(CliError);
    expect(() => readTrustProxy(value)).toThrow(`"${value.split(',').at(-1)}" is none of these`);
  });
});

describe('the command line', () => {
  it.each([
    [['frobnicate'], /^Unknown command "frobnicate"/],
    [
      ['create-admin', '--email', 'a@b.c', '--name', 'Ann'],
      /^create-admin needs a password: type it when asked, give it as one line of standard input, or set DESK_ADMIN_PASSWORD\.$/,
    ],
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
    [{ TRUST_PROXY: 'yes' }, /^TRUST_PROXY must be 1, a number of proxies/],
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

describe('stopping the server', () => {
  it('cuts a request still arriving once the grace is over, instead of waiting a minute', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'desk-stop-'));
    try {
      const server = await startServer({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
      // A client that sends half a request and goes quiet.
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('POST /v1/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{');
      socket.on('error', () => undefined).resume();
      const cut = new Promise((resolve) => socket.once('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, 100));

      const began = Date.now();
      await server.close(500);
      await cut;
      expect(Date.now() - began).toBeLessThan(5_000);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
