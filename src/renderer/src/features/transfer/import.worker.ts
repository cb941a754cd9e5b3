import { InlineImportSession, type WorkerRequest, type WorkerResponse } from './import-session';

// The worker's global scope, typed by hand: the renderer compiles against the DOM library.
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
  postMessage(message: WorkerResponse): void;
};

const session = new InlineImportSession();

scope.addEventListener('message', (event) => {
  const request = event.data;
  const work =
    request.type === 'read'
      ? session.read(request.file, request.desk)
      : session.plan(request.mapping, request.settings);
  work.then(
    (result) => scope.postMessage({ id: request.id, ok: true, result }),
    (error: unknown) =>
      scope.postMessage({
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
