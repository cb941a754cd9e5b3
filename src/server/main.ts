import { realpathSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  createSpace,
  createUser,
  EmailSchema,
  findCredentials,
  PasswordSchema,
  type User,
} from './accounts';
import { buildServer } from './app';
import { openDatabase, type Sql } from './db';
import { migrate } from './migrations';
import { SyncIdSchema } from '../core/sync/index';

const USAGE = `Escalation Desk team sync server

  npm run server                     start serving (Ctrl+C stops)
  npm run server -- create-admin --email ann@example.com --name "Ann"
                      [--space main --space-name "Main desk"]
                                     create the first admin, and a space they belong to; the
                                     password is asked for, read from standard input (one
                                     line), or taken from DESK_ADMIN_PASSWORD
  npm run server -- create-space --id main --name "Main desk"
  npm run server -- help

Environment: PORT (8787), HOST (127.0.0.1), DATABASE_URL (PostgreSQL; else PGlite in
DATA_DIR, default ./server-data), LOG_LEVEL (info), TRUST_PROXY (behind reverse proxies: 1, or
how many stand in front, or their addresses and CIDR ranges separated by commas).`;

/** The first admin account, as `create-admin` takes it. */
export const AdminInputSchema = z.strictObject({
  email: EmailSchema,
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  password: PasswordSchema,
  space: SyncIdSchema.optional(),
  spaceName: z.string().trim().min(1, 'must not be empty').max(200).optional(),
});
export type AdminInput = z.input<typeof AdminInputSchema>;

/** Something the person at the terminal must fix; printed without a stack trace. */
export class CliError extends Error {}

/**
 * Creates an admin account (refused when the email exists) and, with `space`, makes them a member
 * of that space, creating it (named `spaceName`, else its id) when it does not exist yet.
 */
export async function createAdmin(sql: Sql, input: AdminInput, now = Date.now()): Promise<User> {
  const parsed = AdminInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'input');
    // The password may come from the environment or a prompt: name it, not its option.
    const subject =
      field === 'password'
        ? 'The password'
        : `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new CliError(`${subject} ${issue?.message ?? 'is not valid'}.`);
  }
  const { email, name, password, space, spaceName } = parsed.data;
  if (spaceName !== undefined && space === undefined) {
    throw new CliError('--space-name needs --space (the space id).');
  }
  if (await findCredentials(sql, email)) {
    throw new CliError(`An account with the email ${email} already exists.`);
  }
  if (space !== undefined) {
    const exists = await sql.query('SELECT 1 FROM spaces WHERE id = $1', [space]);
    if (exists.length === 0) await createSpace(sql, { id: space, name: spaceName ?? space }, now);
  }
  return createUser(
    sql,
    { email, name, password, role: 'admin', spaces: space === undefined ? [] : [space] },
    now,
  );
}

/** Where `main` reads its settings. */
export interface ServerEnvironment {
  PORT?: string;
  HOST?: string;
  DATABASE_URL?: string;
  DATA_DIR?: string;
  LOG_LEVEL?: string;
  TRUST_PROXY?: string;
  /** create-admin's password, kept out of the process list. */
  DESK_ADMIN_PASSWORD?: string;
}

/** A running server and how to stop it. */
export interface RunningServer {
  app: FastifyInstance;
  sql: Sql;
  /** The address it listens on, e.g. http://127.0.0.1:8787. */
  url: string;
  /** Stops: requests under way get `graceMs` to finish, then their connections are cut. */
  close(graceMs?: number): Promise<void>;
}

/** How long a stop waits for requests under way (see RunningServer.close). */
export const SHUTDOWN_GRACE_MS = 10_000;

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 8787;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliError(`PORT must be a whole number from 0 to 65535, not "${value}".`);
  }
  return port;
}

/** The keywords proxy-addr (Fastify's) knows besides addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyRange(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (family === 4 && isIP(prefix) === 4) return true; // a netmask, 255.255.255.0
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY as buildServer's `trustProxy`: unset or 0 trusts no X-Forwarded-For; `1` or `true`
 * one proxy (the rightmost entry is the client, whatever a client wrote to its left); a number
 * that many proxies; else the proxies' addresses and CIDR ranges, separated by commas.
 */
export function readTrustProxy(value: string | undefined): false | number | string[] {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0' || text === 'false') return false;
  if (text === 'true') return 1;
  if (/^\d+$/.test(text)) return Number(text);
  const ranges = text.split(',').map((entry) => entry.trim());
  const wrong = ranges.find((entry) => !isProxyRange(entry));
  if (wrong !== undefined) {
    throw new CliError(
      `TRUST_PROXY must be 1, a number of proxies, or proxy addresses and CIDR ranges ` +
        `separated by commas; "${wrong}" is none of these.`,
    );
  }
  return ranges;
}

/** Names the storage without the password of a PostgreSQL URL. */
function describeStorage(env: ServerEnvironment): string {
  if (env.DATABASE_URL) {
    try {
      const url = new URL(env.DATABASE_URL);
      return `PostgreSQL at ${url.host}${url.pathname}`;
    } catch {
      throw new CliError('DATABASE_URL is not a URL (postgres://user:password@host:5432/db).');
    }
  }
  return `PGlite in ${resolve(env.DATA_DIR || 'server-data')}`;
}

async function openFromEnvironment(env: ServerEnvironment): Promise<Sql> {
  describeStorage(env);
  const sql = env.DATABASE_URL
    ? await openDatabase({ url: env.DATABASE_URL })
    : await openDatabase({ dataDir: env.DATA_DIR || 'server-data' });
  try {
    await migrate(sql);
  } catch (error) {
    await sql.close();
    throw error;
  }
  return sql;
}

/** Opens the database, builds the server and listens on HOST:PORT. */
export async function startServer(env: ServerEnvironment): Promise<RunningServer> {
  const port = readPort(env.PORT);
  const trustProxy = readTrustProxy(env.TRUST_PROXY);
  const host = env.HOST || '127.0.0.1';
  const sql = await openFromEnvironment(env);
  let app: FastifyInstance;
  try {
    app = await buildServer({
      sql,
      logger: { level: env.LOG_LEVEL || 'info' },
      trustProxy,
    });
    await app.listen({ port, host });
  } catch (error) {
    await sql.close();
    throw error;
  }
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    app,
    sql,
    url: `http://${shownHost}:${bound}`,
    close: async (graceMs = SHUTDOWN_GRACE_MS) => {
      const closing = app.close();
      // A request that never finishes arriving (a half-sent body, a client gone quiet) held a
      // graceful close for a minute or more, until Node's own timeouts: after the grace it is cut.
      const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
      try {
        await closing;
      } finally {
        clearTimeout(cut);
      }
      await sql.close();
    },
  };
}

