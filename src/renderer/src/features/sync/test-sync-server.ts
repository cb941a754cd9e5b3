import {
  applyBatch,
  EXISTENCE_CLOCK,
  formatHlc,
  TABLE_MERGE,
  PushRequestSchema,
  rowKey,
  SYNC_PROTOCOL_VERSION,
  toSyncChange,
  unstorable,
  writeRefusal,
  type AccountRole,
  type PullResponse,
  type PushResponse,
  type Rejection,
  type StoredRow,
  type SyncTable,
} from '@core/index';
import type { FetchLike, SyncUser } from './sync-api';

/**
 * An in-memory stand-in for the team sync server, for tests: the contract's routes with the
 * core merge rules, one account, and faults to order (a dropped connection, a lost answer, a
 * canned response).
 */

/** What the next matching request meets instead of a plain answer. */
export type Fault =
  /** The request never reaches the server. */
  | { kind: 'unreachable' }
  /** The server does the work, but the answer is lost on the way back. */
  | { kind: 'lost-answer' }
  /** The server answers this instead (nothing is done). */
  | { kind: 'answer'; status: number; body: unknown };

interface Versioned {
  row: StoredRow;
  version: number;
}

/** A fake sync server and what tests look at. */
export class TestSyncServer {
  readonly origin = 'https://sync.test';
  readonly password = 'correct horse battery staple';
  user: SyncUser = {
    id: 'u-1',
    email: 'dana@example.com',
    name: 'Dana Reyes',
    role: 'manager',
    spaces: [
      { id: 'north', name: 'North desk' },
      { id: 'south', name: 'South desk' },
    ],
  };
  /** The space's rows by `table/id`. */
  readonly rows = new Map<string, Versioned>();
  version = 0;
  /** The last mid applied per client. */
  readonly lastMid = new Map<string, number>();
  /** Changes per pull page (the contract allows fewer than asked). */
  pageSize = 1000;
  /** How long access tokens last, from `now`. */
  accessTtlMs = 15 * 60_000;
  now = () => 1_700_000_000_000;
  /** Runs as each request arrives, before the server answers (to act while a sync is under way). */
  onRequest: ((method: string, path: string) => Promise<void> | void) | undefined;
  /** Every request, in order: method, path (with query) and the JSON body. */
  readonly requests: { method: string; path: string; body: unknown }[] = [];
  private readonly faults: { match: RegExp; fault: Fault }[] = [];
  private readonly accessTokens = new Set<string>();
  private readonly refreshTokens = new Set<string>();
  private issued = 0;

  /** The next request whose "METHOD path" matches meets `fault`. */
  failNext(match: RegExp, fault: Fault): void {
    this.faults.push({ match, fault });
  }

  /** Ends every access token (as if they expired); refresh tokens still work. */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** Ends every session (an admin revoked them). */
  revokeSessions(): void {
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  /** A row as the server holds it (its data), or undefined. */
  data(table: SyncTable, id: string): Record<string, unknown> | undefined {
    const stored = this.rows.get(rowKey(table, id));
    return stored && !stored.row.deleted ? stored.row.data : undefined;
  }

  /**
   * Puts a row in the space as if another desk had pushed it, its fields (of a `fields` table)
   * stamped with that desk's clock at `wall` (the server's now).
   */
  seed(
    table: SyncTable,
    id: string,
    data: Record<string, unknown>,
    rowVersion = 1,
    wall = this.now(),
  ): void {
    this.version += 1;
    const hlc = formatHlc({ wall, counter: 0, node: 'otherdesk' });
    const clocks =
      TABLE_MERGE[table] === 'fields'
        ? Object.fromEntries([EXISTENCE_CLOCK, ...Object.keys(data)].map((key) => [key, hlc]))
        : {};
    this.rows.set(rowKey(table, id), {
      row: { table, id, data, clocks, rowVersion, deleted: false },
      version: this.version,
    });
  }

  /** Deletes a row of the space as if another desk had, at `wall` (the server's now). */
  seedDelete(table: SyncTable, id: string, wall = this.now()): void {
    const stored = this.rows.get(rowKey(table, id));
    if (!stored) return;
    this.version += 1;
    const hlc = formatHlc({ wall, counter: 0, node: 'otherdesk' });
    this.rows.set(rowKey(table, id), {
      row: {
        ...stored.row,
        deleted: true,
        clocks: { ...stored.row.clocks, [EXISTENCE_CLOCK]: hlc },
        rowVersion: stored.row.rowVersion + 1,
      },
      version: this.version,
    });
  }

  /** The `fetch` desks call this server with. */
  readonly fetch: FetchLike = async (url, init) => {
    const path = url.startsWith(this.origin) ? url.slice(this.origin.length) : url;
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    this.requests.push({ method, path, body });
    await this.onRequest?.(method, path);
    const at = this.faults.findIndex(({ match }) => match.test(`${method} ${path}`));
    const fault = at >= 0 ? this.faults.splice(at, 1)[0]!.fault : undefined;
    if (fault?.kind === 'unreachable') throw new TypeError('fetch failed');
    if (fault?.kind === 'answer') return json(fault.status, fault.body);
    const headers = new Headers(init.headers);
    const response = this.route(method, path, body, headers.get('authorization'));
    if (fault?.kind === 'lost-answer') throw new TypeError('The connection was reset.');
    return response;
  };

  private route(method: string, path: string, body: unknown, authorization: string | null) {
    const [pathname = '', query = ''] = path.split('?');
    if (method === 'POST' && pathname === '/v1/auth/sign-in') {
      const { email, password } = body as { email: string; password: string };
      if (email !== this.user.email || password !== this.password) {
        return json(401, { error: 'Wrong email or password.' });
      }
      return json(200, this.session());
    }
    if (method === 'POST' && pathname === '/v1/auth/refresh') {
      const { refreshToken } = body as { refreshToken: string };
      if (!this.refreshTokens.delete(refreshToken)) {
        return json(401, { error: 'This sign-in has ended.' });
      }
      return json(200, this.session());
    }
    if (method === 'POST' && pathname === '/v1/auth/sign-out') {
      this.refreshTokens.delete((body as { refreshToken: string }).refreshToken);
      return new Response(null, { status: 204 });
    }
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token || !this.accessTokens.has(token)) {
      return json(401, { error: 'Your access token has expired.' });
    }
    const space = /^\/v1\/spaces\/([^/]+)\/(push|pull)$/.exec(pathname);
    if (!space || !this.user.spaces.some(({ id }) => id === space[1])) {
      return json(403, { error: `You are not a member of that space.` });
    }
    if (space[2] === 'push' && method === 'POST') return this.push(body);
    const params = new URLSearchParams(query);
    return json(200, this.pull(Number(params.get('after') ?? 0), Number(params.get('limit'))));
  }

