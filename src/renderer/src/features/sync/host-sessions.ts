import type { SessionPort } from '@core/index';

/**
 * The host's sign-in keeper as the sync engine's SessionPort: main on the desktop (the page never
 * holds the refresh token), the page's own SessionBroker in a browser. The host is imported when
 * first needed, so the sync engine also runs where there is no host (Node tests).
 */
async function host() {
  return (await import('../../host')).host;
}

export const hostSessions: SessionPort = {
  signIn: async (serverUrl, email, password) =>
    (await host()).syncSignIn({ serverUrl, email, password }),
  refresh: async (serverUrl) => (await host()).syncRefresh(serverUrl),
  signOut: async () => (await host()).syncSignOut(),
  hasSignIn: async (serverUrl) => (await host()).syncHasSignIn(serverUrl),
};
