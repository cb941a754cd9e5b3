import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IpcChannel } from '@core/contracts';

type Listener = (...args: unknown[]) => unknown;

/** Just enough of electron for src/main/index.ts to start, with every effect recorded. */
const electron = vi.hoisted(() => {
  const on = (listeners: Map<string, Listener[]>) => (name: string, listener: Listener) => {
    listeners.set(name, [...(listeners.get(name) ?? []), listener]);
  };
  const emit = (listeners: Map<string, Listener[]>, name: string, ...args: unknown[]) => {
    for (const listener of listeners.get(name) ?? []) listener(...args);
  };

  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    readonly listeners = new Map<string, Listener[]>();
    readonly webContents = {
      id: 1,
      send: vi.fn(),
      printToPDF: vi.fn(async () => new Uint8Array([37, 80, 68, 70])),
    };
    loadURL = vi.fn(async (_url: string) => {
      if (state.loadError) throw state.loadError;
    });
    show = vi.fn();
    hide = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    maximize = vi.fn();
    isDestroyed = () => false;
    isMinimized = () => false;
    isMaximized = () => false;
    isVisible = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1360, height: 860 });
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      FakeBrowserWindow.created.push(this);
    }
    on = on(this.listeners);
    once = on(this.listeners);
  }

  class FakeNotification {
    static supported = true;
    static created: FakeNotification[] = [];
    static isSupported = vi.fn(() => FakeNotification.supported);
    readonly listeners = new Map<string, Listener[]>();
    constructor(readonly options: unknown) {
      FakeNotification.created.push(this);
    }
    click() {
      emit(this.listeners, 'click');
    }
    action(...args: unknown[]) {
      emit(this.listeners, 'action', ...args);
    }
    on = on(this.listeners);
    show = vi.fn();
    close = vi.fn();
  }

  class FakeTray {
    setToolTip = vi.fn();
    setContextMenu = vi.fn();
    on = vi.fn();
  }

  const appListeners = new Map<string, Listener[]>();
  const state = {
    ready: Promise.resolve(),
    lock: true,
    packaged: true,
    userData: '',
    loadError: undefined as Error | undefined,
  };
  const app = {
    listeners: appListeners,
    emit: (name: string, ...args: unknown[]) => emit(appListeners, name, ...args),
    get isPackaged() {
      return state.packaged;
    },
    on: vi.fn(on(appListeners)),
    whenReady: vi.fn(() => state.ready),
    requestSingleInstanceLock: vi.fn(() => state.lock),
    enableSandbox: vi.fn(),
    quit: vi.fn(),
    getPath: vi.fn(() => state.userData),
    getName: vi.fn(() => 'Escalation Desk'),
    getVersion: vi.fn(() => '1.2.3'),
    setAppUserModelId: vi.fn(),
    setBadgeCount: vi.fn(),
  };
  const ipcHandlers = new Map<string, Listener>();
  const powerListeners = new Map<string, Listener[]>();
  const powerMonitor = {
    listeners: powerListeners,
    emit: (name: string) => emit(powerListeners, name),
    on: vi.fn(on(powerListeners)),
  };
  return {
    state,
    emit,
    powerMonitor,
    BrowserWindow: FakeBrowserWindow,
    Notification: FakeNotification,
    app,
    ipcHandlers,
    module: {
      app,
      BrowserWindow: FakeBrowserWindow,
      Notification: FakeNotification,
      Tray: FakeTray,
      nativeImage: { createFromPath: vi.fn(() => ({})) },
      Menu: { buildFromTemplate: vi.fn(() => ({})), setApplicationMenu: vi.fn() },
      dialog: {
        showErrorBox: vi.fn(),
        showSaveDialog: vi.fn(async (): Promise<{ canceled: boolean; filePath?: string }> => ({
          canceled: true,
        })),
      },
      ipcMain: {
        handle: vi.fn((channel: string, handler: Listener) => ipcHandlers.set(channel, handler)),
      },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      powerMonitor,
      session: {
        defaultSession: {
          setPermissionRequestHandler: vi.fn(),
          setPermissionCheckHandler: vi.fn(),
        },
      },
      shell: { openExternal: vi.fn(async () => undefined) },
      net: { fetch: vi.fn() },
      safeStorage: {
        isEncryptionAvailable: () => false,
        getSelectedStorageBackend: () => 'basic_text',
        encryptString: vi.fn(),
        decryptString: vi.fn(),
      },
      screen: {
        getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
        getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
      },
    },
  };
});

vi.mock('electron', () => electron.module);

const { module: mocked, app } = electron;

