import { z } from 'zod';
import {
  isHlc,
  readAnswer,
  REJECTION_CODES,
  SYNC_PROTOCOL_VERSION,
  SYNC_TABLES,
  unreachableSentence,
  type PushRequest,
  type SessionPost,
} from '@core/index';

export {
  checkServerUrl,
  checkSignIn,
  type Session,
  type SyncSpace,
  type SyncUser,
  SyncSpaceSchema,
  SyncUserSchema,
} from '@core/index';

/**
 * The team sync server's HTTP API as the desk calls it (see the sync contract). Every answer is
 * checked with zod before anything uses it: a broken or hostile server gets a sentence, not a
 * foothold.
 */

/** The part of `fetch` the engine uses; tests hand in fakes, some of them faulty on purpose. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

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

/**
 * One request to the sync server with a time limit; resolves the answer's status and text, or
 * throws SyncUnreachableError saying why there is none. `lifetime` aborts it early (the engine
 * stopping).
 */
async function request(
  fetch: FetchLike,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  lifetime?: AbortSignal,
): Promise<{ status: number; text: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const stop = () => controller.abort();
  lifetime?.addEventListener('abort', stop);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    return { status: response.status, text: await response.text() };
  } catch {
    throw new SyncUnreachableError(
      unreachableSentence(
        url,
        controller.signal.aborted && !lifetime?.aborted ? timeoutMs : undefined,
      ),
    );
  } finally {
    clearTimeout(timer);
    lifetime?.removeEventListener('abort', stop);
  }
}

/** The `post` a SessionBroker in the page uses: JSON over `fetch`, within `timeoutMs`. */
export function fetchPost(fetch: FetchLike, timeoutMs: number): SessionPost {
  return (url, body, limit = timeoutMs) =>
    request(
      fetch,
      url,
      {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
      Math.min(limit, timeoutMs),
    );
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
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const { status, text } = await request(
      this.fetch,
      `${this.baseUrl}${path}`,
      {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      },
      this.timeoutMs,
      this.lifetime,
    );
    const answer = readAnswer(status, text, options.schema, options.what);
    if (answer.ok) return answer.value;
    if (answer.kind === 'server')
      throw new SyncServerError(answer.status, answer.message, answer.body);
    throw new SyncAnswerError(answer.message);
  }
}
