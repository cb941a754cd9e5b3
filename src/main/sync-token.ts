import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { writeFileAtomically } from './json-file';

/** What the token store needs from Electron's safeStorage (a parameter so tests hand in a fake). */
export type TokenCipher = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

/**
 * Keeps the sync server's refresh token encrypted with the OS keychain (Electron safeStorage) in
 * the user-data folder. Where no real keychain exists (Linux without a secret service, where
 * Electron would fall back to a fixed password), the token is kept in memory for this session
 * only and the desk asks to sign in again next time.
 */
export class SyncTokenStore {
  private readonly file: string;
  private sessionToken: string | null = null;

  constructor(
    userDataDir: string,
    private readonly cipher: TokenCipher,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.file = join(userDataDir, 'sync-token.bin');
  }

  /** Whether the OS keychain really protects what is written. */
  private secure(): boolean {
    if (!this.cipher.isEncryptionAvailable()) return false;
    return this.platform !== 'linux' || this.cipher.getSelectedStorageBackend() !== 'basic_text';
  }

  /** The kept token, or null when there is none or it can no longer be decrypted. */
  async load(): Promise<string | null> {
    if (this.sessionToken !== null) return this.sessionToken;
    if (!this.secure()) return null;
    try {
      return this.cipher.decryptString(await readFile(this.file));
    } catch {
      return null;
    }
  }

  /** Keeps the token (or forgets it, with null); false when it lasts for this session only. */
  async save(token: string | null): Promise<boolean> {
    this.sessionToken = null;
    if (token === null) {
      await rm(this.file, { force: true });
      return true;
    }
    if (!this.secure()) {
      this.sessionToken = token;
      await rm(this.file, { force: true });
      return false;
    }
    await writeFileAtomically(this.file, this.cipher.encryptString(token));
    return true;
  }
}
