import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import { z } from 'zod';
import { ACCOUNT_ROLES, SyncIdSchema, type AccountRole } from '../core/sync/index';
import type { Sql } from './db';
import { badRequest, conflict, notFound } from './http-error';

/** A space as accounts see it. */
export interface SpaceSummary {
  id: string;
  name: string;
}

/** An account as the API shows it (never its password hash). */
export interface User {
  id: string;
  email: string;
  name: string;
  role: AccountRole;
  spaces: SpaceSummary[];
}

export const PASSWORD_MIN_LENGTH = 10;

/** Lenient on purpose: internal addresses such as `ann@desk` are real. */
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .regex(/^[^\s@]+@[^\s@]+$/, 'is not an email address');
const NameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');
export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(1024, 'must be at most 1024 characters');
const RoleSchema = z.enum(ACCOUNT_ROLES, {
  error: `must be one of ${ACCOUNT_ROLES.join(', ')}`,
});
const SpaceListSchema = z.array(SyncIdSchema).max(1000, 'must list at most 1000 spaces');

/** POST /v1/admin/users. */
export const NewUserSchema = z.strictObject({
  email: EmailSchema,
  name: NameSchema,
  password: PasswordSchema,
  role: RoleSchema,
  spaces: SpaceListSchema,
});
export type NewUser = z.infer<typeof NewUserSchema>;

/** PATCH /v1/admin/users/:userId: only the fields given change; `spaces` replaces the list. */
export const UserPatchSchema = z.strictObject({
  role: RoleSchema.optional(),
  spaces: SpaceListSchema.optional(),
  name: NameSchema.optional(),
  password: PasswordSchema.optional(),
});
export type UserPatch = z.infer<typeof UserPatchSchema>;

/** POST /v1/admin/spaces. */
export const NewSpaceSchema = z.strictObject({ id: SyncIdSchema, name: NameSchema });
export type NewSpace = z.infer<typeof NewSpaceSchema>;

/** OWASP's argon2id minimum: 19 MiB, 2 passes, one lane. */
const ARGON2 = { memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32 } as const;

let argon2Cost: { memorySize: number; iterations: number } = ARGON2;

/**
 * For test suites only (their setup file calls it; the server never does): hashes made from now on
 * cost 1 MiB and one pass, so hundreds of sign-ins stay fast. A hash records its own cost, so
 * verification follows whatever made it.
 */
export function useCheapPasswordHashingForTests(): void {
  argon2Cost = { memorySize: 1024, iterations: 1 };
}

/** Hashes a password with argon2id and a random salt, in the self-describing encoded form. */
export function hashPassword(password: string): Promise<string> {
  return argon2id({
    ...ARGON2,
    ...argon2Cost,
    password,
    salt: randomBytes(16),
    outputType: 'encoded',
  });
}

