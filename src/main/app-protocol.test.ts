import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  mimeTypeFor,
  resolveAppAsset,
} from './app-protocol';

const root = join(tmpdir(), 'desk-root');

describe('APP_SCHEME_PRIVILEGES', () => {
  it('registers app: as standard and secure with fetch support (else IndexedDB fails)', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
    });
    expect(APP_ENTRY_URL).toBe('app://desk/index.html');
  });
});

describe('resolveAppAsset', () => {
  it.each([
    ['app://desk/', 'index.html'],
    ['app://desk', 'index.html'],
    ['app://desk/index.html', 'index.html'],
    ['app://desk/index.html?x=1#/queue', 'index.html'],
    ['app://desk/assets/index-abc123.js', join('assets', 'index-abc123.js')],
    ['app://desk/assets/fonts/inter.woff2', join('assets', 'fonts', 'inter.woff2')],
    ['app://desk/assets/a%20b.css', join('assets', 'a b.css')],
    ['app://desk//assets/x.js', join('assets', 'x.js')],
    // The URL parser folds these dot segments away before we see them: they stay inside the root.
    ['app://desk/../../etc/passwd', join('etc', 'passwd')],
    ['app://desk/%2e%2e/%2e%2e/etc/passwd', join('etc', 'passwd')],
    ['app://desk/assets/../index.html', 'index.html'],
  ])('maps %s into the root as %s', (url, relative) => {
    expect(resolveAppAsset(root, url)).toBe(join(root, relative));
  });

  it.each([
    ['encoded slash after dots', 'app://desk/%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ['encoded dots and slash, upper case', 'app://desk/%2E%2E%2Fetc%2Fpasswd'],
    ['literal dots, encoded slash', 'app://desk/..%2f..%2fetc%2fpasswd'],
    ['encoded backslash', 'app://desk/..%5c..%5cwindows%5cwin.ini'],
    ['backslash in a file name', 'app://desk/assets%5cx.js'],
    ['NUL byte', 'app://desk/index.html%00.png'],
    ['NUL byte alone', 'app://desk/%00'],
    ['double-encoded dots and slash', 'app://desk/%252e%252e%252fetc%252fpasswd'],
    ['double-encoded NUL', 'app://desk/index.html%2500'],
    ['malformed percent-encoding', 'app://desk/%E0%A4%A'],
    ['a lone percent sign', 'app://desk/100%'],
    ['another host', 'app://evil/index.html'],
    ['a host that starts like ours', 'app://desk.evil/index.html'],
    ['a port', 'app://desk:8080/index.html'],
    ['upper-case host (never sent by Chromium)', 'app://DESK/index.html'],
    ['a host of dots', 'app://../'],
    ['a host of dots with a path', 'app://../etc/passwd'],
    ['another scheme', 'file:///etc/passwd'],
    ['https', 'https://desk/index.html'],
    ['not a URL', 'index.html'],
    ['empty', ''],
  ])('refuses %s (%s)', (_label, url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it('never resolves outside the root, whatever the request', () => {
    const samples = [
      'app://desk/../../../../../../etc/shadow',
      'app://desk/./././index.html',
      'app://desk/a/b/c/../../../../x',
      'app://desk/%2e/%2e%2e/x',
      'app://desk/C:/Windows/win.ini',
      'app://desk///etc/passwd',
    ];
    for (const url of samples) {
      const file = resolveAppAsset(root, url);
      if (file !== null) expect(file.startsWith(root + sep)).toBe(true);
    }
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a/b/app.js', 'text/javascript; charset=utf-8'],
    ['worker.mjs', 'text/javascript; charset=utf-8'],
    ['style.CSS', 'text/css; charset=utf-8'],
    ['data.json', 'application/json; charset=utf-8'],
    ['icon.svg', 'image/svg+xml'],
    ['icon.png', 'image/png'],
    ['favicon.ico', 'image/x-icon'],
    ['font.woff2', 'font/woff2'],
    ['manifest.webmanifest', 'application/manifest+json'],
    ['notes.txt', 'text/plain; charset=utf-8'],
    ['archive.zip', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });
});

describe('createAppProtocolHandler', () => {
  const csp = "default-src 'self'; script-src 'self'";
  let dir: string;
  let handler: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'desk-protocol-'));
    const site = join(dir, 'renderer');
    await mkdir(join(site, 'assets'), { recursive: true });
    await writeFile(join(site, 'index.html'), '<!doctype html><title>Desk</title>');
    await writeFile(join(site, 'assets', 'app.js'), 'console.log("desk")');
    await writeFile(join(dir, 'secret.txt'), 'outside the root');
    handler = createAppProtocolHandler(site, csp);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html for the root, with the CSP and nosniff headers', async () => {
    const response = await handler(new Request('app://desk/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Desk</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves nested assets with their content type and the CSP', async () => {
    const response = await handler(new Request('app://desk/assets/app.js?v=2'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log("desk")');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(csp);
  });

  it.each([
    'app://desk/missing.js',
    'app://desk/assets/',
    'app://desk/%2e%2e%2fsecret.txt',
    'app://desk/..%5csecret.txt',
    'app://desk/index.html%00',
    'app://other/index.html',
  ])('answers 404 for %s', async (url) => {
    const response = await handler(new Request(url));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the root');
  });

  it('keeps a file beside the root out of reach via dot segments', async () => {
    const response = await handler(new Request('app://desk/../secret.txt'));
    expect(response.status).toBe(404);
  });
});
