import type { NotificationTarget } from '@core/contracts';
import { describe, expect, it, vi } from 'vitest';
import { createBrowserHost, localStorageTokens, type BrowserEnvironment } from './browser-host';

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

  it("keeps the sync refresh token in the site's storage between visits, and forgets it", async () => {
    const token = 'q3Zt-8kYc_1vLx0aN2mBr7';
    localStorage.clear();
    const first = createBrowserHost(fakeEnv({ syncTokens: localStorageTokens(localStorage) }));
    expect(await first.saveSyncToken(token)).toBe(true);
    const next = createBrowserHost(fakeEnv({ syncTokens: localStorageTokens(localStorage) }));
    expect(await next.loadSyncToken()).toBe(token);
    await next.saveSyncToken(null);
    expect(await first.loadSyncToken()).toBeNull();
  });

  it('keeps the token for this page only where storage is refused, and never stores a non-token', async () => {
    const refusing = { load: () => null, save: () => false };
    const host = createBrowserHost(fakeEnv({ syncTokens: refusing }));
    expect(await host.saveSyncToken('q3Zt-8kYc_1vLx0aN2mBr7')).toBe(false);
    expect(await host.loadSyncToken()).toBe('q3Zt-8kYc_1vLx0aN2mBr7');
    await expect(host.saveSyncToken('<script>alert(1)</script>')).rejects.toThrow(/refresh token/);
  });
});
