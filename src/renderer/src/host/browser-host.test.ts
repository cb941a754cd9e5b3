import type { NotificationTarget } from '@core/contracts';
import { describe, expect, it, vi } from 'vitest';
import { createBrowserHost, localStorageSignIn, type BrowserEnvironment } from './browser-host';

class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static requestPermission = vi.fn(async () => FakeNotification.permission);
  static created: FakeNotification[] = [];
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.created.push(this);
  }
  close() {
    this.closed = true;
  }
}

function fakeEnv(overrides: Partial<BrowserEnvironment> = {}): BrowserEnvironment {
  FakeNotification.created = [];
  FakeNotification.permission = 'granted';
  return {
    Notification: FakeNotification as unknown as typeof Notification,
    focus: vi.fn(),
    open: vi.fn(),
    print: vi.fn(),
    setAppBadge: vi.fn(async () => {}),
    clearAppBadge: vi.fn(async () => {}),
    setTitle: vi.fn(),
    platform: 'Linux x86_64',
    ...overrides,
  };
}

describe('BrowserHost', () => {
  it("saves a PDF through the browser's print dialog, refusing a name with folders", async () => {
    const env = fakeEnv();
    const host = createBrowserHost(env);
    expect(await host.printToPdf({ fileName: 'matrix.pdf', landscape: true })).toEqual({
      outcome: 'print-dialog',
    });
    expect(env.print).toHaveBeenCalledTimes(1);
    await expect(host.printToPdf({ fileName: '../matrix.pdf', landscape: true })).rejects.toThrow(
      /no folders/,
    );
    expect(env.print).toHaveBeenCalledTimes(1);
    host.dispose();
  });

  it('shows a Web Notification and a click focuses the window and opens the ticket', async () => {
    const env = fakeEnv();
    const host = createBrowserHost(env);
    const opened: NotificationTarget[] = [];
    host.onNotificationClick((target) => opened.push(target));

    const shown = await host.showNotification({
      title: 'ESC-7 breached resolution',
      body: 'Acme · Tier 1',
      ticketId: 'ESC-7',
    });
    expect(shown).toBe(true);
    const [notification] = FakeNotification.created;
    expect(notification?.title).toBe('ESC-7 breached resolution');
    notification?.onclick?.();
    expect(env.focus).toHaveBeenCalled();
    expect(opened).toEqual([{ ticketId: 'ESC-7' }]);
    expect(notification?.closed).toBe(true);
  });

  it('asks for permission once and reports false when it is refused', async () => {
    const env = fakeEnv();
    FakeNotification.permission = 'default';
    FakeNotification.requestPermission.mockImplementationOnce(async () => {
      FakeNotification.permission = 'denied';
      return 'denied';
    });
    const host = createBrowserHost(env);
    expect(await host.showNotification({ title: 'x', body: '' })).toBe(false);
    expect(FakeNotification.created).toHaveLength(0);
  });

  it('reports false where the browser has no notifications', async () => {
    const host = createBrowserHost(fakeEnv({ Notification: undefined }));
    expect(await host.showNotification({ title: 'x', body: '' })).toBe(false);
    expect((await host.getAppInfo()).notificationsSupported).toBe(false);
  });

  it('stops calling a listener after it unsubscribes', async () => {
    const host = createBrowserHost(fakeEnv());
    const listener = vi.fn();
    const unsubscribe = host.onNotificationClick(listener);
    unsubscribe();
    await host.showNotification({ title: 'x', body: '', ticketId: 'ESC-1' });
    FakeNotification.created[0]?.onclick?.();
    expect(listener).not.toHaveBeenCalled();
  });

  it('puts the attention count on the badge and in the title, and clears both at zero', async () => {
    const env = fakeEnv();
    const host = createBrowserHost(env);
    await host.setBadgeCounts({ breached: 2, atRisk: 3 });
    expect(env.setAppBadge).toHaveBeenCalledWith(5);
    expect(env.setTitle).toHaveBeenLastCalledWith('(5) Escalation Desk');
    await host.setBadgeCounts({ breached: 0, atRisk: 0 });
    expect(env.clearAppBadge).toHaveBeenCalled();
    expect(env.setTitle).toHaveBeenLastCalledWith('Escalation Desk');
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'app://desk/index.html', 'not a url'])(
    'refuses to open %s',
    async (url) => {
      const env = fakeEnv();
      await expect(createBrowserHost(env).openExternal(url)).rejects.toThrow(
        /This link was not opened/,
      );
      expect(env.open).not.toHaveBeenCalled();
    },
  );

  it('opens http(s) links in a new tab without an opener', async () => {
    const env = fakeEnv();
    await createBrowserHost(env).openExternal('https://status.example.com/incidents?id=4');
    expect(env.open).toHaveBeenCalledWith(
      'https://status.example.com/incidents?id=4',
      '_blank',
      'noopener,noreferrer',
    );
  });

  it('describes itself as the browser host without a tray', async () => {
    const info = await createBrowserHost(fakeEnv()).getAppInfo();
    expect(info).toMatchObject({ host: 'browser', hasTray: false, platform: 'Linux x86_64' });
  });

  /** A sync server that signs in, rotates refresh tokens and records what it was sent. */
  function fakeSyncServer() {
    const sent: { url: string; body: unknown }[] = [];
    let issued = 0;
    const session = () => ({
      accessToken: `access-${issued}`,
      accessExpiresAt: 2_000_000_000_000,
      refreshToken: `refresh-token-number-${++issued}`,
      user: { id: 'u-1', email: 'ana@example.com', name: 'Ana', role: 'agent', spaces: [] },
    });
    const fetch = vi.fn(async (url: string, init: RequestInit) => {
      sent.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify(session()), { status: 200 });
    });
    return { fetch, sent };
  }
  const SERVER = 'https://sync.example.com';

  it("keeps the sync sign-in in the site's storage between visits, for its server only, and forgets it", async () => {
    localStorage.clear();
    const { fetch, sent } = fakeSyncServer();
    const env = () => fakeEnv({ fetch, syncSignIn: localStorageSignIn(localStorage) });
    const first = createBrowserHost(env());
    const signedIn = await first.syncSignIn({ serverUrl: SERVER, email: 'a', password: 'p' });
    expect(signedIn).toMatchObject({ ok: true, session: { accessToken: 'access-0', kept: true } });
    // The page's session has no refresh token in it: only the keeper holds that.
    expect(JSON.stringify(signedIn)).not.toContain('refresh-token');

    const next = createBrowserHost(env());
    expect(await next.syncHasSignIn(SERVER)).toBe(true);
    expect(await next.syncHasSignIn('https://other.example.com')).toBe(false);
    expect(await next.syncRefresh('https://other.example.com')).toMatchObject({
      ok: false,
      kind: 'signed-out',
    });
    expect(await next.syncRefresh(SERVER)).toMatchObject({ ok: true });
    expect(sent.map(({ url, body }) => [url, body])).toEqual([
      [`${SERVER}/v1/auth/sign-in`, { email: 'a', password: 'p' }],
      [`${SERVER}/v1/auth/refresh`, { refreshToken: 'refresh-token-number-1' }],
    ]);
    await next.syncSignOut();
    expect(await createBrowserHost(env()).syncHasSignIn(SERVER)).toBe(false);
    expect(sent.at(-1)).toEqual({
      url: `${SERVER}/v1/auth/sign-out`,
      body: { refreshToken: 'refresh-token-number-2' },
    });
  });

  it('keeps the sign-in for this page only where storage is refused, and reads junk as none', async () => {
    const { fetch } = fakeSyncServer();
    const refusing = { load: async () => null, save: async () => false };
    const host = createBrowserHost(fakeEnv({ fetch, syncSignIn: refusing }));
    const signedIn = await host.syncSignIn({ serverUrl: SERVER, email: 'a', password: 'p' });
    expect(signedIn).toMatchObject({ ok: true, session: { kept: false } });
    expect(await host.syncRefresh(SERVER)).toMatchObject({ ok: true });

    localStorage.clear();
    localStorage.setItem('escalation-desk.sync-sign-in', '<script>alert(1)</script>');
    expect(await localStorageSignIn(localStorage).load()).toBeNull();
    localStorage.setItem(
      'escalation-desk.sync-sign-in',
      JSON.stringify({ serverUrl: 'http://evil.example', refreshToken: 'x' }),
    );
    expect(await localStorageSignIn(localStorage).load()).toBeNull();
  });
});
