import type { MenuItemConstructorOptions } from 'electron';

/** The application menu: standard roles, plus the app menu on macOS. */
export function buildMenuTemplate(
  platform: NodeJS.Platform,
  openDesk: () => void,
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Desk', accelerator: 'CmdOrCtrl+Shift+D', click: openDesk },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ role: 'about' }],
    },
  ];
}
