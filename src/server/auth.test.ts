import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import type { User } from './accounts';
import { buildServer } from './app';
import type { Sql } from './db';
import type { HttpError } from './http-error';
import { readTrustProxy } from './main';
import {
  PASSWORD,
  startTestServer,
  testBackends,
  uniqueName,
  type TestAccount,
  type TestServer,
} from './testing';
import { SignInThrottle } from './throttle';
import { REFRESH_GRACE_MS, type Session } from './tokens';

// argon2 (19 MiB) and PGlite are slow on a busy machine; no test here waits on a timer.
vi.setConfig({ testTimeout: 20_000 });

const MINUTE = 60 * 1000;

describe.each(testBackends())('accounts and sessions on %s', (backend) => {
  let server: TestServer;
  let admin: TestAccount;

  beforeAll(async () => {
    server = await startTestServer(backend);
    admin = await server.account('admin');
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  /** Signs in over HTTP from `address` (each test its own, so address limits stay apart). */
  function signIn(email: string, password: string, address = '127.0.0.1') {
    return server.call<Session & { error?: string; retryAfterSeconds?: number }>(
      'POST',
      '/v1/auth/sign-in',
      {
        body: { email, password },
        remoteAddress: address,
      },
    );
  }

  /** An account made through the admin API, so its password is really hashed. */
  async function member(role = 'agent', spaces: string[] = []): Promise<User> {
    const { status, body } = await server.call<User>('POST', '/v1/admin/users', {
      token: await server.tokenFor(admin),
      body: {
        email: `${uniqueName('person')}@Example.com`,
        name: 'Pat Doe',
        password: PASSWORD,
        role,
        spaces,
      },
    });
    expect(status).toBe(201);
    return body;
  }

  function refresh(refreshToken: string) {
    return server.call<Session>('POST', '/v1/auth/refresh', { body: { refreshToken } });
  }

  describe('the basics', () => {
    it('answers health, unknown routes and CORS without credentials', async () => {
      expect((await server.call('GET', '/v1/health')).body).toEqual({ ok: true, protocol: 2 });

      const missing = await server.call('GET', '/v1/nothing-here?access_token=secret');
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ error: 'There is no GET /v1/nothing-here?… on this server.' });

      const preflight = await server.call('OPTIONS', '/v1/spaces/main/push', {
        headers: { origin: 'app://desk', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers).toMatchObject({
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'Authorization, Content-Type',
      });
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();

      const health = await server.call('GET', '/v1/health', {
        headers: { origin: 'http://localhost:5173' },
      });
      expect(health.headers['access-control-allow-origin']).toBe('*');
    });

    it.each([
      ['no header', {}, /^Sign in/],
      ['a header that is not Bearer', { authorization: 'Basic YTpi' }, /Bearer <access token>/],
      ['a token that is not a JWT', { authorization: 'Bearer nonsense' }, /not valid/],
    ])('refuses /v1/me with %s (401)', async (_name, headers, error) => {
      const { status, body } = await server.call<{ error: string }>('GET', '/v1/me', { headers });
      expect(status).toBe(401);
      expect(body.error).toMatch(error);
    });

    it('refuses a token signed with another key', async () => {
      const forged = await new SignJWT({ sid: 'any-session' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(admin.user.id)
        .setIssuer('escalation-desk-server')
        .setAudience('escalation-desk')
        .setExpirationTime(Math.floor(server.clock.now / 1000) + 600)
        .sign(new TextEncoder().encode('a key the server never made, 32+ bytes long'));
      expect((await server.call('GET', '/v1/me', { token: forged })).status).toBe(401);
    });

    it('refuses a body over 5 MB, and a body that is not JSON, with a sentence', async () => {
      const huge = await server.call<{ error: string }>('POST', '/v1/auth/sign-in', {
        body: { email: 'a@b.c', password: 'x'.repeat(5 * 1024 * 1024) },
      });
      expect(huge).toMatchObject({
        status: 413,
        body: { error: expect.stringMatching(/larger than 5 MB/) },
      });
      const text = await server.app.inject({
        method: 'POST',
        url: '/v1/auth/sign-in',
        headers: { 'content-type': 'text/plain' },
        payload: 'hello',
      });
      expect(text.statusCode).toBe(415);
      expect(JSON.parse(text.body)).toEqual({
        error: 'Send the body as JSON (Content-Type: application/json).',
      });
    });

    it('answers a failure inside the server with a sentence, not its details', async () => {
      const spaceId = await server.space([admin]);
      const failing: Sql = {
        ...server.sql,
        query: (text, params) =>
          text.includes('FROM sync_rows')
            ? Promise.reject(new Error('could not read /var/lib/postgres/base/16384'))
            : server.sql.query(text, params),
      };
      const app = await buildServer({ sql: failing, now: () => server.clock.now });
      try {
        const response = await app.inject({
          method: 'GET',
          url: `/v1/spaces/${spaceId}/pull`,
          headers: { authorization: `Bearer ${await server.tokenFor(admin)}` },
        });
        expect(response.statusCode).toBe(500);
        expect(JSON.parse(response.body)).toEqual({
          error:
            'The server could not do this; try again, and tell your admin if it keeps failing.',
        });
      } finally {
        await app.close();
      }
    });

    it('never shows a stack trace: bad JSON, no body and odd fields get one sentence', async () => {
      const badJson = await server.app.inject({
        method: 'POST',
        url: '/v1/auth/sign-in',
        headers: { 'content-type': 'application/json' },
        payload: '{"email": ',
      });
      expect(badJson.statusCode).toBe(400);
      expect(JSON.parse(badJson.body)).toEqual({ error: 'body: is not valid JSON.' });

      const noBody = await server.call<{ error: string }>('POST', '/v1/auth/sign-in');
      expect(noBody.status).toBe(400);
      expect(noBody.body.error).toMatch(/^body: /);

      const extra = await server.call<{ error: string }>('POST', '/v1/auth/sign-in', {
        body: { email: 'a@b.c', password: 'x', remember: true },
      });
      expect(extra.status).toBe(400);
      expect(extra.body.error).toMatch(/^body: .*remember/);
    });
  });

  describe('sessions', () => {
    it('signs in with any case of the email, and /v1/me shows the account and its spaces', async () => {
      const spaceId = await server.space([admin]);
      const user = await member('supervisor', [spaceId]);
      const { status, body } = await signIn(user.email.toUpperCase(), PASSWORD);
      expect(status).toBe(200);
      expect(body.accessExpiresAt).toBe(Math.floor(server.clock.now / 1000) * 1000 + 15 * MINUTE);
      expect(body.user).toEqual({
        id: user.id,
        email: user.email,
        name: 'Pat Doe',
        role: 'supervisor',
        spaces: [{ id: spaceId, name: `Space ${spaceId}` }],
      });
      const me = await server.call('GET', '/v1/me', { token: body.accessToken });
      expect(me.body).toEqual(body.user);
    });

    it('answers a wrong password and an unknown email alike: 401 "Wrong email or password."', async () => {
      const { user } = await server.account('agent');
      for (const [email, password] of [
        [user.email, 'wrong password!'],
        ['nobody@example.com', PASSWORD],
      ] as const) {
        const { status, body } = await signIn(email, password, '10.1.0.1');
        expect(status).toBe(401);
        expect(body).toEqual({ error: 'Wrong email or password.' });
      }
    });

    it('rotates the refresh token: the new one works, the old one is refused once its grace is over', async () => {
      const { session: first } = await server.account('agent');
      const second = await refresh(first.refreshToken);
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect((await server.call('GET', '/v1/me', { token: second.body.accessToken })).status).toBe(
        200,
      );

      server.clock.now += REFRESH_GRACE_MS;
      expect((await refresh(first.refreshToken)).status).toBe(401);
      expect((await refresh(second.body.refreshToken)).status).toBe(200);
    });

    it('takes the previous refresh token again within its grace, so a lost answer does not sign the desk out', async () => {
      const { session: first } = await server.account('agent');
      // The answer to this refresh never reaches the desk: it still holds `first`.
      const lost = await refresh(first.refreshToken);
      expect(lost.status).toBe(200);

      server.clock.now += REFRESH_GRACE_MS - 1;
      const retried = await refresh(first.refreshToken);
      expect(retried.status).toBe(200);
      expect(retried.body.refreshToken).not.toBe(lost.body.refreshToken);
      expect((await server.call('GET', '/v1/me', { token: retried.body.accessToken })).status).toBe(
        200,
      );
      // Only the token just before the current one: `first` is now two refreshes old.
      expect((await refresh(first.refreshToken)).status).toBe(401);
      expect((await refresh(retried.body.refreshToken)).status).toBe(200);
    });

    it('refuses the previous refresh token once the newer one was used', async () => {
      const { session: first } = await server.account('agent');
      const second = await refresh(first.refreshToken);
      expect((await refresh(second.body.refreshToken)).status).toBe(200);
      expect((await refresh(first.refreshToken)).status).toBe(401);
    });

    it.each([
      ['signed out with the current token', 'current'],
      ['signed out with the previous token', 'previous'],
      ['revoked by an admin', 'admin'],
    ] as const)(
      'refuses the current and the previous refresh token of a session %s',
      async (_name, how) => {
        const { user, session: first } = await server.account('agent');
        const second = await refresh(first.refreshToken);
        expect(second.status).toBe(200);
        if (how === 'admin') {
          const revoked = await server.call('POST', `/v1/admin/users/${user.id}/revoke`, {
            token: await server.tokenFor(admin),
          });
          expect(revoked.status).toBe(204);
        } else {
          const token = how === 'current' ? second.body.refreshToken : first.refreshToken;
          const out = await server.call('POST', '/v1/auth/sign-out', {
            body: { refreshToken: token },
          });
          expect(out.status).toBe(204);
        }
        expect((await refresh(first.refreshToken)).status).toBe(401);
        expect((await refresh(second.body.refreshToken)).status).toBe(401);
        expect(
          (await server.call('GET', '/v1/me', { token: second.body.accessToken })).status,
        ).toBe(401);
      },
    );

    it('signs out: the refresh token and the access token stop working at once', async () => {
      const { session: session } = await server.account('agent');
      const out = await server.call('POST', '/v1/auth/sign-out', {
        body: { refreshToken: session.refreshToken },
      });
      expect(out.status).toBe(204);
      expect((await server.call('GET', '/v1/me', { token: session.accessToken })).status).toBe(401);
      expect(
        (
          await server.call('POST', '/v1/auth/refresh', {
            body: { refreshToken: session.refreshToken },
          })
        ).status,
      ).toBe(401);
    });

    it('expires the access token after 15 minutes; a refresh still works', async () => {
      const { session: session } = await server.account('agent');
      server.clock.now += 14 * MINUTE;
      expect((await server.call('GET', '/v1/me', { token: session.accessToken })).status).toBe(200);
      server.clock.now += 1 * MINUTE;
      const expired = await server.call<{ error: string }>('GET', '/v1/me', {
        token: session.accessToken,
      });
      expect(expired.status).toBe(401);
      expect(expired.body.error).toMatch(/expired/);
      const refreshed = await server.call<Session>('POST', '/v1/auth/refresh', {
        body: { refreshToken: session.refreshToken },
      });
      expect(refreshed.status).toBe(200);
      expect(
        (await server.call('GET', '/v1/me', { token: refreshed.body.accessToken })).status,
      ).toBe(200);
    });

    it('expires an unused refresh token after 30 days', async () => {
      const { session: session } = await server.account('agent');
      server.clock.now += 30 * 24 * 60 * MINUTE;
      expect(
        (
          await server.call('POST', '/v1/auth/refresh', {
            body: { refreshToken: session.refreshToken },
          })
        ).status,
      ).toBe(401);
    });

    it('ends every session of an account when an admin revokes it, access tokens included', async () => {
      const { user, session: one } = await server.account('agent');
      const two = await server.app.desk.sessions.start(user.id);
      const revoked = await server.call('POST', `/v1/admin/users/${user.id}/revoke`, {
        token: await server.tokenFor(admin),
      });
      expect(revoked.status).toBe(204);
      for (const session of [one, two]) {
        expect((await server.call('GET', '/v1/me', { token: session.accessToken })).status).toBe(
          401,
        );
        expect(
          (
            await server.call('POST', '/v1/auth/refresh', {
              body: { refreshToken: session.refreshToken },
            })
          ).status,
        ).toBe(401);
      }
      expect((await signIn(user.email, PASSWORD)).status).toBe(200);
    });
  });

  describe('sign-in throttling', () => {
    it('pauses an email after 5 failures, doubling the pause, and a success clears it', async () => {
      const { user } = await server.account('agent');
      const address = '10.2.0.1';
      for (let i = 0; i < 5; i += 1)
        expect((await signIn(user.email, 'wrong password!', address)).status).toBe(401);

      // Paused: even the right password waits, from any address.
      const paused = await signIn(user.email, PASSWORD, '10.2.0.2');
      expect(paused.status).toBe(429);
      expect(paused.headers['retry-after']).toBe('1');
      expect(paused.body).toEqual({
        error: 'Too many failed sign-ins; try again in 1 second.',
        retryAfterSeconds: 1,
      });

      server.clock.now += 1000;
      expect((await signIn(user.email, 'wrong password!', address)).status).toBe(401);
      expect((await signIn(user.email, PASSWORD, address)).body.retryAfterSeconds).toBe(2);
      server.clock.now += 2000;
      expect((await signIn(user.email, 'wrong password!', address)).status).toBe(401);
      expect((await signIn(user.email, PASSWORD, address)).body.retryAfterSeconds).toBe(4);

      server.clock.now += 4000;
      expect((await signIn(user.email, PASSWORD, address)).status).toBe(200);
      // The success cleared the email's failures: one more mistake is just a mistake.
      expect((await signIn(user.email, 'wrong password!', address)).status).toBe(401);
      expect((await signIn(user.email, PASSWORD, address)).status).toBe(200);
    });

    it('lets at most 5 of 20 wrong passwords sent at once be checked; the rest wait', async () => {
      const { user } = await server.account('agent');
      const guesses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => signIn(user.email, `wrong password ${i}`, '10.2.1.1')),
      );
      const statuses = guesses.map((guess) => guess.status).sort();
      expect(statuses).toEqual([...Array(5).fill(401), ...Array(15).fill(429)]);
      for (const refused of guesses.filter((guess) => guess.status === 429)) {
        expect(refused.headers['retry-after']).toBe('1');
      }
      expect((await signIn(user.email, PASSWORD, '10.2.1.2')).status).toBe(429);
    });

    it('behind one proxy, counts the address the proxy saw, not one the client wrote', async () => {
      const behindProxy = await buildServer({
        sql: server.sql,
        now: () => server.clock.now,
        trustProxy: readTrustProxy('1'),
      });
      const signInVia = (forwardedFor: string, email: string) =>
        behindProxy.inject({
          method: 'POST',
          url: '/v1/auth/sign-in',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': forwardedFor },
          payload: { email, password: 'wrong password!' },
        });
      try {
        // Each guess forges another leftmost address; the proxy appends the one it saw.
        for (let i = 0; i < 20; i += 1) {
          const guess = await signInVia(`6.6.6.${i}, 10.0.0.5`, `forger${i}@example.com`);
          expect(guess.statusCode).toBe(401);
        }
        const rows = await server.sql.query<{ key: string; failures: number }>(
          "SELECT key, failures FROM sign_in_failures WHERE key LIKE 'address:6.6.6.%' OR key = 'address:10.0.0.5'",
        );
        expect(rows).toEqual([{ key: 'address:10.0.0.5', failures: 20 }]);
        expect((await signInVia('6.6.6.99, 10.0.0.5', 'forger@example.com')).statusCode).toBe(429);
        // Another client behind the same proxy is not held up.
        expect((await signInVia('10.0.0.6', 'forger@example.com')).statusCode).toBe(401);
      } finally {
        await behindProxy.close();
      }
    });

    // The limits themselves, without paying for a password hash per attempt.
    const throttle = () => new SignInThrottle(server.sql, () => server.clock.now);
    const paused = (attempt: Promise<unknown>) =>
      attempt.then(
        () => null,
        (error: HttpError) => error.extra.retryAfterSeconds,
      );

    it('forgets failures after 15 quiet minutes', async () => {
      const limits = throttle();
      for (let i = 0; i < 4; i += 1) await limits.attempt('quiet@example.com', '10.3.0.1');
      server.clock.now += 15 * MINUTE;
      // Counted from 1 again: the fifth and sixth attempts are not paused.
      await limits.attempt('quiet@example.com', '10.3.0.1');
      expect(await paused(limits.attempt('quiet@example.com', '10.3.0.1'))).toBeNull();
    });

    it('pauses an address after 20 failures, whatever the emails, up to 15 minutes', async () => {
      const limits = throttle();
      for (let i = 0; i < 19; i += 1) await limits.attempt(`guess${i}@example.com`, '10.4.0.1');
      expect(await paused(limits.attempt('guess19@example.com', '10.4.0.1'))).toBeNull();
      expect(await paused(limits.attempt('someone@example.com', '10.4.0.1'))).toBe(1);
      expect(await paused(limits.attempt('someone@example.com', '10.4.0.2'))).toBeNull();
      // Each failure after its pause doubles the next pause.
      let pause = 1;
      for (let i = 0; pause < 15 * 60; i += 1) {
        expect(await paused(limits.attempt('someone@example.com', '10.4.0.1'))).toBe(pause);
        server.clock.now += pause * 1000;
        await limits.attempt(`more${i}@example.com`, '10.4.0.1');
        pause *= 2;
      }
      expect(await paused(limits.attempt('someone@example.com', '10.4.0.1'))).toBe(15 * 60);
    });

    it('takes back the count of a correct password: successes never pause an address', async () => {
      const limits = throttle();
      for (let i = 0; i < 19; i += 1) await limits.attempt(`miss${i}@example.com`, '10.5.0.1');
      for (let i = 0; i < 30; i += 1) {
        await limits.succeed(await limits.attempt(`staff${i}@example.com`, '10.5.0.1'));
      }
      // The address still has its 19 failures: one more is allowed, and it starts the pause.
      expect(await paused(limits.attempt('miss19@example.com', '10.5.0.1'))).toBeNull();
      expect(await paused(limits.attempt('miss20@example.com', '10.5.0.1'))).toBe(1);
    });
  });

  describe('live sockets of ended sessions', () => {
    interface Closing {
      code: number;
      reason: string;
    }

    /** Opens an injected live socket and waits until the server lists it. */
    async function listen(app: FastifyInstance, spaceId: string, accessToken: string) {
      const closes: Closing[] = [];
      const listed = app.desk.live.count(spaceId) + 1;
      const socket: WebSocket = await app.injectWS(
        `/v1/spaces/${spaceId}/live?access_token=${accessToken}`,
        {},
        {
          onInit: (ws) =>
            ws.on('close', (code, reason) => closes.push({ code, reason: String(reason) })),
        },
      );
      await expect.poll(() => app.desk.live.count(spaceId)).toBe(listed);
      return { socket, closes };
    }

    it('closes the signed-out session’s sockets at once (4401), and only that session’s', async () => {
      const spaceId = await server.space([admin]);
      const { user, session: signingOut } = await server.account('agent', [spaceId]);
      const staying = await server.app.desk.sessions.start(user.id);
      const one = await listen(server.app, spaceId, signingOut.accessToken);
      const other = await listen(server.app, spaceId, staying.accessToken);
      try {
        const out = await server.call('POST', '/v1/auth/sign-out', {
          body: { refreshToken: signingOut.refreshToken },
        });
        expect(out.status).toBe(204);
        await expect
          .poll(() => one.closes)
          .toEqual([{ code: 4401, reason: 'You signed out; sign in again.' }]);
        expect(other.closes).toEqual([]);
        expect(other.socket.readyState).toBe(other.socket.OPEN);
      } finally {
        one.socket.terminate();
        other.socket.terminate();
      }
    });

    it.each([
      [
        'signs out',
        async (account: TestAccount) =>
          server.call('POST', '/v1/auth/sign-out', {
            body: { refreshToken: account.session.refreshToken },
          }),
        'You signed out; sign in again.',
      ],
      [
        'is revoked by an admin',
        async (account: TestAccount) =>
          server.call('POST', `/v1/admin/users/${account.user.id}/revoke`, {
            token: await server.tokenFor(admin),
          }),
        'Your sessions were ended; sign in again.',
      ],
    ])('closes a socket on another server node when the session %s', async (_name, end, reason) => {
      const spaceId = await server.space([admin]);
      const account = await server.account('agent', [spaceId]);
      const otherSql = await server.database.connectAgain();
      const otherNode = await buildServer({ sql: otherSql, now: () => server.clock.now });
      try {
        await otherNode.ready();
        const { socket, closes } = await listen(otherNode, spaceId, account.token);
        expect((await end(account)).status).toBe(204);
        await expect.poll(() => closes).toEqual([{ code: 4401, reason }]);
        socket.terminate();
      } finally {
        await otherNode.close();
        await otherSql.close();
      }
    });
  });

  describe('admin', () => {
    it.each([
      ['GET', '/v1/admin/users', undefined],
      [
        'POST',
        '/v1/admin/users',
        { email: 'x@example.com', name: 'X', password: PASSWORD, role: 'agent', spaces: [] },
      ],
      ['PATCH', '/v1/admin/users/someone', { name: 'Y' }],
      ['POST', '/v1/admin/users/someone/revoke', undefined],
      ['POST', '/v1/admin/spaces', { id: 'new-space', name: 'New' }],
    ] as const)('refuses %s %s to a manager (403)', async (method, url, body) => {
      const manager = await server.account('manager');
      const response = await server.call<{ error: string }>(method, url, {
        token: manager.token,
        body,
      });
      expect(response.status).toBe(403);
      expect(response.body.error).toBe(
        'Only admins can manage accounts and spaces; you are signed in as manager.',
      );
    });

    it.each([
      [{ email: 'not-an-email' }, 'email: is not an email address'],
      [{ password: 'short' }, 'password: must be at least 10 characters'],
      [{ role: 'owner' }, 'role: must be one of agent, supervisor, manager, admin'],
      [{ spaces: ['nowhere'] }, 'spaces: there is no space "nowhere".'],
      [{ spaces: ['not a space id'] }, /^spaces\.0: /],
      [{ name: '' }, 'name: must not be empty'],
    ])('refuses a new account with %o (400)', async (change, error) => {
      const body = {
        email: `${uniqueName('x')}@example.com`,
        name: 'X',
        password: PASSWORD,
        role: 'agent',
        spaces: [],
        ...change,
      };
      const response = await server.call<{ error: string }>('POST', '/v1/admin/users', {
        token: await server.tokenFor(admin),
        body,
      });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatch(error);
    });

    it('creates, lists and changes accounts; a taken email is 409', async () => {
      const spaceId = await server.space([admin]);
      const user = await member('agent', [spaceId]);
      expect(user.email).toBe(user.email.toLowerCase());

      const again = await server.call<{ error: string }>('POST', '/v1/admin/users', {
        token: await server.tokenFor(admin),
        body: {
          email: user.email.toUpperCase(),
          name: 'Twin',
          password: PASSWORD,
          role: 'agent',
          spaces: [],
        },
      });
      expect(again.status).toBe(409);
      expect(again.body.error).toBe(`An account with the email ${user.email} already exists.`);

      const list = await server.call<User[]>('GET', '/v1/admin/users', {
        token: await server.tokenFor(admin),
      });
      expect(list.body).toContainEqual(user);

      const patched = await server.call<User>('PATCH', `/v1/admin/users/${user.id}`, {
        token: await server.tokenFor(admin),
        body: { role: 'manager', name: 'Pat Manager', spaces: [] },
      });
      expect(patched.body).toEqual({ ...user, role: 'manager', name: 'Pat Manager', spaces: [] });

      const unknown = await server.call('PATCH', '/v1/admin/users/no-such-id', {
        token: await server.tokenFor(admin),
        body: { name: 'Z' },
      });
      expect(unknown.status).toBe(404);
    });

    it('ends the sessions of an account whose password an admin changes', async () => {
      const { user } = await server.account('agent');
      const session = (await signIn(user.email, PASSWORD)).body;
      const newPassword = 'a brand new passphrase';
      await server.call('PATCH', `/v1/admin/users/${user.id}`, {
        token: await server.tokenFor(admin),
        body: { password: newPassword },
      });
      expect((await server.call('GET', '/v1/me', { token: session.accessToken })).status).toBe(401);
      expect((await signIn(user.email, newPassword)).status).toBe(200);
    });

    it('keeps at least one admin', async () => {
      const admins = await server.sql.query("SELECT id FROM users WHERE role = 'admin'");
      expect(admins).toEqual([{ id: admin.user.id }]);
      const response = await server.call<{ error: string }>(
        'PATCH',
        `/v1/admin/users/${admin.user.id}`,
        {
          token: await server.tokenFor(admin),
          body: { role: 'manager' },
        },
      );
      expect(response.status).toBe(409);
      expect(response.body.error).toBe(
        'This is the only admin account; make another account admin first.',
      );
    });

    it('creates a space the admin joins; a taken id is 409', async () => {
      const id = uniqueName('desk');
      const created = await server.call('POST', '/v1/admin/spaces', {
        token: await server.tokenFor(admin),
        body: { id, name: 'Second line' },
      });
      expect(created).toMatchObject({ status: 201, body: { id, name: 'Second line' } });
      const me = await server.call<User>('GET', '/v1/me', { token: await server.tokenFor(admin) });
      expect(me.body.spaces).toContainEqual({ id, name: 'Second line' });
      const again = await server.call('POST', '/v1/admin/spaces', {
        token: await server.tokenFor(admin),
        body: { id, name: 'Again' },
      });
      expect(again.status).toBe(409);
    });
  });
});
