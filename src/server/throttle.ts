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

/** One email's or address's failures, as the database keeps them. */
interface Tally {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

/** A sign-in counted as a failure before its password was checked; `succeed` takes it back. */
export interface SignInAttempt {
  email: string;
  address: string;
  /** The address's tally before this attempt and after it. */
  addressBefore: Tally;
  addressAfter: Tally;
}

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
 *
 * Every attempt counts as a failure before its password is checked, under a row lock, so guesses
 * sent in parallel cannot all pass a check made before any of them was counted. A correct
 * password then takes its count back (`succeed`).
 */
export class SignInThrottle {
  constructor(
    private readonly sql: Sql,
    private readonly now: () => number,
  ) {}

  /**
   * Counts a sign-in against the email and the address, or throws 429 (with `retryAfterSeconds`
   * and `Retry-After`) while either waits; a refused attempt counts nothing.
   */
  async attempt(email: string, address: string): Promise<SignInAttempt> {
    const now = this.now();
    const keyOfAddress = addressKey(address);
    // Rows are locked in key order, so attempts sharing an email or an address cannot deadlock.
    const keys = [
      { key: emailKey(email), limit: SIGN_IN_LIMITS.email },
      { key: keyOfAddress, limit: SIGN_IN_LIMITS.address },
    ].sort((a, b) => (a.key < b.key ? -1 : 1));
    const counted = await this.sql.transaction(async (tx) => {
      const before: Tally[] = [];
      for (const { key } of keys) before.push(await lockTally(tx, key));
      const until = Math.max(...before.map((tally) => tally.blockedUntil));
      if (until > now) throw tooMany(Math.max(1, Math.ceil((until - now) / 1000)));
      let forAddress: { before: Tally; after: Tally } | undefined;
      for (const [i, { key, limit }] of keys.entries()) {
        const after = nextTally(before[i]!, limit, now);
        await tx.query(
          `UPDATE sign_in_failures SET failures = $2, last_failure_at = $3, blocked_until = $4
           WHERE key = $1`,
          [key, after.failures, after.lastFailureAt, after.blockedUntil],
        );
        if (key === keyOfAddress) forAddress = { before: before[i]!, after };
      }
      return forAddress!;
    });
    // Forget old failures as we go, so the table stays as small as the attack. Rows another
    // attempt holds are skipped rather than waited for.
    await this.sql.query(
      `DELETE FROM sign_in_failures WHERE key IN (
         SELECT key FROM sign_in_failures WHERE last_failure_at < $1 AND blocked_until < $2
         FOR UPDATE SKIP LOCKED)`,
      [now - SIGN_IN_LIMITS.windowMs, now],
    );
    return { email, address, addressBefore: counted.before, addressAfter: counted.after };
  }

  /**
   * A correct password clears the email's failures, and takes back the attempt's count against
   * the address (the address keeps its other failures).
   */
  async succeed(attempt: SignInAttempt): Promise<void> {
    const key = addressKey(attempt.address);
    const { addressBefore: before, addressAfter: after } = attempt;
    await this.sql.transaction(async (tx) => {
      const rows = await tx.query<{ failures: number; blocked_until: number }>(
        'SELECT failures, blocked_until FROM sign_in_failures WHERE key = $1 FOR UPDATE',
        [key],
      );
      const row = rows[0];
      if (!row) return;
      if (row.failures === after.failures && row.blocked_until === after.blockedUntil) {
        // Nothing counted since this attempt: the address goes back to as it was.
        await tx.query(
          `UPDATE sign_in_failures SET failures = $2, last_failure_at = $3, blocked_until = $4
           WHERE key = $1`,
          [key, before.failures, before.lastFailureAt, before.blockedUntil],
        );
        return;
      }
      // Others' failures counted meanwhile stay, with their pause while they still earn one.
      const failures = Math.max(0, row.failures - 1);
      await tx.query(
        'UPDATE sign_in_failures SET failures = $2, blocked_until = $3 WHERE key = $1',
        [key, failures, failures >= SIGN_IN_LIMITS.address ? row.blocked_until : 0],
      );
    });
    await this.sql.query('DELETE FROM sign_in_failures WHERE key = $1', [emailKey(attempt.email)]);
  }
}

/** Locks a key's row, first making an empty one (no failures) when it has none. */
async function lockTally(tx: Sql, key: string): Promise<Tally> {
  // The no-op update locks an existing row; the insert makes (and holds) a new one.
  const rows = await tx.query<{ failures: number; last_failure_at: number; blocked_until: number }>(
    `INSERT INTO sign_in_failures AS f (key, failures, last_failure_at, blocked_until)
     VALUES ($1, 0, 0, 0)
     ON CONFLICT (key) DO UPDATE SET failures = f.failures
     RETURNING failures, last_failure_at, blocked_until`,
    [key],
  );
  const row = rows[0]!;
  return {
    failures: row.failures,
    lastFailureAt: row.last_failure_at,
    blockedUntil: row.blocked_until,
  };
}

/** The tally after one more failure; the pause starts once the failures reach the limit. */
function nextTally(before: Tally, limit: number, now: number): Tally {
  const recent = now - before.lastFailureAt < SIGN_IN_LIMITS.windowMs;
  const failures = recent ? before.failures + 1 : 1;
  const pauseMs =
    failures >= limit
      ? Math.min(1000 * 2 ** Math.min(failures - limit, 30), SIGN_IN_LIMITS.maxPauseMs)
      : 0;
  return { failures, lastFailureAt: now, blockedUntil: pauseMs > 0 ? now + pauseMs : 0 };
}

function tooMany(retryAfterSeconds: number): HttpError {
  return new HttpError(
    429,
    `Too many failed sign-ins; try again in ${waitInWords(retryAfterSeconds)}.`,
    { retryAfterSeconds },
    { 'retry-after': String(retryAfterSeconds) },
  );
}

function emailKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

function addressKey(address: string): string {
  return `address:${address}`;
}
