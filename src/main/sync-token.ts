import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { KeptSignInSchema, type KeptSignIn, type SignInKeeper } from '@core/sync';
import { writeFileAtomically } from './json-file';

/** What the token store needs from Electron's safeStorage (a parameter so tests hand in a fake). */
export type TokenCipher = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

/**
 * Keeps the sync sign-in (the refresh token and the server that issued it) encrypted with the OS
 * keychain (Electron safeStorage) in the user-data folder. Where no real keychain exists (Linux
 * without a secret service, where Electron would fall back to a fixed password), it is kept in
 * memory for this session only and the desk asks to sign in again next time. Only main reads it.
 */
export class SyncTokenStore implements SignInKeeper {
  private readonly file: string;
  private sessionOnly: KeptSignIn | null = null;

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

  /**
   * The kept sign-in, or null when there is none or it can no longer be read (undecryptable, or a
   * bare token from before sign-ins named their server: that desk signs in once more).
   */
  async load(): Promise<KeptSignIn | null> {
    if (this.sessionOnly !== null) return this.sessionOnly;
    if (!this.secure()) return null;
    try {
      const text = this.cipher.decryptString(await readFile(this.file));
      const kept = KeptSignInSchema.safeParse(JSON.parse(text));
      return kept.success ? kept.data : null;
    } catch {
      return null;
    }
  }

  /** Keeps the sign-in (or forgets it, with null); false when it lasts for this session only. */
  async save(kept: KeptSignIn | null): Promise<boolean> {
    this.sessionOnly = null;
    if (kept === null) {
      await rm(this.file, { force: true });
      return true;
    }
    if (!this.secure()) {
      this.sessionOnly = kept;
      await rm(this.file, { force: true });
      return false;
    }
    await writeFileAtomically(this.file, this.cipher.encryptString(JSON.stringify(kept)));
    return true;
  }
}
