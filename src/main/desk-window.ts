import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from './json-file';
import { secureWebPreferences } from './security';
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
  const state = restoreWindowState(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
  );

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
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  let saveTimer: NodeJS.Timeout | undefined;
  const saveState = () => {
    if (window.isDestroyed() || window.isMinimized()) return;
    const bounds = window.getNormalBounds();
    const next: WindowState = { ...bounds, maximized: window.isMaximized() };
    void writeJsonFile(stateFile, next);
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