/** Imports main afresh and waits until it has loaded the window (or given up). */
async function startMain() {
  vi.resetModules();
  await import('./index');
  if (electron.state.lock) {
    await vi.waitFor(() => {
      expect(electron.BrowserWindow.created[0]?.loadURL).toHaveBeenCalled();
    });
  }
  const window = electron.BrowserWindow.created[0];
  return { window };
}

function invoke(channel: string, event: object, payload?: unknown) {
  const handler = electron.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return Promise.resolve().then(() => handler(event, payload));
}

let userData: string;
beforeEach(async () => {
  vi.clearAllMocks();
  userData = await mkdtemp(join(tmpdir(), 'desk-main-'));
  Object.assign(electron.state, {
    ready: Promise.resolve(),
    lock: true,
    packaged: true,
    userData,
    loadError: undefined,
  });
  electron.BrowserWindow.created = [];
  electron.Notification.supported = true;
  electron.Notification.created = [];
  electron.app.listeners.clear();
  electron.powerMonitor.listeners.clear();
  electron.ipcHandlers.clear();
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
});
afterEach(async () => {
  electron.app.emit('quit'); // stops the alert scheduler of the main just tested
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  const { whenJsonWritesSettled } = await import('./json-file');
  await whenJsonWritesSettled();
  await rm(userData, { recursive: true, force: true });
});

