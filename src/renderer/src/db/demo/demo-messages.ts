import type { DemoLoadOptions, DemoLoadProgress, DemoLoadResult } from './load-demo';

/** What the page asks the demo worker to do. */
export type DemoWorkerRequest = { type: 'start'; options: DemoLoadOptions } | { type: 'cancel' };

/** What the demo worker reports back. */
export type DemoWorkerReply =
  | ({ type: 'progress' } & DemoLoadProgress)
  | { type: 'done'; result: DemoLoadResult }
  | { type: 'error'; message: string; notEmpty: boolean };
