import { z } from 'zod';
import {
  ACCOUNT_ROLES,
  describeIssue,
  isHlc,
  REJECTION_CODES,
  SYNC_PROTOCOL_VERSION,
  SYNC_TABLES,
  SyncIdSchema,
  type PushRequest,
} from '@core/index';

/**
 * The team sync server's HTTP API as the desk calls it (see the sync contract). Every answer is
 * checked with zod before anything uses it: a broken or hostile server gets a sentence, not a
 * foothold.
 */

/** The part of `fetch` the engine uses; tests hand in fakes, some of them faulty on purpose. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** A team space the account belongs to. */
export const SyncSpaceSchema = z.object({
  id: SyncIdSchema,
  name: z.string().min(1).max(200),
});
export type SyncSpace = z.infer<typeof SyncSpaceSchema>;

/** The signed-in account, with the spaces it may sync. */
export const SyncUserSchema = z.object({
  id: z.string().min(1).max(200),
  email: z.string().max(254),
  name: z.string().max(200),
  role: z.enum(ACCOUNT_ROLES),
  spaces: z.array(SyncSpaceSchema).max(1000),
});
export type SyncUser = z.infer<typeof SyncUserSchema>;

/** What signing in or refreshing gives: a short-lived access token and the next refresh token. */
export const SessionSchema = z.object({
  accessToken: z.string().min(1).max(4096),
  accessExpiresAt: z.number().finite(),
  /** The server's clock when it answered (older servers leave it out). */
  serverTime: z.number().finite().optional(),
  refreshToken: z.string().min(1).max(512),
  user: SyncUserSchema,
});
export type Session = z.infer<typeof SessionSchema>;

/** A row as the server holds it (its table and row are checked later, one by one). */
export const ServerChangeSchema = z.object({
  table: z.string(),
  id: z.string().min(1).max(200),
  version: z.number().int().nonnegative(),
  rowVersion: z.number().int().nonnegative(),
  deleted: z.boolean(),
  row: z.record(z.string(), z.unknown()).nullable(),
  /** The row's latest field clock: the desk moves its own clock past it. */
  hlc: z.string().refine(isHlc, 'is not a hybrid logical clock value').optional(),
});

const RejectionSchema = z.object({
  mid: z.number().int().positive(),
  table: z.enum(SYNC_TABLES),
  id: z.string().min(1).max(200),
  code: z.enum(REJECTION_CODES),
  reason: z.string().min(1).max(2000),
  serverRow: z.unknown(),
});

/** The answer to a push, checked. */
export const PushAnswerSchema = z.object({
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
  lastMid: z.number().int().nonnegative(),
  version: z.number().int().nonnegative(),
  rejected: z.array(RejectionSchema),
});
export type PushAnswer = z.infer<typeof PushAnswerSchema>;

/** The answer to a pull, checked (each change is checked when it is applied). */
export const PullAnswerSchema = z.object({
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
  changes: z.array(z.unknown()),
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
});
export type PullAnswer = z.infer<typeof PullAnswerSchema>;

/** The live socket's message: the space changed. */
export const PokeSchema = z.object({ type: z.literal('poke'), version: z.number().int() });

const ErrorAnswerSchema = z.object({ error: z.string().min(1).max(1000) });

/** The server answered with an error; the message is its sentence. */
export class SyncServerError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The answer's JSON body (e.g. `lastMid` of a 409), or an empty object. */
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SyncServerError';
  }
}

/** The server could not be reached, or did not answer in time. */
export class SyncUnreachableError extends Error {
  override name = 'SyncUnreachableError';
}

/** The server answered something the desk does not understand. */
export class SyncAnswerError extends Error {
  override name = 'SyncAnswerError';
}

/** Something the person typed cannot be used (the server address, a space). */
export class SyncInputError extends Error {
  override name = 'SyncInputError';
}

/** The hosts a plain http:// server may have: the desk's CSP allows no other. */
const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