const CREATE_ADMIN_OPTIONS = {
  email: { type: 'string' },
  name: { type: 'string' },
  password: { type: 'string' },
  space: { type: 'string' },
  'space-name': { type: 'string' },
} as const;

const CREATE_SPACE_OPTIONS = {
  id: { type: 'string' },
  name: { type: 'string' },
} as const;

function required(value: string | undefined, flag: string, command: string): string {
  if (value === undefined) throw new CliError(`${command} needs ${flag}.`);
  return value;
}

/** Standard input as `create-admin` reads it: a terminal has `isTTY` and `setRawMode`. */
export type PasswordInput = Readable & {
  isTTY?: boolean;
  setRawMode?: (raw: boolean) => unknown;
};

/** What the command line reads and writes; tests give their own. */
export interface CliIo {
  env: ServerEnvironment;
  /** Where `create-admin` reads the password when neither --password nor the environment has it. */
  stdin?: PasswordInput;
  /** Writes a line of output (standard output). */
  print?: (line: string) => void;
  /** Writes a line of error or warning (standard error). */
  fail?: (line: string) => void;
  /** Writes text without a newline: the password prompt (standard error). */
  prompt?: (text: string) => void;
}

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACES = new Set(['\u007f', '\b']);

/**
 * Reads one line from `input`, without its line break; null when the input ends empty. At a
 * terminal nothing typed is echoed, Backspace deletes and Ctrl+C cancels.
 */
function readLine(input: PasswordInput): Promise<string | null> {
  const typing = input.isTTY === true;
  return new Promise((resolve, reject) => {
    let line = '';
    const finish = (answer: string | null, error?: CliError): void => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
      // Read no further, so the process can end.
      input.pause();
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: string | Buffer): void => {
      for (const char of String(chunk)) {
        if (char === '\n' || char === '\r' || (typing && char === CTRL_D)) return finish(line);
        if (typing && char === CTRL_C) {
          return finish(null, new CliError('Cancelled; nothing was created.'));
        }
        line = typing && BACKSPACES.has(char) ? [...line].slice(0, -1).join('') : line + char;
      }
    };
    const onEnd = (): void => finish(line === '' ? null : line);
    const onError = (error: Error): void =>
      finish(null, new CliError(`Could not read the password: ${error.message}`));
    input.setEncoding('utf8');
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', onError);
    input.resume();
  });
}

