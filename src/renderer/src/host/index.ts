import type { DeskApi } from '@core/contracts';
import { createBrowserHost } from './browser-host';

/** The one place the renderer touches `window.desk`: the desktop host if present, else the browser's. */
export const host: DeskApi = window.desk ?? createBrowserHost();