/** The server address as typed, checked: https (or http on this computer), without extras. */
export function checkServerUrl(
  text: string,
): { ok: true; url: string } | { ok: false; message: string } {
  const typed = text.trim();
  if (typed === '') {
    return { ok: false, message: 'Enter the address of your team’s sync server.' };
  }
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return {
      ok: false,
      message:
        'Write the address in full, starting with https://, for example https://sync.example.com.',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: 'The address must start with https://.' };
  }
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
    return {
      ok: false,
      message:
        'Use https:// for a server on another computer; http:// is allowed only for localhost.',
    };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Leave the user name and password out of the address.' };
  }
  if (url.search || url.hash) {
    return { ok: false, message: 'The address must not have a ? or # part.' };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** The server's address in messages (its host). */
function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}

interface CallOptions<T> {
  token?: string;
  body?: unknown;
  /** The answer's schema; absent for answers without a body (204). */
  schema?: z.ZodType<T>;
  /** What the call does, in messages ("the push"). */
  what: string;
}

/** The HTTP API of one server. */
export class SyncApi {
  constructor(
    readonly baseUrl: string,
    private readonly fetch: FetchLike,
    private readonly timeoutMs: number,
    /** Aborts every call in flight (the engine stopping). */
    private readonly lifetime?: AbortSignal,
  ) {}

  /** POST /v1/auth/sign-in. */
  signIn(email: string, password: string): Promise<Session> {
    return this.call('POST', '/v1/auth/sign-in', {
      body: { email, password },
      schema: SessionSchema,
      what: 'the sign-in',
    });
  }

  /** POST /v1/auth/refresh: a new session; the refresh token given stops working. */
  refresh(refreshToken: string): Promise<Session> {
    return this.call('POST', '/v1/auth/refresh', {
      body: { refreshToken },
      schema: SessionSchema,
      what: 'the session refresh',
    });
  }

  /** POST /v1/auth/sign-out: ends the session of this refresh token. */
  async signOut(refreshToken: string): Promise<void> {
    await this.call('POST', '/v1/auth/sign-out', { body: { refreshToken }, what: 'the sign-out' });
  }

  /** POST /v1/spaces/:spaceId/push. */
  push(token: string, request: PushRequest): Promise<PushAnswer> {
    return this.call('POST', `/v1/spaces/${encodeURIComponent(request.spaceId)}/push`, {
      token,
      body: request,
      schema: PushAnswerSchema,
      what: 'the push',
    });
  }

  /** GET /v1/spaces/:spaceId/pull?after=N&limit=M. */
  pull(token: string, spaceId: string, after: number, limit: number): Promise<PullAnswer> {
    return this.call(
      'GET',
      `/v1/spaces/${encodeURIComponent(spaceId)}/pull?after=${after}&limit=${limit}`,
      { token, schema: PullAnswerSchema, what: 'the pull' },
    );
  }

  /** The live WebSocket's address for a space. */
  liveUrl(spaceId: string, token: string): string {
    const url = new URL(this.baseUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const base = url.toString().replace(/\/+$/, '');
    return `${base}/v1/spaces/${encodeURIComponent(spaceId)}/live?access_token=${encodeURIComponent(token)}`;
  }

  private async call<T>(method: 'GET' | 'POST', path: string, options: CallOptions<T>): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const stop = () => controller.abort();
    this.lifetime?.addEventListener('abort', stop);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let status: number;
    let text: string;
    try {
      const response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: controller.signal,
      });
      status = response.status;
      text = await response.text();
    } catch {
      const host = hostOf(this.baseUrl);
      throw new SyncUnreachableError(
        controller.signal.aborted && !this.lifetime?.aborted
          ? `The sync server ${host} did not answer within ${Math.round(this.timeoutMs / 1000)} seconds.`
          : `The sync server ${host} could not be reached.`,
      );
    } finally {
      clearTimeout(timer);
      this.lifetime?.removeEventListener('abort', stop);
    }

    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (status < 200 || status > 299) {
      const error = ErrorAnswerSchema.safeParse(json);
      const body =
        typeof json === 'object' && json !== null && !Array.isArray(json)
          ? (json as Record<string, unknown>)
          : {};
      throw new SyncServerError(
        status,
        error.success
          ? error.data.error
          : `The sync server answered ${options.what} with ${status}.`,
        body,
      );
    }
    if (!options.schema) return undefined as T;
    const answer = options.schema.safeParse(json);
    if (!answer.success) {
      throw new SyncAnswerError(
        `The sync server’s answer to ${options.what} was not understood (${describeIssue(answer.error)}).`,
      );
    }
    return answer.data;
  }
}
