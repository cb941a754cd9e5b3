import type { WebContents, WebFrameMain } from 'electron';
import { checkExternalUrl } from '@core/contracts/external-url';
import { APP_HOST, APP_SCHEME } from './app-protocol';

/** Where the renderer may legitimately be loaded from: app://desk, or the dev server in development. */
export interface AppOrigin {
  devServerUrl?: string | undefined;
}

/** True when `rawUrl` is a page of the app itself (app://desk/…, or the dev server's origin). */
export function isAppUrl(rawUrl: string, origin: AppOrigin): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  if (origin.devServerUrl) {
    try {
      return url.origin === new URL(origin.devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** An IPC message is trusted only from the top frame of the app's own page in the desk window. */
export function isTrustedSender(
  frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined,
  origin: AppOrigin,
): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, origin);
}

/** Permission requests are refused, except notifications (SLA alerts) asked for by the app itself. */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  origin: AppOrigin,
): boolean {
  return permission === 'notifications' && isAppUrl(requestingUrl, origin);
}

/**
 * Locks a web contents down: no navigation away from the app (in any frame, nor by redirect), no
 * new windows (valid http/https links go to the system browser instead), no <webview>.
 */
export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  origin: AppOrigin,
  openExternal: (url: string) => void,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, origin)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, origin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, origin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const check = checkExternalUrl(url);
    if (check.ok) openExternal(check.url);
    return { action: 'deny' };
  });
}
