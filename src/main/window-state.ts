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

export const DEFAULT_WINDOW_STATE: Readonly<WindowState> = Object.freeze({
  width: 1360,
  height: 860,
  maximized: false,
});

const MIN_VISIBLE = 100;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? Math.min(w, h) : 0;
}

/** The work area that shows the largest part of `bounds`, when at least MIN_VISIBLE of it shows. */
function homeArea(bounds: Rect, workAreas: Rect[]): Rect | undefined {
  let best: Rect | undefined;
  let bestOverlap = MIN_VISIBLE - 1;
  for (const area of workAreas) {
    const visible = overlap(bounds, area);
    if (visible > bestOverlap) {
      best = area;
      bestOverlap = visible;
    }
  }
  return best;
}

/**
 * Restores a saved window. `workAreas` lists the displays' work areas, the primary first.
 * Kept where it was when enough of it is on a current display, shrunk to fit that display if it
 * has become too large for it; otherwise (monitor unplugged, resolution changed) the position is
 * dropped so the window opens centred, and the size is shrunk to fit the primary work area.
 */
export function restoreWindowState(saved: WindowState, workAreas: Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return saved;
  if (saved.x !== undefined && saved.y !== undefined) {
    const home = homeArea(
      { x: saved.x, y: saved.y, width: saved.width, height: saved.height },
      workAreas,
    );
    if (home) {
      const width = Math.min(saved.width, home.width);
      const height = Math.min(saved.height, home.height);
      return {
        // A shrunk window is moved to the display's edge so all of it shows.
        x: width < saved.width ? home.x : saved.x,
        y: height < saved.height ? home.y : saved.y,
        width,
        height,
        maximized: saved.maximized,
      };
    }
  }
  return {
    width: Math.min(saved.width, primary.width),
    height: Math.min(saved.height, primary.height),
    maximized: saved.maximized,
  };
}
