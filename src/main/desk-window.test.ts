import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  /** Records the options it was built with and lets the test fire its events. */
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    readonly listeners = new Map<string, Listener[]>();
    destroyed = false;
    minimized = false;
    maximized = false;
    visible = false;
    bounds = { x: 10, y: 20, width: 1200, height: 800 };
    show = vi.fn(() => {
      this.visible = true;
    });
    hide = vi.fn(() => {
      this.visible = false;
    });
    focus = vi.fn();
    restore = vi.fn(() => {
      this.minimized = false;
    });
    maximize = vi.fn(() => {
      this.maximized = true;
    });

    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.created.push(this);
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
    /** Fires `close` like Electron does; true when a listener cancelled it. */
    tryClose(): boolean {
      const event = { preventDefault: vi.fn() };
      this.emit('close', event);
      return event.preventDefault.mock.calls.length > 0;
    }
    isDestroyed = () => this.destroyed;
    isMinimized = () => this.minimized;
    isMaximized = () => this.maximized;
    isVisible = () => this.visible;
    getNormalBounds = () => this.bounds;
  }
  const primary = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
  const screen = {
    displays: [primary] as Array<typeof primary>,
    getPrimaryDisplay: vi.fn(() => primary),
    getAllDisplays: vi.fn(() => screen.displays),
  };
  return { BrowserWindow: FakeBrowserWindow, screen, primary };
});

vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, screen: electron.screen }));

import { createDeskWindow, focusWindow, type DeskWindowOptions } from './desk-window';
import { whenJsonWritesSettled } from './json-file';

type FakeWindow = InstanceType<typeof electron.BrowserWindow>;

let userDataDir: string;
let keepRunning: boolean;
let quitting: boolean;

function options(): DeskWindowOptions {
  return {
    preloadPath: '/app/out/preload/index.cjs',
    iconPath: '/app/resources/icon.png',
    userDataDir,
    keepRunningInTray: () => keepRunning,
    isQuitting: () => quitting,
  };
}

async function create(): Promise<FakeWindow> {
  return (await createDeskWindow(options())) as unknown as FakeWindow;
}

beforeEach(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'desk-window-'));
  keepRunning = true;
  quitting = false;
  electron.BrowserWindow.created = [];
  electron.screen.displays = [electron.primary];
});
afterEach(async () => {
  vi.useRealTimers();
  await whenJsonWritesSettled();
  await rm(userDataDir, { recursive: true, force: true });
});

