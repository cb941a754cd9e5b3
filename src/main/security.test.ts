import { describe, expect, it, vi } from 'vitest';

// security.ts only needs electron's types; importing the real module would fail the suite.
vi.mock('electron', () => ({}));

import {
  hardenWebContents,
  isAppUrl,
  isPermissionAllowed,
  isTrustedSender,
  type AppOrigin,
} from './security';

const packaged: AppOrigin = {};
const dev: AppOrigin = { devServerUrl: 'http://localhost:5173/' };

type Listener = (...args: unknown[]) => void;

/** A stand-in web contents that records its listeners and window-open handler. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let windowOpen: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: vi.fn((name: string, listener: Listener) => {
      listeners.set(name, listener);
      return contents;
    }),
    setWindowOpenHandler: vi.fn((handler: typeof windowOpen) => {
      windowOpen = handler;
    }),
  };
  const fire = (name: string, url: string) => {
    const listener = listeners.get(name);
    if (!listener) throw new Error(`no ${name} listener`);
    const event = { url, preventDefault: vi.fn() };
    if (name === 'will-frame-navigate') listener(event);
    else listener(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  const openWindow = (url: string) => {
    if (!windowOpen) throw new Error('no window-open handler');
    return windowOpen({ url });
  };
  return { contents, listeners, fire, openWindow };
}

function harden(origin: AppOrigin = packaged) {
  const fake = fakeContents();
  const openExternal = vi.fn();
  hardenWebContents(fake.contents as never, origin, openExternal);
  return { ...fake, openExternal };
}

const hostileUrls = [
  'javascript:alert(1)',
  'file:///etc/passwd',
  'app://../',
  'app://evil/index.html',
  'app://desk.evil/index.html',
  'app://desk:8080/index.html',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'http://user:pass@host',
  'https://example.com/',
  'http://localhost:5173/',
  'ms-msdt:/id PCWDiagnostic',
  'smb://attacker/share',
  'about:blank',
  'chrome://settings',
  'not a url',
  '',
];

describe('isAppUrl', () => {
  it.each([
    'app://desk/',
    'app://desk/index.html',
    'app://desk/index.html#/queue',
    'app://desk/assets/index-abc.js',
    'app://desk/../../x',
  ])('accepts the app page %s', (url) => {
    expect(isAppUrl(url, packaged)).toBe(true);
  });

  it.each(hostileUrls)('refuses %s', (url) => {
    expect(isAppUrl(url, packaged)).toBe(false);
  });

  it('accepts the dev server only when one is configured, and only its origin', () => {
    expect(isAppUrl('http://localhost:5173/#/queue', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173/#/queue', packaged)).toBe(false);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('http://localhost.evil.example:5173/', dev)).toBe(false);
  });

  it('refuses everything but app://desk when the dev server URL is malformed', () => {
    const broken = { devServerUrl: 'not a url' };
    expect(isAppUrl('http://localhost:5173/', broken)).toBe(false);
    expect(isAppUrl('app://desk/index.html', broken)).toBe(true);
  });
});

describe('isTrustedSender', () => {
  const top = (url: string) => ({ url, parent: null });
  const sub = (url: string) => ({ url, parent: top('app://desk/index.html') });

  it.each([
    ['the top frame of the app page', top('app://desk/index.html#/queue'), packaged, true],
    ['a subframe, even on the app origin', sub('app://desk/index.html'), packaged, false],
    ['a subframe of a foreign page', sub('https://evil.example/'), packaged, false],
    ['a foreign origin', top('https://evil.example/'), packaged, false],
    ['another app:// host', top('app://evil/index.html'), packaged, false],
    ['a file: page', top('file:///tmp/evil.html'), packaged, false],
    ['a data: page', top('data:text/html,hi'), packaged, false],
    ['an about:blank page', top('about:blank'), packaged, false],
    ['the dev server when configured', top('http://localhost:5173/'), dev, true],
    ['the dev server when not configured', top('http://localhost:5173/'), packaged, false],
    ['another port when the dev server is configured', top('http://localhost:9999/'), dev, false],
    ['a missing frame (navigated away or destroyed)', null, packaged, false],
    ['an undefined frame', undefined, packaged, false],
  ] as const)('%s → %s', (_label, frame, origin, expected) => {
    expect(isTrustedSender(frame as never, origin)).toBe(expected);
  });
});

describe('isPermissionAllowed', () => {
  it.each([
    ['notifications', 'app://desk/index.html', packaged, true],
    ['notifications', 'http://localhost:5173/', dev, true],
    ['notifications', 'https://evil.example/', packaged, false],
    ['notifications', 'http://localhost:5173/', packaged, false],
    ['notifications', '', packaged, false],
    ['media', 'app://desk/index.html', packaged, false],
    ['geolocation', 'app://desk/index.html', packaged, false],
    ['clipboard-read', 'app://desk/index.html', packaged, false],
    ['clipboard-sanitized-write', 'app://desk/index.html', packaged, false],
    ['openExternal', 'app://desk/index.html', packaged, false],
    ['fullscreen', 'app://desk/index.html', packaged, false],
    ['pointerLock', 'app://desk/index.html', packaged, false],
    ['midiSysex', 'app://desk/index.html', packaged, false],
    ['hid', 'app://desk/index.html', packaged, false],
    ['serial', 'app://desk/index.html', packaged, false],
    ['usb', 'app://desk/index.html', packaged, false],
    ['display-capture', 'app://desk/index.html', packaged, false],
    ['fileSystem', 'app://desk/index.html', packaged, false],
    ['Notifications', 'app://desk/index.html', packaged, false],
    ['', 'app://desk/index.html', packaged, false],
  ] as const)('%s from %s → %s', (permission, url, origin, expected) => {
    expect(isPermissionAllowed(permission, url, origin)).toBe(expected);
  });
});

describe('hardenWebContents', () => {
  it('listens for every way of leaving the app', () => {
    const { listeners, contents } = harden();
    expect([...listeners.keys()].sort()).toEqual([
      'will-attach-webview',
      'will-frame-navigate',
      'will-navigate',
      'will-redirect',
    ]);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
  });

  describe.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s', (name) => {
    it.each(hostileUrls)('is prevented for %s', (url) => {
      expect(harden().fire(name, url)).toBe(true);
    });

    it.each(['app://desk/index.html', 'app://desk/index.html#/reports', 'app://desk/'])(
      'is allowed for %s',
      (url) => {
        expect(harden().fire(name, url)).toBe(false);
      },
    );

    it('is allowed for the dev server only when configured', () => {
      expect(harden(dev).fire(name, 'http://localhost:5173/')).toBe(false);
      expect(harden(packaged).fire(name, 'http://localhost:5173/')).toBe(true);
    });
  });

  it('prevents attaching a <webview>', () => {
    expect(harden().fire('will-attach-webview', 'app://desk/index.html')).toBe(true);
  });

  it.each([
    ['https://example.com/docs', 'https://example.com/docs'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://EXAMPLE.com/x', 'https://example.com/x'],
  ])('denies a new window for %s and opens it in the system browser', (url, opened) => {
    const { openWindow, openExternal } = harden();
    expect(openWindow(url)).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith(opened);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'app://desk/index.html',
    'app://../',
    'data:text/html,hi',
    'vbscript:msgbox(1)',
    'http://user:pass@host',
    'https://example.com/a\u0000b',
    'https://example.com/a b',
    `https://example.com/${'a'.repeat(3000)}`,
    'ms-msdt:/id',
    'smb://attacker/share',
    'about:blank',
    '',
  ])('denies a new window for %s and does not open it anywhere', (url) => {
    const { openWindow, openExternal } = harden();
    expect(openWindow(url)).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });
});
