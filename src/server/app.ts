import websocket from '@fastify/websocket';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { z } from 'zod';
import {
  describeIssue,
  PullQuerySchema,
  PushRequestSchema,
  SYNC_PROTOCOL_VERSION,
  SyncIdSchema,
} from '../core/sync/index';
import {
  createSpace,
  createUser,
  decoyPasswordHash,
  findCredentials,
  findUser,
  listSpaces,
  listUsers,
  NewSpaceSchema,
  NewUserSchema,
  updateUser,
  UserPatchSchema,
  verifyPassword,
} from './accounts';
import type { Sql } from './db';
import { badRequest, forbidden, HttpError, notFound, unauthorized } from './http-error';
import { LIVE_CLOSE, LiveSpaces } from './live';
import { migrate } from './migrations';
import { isMember, pullChanges, pushChanges } from './sync-store';
import { SignInThrottle } from './throttle';
import { loadSigningKey, Sessions, type Principal } from './tokens';

/** What `buildServer` needs: the database, and for tests a clock and quiet logs. */
export interface ServerOptions {
  sql: Sql;
  /** Epoch milliseconds; tests move it to expire tokens and end sign-in pauses. */
  now?: () => number;
  /** Request logs (access tokens in URLs are redacted); off by default. */
  logger?: boolean | { level: string };
  /**
   * Behind reverse proxies: which X-Forwarded-For entries to believe (Fastify's `trustProxy`):
   * how many proxies stand in front (1 for one), or the proxies' addresses and CIDR ranges.
   * Never `true`: that believes the whole header, which any client can write.
   */
  trustProxy?: false | number | string | string[];
  /** How often live sockets are pinged, so dead ones are dropped (default 30 s). */
  heartbeatMs?: number;
}

/** The server's own parts, for tests and embedding. */
export interface ServerParts {
  live: LiveSpaces;
  sessions: Sessions;
}

declare module 'fastify' {
  interface FastifyInstance {
    desk: ServerParts;
  }
}

export const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

const NoInput = z.strictObject({});
const NoBody = z.union([z.undefined(), z.strictObject({})]);
const UserIdParams = z.strictObject({ userId: z.string().min(1).max(100) });
const SpaceParams = z.strictObject({ spaceId: SyncIdSchema });
const SignInSchema = z.strictObject({
  email: z.string().max(254, 'must be at most 254 characters'),
  password: z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters'),
});
const RefreshSchema = z.strictObject({
  refreshToken: z.string().min(1, 'must not be empty').max(200, 'is not a refresh token'),
});
const LiveQuery = z.object({ access_token: z.string().optional() });

type Where = 'params' | 'query' | 'body';

/** Validates one part of a request; 400 naming the field on the first problem. */
function parse<T>(schema: z.ZodType<T>, value: unknown, where: Where): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue && issue.path.length === 0) throw badRequest(`${where}: ${issue.message}`);
  throw badRequest(describeIssue(result.error));
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized('The Authorization header must be "Bearer <access token>".');
  return match[1];
}

function requireAdmin(principal: Principal): void {
  if (principal.role !== 'admin') {
    throw forbidden(
      `Only admins can manage accounts and spaces; you are signed in as ${principal.role}.`,
    );
  }
}

/** Drops the query string from a logged URL: the live route carries an access token in it. */
function loggedUrl(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? url : `${url.slice(0, at)}?…`;
}

interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

interface RouteSpec<P, Q, B> {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The status of a successful answer with a body (an answer without one is 204). */
  status?: number;
}

