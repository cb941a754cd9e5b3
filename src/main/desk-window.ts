import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from './json-file';
import {
  DEFAULT_WINDOW_STATE,
  WindowStateSchema,
  restoreWindowState,
  type WindowState,
} from './window-state';

export interface DeskWindowOptions {
  preloadPath: string;
  iconPath: string;
  userDataDir: string;
  /** Whether closing should hide to the tray instead of closing (read at close time). */
  keepRunningInTray(): boolean;
  /** Whether the app is quitting, in which case the window really closes. */
  isQuitting(): boolean;
}

/** Creates the desk window with secure defaults and its remembered size and position. */
export async function createDeskWindow(options: DeskWindowOptions): Promise<BrowserWindow> {
  const stateFile = join(options.userDataDir, 'window-state.json');
  const saved = await readJsonFile(stateFile, WindowStateSchema, DEFAULT_WINDOW_STATE);
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  const state = restoreWindowState(
    saved,
    [primary, ...others].map((display) => display.workArea),
  );

  // The security options are written out here, literally, so that both the unit test and the
  // electronegativity scan see exactly what the window gets.
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Escalation Desk',
    icon: options.iconPath,
    backgroundColor: '#101418',
    autoHideMenuBar: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click must not open links in new windows (the window-open handler denies them too).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  let saveTimer: NodeJS.Timeout | undefined;
  const saveState = () => {
    if (window.isDestroyed() || window.isMinimized()) return;
    const bounds = window.getNormalBounds();
    const next: WindowState = { ...bounds, maximized: window.isMaximized() };
    writeJsonFile(stateFile, next).catch((error: unknown) => {
      console.warn('Could not save the window state:', error);
    });
  };
  const scheduleSave = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveState, 500);
  };
  window.on('resize', scheduleSave);
  window.on('move', scheduleSave);
  window.on('maximize', scheduleSave);
  window.on('unmaximize', scheduleSave);

  window.on('close', (event) => {
    clearTimeout(saveTimer);
    saveState();
    if (!options.isQuitting() && options.keepRunningInTray()) {
      event.preventDefault();
      window.hide();
    }
  });
  return window;
}

/** Brings the window back from the tray, a minimised state or behind other windows. */
export function focusWindow(window: BrowserWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
