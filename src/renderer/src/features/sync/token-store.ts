/**
 * Where the sync refresh token is kept between sessions: the host (the OS keychain on desktop,
 * the site's storage in a browser). The host is imported when first needed, so the sync engine
 * also runs where there is no host (Node tests).
 */

/** Keeps one refresh token; `save` resolves false when it lasts for this session only. */
export interface RefreshTokenStore {
  load(): Promise<string | null>;
  save(token: string | null): Promise<boolean>;
}

/** The refresh token the host kept from the last session, or null. */
export async function loadRefreshToken(): Promise<string | null> {
  const { host } = await import('../../host');
  return host.loadSyncToken();
}

/** Keeps (or, with null, forgets) the refresh token; false when it could not be kept. */
export async function saveRefreshToken(token: string | null): Promise<boolean> {
  const { host } = await import('../../host');
  try {
    return await host.saveSyncToken(token);
  } catch {
    // A token the host refuses to write (not of the expected shape) lasts for this session.
    return false;
  }
}

/** The host's token store. */
export const hostTokenStore: RefreshTokenStore = {
  load: loadRefreshToken,
  save: saveRefreshToken,
};

/** A token store in memory (tests, or a desk with nowhere safe to keep it). */
export function memoryTokenStore(initial: string | null = null): RefreshTokenStore {
  let token = initial;
  return {
    load: async () => token,
    save: async (next) => {
      token = next;
      return true;
    },
  };
}
