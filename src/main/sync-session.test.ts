import { describe, expect, it, vi } from 'vitest';
import { netPost, type NetFetch } from './sync-session';

const URL_ = 'https://sync.example.com/v1/auth/refresh';

describe("main's sign-in requests", () => {
  it('posts JSON, refuses redirects (the token goes nowhere else) and gives status and text', async () => {
    const fetch = vi.fn<NetFetch>(async () => new Response('{"ok":1}', { status: 200 }));
    expect(await netPost(fetch)(URL_, { refreshToken: 't' })).toEqual({
      status: 200,
      text: '{"ok":1}',
    });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(URL_);
    expect(init).toMatchObject({
      method: 'POST',
      redirect: 'error',
      body: '{"refreshToken":"t"}',
      headers: { 'content-type': 'application/json' },
    });
  });

  it('says the server could not be reached, or did not answer in time', async () => {
    const refused: NetFetch = async () => {
      throw new TypeError('net::ERR_CONNECTION_REFUSED');
    };
    await expect(netPost(refused)(URL_, {})).rejects.toThrow(
      'The sync server sync.example.com could not be reached.',
    );
    const silent: NetFetch = (_url, init) =>
      new Promise((_, reject) =>
        init.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    await expect(netPost(silent, 20)(URL_, {})).rejects.toThrow(
      'The sync server sync.example.com did not answer within 0 seconds.',
    );
    // A shorter limit for one call (the sign-out's) is kept.
    await expect(netPost(silent, 60_000)(URL_, {}, 30)).rejects.toThrow(/did not answer/);
  });
});
