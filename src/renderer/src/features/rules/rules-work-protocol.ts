import type { ProposedRules, WhatIfSummary, WorkProgress } from './rules-work';

/** A request to the rules worker. */
export type RulesWorkRequest =
  | { id: number; type: 'preview'; proposed: ProposedRules; now: number }
  | { id: number; type: 'refresh'; now: number }
  | { id: number; type: 'warm' };

/** A notice with no reply: tickets changed, so the worker reads them again for the next preview. */
export interface RulesWorkInvalidate {
  type: 'invalidate';
  ticketIds: readonly string[] | 'all';
}

/** The rules worker's messages: progress while it works, then one reply per request. */
export type RulesWorkMessage =
  | { id: number; progress: WorkProgress }
  | { id: number; ok: true; result: WhatIfSummary | { tickets: number } | undefined }
  | { id: number; ok: false; message: string };
