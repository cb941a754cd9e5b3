import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncTokenStore, type TokenCipher } from './sync-token';

const TOKEN = 'q3Zt-8kYc_1vLx0aN2mBr7';
const KEPT = { serverUrl: 'https://sync.example.com', refreshToken: TOKEN };

/** A stand-in for safeStorage: reversible, but never the plain text. */
function fakeCipher(available = true, backend = 'gnome_libsecret'): TokenCipher {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () =>
      backend as ReturnType<TokenCipher['getSelectedStorageBackend']>,
    encryptString: (text) => Buffer.from(`enc:${[...text].reverse().join('')}`),
    decryptString: (data) => {
      const text = data.toString();
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext');
      return [...text.slice(4)].reverse().join('');
    },
  };
}

describe('the sync token store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'desk-token-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps the token encrypted on disk and reads it back in a new session', async () => {
    expect(await new SyncTokenStore(dir, fakeCipher(), 'linux').save(KEPT)).toBe(true);
    const onDisk = await readFile(join(dir, 'sync-token.bin'), 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    expect(await new SyncTokenStore(dir, fakeCipher(), 'linux').load()).toEqual(KEPT);
  });

  it('forgets the token on sign-out', async () => {
    const store = new SyncTokenStore(dir, fakeCipher(), 'darwin');
    await store.save(KEPT);
    expect(await store.save(null)).toBe(true);
    expect(await new SyncTokenStore(dir, fakeCipher(), 'darwin').load()).toBeNull();
  });

  it.each([
    ['no encryption at all', fakeCipher(false), 'win32' as const],
    ["Linux's fixed-password fallback", fakeCipher(true, 'basic_text'), 'linux' as const],
  ])('with %s, keeps the token for this session only and writes nothing', async (_, cipher, os) => {
    const store = new SyncTokenStore(dir, cipher, os);
    expect(await store.save(KEPT)).toBe(false);
    expect(await store.load()).toEqual(KEPT);
    await expect(readFile(join(dir, 'sync-token.bin'))).rejects.toThrow(/ENOENT/);
    expect(await new SyncTokenStore(dir, cipher, os).load()).toBeNull();
  });

  it.each([
    ['an unreadable file', 'garbage'],
    // Kept before a sign-in named its server: which server may have it back is unknown.
    ['a bare token from an older desk', `enc:${[...TOKEN].reverse().join('')}`],
    [
      'a sign-in for a server address that is not allowed',
      `enc:${[...JSON.stringify({ serverUrl: 'http://evil.example', refreshToken: TOKEN })].reverse().join('')}`,
    ],
  ])('reads %s as no sign-in, so the desk asks to sign in again', async (_, onDisk) => {
    await writeFile(join(dir, 'sync-token.bin'), onDisk);
    expect(await new SyncTokenStore(dir, fakeCipher(), 'linux').load()).toBeNull();
  });
});