  private session() {
    this.issued += 1;
    const accessToken = `access-${this.issued}`;
    const refreshToken = `refresh-token-number-${this.issued}`;
    this.accessTokens.add(accessToken);
    this.refreshTokens.add(refreshToken);
    return {
      accessToken,
      accessExpiresAt: this.now() + this.accessTtlMs,
      serverTime: this.now(),
      refreshToken,
      user: this.user,
    };
  }

  private push(body: unknown): Response {
    const parsed = PushRequestSchema.safeParse(body);
    if (!parsed.success) return json(400, { error: 'The push is malformed.' });
    const request = parsed.data;
    for (const [i, m] of request.mutations.entries()) {
      const problem = unstorable(m.changes, `mutations.${i}.changes`);
      if (problem !== null) return json(400, { error: `${problem}.` });
    }
    const lastMid = this.lastMid.get(request.clientId) ?? 0;
    const fresh = request.mutations.filter((m) => m.mid > lastMid);
    if (fresh.length === 0) {
      return json(200, { protocol: 2, lastMid, version: this.version, rejected: [] });
    }
    if (fresh[0]!.mid !== lastMid + 1) {
      return json(409, { error: `Send the changes from ${lastMid + 1} on.`, lastMid });
    }
    const role: AccountRole = this.user.role;
    const outcome = applyBatch(
      fresh,
      (table, id) => this.rows.get(rowKey(table, id))?.row,
      (m) => writeRefusal(role, m.table, m.op),
      this.now(),
    );
    for (const row of outcome.changed) {
      this.version += 1;
      this.rows.set(rowKey(row.table, row.id), { row, version: this.version });
    }
    this.lastMid.set(request.clientId, fresh[fresh.length - 1]!.mid);
    const answered = [
      ...outcome.rejected,
      ...outcome.superseded.map((mutation) => ({
        mutation,
        code: 'superseded' as const,
        reason: 'A later change from another desk won.',
      })),
    ];
    const rejected = answered.map(({ mutation, code, reason }): Rejection => {
      const stored = this.rows.get(rowKey(mutation.table, mutation.id));
      return {
        mid: mutation.mid,
        table: mutation.table,
        id: mutation.id,
        code,
        reason,
        serverRow: stored ? toSyncChange(stored.row, stored.version) : null,
      };
    });
    const answer: PushResponse = {
      protocol: SYNC_PROTOCOL_VERSION,
      lastMid: fresh[fresh.length - 1]!.mid,
      version: this.version,
      rejected,
    };
    return json(200, answer);
  }

  private pull(after: number, limit: number): PullResponse {
    const newer = [...this.rows.values()]
      .filter(({ version }) => version > after)
      .sort((a, b) => a.version - b.version);
    const page = newer.slice(0, Math.min(limit || 1000, this.pageSize));
    return {
      protocol: SYNC_PROTOCOL_VERSION,
      changes: page.map(({ row, version }) => toSyncChange(row, version)),
      cursor: page.length > 0 ? page[page.length - 1]!.version : after,
      more: newer.length > page.length,
    };
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
