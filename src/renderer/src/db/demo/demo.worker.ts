import { DeskDatabase } from '../database';
import type { DemoWorkerReply, DemoWorkerRequest } from './demo-messages';
import { DeskNotEmptyError, loadDemoDesk } from './load-demo';

/** The parts of the worker scope used here (the renderer is type-checked with the DOM library). */
interface WorkerScope {
  postMessage(message: DemoWorkerReply): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<DemoWorkerRequest>) => void,
  ): void;
}

const scope = self as unknown as WorkerScope;
const abort = new AbortController();
let database: DeskDatabase | undefined;

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.type === 'cancel') {
    abort.abort();
    return;
  }
  if (database !== undefined) return;
  const opened = new DeskDatabase();
  database = opened;
  loadDemoDesk(opened, request.options, {
    signal: abort.signal,
    onProgress: (progress) => scope.postMessage({ type: 'progress', ...progress }),
  })
    .then((result) => scope.postMessage({ type: 'done', result }))
    .catch((error: unknown) =>
      scope.postMessage({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        notEmpty: error instanceof DeskNotEmptyError,
      }),
    )
    .finally(() => opened.close());
});