describe('main: before the app is ready', () => {
  it('registers app: as a privileged scheme and enables the sandbox, before `ready`', async () => {
    let resolveReady = () => {};
    electron.state.ready = new Promise<void>((resolve) => (resolveReady = resolve));
    vi.resetModules();
    await import('./index');
    expect(mocked.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(mocked.protocol.handle).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(0);
    resolveReady();
    await vi.waitFor(() => expect(mocked.protocol.handle).toHaveBeenCalled());
  });

  it('quits at once when another instance holds the lock, and opens nothing', async () => {
    electron.state.lock = false;
    await startMain();
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(0);
  });
});

describe('main: start-up', () => {
  it('serves the renderer over app:// and loads app://desk/index.html', async () => {
    const { window } = await startMain();
    expect(mocked.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(window?.loadURL).toHaveBeenCalledWith('app://desk/index.html');
  });

  it('gives the window the built CommonJS preload', async () => {
    const { window } = await startMain();
    expect(window?.options.webPreferences.preload).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(window?.options.webPreferences.sandbox).toBe(true);
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/');
    const { window } = await startMain();
    expect(window?.loadURL).toHaveBeenCalledWith('app://desk/index.html');
  });

  it('loads the dev server in development', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/');
    electron.state.packaged = false;
    const { window } = await startMain();
    expect(window?.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });

  it('sets the app user model id, the application menu and the tray', async () => {
    await startMain();
    expect(app.setAppUserModelId).toHaveBeenCalledWith('com.escalationdesk.app');
    expect(mocked.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(mocked.nativeImage.createFromPath).toHaveBeenCalledWith(
      expect.stringMatching(/resources[\\/]tray\.png$/),
    );
  });

  it('shows an error and quits when the start fails, instead of idling in the tray', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    mocked.protocol.handle.mockImplementationOnce(() => {
      throw new Error('scheme already handled');
    });
    vi.resetModules();
    await import('./index');
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(mocked.dialog.showErrorBox).toHaveBeenCalledWith(
      'Escalation Desk could not start',
      'scheme already handled',
    );
  });
  it('shows an error and quits when the page cannot be loaded', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    electron.state.loadError = Object.assign(
      new Error('ERR_FILE_NOT_FOUND (-6) loading app://desk/'),
      {
        code: 'ERR_FILE_NOT_FOUND',
      },
    );
    vi.resetModules();
    await import('./index');
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(mocked.dialog.showErrorBox).toHaveBeenCalledWith(
      'Escalation Desk could not start',
      expect.stringContaining('ERR_FILE_NOT_FOUND'),
    );
  });

  it('does not quit when the first load was merely superseded (ERR_ABORTED)', async () => {
    electron.state.loadError = Object.assign(new Error('ERR_ABORTED (-3)'), {
      code: 'ERR_ABORTED',
    });
    await startMain();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(app.quit).not.toHaveBeenCalled();
    expect(mocked.dialog.showErrorBox).not.toHaveBeenCalled();
  });
});

describe('main: permissions', () => {
  it.each([
    ['notifications', 'app://desk/index.html', 'app://desk', true],
    ['notifications', 'https://evil.example/', 'https://evil.example', false],
    ['media', 'app://desk/index.html', 'app://desk', false],
    ['geolocation', 'app://desk/index.html', 'app://desk', false],
    ['openExternal', 'app://desk/index.html', 'app://desk', false],
  ])('a %s request from %s → %s', async (permission, requestingUrl, requestingOrigin, expected) => {
    await startMain();
    const [requestHandler] = mocked.session.defaultSession.setPermissionRequestHandler.mock
      .lastCall as unknown as [Listener];
    const callback = vi.fn();
    requestHandler({}, permission, callback, { requestingUrl });
    expect(callback).toHaveBeenCalledExactlyOnceWith(expected);

    const [checkHandler] = mocked.session.defaultSession.setPermissionCheckHandler.mock
      .lastCall as unknown as [Listener];
    expect(checkHandler({}, permission, requestingOrigin)).toBe(expected);
  });
});

describe('main: IPC', () => {
  const appFrame = { url: 'app://desk/index.html', parent: null };

  it('answers the desk window', async () => {
    const { window } = await startMain();
    const info = await invoke(IpcChannel.appInfo, {
      sender: window?.webContents,
      senderFrame: appFrame,
    });
    expect(info).toMatchObject({ name: 'Escalation Desk', version: '1.2.3', host: 'electron' });
  });

  it('reports whether notifications are supported instead of assuming it', async () => {
    electron.Notification.supported = false;
    const { window } = await startMain();
    const info = await invoke(IpcChannel.appInfo, {
      sender: window?.webContents,
      senderFrame: appFrame,
    });
    expect(info).toMatchObject({ notificationsSupported: false });
  });

  it.each([
    ['another web contents', { sender: { id: 99 }, senderFrame: appFrame }],
    ['a foreign page in the window', 'foreign'],
    ['a subframe of the window', 'subframe'],
    ['a destroyed frame', 'no-frame'],
  ])('refuses %s', async (_label, kind) => {
    const { window } = await startMain();
    const senderFrame =
      kind === 'foreign'
        ? { url: 'https://evil.example/', parent: null }
        : kind === 'subframe'
          ? { url: 'app://desk/index.html', parent: appFrame }
          : kind === 'no-frame'
            ? null
            : undefined;
    const event = typeof kind === 'object' ? kind : { sender: window?.webContents, senderFrame };
    await expect(invoke(IpcChannel.openExternal, event, 'https://example.com/')).rejects.toThrow(
      /^Refused /,
    );
    expect(mocked.shell.openExternal).not.toHaveBeenCalled();
  });

  it('opens a valid link in the system browser', async () => {
    const { window } = await startMain();
    const event = { sender: window?.webContents, senderFrame: appFrame };
    await invoke(IpcChannel.openExternal, event, 'https://example.com/runbook');
    expect(mocked.shell.openExternal).toHaveBeenCalledExactlyOnceWith(
      'https://example.com/runbook',
    );
  });

  it('saves the page as a PDF where the user chooses, and nothing when they cancel', async () => {
    const { window } = await startMain();
    const event = { sender: window?.webContents, senderFrame: appFrame };
    const request = { fileName: 'Escalation matrix v3.pdf', landscape: true };
    expect(await invoke(IpcChannel.printToPdf, event, request)).toEqual({ outcome: 'cancelled' });
    expect(window?.webContents.printToPDF).not.toHaveBeenCalled();
    expect(mocked.dialog.showSaveDialog).toHaveBeenCalledWith(
      window,
      expect.objectContaining({ defaultPath: join(userData, 'Escalation matrix v3.pdf') }),
    );

    const chosen = join(userData, 'procedure');
    mocked.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: chosen });
    expect(await invoke(IpcChannel.printToPdf, event, request)).toEqual({
      outcome: 'saved',
      path: `${chosen}.pdf`,
    });
    expect(window?.webContents.printToPDF).toHaveBeenCalledWith(
      expect.objectContaining({ landscape: true }),
    );
    expect([...(await readFile(`${chosen}.pdf`))]).toEqual([37, 80, 68, 70]);
  });

  it('sets the dock badge to breached + at risk', async () => {
    const { window } = await startMain();
    const event = { sender: window?.webContents, senderFrame: appFrame };
    await invoke(IpcChannel.setBadge, event, { breached: 2, atRisk: 3 });
    expect(app.setBadgeCount).toHaveBeenCalledWith(5);
  });

  it('persists host settings and quits on last window closed only when keep-running is off', async () => {
    const { window } = await startMain();
    const event = { sender: window?.webContents, senderFrame: appFrame };
    electron.app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
    await invoke(IpcChannel.setHostSettings, event, { keepRunningInTray: false });
    await expect(invoke(IpcChannel.getHostSettings, event)).resolves.toEqual({
      keepRunningInTray: false,
    });
    electron.app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(1);
  });
});

