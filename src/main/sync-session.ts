import { unreachableSentence, type SessionPost } from '@core/sync';

/** The part of Electron's `net.fetch` the sign-in uses (a parameter so tests hand in fakes). */
export type NetFetch = (url: string, init: RequestInit) => Promise<Response>;

/** How long a sign-in or refresh may take. */
const TIMEOUT_MS = 20_000;

/**
 * The `post` of main's SessionBroker: JSON over Electron's network stack (the system's proxy
 * settings apply), within a time limit. A redirect is refused rather than followed, so the refresh
 * token only ever goes to the server that issued it.
 */
export function netPost(fetch: NetFetch, timeoutMs = TIMEOUT_MS): SessionPost {
  return async (url, body, limit = timeoutMs) => {
    const ms = Math.min(limit, timeoutMs);
    const signal = AbortSignal.timeout(ms);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(body),
        redirect: 'error',
        signal,
      });
      return { status: response.status, text: await response.text() };
    } catch {
      throw new Error(unreachableSentence(url, signal.aborted ? ms : undefined));
    }
  };
}
