import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from './menu';

/** The roles of a template, depth first, e.g. ['appMenu', 'quit', 'editMenu', ...]. */
function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('buildMenuTemplate', () => {
  it.each([
    ['darwin', ['appMenu', 'close', 'editMenu', 'viewMenu', 'windowMenu', 'help', 'about']],
    ['linux', ['quit', 'editMenu', 'viewMenu', 'windowMenu', 'help', 'about']],
    ['win32', ['quit', 'editMenu', 'viewMenu', 'windowMenu', 'help', 'about']],
  ] as const)('on %s uses the standard roles %j', (platform, expected) => {
    expect(roles(buildMenuTemplate(platform, () => undefined))).toEqual(expected);
  });

  it.each(['darwin', 'linux'] as const)('on %s "Open Desk" opens the desk', (platform) => {
    const openDesk = vi.fn();
    const file = buildMenuTemplate(platform, openDesk).find((item) => item.label === 'File');
    const open = (file?.submenu as MenuItemConstructorOptions[]).find(
      (item) => item.label === 'Open Desk',
    );
    expect(open?.accelerator).toBe('CmdOrCtrl+Shift+D');
    (open?.click as () => void)();
    expect(openDesk).toHaveBeenCalledTimes(1);
  });

  it('has only one app menu, and only on macOS', () => {
    expect(
      roles(buildMenuTemplate('darwin', () => undefined)).filter((r) => r === 'appMenu'),
    ).toHaveLength(1);
    expect(roles(buildMenuTemplate('linux', () => undefined))).not.toContain('appMenu');
  });
});
