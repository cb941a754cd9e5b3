import type { Sql } from './db';
import { HttpError } from './http-error';

/** Failed sign-ins allowed before a pause, per email and per network address. */
export const SIGN_IN_LIMITS = {
  email: 5,
  address: 20,
  /** Failures count until 15 minutes pass without one. */
  windowMs: 15 * 60 * 1000,
  /** The pause doubles from 1 second up to this. */
  maxPauseMs: 15 * 60 * 1000,
} as const;

/** How long to ask someone to wait, in words. */
function waitInWords(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * Slows password guessing: after too many failures for an email or an address, sign-ins from
 * either wait, the pause doubling with each further failure. Kept in the database so the limits
 * hold across server nodes and restarts.
 */
export class SignInThrottle {
  constructor(
    private readonly sql: Sql,
    private readonly now: () => number,
  ) {}

  /** Throws 429 (with `retryAfterSeconds` and `Retry-After`) while this email or address waits. */
  async check(email: string, address: string): Promise<void> {
    const now = this.now();
    const rows = await this.sql.query<{ blocked_until: number }>(
      'SELECT blocked_until FROM sign_in_failures WHERE key IN ($1, $2) AND blocked_until > $3',
      [emailKey(email), addressKey(address), now],
    );
    if (rows.length === 0) return;
    const until = Math.max(...rows.map((row) => row.blocked_until));
    const retryAfterSeconds = Math.max(1, Math.ceil((until - now) / 1000));
    throw new HttpError(
      429,
      `Too many failed sign-ins; try again in ${waitInWords(retryAfterSeconds)}.`,
      { retryAfterSeconds },
      { 'retry-after': String(retryAfterSeconds) },
    );
  }

  /** Counts a failed sign-in against the email and the address. */
  async fail(email: string, address: string): Promise<void> {
    await this.count(emailKey(email), SIGN_IN_LIMITS.email);
    await this.count(addressKey(address), SIGN_IN_LIMITS.address);
  }

  /** A correct password clears the email's failures (not the address's). */
  async succeed(email: string): Promise<void> {
    await this.sql.query('DELETE FROM sign_in_failures WHERE key = $1', [emailKey(email)]);
  }

  private async count(key: string, limit: number): Promise<void> {
    const now = this.now();
    await this.sql.transaction(async (tx) => {
      const rows = await tx.query<{ failures: number; last_failure_at: number }>(
        'SELECT failures, last_failure_at FROM sign_in_failures WHERE key = $1 FOR UPDATE',
        [key],
      );
      const row = rows[0];
      const recent = row !== undefined && now - row.last_failure_at < SIGN_IN_LIMITS.windowMs;
      const failures = recent ? row.failures + 1 : 1;
      const pauseMs =
        failures >= limit
          ? Math.min(1000 * 2 ** Math.min(failures - limit, 30), SIGN_IN_LIMITS.maxPauseMs)
          : 0;
      await tx.query(
        `INSERT INTO sign_in_failures (key, failures, last_failure_at, blocked_until)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
           last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until`,
        [key, failures, now, pauseMs > 0 ? now + pauseMs : 0],
      );
      // Forget old failures as we go, so the table stays as small as the attack.
      await tx.query(
        'DELETE FROM sign_in_failures WHERE last_failure_at < $1 AND blocked_until < $2',
        [now - SIGN_IN_LIMITS.windowMs, now],
      );
    });
  }
}

function emailKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

function addressKey(address: string): string {
  return `address:${address}`;
}
