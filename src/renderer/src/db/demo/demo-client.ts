import type { DemoWorkerReply, DemoWorkerRequest } from './demo-messages';
import type { DemoLoadOptions, DemoLoadProgress, DemoLoadResult } from './load-demo';

/** A demo load running in its worker. */
export interface DemoLoadHandle {
  /** Settles when the worker is done: with the result (also when cancelled), or with an error. */
  done: Promise<DemoLoadResult>;
  /** Asks the worker to stop after the batch it is writing. */
  cancel(): void;
}

/** A load refused or failed in the worker; `notEmpty` when the desk already had data. */
export class DemoLoadError extends Error {
  constructor(
    message: string,
    readonly notEmpty: boolean,
  ) {
    super(message);
    this.name = 'DemoLoadError';
  }
}

/**
 * Generates and writes a demo desk in a Web Worker, so the page stays responsive; progress
 * arrives through `onProgress`.
 */
export function startDemoLoad(
  options: DemoLoadOptions,
  onProgress: (progress: DemoLoadProgress) => void,
): DemoLoadHandle {
  const worker = new Worker(new URL('./demo.worker.ts', import.meta.url), { type: 'module' });
  const send = (request: DemoWorkerRequest) => worker.postMessage(request);
  const done = new Promise<DemoLoadResult>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<DemoWorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') {
        onProgress({ fraction: reply.fraction, label: reply.label });
        return;
      }
      worker.terminate();
      if (reply.type === 'done') resolve(reply.result);
      else reject(new DemoLoadError(reply.message, reply.notEmpty));
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      reject(new DemoLoadError(event.message || 'The demo generator stopped unexpectedly.', false));
    });
  });
  send({ type: 'start', options });
  return { done, cancel: () => send({ type: 'cancel' }) };
}