/** Asks for the password at a terminal, twice, without echo. */
async function askPassword(input: PasswordInput, prompt: (text: string) => void): Promise<string> {
  input.setRawMode?.(true);
  try {
    prompt('Password: ');
    const first = await readLine(input);
    prompt('\nPassword again: ');
    const second = await readLine(input);
    prompt('\n');
    if (first !== second) throw new CliError('The two passwords differ; nothing was created.');
    return first ?? '';
  } finally {
    input.setRawMode?.(false);
  }
}

/**
 * create-admin's password: from --password (with a warning: the process list shows it), else
 * DESK_ADMIN_PASSWORD, else asked for at a terminal or read as one line of standard input.
 */
async function adminPassword(flag: string | undefined, io: Required<CliIo>): Promise<string> {
  if (flag !== undefined) {
    io.fail(
      'Warning: --password is visible to other users of this computer (in the process list); ' +
        'set DESK_ADMIN_PASSWORD, or leave it out to type it when asked.',
    );
    return flag;
  }
  if (io.env.DESK_ADMIN_PASSWORD) return io.env.DESK_ADMIN_PASSWORD;
  if (io.stdin.isTTY) return askPassword(io.stdin, io.prompt);
  const line = await readLine(io.stdin);
  if (line === null) {
    throw new CliError(
      'create-admin needs a password: type it when asked, give it as one line of standard ' +
        'input, or set DESK_ADMIN_PASSWORD.',
    );
  }
  return line;
}

/**
 * Runs a command line (the arguments after `npm run server --`). Resolves to the running server
 * when serving, or to the exit code of a one-off command.
 */
export async function runCli(argv: readonly string[], cli: CliIo): Promise<RunningServer | number> {
  const io: Required<CliIo> = {
    env: cli.env,
    stdin: cli.stdin ?? process.stdin,
    print: cli.print ?? console.log,
    fail: cli.fail ?? console.error,
    prompt: cli.prompt ?? ((text) => process.stderr.write(text)),
  };
  const { env, print, fail } = io;
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'serve': {
        if (rest.length > 0)
          throw new CliError(`"serve" takes no arguments, not "${rest.join(' ')}".`);
        const storage = describeStorage(env);
        const running = await startServer(env);
        print(`Escalation Desk sync server listening on ${running.url} (${storage}).`);
        return running;
      }
      case 'create-admin': {
        const { values } = parseArgs({
          args: [...rest],
          options: CREATE_ADMIN_OPTIONS,
          strict: true,
        });
        const input: AdminInput = {
          email: required(values.email, '--email', command),
          name: required(values.name, '--name', command),
          password: await adminPassword(values.password, io),
          space: values.space,
          spaceName: values['space-name'],
        };
        const sql = await openFromEnvironment(env);
        try {
          const user = await createAdmin(sql, input);
          const spaces = user.spaces.map((space) => `"${space.name}" (${space.id})`).join(', ');
          print(`Created the admin ${user.name} <${user.email}>${spaces ? ` in ${spaces}` : ''}.`);
        } finally {
          await sql.close();
        }
        return 0;
      }
      case 'create-space': {
        const { values } = parseArgs({
          args: [...rest],
          options: CREATE_SPACE_OPTIONS,
          strict: true,
        });
        const id = SyncIdSchema.safeParse(required(values.id, '--id', command));
        if (!id.success)
          throw new CliError(`--id ${id.error.issues[0]?.message ?? 'is not valid'}.`);
        const name = required(values.name, '--name', command).trim();
        if (!name) throw new CliError('--name must not be empty.');
        const sql = await openFromEnvironment(env);
        try {
          await createSpace(sql, { id: id.data, name }, Date.now());
          print(`Created the space "${name}" (${id.data}). Add members as an admin in the desk.`);
        } finally {
          await sql.close();
        }
        return 0;
      }
      case 'help':
      case '--help':
      case '-h':
        print(USAGE);
        return 0;
      default:
        throw new CliError(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } catch (error) {
    fail(cliMessage(error));
    return 1;
  }
}

function cliMessage(error: unknown): string {
  if (error instanceof CliError) return error.message;
  // parseArgs: unknown options and missing values.
  if (
    error instanceof TypeError &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS')
  ) {
    return `${error.message}\nRun "npm run server -- help" for usage.`;
  }
  if (error instanceof Error && 'status' in error) return error.message;
  return `The server could not start: ${error instanceof Error ? error.message : String(error)}`;
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const outcome = await runCli(process.argv.slice(2), { env: process.env });
  if (typeof outcome === 'number') {
    process.exitCode = outcome;
  } else {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) process.exit(1);
      stopping = true;
      console.log(`${signal}: closing the server…`);
      outcome.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  }
}
