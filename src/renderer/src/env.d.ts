import type { DeskApi } from '@core/contracts';

declare global {
  /** Set by the Vite build from package.json. */
  const __DESK_VERSION__: string;
  interface Window {
    /** Present only in the desktop app, where the preload exposes the host over IPC. */
    desk?: DeskApi;
  }
}