const ENCODED_ARGON2ID =
  /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * Whether `password` matches an encoded argon2id hash. Recomputes with the hash's own parameters
 * and compares with `timingSafeEqual` (hash-wasm's `argon2Verify` compares strings with `===`).
 */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const match = ENCODED_ARGON2ID.exec(hash);
  if (!match) return false;
  const expected = Buffer.from(match[5]!, 'base64');
  const actual = await argon2id({
    password,
    salt: Buffer.from(match[4]!, 'base64'),
    memorySize: Number(match[1]),
    iterations: Number(match[2]),
    parallelism: Number(match[3]),
    hashLength: expected.length,
    outputType: 'binary',
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let decoyHash: Promise<string> | undefined;

/** A hash to check against when the email is unknown, so both cases take as long. */
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  return decoyHash;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: AccountRole;
  spaces: SpaceSummary[];
}

const SELECT_USERS = `
  SELECT u.id, u.email, u.name, u.role,
    COALESCE(
      json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.name, s.id)
        FILTER (WHERE s.id IS NOT NULL),
      '[]'::json
    ) AS spaces
  FROM users u
  LEFT JOIN memberships m ON m.user_id = u.id
  LEFT JOIN spaces s ON s.id = m.space_id`;

/** The account with this id, with its spaces, or null. */
export async function findUser(sql: Sql, userId: string): Promise<User | null> {
  const rows = await sql.query<UserRow>(`${SELECT_USERS} WHERE u.id = $1 GROUP BY u.id`, [userId]);
  return rows[0] ?? null;
}

/** Every account, by name. */
export function listUsers(sql: Sql): Promise<User[]> {
  return sql.query<UserRow>(`${SELECT_USERS} GROUP BY u.id ORDER BY u.name, u.email`);
}

/** The id and password hash for a sign-in, or null when no account has this email. */
export async function findCredentials(
  sql: Sql,
  email: string,
): Promise<{ id: string; passwordHash: string } | null> {
  const rows = await sql.query<{ id: string; password_hash: string }>(
    'SELECT id, password_hash FROM users WHERE email = $1',
    [email.trim().toLowerCase()],
  );
  const row = rows[0];
  return row ? { id: row.id, passwordHash: row.password_hash } : null;
}

async function setMemberships(tx: Sql, userId: string, spaceIds: readonly string[]): Promise<void> {
  const wanted = [...new Set(spaceIds)];
  if (wanted.length > 0) {
    const found = await tx.query<{ id: string }>(
      'SELECT id FROM spaces WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))',
      [JSON.stringify(wanted)],
    );
    const known = new Set(found.map((row) => row.id));
    const missing = wanted.find((id) => !known.has(id));
    if (missing !== undefined) throw badRequest(`spaces: there is no space "${missing}".`);
  }
  await tx.query('DELETE FROM memberships WHERE user_id = $1', [userId]);
  if (wanted.length > 0) {
    await tx.query(
      `INSERT INTO memberships (user_id, space_id)
       SELECT $1, space_id FROM jsonb_array_elements_text($2::jsonb) AS space_id`,
      [userId, JSON.stringify(wanted)],
    );
  }
}

/** Creates an account (409 when the email is taken; 400 naming an unknown space). */
export async function createUser(sql: Sql, input: NewUser, now: number): Promise<User> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  await sql.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO users (id, email, name, role, password_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [id, email, input.name, input.role, passwordHash, now],
    );
    if (inserted.length === 0) throw conflict(`An account with the email ${email} already exists.`);
    await setMemberships(tx, id, input.spaces);
  });
  return (await findUser(sql, id))!;
}

/**
 * Changes an account. A new password ends the account's sessions. The last admin cannot be
 * demoted, so the server always has someone who can manage it.
 */
export async function updateUser(
  sql: Sql,
  userId: string,
  patch: UserPatch,
  now: number,
): Promise<User> {
  const passwordHash =
    patch.password === undefined ? undefined : await hashPassword(patch.password);
  await sql.transaction(async (tx) => {
    const rows = await tx.query<{ role: AccountRole }>(
      'SELECT role FROM users WHERE id = $1 FOR UPDATE',
      [userId],
    );
    const current = rows[0];
    if (!current) throw notFound('There is no such account.');
    if (patch.role !== undefined && patch.role !== 'admin' && current.role === 'admin') {
      const admins = await tx.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM users WHERE role = 'admin'",
      );
      if ((admins[0]?.count ?? 0) <= 1) {
        throw conflict('This is the only admin account; make another account admin first.');
      }
    }
    await tx.query(
      `UPDATE users SET role = COALESCE($2, role), name = COALESCE($3, name),
         password_hash = COALESCE($4, password_hash)
       WHERE id = $1`,
      [userId, patch.role ?? null, patch.name ?? null, passwordHash ?? null],
    );
    if (passwordHash !== undefined) {
      await tx.query(
        'UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL',
        [userId, now],
      );
    }
    if (patch.spaces !== undefined) await setMemberships(tx, userId, patch.spaces);
  });
  return (await findUser(sql, userId))!;
}

/** Creates a space (409 when the id is taken), with `memberIds` as its first members. */
export async function createSpace(
  sql: Sql,
  input: NewSpace,
  now: number,
  memberIds: readonly string[] = [],
): Promise<SpaceSummary> {
  await sql.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO spaces (id, name, version, created_at) VALUES ($1, $2, 0, $3)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [input.id, input.name, now],
    );
    if (inserted.length === 0) throw conflict(`A space with the id "${input.id}" already exists.`);
    for (const userId of memberIds) {
      await tx.query('INSERT INTO memberships (user_id, space_id) VALUES ($1, $2)', [
        userId,
        input.id,
      ]);
    }
  });
  return { id: input.id, name: input.name };
}

/** Every space, by name. */
export function listSpaces(sql: Sql): Promise<SpaceSummary[]> {
  return sql.query<SpaceSummary>('SELECT id, name FROM spaces ORDER BY name, id');
}