/**
 * Builds the team sync server over an open database: brings its schema up to date, then serves
 * the HTTP API of the sync contract and the live WebSocket. Closing the server does not close
 * `sql`; the caller owns it.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { sql } = options;
  const now = options.now ?? Date.now;
  await migrate(sql);
  const sessions = new Sessions(sql, await loadSigningKey(sql), now);
  const throttle = new SignInThrottle(sql, now);
  const live = new LiveSpaces(sql, options.heartbeatMs);

  const level =
    options.logger === true ? 'info' : options.logger ? options.logger.level : undefined;
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: trustedProxies(options.trustProxy),
    logger: level
      ? {
          level,
          serializers: {
            req: (request: FastifyRequest) => ({
              method: request.method,
              url: loggedUrl(request.url),
              remoteAddress: request.ip,
            }),
          },
        }
      : false,
  });
  app.decorate('desk', { live, sessions });

  // JSON only; an empty JSON body reads as no body (clients often send the header every time).
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') done(null, undefined);
    else jsonParser(request, text, done);
  });

  // CORS for the desk's renderer (any origin: auth is a bearer header, never a cookie).
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.origin === undefined) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'Retry-After');
  });
  app.options('/*', async (_request, reply) => {
    reply
      .header('access-control-allow-methods', 'GET, POST, PATCH, OPTIONS')
      .header('access-control-allow-headers', 'Authorization, Content-Type')
      .header('access-control-max-age', '600')
      .code(204);
    return reply.send();
  });

  app.setNotFoundHandler(async (request, reply) => {
    reply.code(404);
    return { error: `There is no ${request.method} ${loggedUrl(request.url)} on this server.` };
  });

  app.setErrorHandler(async (error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      reply.code(error.status).headers(error.headers);
      return { error: error.message, ...error.extra };
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      reply.code(500);
      return {
        error: 'The server could not do this; try again, and tell your admin if it keeps failing.',
      };
    }
    reply.code(status);
    return { error: clientErrorSentence(error) };
  });

  function serve<P, Q, B, A>(
    spec: RouteSpec<P, Q, B>,
    identify: (request: FastifyRequest) => Promise<A>,
    handler: (input: RouteInput<P, Q, B> & { principal: A }) => Promise<unknown>,
  ): void {
    app.route({
      method: spec.method,
      url: spec.url,
      handler: async (request, reply) => {
        // Who is asking comes first: a stranger learns nothing from validation errors.
        const principal = await identify(request);
        const result = await handler({
          principal,
          params: parse(spec.params ?? (NoInput as z.ZodType<P>), request.params, 'params'),
          query: parse(spec.query ?? (NoInput as z.ZodType<Q>), request.query, 'query'),
          body: parse(spec.body ?? (NoBody as z.ZodType<B>), request.body, 'body'),
          request,
          reply,
        });
        if (result === undefined) return reply.code(204).send();
        return reply.code(spec.status ?? 200).send(result);
      },
    });
  }

  /** A route anyone may call. */
  const route = <P, Q, B>(
    spec: RouteSpec<P, Q, B>,
    handler: (input: RouteInput<P, Q, B>) => Promise<unknown>,
  ): void => serve(spec, async () => null, handler);

  /** A route for signed-in accounts (401 otherwise). */
  const signedIn = <P, Q, B>(
    spec: RouteSpec<P, Q, B>,
    handler: (input: RouteInput<P, Q, B> & { principal: Principal }) => Promise<unknown>,
  ): void => serve(spec, (request) => sessions.authenticate(bearerToken(request)), handler);

  route({ method: 'GET', url: '/v1/health' }, async ({ reply }) => {
    try {
      await sql.query('SELECT 1');
    } catch {
      reply.code(503);
      return { ok: false, protocol: SYNC_PROTOCOL_VERSION, error: 'The database is unreachable.' };
    }
    return { ok: true, protocol: SYNC_PROTOCOL_VERSION };
  });

  route(
    { method: 'POST', url: '/v1/auth/sign-in', body: SignInSchema },
    async ({ body, request }) => {
      // Counted before the password is checked, so parallel guesses cannot all slip through.
      const attempt = await throttle.attempt(body.email, request.ip);
      const credentials = await findCredentials(sql, body.email);
      const matches = await verifyPassword(
        body.password,
        credentials?.passwordHash ?? (await decoyPasswordHash()),
      );
      if (!credentials || !matches) throw unauthorized('Wrong email or password.');
      await throttle.succeed(attempt);
      return sessions.start(credentials.id);
    },
  );

  route({ method: 'POST', url: '/v1/auth/refresh', body: RefreshSchema }, async ({ body }) =>
    sessions.refresh(body.refreshToken),
  );

  route({ method: 'POST', url: '/v1/auth/sign-out', body: RefreshSchema }, async ({ body }) => {
    const ended = await sessions.end(body.refreshToken);
    if (ended) {
      await live.disconnect(
        { sessionId: ended.sessionId },
        LIVE_CLOSE.unauthorized,
        'You signed out; sign in again.',
      );
    }
  });

  signedIn({ method: 'GET', url: '/v1/me' }, async ({ principal }) => {
    const user = await findUser(sql, principal.userId);
    if (!user) throw unauthorized('This account no longer exists.');
    return user;
  });

  signedIn({ method: 'GET', url: '/v1/admin/users' }, async ({ principal }) => {
    requireAdmin(principal);
    return listUsers(sql);
  });

  signedIn(
    { method: 'POST', url: '/v1/admin/users', body: NewUserSchema, status: 201 },
    async ({ principal, body }) => {
      requireAdmin(principal);
      return createUser(sql, body, now());
    },
  );

  signedIn(
    {
      method: 'PATCH',
      url: '/v1/admin/users/:userId',
      params: UserIdParams,
      body: UserPatchSchema,
    },
    async ({ principal, params, body }) => {
      requireAdmin(principal);
      const before = await findUser(sql, params.userId);
      if (!before) throw notFound('There is no such account.');
      const user = await updateUser(sql, params.userId, body, now());
      if (body.password !== undefined) {
        await live.disconnect(
          { userId: user.id },
          LIVE_CLOSE.unauthorized,
          'Your password was changed; sign in again.',
        );
      }
      const kept = new Set(user.spaces.map((space) => space.id));
      for (const space of before.spaces.filter((s) => !kept.has(s.id))) {
        await live.disconnect(
          { userId: user.id, spaceId: space.id },
          LIVE_CLOSE.forbidden,
          'You were removed from this space.',
        );
      }
      return user;
    },
  );

  signedIn(
    { method: 'POST', url: '/v1/admin/users/:userId/revoke', params: UserIdParams },
    async ({ principal, params }) => {
      requireAdmin(principal);
      if (!(await findUser(sql, params.userId))) throw notFound('There is no such account.');
      await sessions.endAll(params.userId);
      await live.disconnect(
        { userId: params.userId },
        LIVE_CLOSE.unauthorized,
        'Your sessions were ended; sign in again.',
      );
    },
  );

  signedIn({ method: 'GET', url: '/v1/admin/spaces' }, async ({ principal }) => {
    requireAdmin(principal);
    return listSpaces(sql);
  });

  signedIn(
    { method: 'POST', url: '/v1/admin/spaces', body: NewSpaceSchema, status: 201 },
    async ({ principal, body }) => {
      requireAdmin(principal);
      // The admin who makes a space joins it, so they can set it up.
      return createSpace(sql, body, now(), [principal.userId]);
    },
  );

  signedIn(
    {
      method: 'POST',
      url: '/v1/spaces/:spaceId/push',
      params: SpaceParams,
      body: PushRequestSchema,
    },
    async ({ principal, params, body }) =>
      pushChanges(sql, principal.userId, params.spaceId, body, now()),
  );

  signedIn(
    { method: 'GET', url: '/v1/spaces/:spaceId/pull', params: SpaceParams, query: PullQuerySchema },
    async ({ principal, params, query }) =>
      pullChanges(sql, principal.userId, params.spaceId, query),
  );

  await app.register(websocket, { options: { maxPayload: 4096 } });
  app.get('/v1/spaces/:spaceId/live', { websocket: true }, async (socket, request) => {
    const params = SpaceParams.safeParse(request.params);
    const query = LiveQuery.safeParse(request.query);
    if (!params.success || !query.success) {
      socket.close(LIVE_CLOSE.badRequest, 'The address is not a space.');
      return;
    }
    try {
      const principal = await sessions.authenticate(query.data.access_token);
      // Listed before the checks, so a sign-out, revocation or removal from the space while they
      // run closes it; admitted to pokes only once both pass (see LiveSpaces.add).
      const admit = live.add(params.data.spaceId, principal, socket);
      await sessions.authenticate(query.data.access_token);
      if (!(await isMember(sql, principal.userId, params.data.spaceId))) {
        socket.close(LIVE_CLOSE.forbidden, 'You are not a member of this space.');
        return;
      }
      admit();
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) {
        socket.close(LIVE_CLOSE.unauthorized, error.message);
        return;
      }
      request.log.error({ err: error }, 'live connection failed');
      socket.close(LIVE_CLOSE.serverError, 'The server could not open the live connection.');
    }
  });

  await live.start();
  app.addHook('preClose', async () => {
    await live.stop();
  });
  return app;
}

/**
 * Fastify's `trustProxy` for ours. Fastify 5 refuses to count hops (a number trusts nothing),
 * so a hop count N becomes the function that counts them: the nearest N addresses (the peer,
 * then X-Forwarded-For from the right) are proxies, and the next one is the client.
 */
function trustedProxies(
  option: ServerOptions['trustProxy'],
): false | string | string[] | ((address: string, hop: number) => boolean) {
  if (typeof option !== 'number') return option ?? false;
  if (option <= 0) return false;
  return (_address, hop) => hop < option;
}

/** Fastify's own 4xx errors (bad JSON, too large, wrong content type) as sentences. */
function clientErrorSentence(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `The request is larger than ${BODY_LIMIT_BYTES / 1024 / 1024} MB; send fewer changes at once.`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the body as JSON (Content-Type: application/json).';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'body: is not valid JSON.';
    default:
      return error instanceof SyntaxError ? 'body: is not valid JSON.' : error.message;
  }
}
