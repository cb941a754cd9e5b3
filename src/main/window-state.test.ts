import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  WindowStateSchema,
  restoreWindowState,
  type Rect,
  type WindowState,
} from './window-state';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 860 };
const rightMonitor: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };
const leftMonitor: Rect = { x: -1920, y: 0, width: 1920, height: 1040 };

const cases: Array<[label: string, saved: WindowState, areas: Rect[], expected: WindowState]> = [
  [
    'a window fully on the primary display stays where it was',
    { x: 100, y: 50, width: 1200, height: 800, maximized: false },
    [laptop],
    { x: 100, y: 50, width: 1200, height: 800, maximized: false },
  ],
  [
    'a window on a second display that is still plugged in stays there',
    { x: 2000, y: 100, width: 1800, height: 1200, maximized: true },
    [laptop, rightMonitor],
    { x: 2000, y: 100, width: 1800, height: 1200, maximized: true },
  ],
  [
    'a window on a display left of the primary (negative x) stays there',
    { x: -1800, y: 40, width: 1200, height: 800, maximized: false },
    [laptop, leftMonitor],
    { x: -1800, y: 40, width: 1200, height: 800, maximized: false },
  ],
  [
    'a window on an unplugged monitor is recentred and shrunk to the primary',
    { x: 2000, y: 100, width: 1800, height: 1200, maximized: true },
    [laptop],
    { width: 1440, height: 860, maximized: true },
  ],
  [
    'a window entirely off-screen is recentred at its size',
    { x: 5000, y: 5000, width: 1000, height: 700, maximized: false },
    [laptop],
    { width: 1000, height: 700, maximized: false },
  ],
  [
    'a window above the screen (negative y) is recentred',
    { x: 100, y: -2000, width: 1000, height: 700, maximized: false },
    [laptop],
    { width: 1000, height: 700, maximized: false },
  ],
  [
    'a window with only a sliver (< 100 px) showing is recentred',
    { x: 1400, y: 100, width: 1000, height: 700, maximized: false },
    [laptop],
    { width: 1000, height: 700, maximized: false },
  ],
  [
    'a window with 100 px showing is kept',
    { x: 1340, y: 100, width: 1000, height: 700, maximized: false },
    [laptop],
    { x: 1340, y: 100, width: 1000, height: 700, maximized: false },
  ],
  [
    'a window too large for its display (resolution lowered) is shrunk and moved to fit',
    { x: 20, y: 10, width: 2400, height: 1300, maximized: false },
    [laptop],
    { x: 0, y: 0, width: 1440, height: 860, maximized: false },
  ],
  [
    'a window too wide only is shrunk in width only',
    { x: 20, y: 10, width: 2400, height: 700, maximized: false },
    [laptop],
    { x: 0, y: 10, width: 1440, height: 700, maximized: false },
  ],
  [
    'a window too large for a second display is fitted to that display',
    { x: 1500, y: 0, width: 3000, height: 1400, maximized: false },
    [laptop, rightMonitor],
    { x: 1440, y: 0, width: 2560, height: 1400, maximized: false },
  ],
  [
    'without a saved position the size is shrunk to the primary',
    { width: 4000, height: 3000, maximized: false },
    [laptop, rightMonitor],
    { width: 1440, height: 860, maximized: false },
  ],
  [
    'without a saved position a fitting size is kept',
    { width: 1360, height: 860, maximized: false },
    [laptop],
    { width: 1360, height: 860, maximized: false },
  ],
  [
    'with no display information the saved state is used as is',
    { x: 10, y: 10, width: 1200, height: 800, maximized: false },
    [],
    { x: 10, y: 10, width: 1200, height: 800, maximized: false },
  ],
];

describe('restoreWindowState', () => {
  it.each(cases)('%s', (_label, saved, areas, expected) => {
    expect(restoreWindowState(saved, areas)).toEqual(expected);
  });

  it('prefers the display showing most of the window', () => {
    const saved = { x: 1000, y: 0, width: 3000, height: 800, maximized: false };
    // Mostly on the right monitor: fitted there, not on the laptop.
    expect(restoreWindowState(saved, [laptop, rightMonitor])).toMatchObject({
      x: 1440,
      width: 2560,
    });
  });
});

describe('WindowStateSchema', () => {
  it('accepts the default state', () => {
    expect(WindowStateSchema.parse(DEFAULT_WINDOW_STATE)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it.each([
    ['a tiny window', { width: 10, height: 10 }],
    ['an absurd size', { width: 100000, height: 800 }],
    ['fractional bounds', { x: 1.5, y: 0, width: 1000, height: 800 }],
    ['text', { width: '1000', height: 800 }],
  ])('refuses %s', (_label, state) => {
    expect(WindowStateSchema.safeParse(state).success).toBe(false);
  });
});
