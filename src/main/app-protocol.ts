import { extname, resolve, sep } from 'node:path';
import { readFile } from 'node:fs/promises';

/** The renderer is served from app://desk/ instead of file://, so it has a real, stable origin. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Registration options: standard + secure so IndexedDB, fetch and workers get a proper origin. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps an app:// request to a file inside `root`, or null when the request names another host,
 * escapes the root (../, encoded or not, backslashes) or is otherwise malformed.
 */
export function resolveAppAsset(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // NUL, backslashes (Windows separators) and a '%' left after decoding (double encoding) are
  // never part of a built asset's name.
  if (/[\0\\%]/.test(pathname)) return null;
  if (pathname.split('/').some((segment) => segment === '..')) return null;
  const relative =
    pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const rootDir = resolve(root);
  const file = resolve(rootDir, relative);
  if (file !== rootDir && !file.startsWith(rootDir + sep)) return null;
  return file;
}

/** The content type for a served file, by extension. */
export function mimeTypeFor(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Builds the app:// request handler: files from `root`, with the CSP header, 404 for anything else. */
export function createAppProtocolHandler(root: string, contentSecurityPolicy: string) {
  return async (request: Request): Promise<Response> => {
    const file = resolveAppAsset(root, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': mimeTypeFor(file),
          'content-security-policy': contentSecurityPolicy,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };
}
