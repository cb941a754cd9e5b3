import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
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
  npm run server -- create-admin --email ann@example.com --name "Ann" --password '…'
                      [--space main --space-name "Main desk"]
                                     create the first admin, and a space they belong to
  npm run server -- create-space --id main --name "Main desk"
  npm run server -- help

Environment: PORT (8787), HOST (127.0.0.1), DATABASE_URL (PostgreSQL; else PGlite in
DATA_DIR, default ./server-data), LOG_LEVEL (info), TRUST_PROXY (set to 1 behind a reverse proxy).`;

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
    const field = String(issue?.path[0] ?? 'input').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw new CliError(`--${field} ${issue?.message ?? 'is not valid'}.`);
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
}

/** A running server and how to stop it. */
export interface RunningServer {
  app: FastifyInstance;
  sql: Sql;
  /** The address it listens on, e.g. http://127.0.0.1:8787. */
  url: string;
  close(): Promise<void>;
}

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 8787;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliError(`PORT must be a whole number from 0 to 65535, not "${value}".`);
  }
  return port;
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
  const host = env.HOST || '127.0.0.1';
  const sql = await openFromEnvironment(env);
  let app: FastifyInstance;
  try {
    app = await buildServer({
      sql,
      logger: { level: env.LOG_LEVEL || 'info' },
      trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
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
    close: async () => {
      await app.close();
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

/**
 * Runs a command line (the arguments after `npm run server --`). Resolves to the running server
 * when serving, or to the exit code of a one-off command; `print` and `fail` write lines.
 */
export async function runCli(
  argv: readonly string[],
  env: ServerEnvironment,
  print: (line: string) => void = console.log,
  fail: (line: string) => void = console.error,
): Promise<RunningServer | number> {
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
          password: required(values.password, '--password', command),
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
  const outcome = await runCli(process.argv.slice(2), process.env);
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
