import { describe, expect, it } from 'vitest';
import {
  checkServerUrl,
  memorySignInKeeper,
  readAnswer,
  ServerUrlSchema,
  SessionBroker,
  SessionSchema,
  type KeptSignIn,
  type SessionPost,
  type SignInKeeper,
} from './session';

const SERVER = 'https://sync.example.com';
const OTHER = 'https://other.example.com';

interface Sent {
  url: string;
  body: Record<string, unknown>;
  timeoutMs: number | undefined;
}

/**
 * A sync server that takes each refresh token once (as the real one does) and records every
 * request. `answer` overrides the next answer.
 */
function fakeServer() {
  const sent: Sent[] = [];
  const live = new Set<string>();
  let issued = 0;
  let next: { status: number; text: string } | 'unreachable' | undefined;
  const session = () => {
    const refreshToken = `refresh-${++issued}`;
    live.add(refreshToken);
    return {
      accessToken: `access-${issued}`,
      accessExpiresAt: 2_000_000_000_000,
      refreshToken,
      user: { id: 'u-1', email: 'ana@example.com', name: 'Ana', role: 'agent', spaces: [] },
    };
  };
  const post: SessionPost = async (url, body, timeoutMs) => {
    const request = body as Record<string, unknown>;
    sent.push({ url, body: request, timeoutMs });
    // Let other calls run in between, as a network would.
    await new Promise((resolve) => setTimeout(resolve, 1));
    const override = next;
    next = undefined;
    if (override === 'unreachable')
      throw new Error('The sync server sync.example.com could not be reached.');
    if (override) return override;
    if (url.endsWith('/v1/auth/sign-in')) {
      return request.password === 'right'
        ? { status: 200, text: JSON.stringify(session()) }
        : { status: 401, text: JSON.stringify({ error: 'Wrong email or password.' }) };
    }
    if (url.endsWith('/v1/auth/refresh')) {
      if (!live.delete(String(request.refreshToken))) {
        return { status: 401, text: JSON.stringify({ error: 'This sign-in has ended.' }) };
      }
      return { status: 200, text: JSON.stringify(session()) };
    }
    live.delete(String(request.refreshToken));
    return { status: 204, text: '' };
  };
  return {
    post,
    sent,
    live,
    answerNext: (answer: typeof next) => {
      next = answer;
    },
  };
}

function brokerWith(keeper: SignInKeeper = memorySignInKeeper()) {
  const server = fakeServer();
  return { server, keeper, broker: new SessionBroker(server.post, keeper) };
}

describe('SessionBroker', () => {
  it('signs in and keeps the refresh token with the server that issued it, handing out none', async () => {
    const { broker, keeper } = brokerWith();
    const outcome = await broker.signIn(SERVER, 'ana@example.com', 'right');
    expect(outcome).toMatchObject({ ok: true, session: { accessToken: 'access-1', kept: true } });
    expect(JSON.stringify(outcome)).not.toContain('refresh-');
    expect(await keeper.load()).toEqual({ serverUrl: SERVER, refreshToken: 'refresh-1' });
    expect(await broker.hasSignIn(SERVER)).toBe(true);
    expect(await broker.hasSignIn(OTHER)).toBe(false);
  });

  it('sends the refresh token back only to the server that issued it', async () => {
    const { broker, server } = brokerWith(
      memorySignInKeeper({ serverUrl: SERVER, refreshToken: 'refresh-0' }),
    );
    expect(await broker.refresh(OTHER)).toEqual({
      ok: false,
      kind: 'signed-out',
      message: 'Sign in to sync with your team again.',
    });
    expect(server.sent).toEqual([]);
  });

  it('keeps the rotated token after each refresh, and runs two refreshes one after the other', async () => {
    const { broker, keeper, server } = brokerWith();
    await broker.signIn(SERVER, 'ana@example.com', 'right');
    // Sent together, the second would reuse refresh-1 and be refused; one at a time both work.
    const [first, second] = await Promise.all([broker.refresh(SERVER), broker.refresh(SERVER)]);
    expect(first).toMatchObject({ ok: true, session: { accessToken: 'access-2' } });
    expect(second).toMatchObject({ ok: true, session: { accessToken: 'access-3' } });
    expect(server.sent.map((request) => request.body.refreshToken)).toEqual([
      undefined,
      'refresh-1',
      'refresh-2',
    ]);
    expect((await keeper.load())?.refreshToken).toBe('refresh-3');
  });

  it('forgets a sign-in the server refused, but keeps it through an outage or a server error', async () => {
    const { broker, keeper, server } = brokerWith();
    await broker.signIn(SERVER, 'ana@example.com', 'right');
    server.answerNext('unreachable');
    expect(await broker.refresh(SERVER)).toEqual({
      ok: false,
      kind: 'unreachable',
      message: 'The sync server sync.example.com could not be reached.',
    });
    server.answerNext({ status: 503, text: '' });
    expect(await broker.refresh(SERVER)).toMatchObject({ ok: false, kind: 'server', status: 503 });
    expect(await broker.hasSignIn(SERVER)).toBe(true);

    server.live.clear();
    expect(await broker.refresh(SERVER)).toMatchObject({
      ok: false,
      kind: 'server',
      status: 401,
      message: 'This sign-in has ended.',
    });
    expect(await keeper.load()).toBeNull();
    expect(await broker.hasSignIn(SERVER)).toBe(false);
  });

  it('refuses a wrong password without touching the sign-in kept before', async () => {
    const kept: KeptSignIn = { serverUrl: SERVER, refreshToken: 'refresh-0' };
    const { broker, keeper } = brokerWith(memorySignInKeeper(kept));
    expect(await broker.signIn(SERVER, 'ana@example.com', 'guess')).toMatchObject({
      ok: false,
      kind: 'server',
      status: 401,
      message: 'Wrong email or password.',
    });
    expect(await keeper.load()).toEqual(kept);
  });

  it('signs out on the issuing server within 5 s, and forgets even when it cannot be reached', async () => {
    const { broker, keeper, server } = brokerWith();
    await broker.signIn(SERVER, 'ana@example.com', 'right');
    await broker.signOut();
    expect(server.sent.at(-1)).toEqual({
      url: `${SERVER}/v1/auth/sign-out`,
      body: { refreshToken: 'refresh-1' },
      timeoutMs: 5_000,
    });
    expect(await keeper.load()).toBeNull();

    await broker.signIn(OTHER, 'ana@example.com', 'right');
    server.answerNext('unreachable');
    await broker.signOut();
    expect(await keeper.load()).toBeNull();
    expect(await broker.hasSignIn(OTHER)).toBe(false);
  });

  it('keeps a sign-in for this session when the keeper cannot, and reads a broken keeper as none', async () => {
    const refusing: SignInKeeper = { load: async () => null, save: async () => false };
    const { broker } = brokerWith(refusing);
    expect(await broker.signIn(SERVER, 'ana@example.com', 'right')).toMatchObject({
      ok: true,
      session: { kept: false },
    });
    expect(await broker.refresh(SERVER)).toMatchObject({ ok: true });

    const broken: SignInKeeper = {
      load: async () => {
        throw new Error('keychain locked');
      },
      save: async () => {
        throw new Error('keychain locked');
      },
    };
    const second = brokerWith(broken).broker;
    expect(await second.hasSignIn(SERVER)).toBe(false);
    expect(await second.signIn(SERVER, 'ana@example.com', 'right')).toMatchObject({
      ok: true,
      session: { kept: false },
    });
  });
});