describe('main: web contents and notifications', () => {
  it('hardens every web contents: denies new windows, opens only safe links outside', async () => {
    await startMain();
    const handlers = new Map<string, Listener>();
    let windowOpen: Listener = () => undefined;
    const contents = {
      on: vi.fn((name: string, listener: Listener) => handlers.set(name, listener)),
      setWindowOpenHandler: vi.fn((handler: Listener) => (windowOpen = handler)),
    };
    electron.app.emit('web-contents-created', {}, contents);
    expect(handlers.has('will-navigate')).toBe(true);

    expect(windowOpen({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(windowOpen({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(mocked.shell.openExternal).not.toHaveBeenCalled();
    expect(windowOpen({ url: 'https://example.com/x' })).toEqual({ action: 'deny' });
    expect(mocked.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/x');

    const navigation = { preventDefault: vi.fn() };
    handlers.get('will-navigate')?.(navigation, 'https://evil.example/');
    expect(navigation.preventDefault).toHaveBeenCalled();
  });

  it('a notification click focuses the window and tells the renderer which ticket', async () => {
    const { window } = await startMain();
    const event = {
      sender: window?.webContents,
      senderFrame: { url: 'app://desk/', parent: null },
    };
    await expect(
      invoke(IpcChannel.showNotification, event, {
        title: 'Breached',
        body: 'T-7',
        ticketId: 'T-7',
      }),
    ).resolves.toBe(true);
    const [shown] = electron.Notification.created;
    shown?.click();
    expect(window?.focus).toHaveBeenCalled();
    expect(window?.webContents.send).toHaveBeenCalledExactlyOnceWith(
      IpcChannel.notificationClicked,
      { ticketId: 'T-7' },
    );
  });

  it('a click on a notification without a ticket only focuses the window', async () => {
    const { window } = await startMain();
    const event = {
      sender: window?.webContents,
      senderFrame: { url: 'app://desk/', parent: null },
    };
    await invoke(IpcChannel.showNotification, event, { title: '3 breached', body: '' });
    electron.Notification.created[0]?.click();
    expect(window?.focus).toHaveBeenCalled();
    expect(window?.webContents.send).not.toHaveBeenCalled();
  });

  it('waits for pending writes before quitting', async () => {
    await startMain();
    const { writeJsonFile } = await import('./json-file');
    const write = writeJsonFile(join(userData, 'slow.json'), { a: 1 });
    const event = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await write;
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    const idle = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', idle);
    expect(idle.preventDefault).not.toHaveBeenCalled();
  });
});

describe('main: SLA alerts', () => {
  const appFrame = { url: 'app://desk/index.html', parent: null };
  const ticket = (id: string, teamId = 'tier-2', team = 'Tier 2 Support') => ({
    id,
    title: 'Checkout fails for EU cards',
    customer: 'Acme GmbH',
    priority: 'P1',
    teamId,
    team,
  });
  const breach = (ticketId: string, at: number) => ({
    key: `${ticketId}:resolution:breach`,
    at,
    ticketId,
    kind: 'sla_breach',
    target: 'resolution',
  });

  async function started() {
    const { window } = await startMain();
    const event = { sender: window?.webContents, senderFrame: appFrame };
    const sent = (channel: string) =>
      (window?.webContents.send.mock.calls ?? [])
        .filter(([name]) => name === channel)
        .map(([, payload]) => payload as unknown);
    return { window, event, sent };
  }

  it('fires what the desk scheduled: a native notification, and the batch to the desk', async () => {
    const { window, event, sent } = await started();
    const at = Date.now() - 1_000;
    await expect(
      invoke(IpcChannel.scheduleAlerts, event, {
        scope: 'all',
        tickets: [ticket('ESC-1')],
        alerts: [breach('ESC-1', at)],
      }),
    ).resolves.toBeUndefined();
    await vi.waitFor(() => expect(sent(IpcChannel.alertsFired)).toHaveLength(1));
    expect(sent(IpcChannel.alertsFired)[0]).toMatchObject({
      alerts: [{ key: 'ESC-1:resolution:breach', ticketId: 'ESC-1', at, late: false }],
    });
    expect(electron.Notification.created.map((n) => n.options)).toEqual([
      expect.objectContaining({
        title: 'ESC-1 breached resolution',
        body: 'Acme GmbH — Checkout fails for EU cards\nP1 · Tier 2 Support',
        urgency: 'critical',
        silent: true,
      }),
    ]);

    // Clicking it brings the desk forward and opens the ticket.
    electron.Notification.created[0]?.click();
    expect(window?.focus).toHaveBeenCalled();
    expect(sent(IpcChannel.notificationClicked)).toEqual([{ ticketId: 'ESC-1' }]);
  });

  it('groups many alerts into one notification whose click opens the alert centre', async () => {
    const { event, sent } = await started();
    const ids = Array.from({ length: 12 }, (_, i) => `ESC-${10 + i}`);
    await invoke(IpcChannel.scheduleAlerts, event, {
      scope: 'all',
      tickets: ids.map((id) => ticket(id)),
      alerts: ids.map((id) => breach(id, Date.now() - 1_000)),
    });
    await vi.waitFor(() => expect(sent(IpcChannel.alertsFired)).toHaveLength(1));
    expect(electron.Notification.created.map((n) => n.options)).toEqual([
      expect.objectContaining({
        title: '12 tickets breached resolution in Tier 2 Support',
        body: 'ESC-10, ESC-11, ESC-12 and 9 more',
      }),
    ]);
    electron.Notification.created[0]?.click();
    expect(sent(IpcChannel.notificationClicked)).toEqual([{ view: 'alerts' }]);
  });

  it('Acknowledge (macOS, Windows) sends the notification’s keys to the desk', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    try {
      const { event, sent } = await started();
      await invoke(IpcChannel.scheduleAlerts, event, {
        scope: 'all',
        tickets: [ticket('ESC-1')],
        alerts: [breach('ESC-1', Date.now() - 1_000)],
      });
      await vi.waitFor(() => expect(electron.Notification.created).toHaveLength(1));
      const [shown] = electron.Notification.created;
      expect(shown?.options).toMatchObject({ actions: [{ type: 'button', text: 'Acknowledge' }] });
      shown?.action({ actionIndex: 0, selectionIndex: -1 }, 0, -1);
      expect(sent(IpcChannel.alertsAcknowledged)).toEqual([['ESC-1:resolution:breach']]);
      expect(sent(IpcChannel.notificationClicked)).toEqual([]);
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });

  it('re-checks on resume: what came due during sleep fires at once', async () => {
    const { event, sent } = await started();
    expect([...electron.powerMonitor.listeners.keys()].sort()).toEqual([
      'resume',
      'unlock-screen',
      'user-did-become-active',
    ]);
    const now = Date.now();
    await invoke(IpcChannel.scheduleAlerts, event, {
      scope: 'all',
      tickets: [ticket('ESC-1')],
      alerts: [breach('ESC-1', now + 3_600_000)],
    });
    vi.spyOn(Date, 'now').mockReturnValue(now + 2 * 3_600_000); // slept two hours
    electron.powerMonitor.emit('resume');
    expect(sent(IpcChannel.alertsFired)).toEqual([
      expect.objectContaining({ alerts: [expect.objectContaining({ late: true })] }),
    ]);
    expect(electron.Notification.created).toHaveLength(1);
    electron.powerMonitor.emit('unlock-screen');
    expect(sent(IpcChannel.alertsFired)).toHaveLength(1);
  });

  it('keeps the alert preferences in the user-data folder and applies them on the next start', async () => {
    const { event } = await started();
    const preferences = {
      followedTeamIds: ['billing'],
      quietHours: { enabled: false, from: '22:00', to: '07:00' },
      soundOnBreach: true,
    };
    await expect(
      invoke(IpcChannel.setAlertPreferences, event, preferences),
    ).resolves.toBeUndefined();
    const file = join(userData, 'alert-preferences.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(preferences);

    // Next start: an overdue Tier 2 alert fires before the desk sent its preferences.
    electron.app.emit('quit');
    electron.BrowserWindow.created = [];
    electron.ipcHandlers.clear();
    const next = await started();
    await invoke(IpcChannel.scheduleAlerts, next.event, {
      scope: 'all',
      tickets: [ticket('ESC-1'), ticket('ESC-2', 'billing', 'Billing')],
      alerts: [breach('ESC-1', Date.now() - 1_000), breach('ESC-2', Date.now() - 1_000)],
    });
    await vi.waitFor(() => expect(next.sent(IpcChannel.alertsFired)).toHaveLength(1));
    expect(electron.Notification.created.map((n) => [n.options])).toEqual([
      [expect.objectContaining({ title: 'ESC-2 breached resolution', silent: false })],
    ]);
  });

  it('refuses alerts from anything but the desk window', async () => {
    await started();
    const request = { scope: 'all', tickets: [ticket('ESC-1')], alerts: [] };
    await expect(
      invoke(IpcChannel.scheduleAlerts, { sender: { id: 99 }, senderFrame: appFrame }, request),
    ).rejects.toThrow(/^Refused desk:schedule-alerts/);
  });
});
