import type { BrowserWindow } from 'electron';
import {
  app,
  dialog,
  ipcMain,
  Menu,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  IpcChannel,
  checkExternalUrl,
  type AppInfo,
  type BadgeCounts,
  type IpcChannelName,
} from '@core/contracts';
import { SessionBroker } from '@core/sync';
import { CONTENT_SECURITY_POLICY } from '../../build/csp';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
} from './app-protocol';
import { DeskAlerts, acknowledgementMessages } from './alerts';
import { createDeskWindow, focusWindow } from './desk-window';
import { HostSettingsStore } from './host-settings';
import { registerIpcHandlers } from './ipc';
import { hasPendingJsonWrites, whenJsonWritesSettled } from './json-file';
import { buildMenuTemplate } from './menu';
import { DeskNotifier } from './notifications';
import { savePageAsPdf } from './pdf';
import { appPaths } from './paths';
import { netPost } from './sync-session';
import { SyncTokenStore } from './sync-token';
import {
  hardenWebContents,
  isPermissionAllowed,
  isTrustedSender,
  type AppOrigin,
} from './security';
import { DeskTray } from './tray';
import { badgeCount } from './tray-text';

const APP_ID = 'com.escalationdesk.app';
const paths = appPaths(import.meta.dirname);
const origin: AppOrigin = {
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
};

// Must happen before `ready`, or app:// pages get an opaque origin and IndexedDB fails.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// Every renderer is sandboxed, whatever its webPreferences say (must also happen before `ready`).
app.enableSandbox();

/** The only door to the system browser: checks the link again, whoever asks, then opens it. */
async function openExternal(url: string): Promise<void> {
  const check = checkExternalUrl(url);
  if (!check.ok) throw new Error(`Refused to open the link: ${check.reason}`);
  await shell.openExternal(check.url);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | undefined;
  let tray: DeskTray | undefined;
  let quitting = false;
  const settings = new HostSettingsStore(app.getPath('userData'));
  const syncSessions = new SessionBroker(
    netPost((url, init) => net.fetch(url, init)),
    new SyncTokenStore(app.getPath('userData'), safeStorage),
  );
  const openDesk = () => focusWindow(window);

  app.on('second-instance', openDesk);
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, origin, (url) => {
      openExternal(url).catch((error: unknown) => console.warn(error));
    });
  });
  // The window saves its bounds as it closes; let that (and any settings write) finish first.
  app.on('will-quit', (event) => {
    if (!hasPendingJsonWrites()) return;
    event.preventDefault();
    void whenJsonWritesSettled().finally(() => app.quit());
  });
  app.on('window-all-closed', () => {
    if (!settings.get().keepRunningInTray) app.quit();
  });
  app.on('activate', openDesk);

  /** Sends to the desk's page, if the window still exists (hidden in the tray counts). */
  const sendToDesk = (channel: IpcChannelName, payload: unknown) => {
    if (window && !window.isDestroyed()) window.webContents.send(channel, payload);
  };

  const notifier = new DeskNotifier({
    onClick: (target) => {
      openDesk();
      if (target) sendToDesk(IpcChannel.notificationClicked, target);
    },
    onAcknowledge: (keys) => {
      for (const message of acknowledgementMessages(keys)) {
        sendToDesk(IpcChannel.alertsAcknowledged, message);
      }
    },
  });
  // Main runs the SLA alerts so they come due with the window hidden; the desk hands them over
  // on start-up and after every change, and records each fired batch.
  const alerts = new DeskAlerts({
    notify: (notification) => notifier.showAlert(notification),
    deliver: (batch) => sendToDesk(IpcChannel.alertsFired, batch),
    preferencesFile: join(app.getPath('userData'), 'alert-preferences.json'),
  });
  app.on('quit', () => alerts.stop());

  const appInfo = (): AppInfo => ({
    name: app.getName(),
    version: app.getVersion(),
    host: 'electron',
    platform: process.platform,
    versions: {
      electron: process.versions.electron ?? '',
      chrome: process.versions.chrome ?? '',
      node: process.versions.node,
    },
    notificationsSupported: Notification.isSupported(),
    hasTray: true,
  });

  const start = async () => {
    app.setAppUserModelId(APP_ID);
    await Promise.all([settings.load(), alerts.loadPreferences()]);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.renderer, CONTENT_SECURITY_POLICY));
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
      callback(isPermissionAllowed(permission, details.requestingUrl, origin)),
    );
    session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
      isPermissionAllowed(permission, requestingOrigin, origin),
    );

    registerIpcHandlers(ipcMain, {
      isTrustedSender: (event) =>
        event.sender === window?.webContents && isTrustedSender(event.senderFrame, origin),
      appInfo,
      showNotification: (request) => notifier.show(request),
      setBadgeCounts: (counts: BadgeCounts) => {
        app.setBadgeCount(badgeCount(counts));
        tray?.setCounts(counts);
      },
      openExternal,
      getHostSettings: () => settings.get(),
      setHostSettings: async (patch) => {
        const next = await settings.update(patch);
        tray?.refresh();
        return next;
      },
      scheduleAlerts: (request) => alerts.schedule(request),
      setAlertPreferences: (preferences) => alerts.setPreferences(preferences),
      printToPdf: (request) => {
        const target = window;
        if (!target) throw new Error('There is no desk window to print.');
        return savePageAsPdf(
          {
            chooseFile: async (fileName) => {
              const chosen = await dialog.showSaveDialog(target, {
                title: 'Save as PDF',
                defaultPath: join(app.getPath('documents'), fileName),
                filters: [{ name: 'PDF', extensions: ['pdf'] }],
              });
              return chosen.canceled ? undefined : chosen.filePath;
            },
            render: ({ landscape }) =>
              target.webContents.printToPDF({ landscape, printBackground: true, pageSize: 'A4' }),
            writeFile: (path, data) => writeFile(path, data),
          },
          request,
        );
      },
      syncSignIn: ({ serverUrl, email, password }) =>
        syncSessions.signIn(serverUrl, email, password),
      syncRefresh: (serverUrl) => syncSessions.refresh(serverUrl),
      syncSignOut: () => syncSessions.signOut(),
      syncHasSignIn: (serverUrl) => syncSessions.hasSignIn(serverUrl),
    });
    alerts.watchPower(powerMonitor);

    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(process.platform, openDesk)));
    window = await createDeskWindow({
      preloadPath: paths.preload,
      iconPath: join(paths.resources, 'icon.png'),
      userDataDir: app.getPath('userData'),
      keepRunningInTray: () => settings.get().keepRunningInTray,
      isQuitting: () => quitting,
    });
    tray = new DeskTray(join(paths.resources, 'tray.png'), {
      openDesk,
      quit: () => app.quit(),
      keepRunning: () => settings.get().keepRunningInTray,
      setKeepRunning: (value) => {
        settings
          .update({ keepRunningInTray: value })
          .catch((error: unknown) => console.warn(error));
      },
    });
    await window.loadURL(origin.devServerUrl ?? APP_ENTRY_URL);
  };

  // A failed start must not leave an invisible app in the tray: say what broke, then quit.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // The first load was superseded by a newer navigation (e.g. a reload): not a failure.
      if ((error as { code?: unknown } | null)?.code === 'ERR_ABORTED') return;
      console.error('Escalation Desk could not start:', error);
      dialog.showErrorBox(
        'Escalation Desk could not start',
        error instanceof Error ? error.message : String(error),
      );
      quitting = true;
      app.quit();
    });
}
