// A static server for the bench: the app at / and the bench pages at /bench/, one origin, so that
// both read the same IndexedDB. Hashed assets are cacheable for good, pages are revalidated.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface StaticSite {
  origin: string;
  close(): Promise<void>;
}

/** Serves `appDir` at / and `pagesDir` at /bench/ on 127.0.0.1:`port`. */
export async function serveBench(
  appDir: string,
  pagesDir: string,
  port: number,
): Promise<StaticSite> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const [dir, rest] = path.startsWith('/bench/')
      ? [pagesDir, path.slice('/bench'.length)]
      : [appDir, path];
    const file = join(dir, normalize(rest.endsWith('/') ? `${rest}index.html` : rest));
    if (!file.startsWith(dir)) {
      response.writeHead(403).end();
      return;
    }
    stat(file).then(
      (info) => {
        if (!info.isFile()) throw new Error('not a file');
        response.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'content-length': info.size,
          'cache-control': rest.includes('/assets/')
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        });
        createReadStream(file).pipe(response);
      },
      () => response.writeHead(404, { 'content-type': 'text/plain' }).end('not found'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
