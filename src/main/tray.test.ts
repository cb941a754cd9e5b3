import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  class FakeTray {
    static created: FakeTray[] = [];
    readonly listeners = new Map<string, () => void>();
    setToolTip = vi.fn();
    setContextMenu = vi.fn();
    constructor(readonly image: unknown) {
      FakeTray.created.push(this);
    }
    on(name: string, listener: () => void) {
      this.listeners.set(name, listener);
      return this;
    }
  }
  return {
    Tray: FakeTray,
    // The "menu" is the template itself, so the test can read it back.
    Menu: { buildFromTemplate: vi.fn((template: unknown) => template) },
    nativeImage: { createFromPath: vi.fn((path: string) => ({ path })) },
  };
});

vi.mock('electron', () => electron);

import { DeskTray, type TrayActions } from './tray';

function setup(keepRunning = true) {
  const actions = {
    openDesk: vi.fn(),
    quit: vi.fn(),
    keepRunning: vi.fn(() => keepRunning),
    setKeepRunning: vi.fn(),
  } satisfies TrayActions;
  const deskTray = new DeskTray('/res/tray.png', actions);
  const tray = electron.Tray.created.at(-1)!;
  const menu = () => tray.setContextMenu.mock.lastCall?.[0] as MenuItemConstructorOptions[];
  const item = (label: string) => menu().find((entry) => entry.label === label)!;
  return { actions, deskTray, tray, menu, item };
}

beforeEach(() => {
  electron.Tray.created = [];
});

describe('DeskTray', () => {
  it('uses the tray icon from resources', () => {
    const { tray } = setup();
    expect(tray.image).toEqual({ path: '/res/tray.png' });
  });

  it('opens the desk on click and from the menu; quits from the menu', () => {
    const { tray, actions, item } = setup();
    tray.listeners.get('click')?.();
    (item('Open desk').click as () => void)();
    expect(actions.openDesk).toHaveBeenCalledTimes(2);
    (item('Quit').click as () => void)();
    expect(actions.quit).toHaveBeenCalledTimes(1);
  });

  it.each([true, false])('shows "Keep running for alerts" checked = %s', (keepRunning) => {
    const { item } = setup(keepRunning);
    expect(item('Keep running for alerts')).toMatchObject({
      type: 'checkbox',
      checked: keepRunning,
    });
  });

  it('toggles "Keep running for alerts" with the item\'s new state', () => {
    const { item, actions } = setup(true);
    const toggle = item('Keep running for alerts').click as (menuItem: {
      checked: boolean;
    }) => void;
    toggle({ checked: false });
    expect(actions.setKeepRunning).toHaveBeenCalledWith(false);
  });

  it('updates the tooltip with the counts', () => {
    const { tray, deskTray } = setup();
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Escalation Desk — all SLAs on track');
    deskTray.setCounts({ breached: 2, atRisk: 1 });
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Escalation Desk — 2 breached, 1 at risk');
  });
});
