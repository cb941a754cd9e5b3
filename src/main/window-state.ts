import { z } from 'zod';

export const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1360, height: 860, maximized: false };

const MIN_VISIBLE = 100;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? Math.min(w, h) : 0;
}

/**
 * Restores a saved window: kept as saved when enough of it is on a current display; otherwise
 * (monitor unplugged, resolution changed) the position is dropped so the window opens centred,
 * and the size is shrunk to fit the primary work area.
 */
export function restoreWindowState(saved: WindowState, workAreas: Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return saved;
  const width = Math.min(saved.width, primary.width);
  const height = Math.min(saved.height, primary.height);
  if (saved.x === undefined || saved.y === undefined) {
    return { width, height, maximized: saved.maximized };
  }
  const bounds = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
  const visible = workAreas.some((area) => overlap(bounds, area) >= MIN_VISIBLE);
  return visible ? saved : { width, height, maximized: saved.maximized };
}
