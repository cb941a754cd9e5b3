import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { AccountRole } from '../core/sync/index';
import { findUser, type User } from './accounts';
import type { Sql } from './db';
import { unauthorized } from './http-error';

export const ACCESS_TOKEN_TTL_MS = 15 * 60 * 1000;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * How long a session's previous refresh token still works after a refresh replaced it: a desk
 * whose refresh answer was lost on the way (a laptop that slept, a network that dropped) asks
 * again with the token it still has. The window closes sooner when the new token is used: only
 * the token just before the current one is kept.
 */
export const REFRESH_GRACE_MS = 12 * 60 * 60 * 1000;

const SIGNING_KEY_NAME = 'access_token_key';
const ISSUER = 'escalation-desk-server';
const AUDIENCE = 'escalation-desk';

/** What a desk receives when it signs in or refreshes. */
export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  accessExpiresAt: number;
  /** The server's clock when it answered: a desk whose clock is off measures expiry from it. */
  serverTime: number;
  refreshToken: string;
  user: User;
}

/** Who is calling, as an access token and its live session say. */
export interface Principal {
  userId: string;
  sessionId: string;
  /** Read from the account on every request, so a role change applies at once. */
  role: AccountRole;
}

/**
 * The key that signs access tokens: made at the first start and kept in the database, so every
 * node on one PostgreSQL signs and checks with the same key.
 */
export async function loadSigningKey(sql: Sql): Promise<Uint8Array> {
  await sql.query(
    'INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
    [SIGNING_KEY_NAME, randomBytes(32).toString('base64url')],
  );
  const rows = await sql.query<{ value: string }>(
    'SELECT value FROM server_secrets WHERE name = $1',
    [SIGNING_KEY_NAME],
  );
  return Buffer.from(rows[0]!.value, 'base64url');
}

/** The SHA-256 of a refresh token: the only form the database keeps. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Who a session belongs to. */
export interface SessionOwner {
  sessionId: string;
  userId: string;
}

/**
 * A session whose refresh token is `$1`, or whose token before it is `$1` and was replaced after
 * `$2` (epoch ms). Only the immediately previous token: each refresh forgets the one before.
 */
const HOLDS_REFRESH_TOKEN = `(refresh_hash = $1 OR (previous_refresh_hash = $1 AND rotated_at > $2))`;

/**
 * Sessions: short-lived access tokens (JWT HS256, 15 minutes) checked against their session on
 * every request, and refresh tokens (30 days) rotated on each use.
 */
export class Sessions {
  constructor(
    private readonly sql: Sql,
    private readonly key: Uint8Array,
    private readonly now: () => number,
  ) {}

  /** Starts a session for an account that has just proved who it is. */
  async start(userId: string): Promise<Session> {
    const sessionId = randomUUID();
    const refreshToken = randomBytes(32).toString('base64url');
    const now = this.now();
    // Sessions that can never be used again go as the account starts a new one.
    await this.sql.query(
      'DELETE FROM sessions WHERE user_id = $1 AND (expires_at <= $2 OR revoked_at IS NOT NULL)',
      [userId, now],
    );
    await this.sql.query(
      `INSERT INTO sessions (id, user_id, refresh_hash, expires_at, revoked_at, created_at)
       VALUES ($1, $2, $3, $4, NULL, $5)`,
      [sessionId, userId, hashRefreshToken(refreshToken), now + REFRESH_TOKEN_TTL_MS, now],
    );
    return this.answer(userId, sessionId, refreshToken);
  }

  /**
   * Swaps a refresh token for a new one and a new access token. The old one stops working, except
   * that for REFRESH_GRACE_MS it may be swapped once more, in case the answer never arrived.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const next = randomBytes(32).toString('base64url');
    const now = this.now();
    // One statement, so refreshes racing with the same token take turns on the session's row.
    const rows = await this.sql.query<{ id: string; user_id: string }>(
      `UPDATE sessions SET refresh_hash = $3, previous_refresh_hash = refresh_hash,
         rotated_at = $4, expires_at = $5
       WHERE ${HOLDS_REFRESH_TOKEN} AND revoked_at IS NULL AND expires_at > $4
       RETURNING id, user_id`,
      [
        hashRefreshToken(refreshToken),
        now - REFRESH_GRACE_MS,
        hashRefreshToken(next),
        now,
        now + REFRESH_TOKEN_TTL_MS,
      ],
    );
    const session = rows[0];
    if (!session) {
      throw unauthorized('Your sign-in has ended or was replaced; sign in again.');
    }
    return this.answer(session.user_id, session.id, next);
  }

  /**
   * Ends the session this refresh token belongs to (any token that could still refresh it), and
   * says whose it was; null for an unknown or spent token.
   */
  async end(refreshToken: string): Promise<SessionOwner | null> {
    const now = this.now();
    const rows = await this.sql.query<{ id: string; user_id: string }>(
      `UPDATE sessions SET revoked_at = $3
       WHERE ${HOLDS_REFRESH_TOKEN} AND revoked_at IS NULL
       RETURNING id, user_id`,
      [hashRefreshToken(refreshToken), now - REFRESH_GRACE_MS, now],
    );
    const row = rows[0];
    return row ? { sessionId: row.id, userId: row.user_id } : null;
  }

  /** Ends every session of an account: its access tokens stop working at once. */
  async endAll(userId: string): Promise<void> {
    await this.sql.query(
      'UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL',
      [userId, this.now()],
    );
  }

  /** Who an access token belongs to; 401 when it is missing, expired, forged or its session ended. */
  async authenticate(accessToken: string | undefined): Promise<Principal> {
    if (!accessToken) throw unauthorized('Sign in to the team server first.');
    let userId: string;
    let sessionId: string;
    try {
      const { payload } = await jwtVerify(accessToken, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: new Date(this.now()),
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new Error();
      userId = payload.sub;
      sessionId = payload.sid;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw unauthorized('Your sign-in has expired; sign in again.');
      }
      throw unauthorized('The access token is not valid; sign in again.');
    }
    const rows = await this.sql.query<{ role: AccountRole }>(
      `SELECT u.role FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > $3`,
      [sessionId, userId, this.now()],
    );
    const row = rows[0];
    if (!row) throw unauthorized('Your session was ended; sign in again.');
    return { userId, sessionId, role: row.role };
  }

  private async answer(userId: string, sessionId: string, refreshToken: string): Promise<Session> {
    const serverTime = this.now();
    const issuedAt = Math.floor(serverTime / 1000);
    const expiresAt = issuedAt + ACCESS_TOKEN_TTL_MS / 1000;
    const accessToken = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    const user = await findUser(this.sql, userId);
    if (!user) throw unauthorized('This account no longer exists.');
    return { accessToken, accessExpiresAt: expiresAt * 1000, serverTime, refreshToken, user };
  }
}