describe('readAnswer', () => {
  const valid = {
    accessToken: 'a',
    accessExpiresAt: 1,
    refreshToken: 'r',
    user: { id: 'u', email: 'e', name: 'n', role: 'agent', spaces: [] },
  };
  it.each([
    [200, JSON.stringify(valid), { ok: true, value: valid }],
    [
      401,
      JSON.stringify({ error: 'Wrong email or password.' }),
      { ok: false, kind: 'server', status: 401, message: 'Wrong email or password.' },
    ],
    [
      502,
      '<html>Bad gateway</html>',
      {
        ok: false,
        kind: 'server',
        status: 502,
        message: 'The sync server answered the sign-in with 502.',
        body: {},
      },
    ],
    [
      409,
      JSON.stringify({ error: 'Out of step.', lastMid: 7 }),
      { ok: false, kind: 'server', status: 409, body: { error: 'Out of step.', lastMid: 7 } },
    ],
    [
      200,
      JSON.stringify({ ...valid, accessToken: '' }),
      {
        ok: false,
        kind: 'answer',
        message: expect.stringMatching(
          /^The sync server’s answer to the sign-in was not understood \(accessToken/,
        ),
      },
    ],
    [200, 'not json', { ok: false, kind: 'answer' }],
  ])('reads a %i answer %j', (status, text, expected) => {
    expect(readAnswer(status, text, SessionSchema, 'the sign-in')).toMatchObject(expected);
  });

  it('needs no body when there is no schema', () => {
    expect(readAnswer(204, '', undefined, 'the sign-out')).toEqual({ ok: true, value: undefined });
  });
});

describe('server addresses', () => {
  it.each([
    ['https://sync.example.com/', { ok: true, url: 'https://sync.example.com' }],
    ['  https://sync.example.com/team//  ', { ok: true, url: 'https://sync.example.com/team' }],
    ['http://localhost:8080', { ok: true, url: 'http://localhost:8080' }],
    [
      'http://sync.example.com',
      { ok: false, message: expect.stringMatching(/only for localhost/) },
    ],
    ['ftp://sync.example.com', { ok: false, message: 'The address must start with https://.' }],
    ['https://u:p@sync.example.com', { ok: false, message: expect.stringMatching(/user name/) }],
    ['https://sync.example.com/?x=1', { ok: false, message: expect.stringMatching(/\?/) }],
    ['sync.example.com', { ok: false, message: expect.stringMatching(/in full/) }],
  ])('checks %j', (typed, expected) => {
    expect(checkServerUrl(typed)).toEqual(expected);
  });

  it('lets only addresses as checkServerUrl writes them cross IPC', () => {
    expect(ServerUrlSchema.safeParse('https://sync.example.com').success).toBe(true);
    for (const bad of [
      'https://sync.example.com/',
      'javascript:alert(1)',
      'http://evil.example',
      7,
    ]) {
      expect(ServerUrlSchema.safeParse(bad).success).toBe(false);
    }
  });
});
