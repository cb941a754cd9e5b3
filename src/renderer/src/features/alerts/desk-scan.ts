import { create } from 'zustand';

/** A whole-desk derivation under way: open tickets read so far, of how many. */
export interface DeskScan {
  done: number;
  total: number;
}

/**
 * The alert engine's whole-desk pass (on start, after an import or a demo load), while it runs: it
 * is also what scores every open ticket's escalation risk, so views say so instead of showing
 * unscored tickets as if they had no risk.
 */
export const useDeskScan = create<{ scan?: DeskScan }>()(() => ({}));