describe('createDeskWindow: security options', () => {
  it('creates exactly one window, hidden until ready', async () => {
    const window = await create();
    expect(electron.BrowserWindow.created).toHaveLength(1);
    expect(window.options.show).toBe(false);
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it.each([
    ['contextIsolation', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['sandbox', true],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
    ['disableBlinkFeatures', 'Auxclick'],
    ['preload', '/app/out/preload/index.cjs'],
  ])('webPreferences.%s is %s', async (key, value) => {
    const window = await create();
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs[key]).toBe(value);
  });

  it('sets nothing that loosens the sandbox', async () => {
    const window = await create();
    const prefs = window.options.webPreferences as Record<string, unknown>;
    for (const risky of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'session']) {
      expect(prefs).not.toHaveProperty(risky);
    }
  });
});

describe('createDeskWindow: closing', () => {
  it('hides to the tray when "keep running" is on', async () => {
    const window = await create();
    window.visible = true;
    expect(window.tryClose()).toBe(true);
    expect(window.hide).toHaveBeenCalledTimes(1);
  });

  it('really closes when "keep running" is off', async () => {
    keepRunning = false;
    const window = await create();
    expect(window.tryClose()).toBe(false);
    expect(window.hide).not.toHaveBeenCalled();
  });

  it('really closes when the app is quitting, even with "keep running" on', async () => {
    const window = await create();
    quitting = true;
    expect(window.tryClose()).toBe(false);
    expect(window.hide).not.toHaveBeenCalled();
  });

  it('reads the setting at close time, not at creation', async () => {
    const window = await create();
    keepRunning = false;
    expect(window.tryClose()).toBe(false);
    keepRunning = true;
    expect(window.tryClose()).toBe(true);
  });
});

describe('createDeskWindow: size and position', () => {
  const stateFile = () => join(userDataDir, 'window-state.json');

  it('opens at the default size, centred, without a saved state', async () => {
    const window = await create();
    expect(window.options).toMatchObject({ width: 1360, height: 860 });
    expect(window.options).not.toHaveProperty('x');
    expect(window.maximize).not.toHaveBeenCalled();
  });

  it('restores a saved position, size and maximised state', async () => {
    await writeFile(
      stateFile(),
      JSON.stringify({ x: 100, y: 50, width: 1000, height: 700, maximized: true }),
    );
    const window = await create();
    expect(window.options).toMatchObject({ x: 100, y: 50, width: 1000, height: 700 });
    expect(window.maximize).toHaveBeenCalled();
  });

  it('recentres a window saved on a monitor that is gone', async () => {
    await writeFile(stateFile(), JSON.stringify({ x: 3000, y: 100, width: 1000, height: 700 }));
    const window = await create();
    expect(window.options).not.toHaveProperty('x');
    expect(window.options).toMatchObject({ width: 1000, height: 700 });
  });

  it('keeps a window on a second monitor that is still there', async () => {
    electron.screen.displays = [
      { id: 2, workArea: { x: 1920, y: 0, width: 1920, height: 1080 } },
      electron.primary,
    ];
    await writeFile(stateFile(), JSON.stringify({ x: 2000, y: 100, width: 1000, height: 700 }));
    const window = await create();
    expect(window.options).toMatchObject({ x: 2000, y: 100 });
  });

  it('ignores a corrupt state file', async () => {
    await writeFile(stateFile(), '{"width": "huge"');
    const window = await create();
    expect(window.options).toMatchObject({ width: 1360, height: 860 });
  });

  it('saves the normal bounds when the window closes, and debounces moves', async () => {
    vi.useFakeTimers();
    const window = await create();
    window.bounds = { x: 5, y: 6, width: 1111, height: 777 };
    window.emit('move');
    window.emit('resize');
    window.tryClose();
    await whenJsonWritesSettled();
    const saved = JSON.parse(await readFile(stateFile(), 'utf8')) as unknown;
    expect(saved).toEqual({ x: 5, y: 6, width: 1111, height: 777, maximized: false });
    // The close saved at once; the debounced save was cancelled rather than run later.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('saves half a second after the last move or resize', async () => {
    vi.useFakeTimers();
    const window = await create();
    window.bounds = { x: 1, y: 2, width: 1001, height: 701 };
    window.emit('resize');
    vi.advanceTimersByTime(499);
    window.emit('move');
    vi.advanceTimersByTime(499);
    await whenJsonWritesSettled();
    await expect(readFile(stateFile(), 'utf8')).rejects.toThrow(/ENOENT/);
    vi.advanceTimersByTime(1);
    await whenJsonWritesSettled();
    expect(JSON.parse(await readFile(stateFile(), 'utf8'))).toMatchObject({ x: 1, width: 1001 });
  });

  it('does not save the bounds of a minimised window', async () => {
    const window = await create();
    window.minimized = true;
    window.tryClose();
    await whenJsonWritesSettled();
    await expect(readFile(stateFile(), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});

describe('focusWindow', () => {
  it('restores, shows and focuses a window hidden in the tray', async () => {
    const window = await create();
    window.minimized = true;
    focusWindow(window as never);
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('does nothing for a missing or destroyed window', async () => {
    expect(() => focusWindow(undefined)).not.toThrow();
    const window = await create();
    window.destroyed = true;
    focusWindow(window as never);
    expect(window.focus).not.toHaveBeenCalled();
  });
});
