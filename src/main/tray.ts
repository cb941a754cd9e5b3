import { Menu, Tray, nativeImage } from 'electron';
import type { BadgeCounts } from '@core/contracts';
import { trayTooltip } from './tray-text';

export interface TrayActions {
  openDesk(): void;
  quit(): void;
  keepRunning(): boolean;
  setKeepRunning(value: boolean): void;
}

/** The tray icon: open the desk, toggle keep-running, quit; tooltip with breach counts. */
export class DeskTray {
  private readonly tray: Tray;
  private counts: BadgeCounts = { breached: 0, atRisk: 0 };

  constructor(
    iconPath: string,
    private readonly actions: TrayActions,
  ) {
    this.tray = new Tray(nativeImage.createFromPath(iconPath));
    this.tray.on('click', () => actions.openDesk());
    this.refresh();
  }

  setCounts(counts: BadgeCounts): void {
    this.counts = counts;
    this.refresh();
  }

  refresh(): void {
    this.tray.setToolTip(trayTooltip(this.counts));
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open desk', click: () => this.actions.openDesk() },
        {
          label: 'Keep running for alerts',
          type: 'checkbox',
          checked: this.actions.keepRunning(),
          click: (item) => this.actions.setKeepRunning(item.checked),
        },
        { type: 'separator' },
        { label: 'Quit', click: () => this.actions.quit() },
      ]),
    );
  }
}
