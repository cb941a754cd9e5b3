/** Distributes Omit over a union of request types. */
export type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** What a worker sends back for a request: progress while it works, then one reply. */
export type WorkerReply<Progress> =
  | { id: number; progress: Progress }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; message: string };

/** How a piece of heavy work is asked for: in a worker, or on the page when there is none. */
export interface WorkerRpcOptions<Request extends { type: string }, Progress> {
  /** Named in the warning when the worker fails, e.g. "reports". */
  name: string;
  /** Starts the worker; undefined where workers are missing (unit tests): the page does the work. */
  start: (() => Worker) | undefined;
  /** Called once the worker has started (e.g. to forward the user's input to it). */
  onStart?(worker: Worker): void;
  /** Does one request on the page: without a worker, or after the worker failed. */
  inPage(
    id: number,
    request: WithoutId<Request>,
    onProgress?: (p: Progress) => void,
  ): Promise<unknown>;
}

export interface WorkerRpc<Request extends { type: string }, Progress> {
  /** Sends a request and resolves with its reply; the ids it gets are increasing. */
  ask<T>(request: WithoutId<Request>, onProgress?: (progress: Progress) => void): Promise<T>;
  /** The id the next request will get (to tell the newest request from older ones). */
  nextId(): number;
  /** A message with no reply (a cache invalidation), when the worker is running. */
  notify(message: unknown): void;
}

/**
 * Requests to a Web Worker with replies by id. If the worker cannot start or crashes, the page
 * does the pending and later requests itself, so no request is ever lost.
 */
export function createWorkerRpc<Request extends { type: string }, Progress>(
  options: WorkerRpcOptions<Request, Progress>,
): WorkerRpc<Request, Progress> {
  type Pending = {
    request: WithoutId<Request>;
    onProgress?: (progress: Progress) => void;
    resolve(result: unknown): void;
    reject(error: Error): void;
  };
  let worker: Worker | undefined;
  let failed = options.start === undefined;
  let next = 1;
  const pending = new Map<number, Pending>();

  const giveUp = (reason: string) => {
    if (failed) return;
    failed = true;
    worker?.terminate();
    worker = undefined;
    console.warn(`The ${options.name} worker stopped (${reason}); the page does its work instead.`);
    for (const [id, item] of pending)
      options.inPage(id, item.request, item.onProgress).then(item.resolve, item.reject);
    pending.clear();
  };

  const ensureWorker = (): Worker | undefined => {
    if (failed || !options.start) return undefined;
    if (worker) return worker;
    try {
      const started = options.start();
      started.addEventListener('message', (event: MessageEvent<WorkerReply<Progress>>) => {
        const message = event.data;
        const item = pending.get(message.id);
        if (!item) return;
        if ('progress' in message) {
          item.onProgress?.(message.progress);
          return;
        }
        pending.delete(message.id);
        if (message.ok) item.resolve(message.result);
        else item.reject(new Error(message.message));
      });
      started.addEventListener('error', (event) => {
        event.preventDefault();
        giveUp(event.message || 'it failed to load or crashed');
      });
      worker = started;
      options.onStart?.(started);
      return started;
    } catch (error) {
      giveUp(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };

  return {
    ask<T>(request: WithoutId<Request>, onProgress?: (progress: Progress) => void): Promise<T> {
      const id = next++;
      const target = ensureWorker();
      if (!target) return options.inPage(id, request, onProgress) as Promise<T>;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { request, onProgress, resolve: resolve as (r: unknown) => void, reject });
        target.postMessage({ ...request, id });
      });
    },
    nextId: () => next,
    notify(message: unknown) {
      worker?.postMessage(message);
    },
  };
}

/** The parts of a worker's global scope a request handler uses (the renderer has DOM types). */
interface WorkerScope<Request, Progress> {
  postMessage(message: WorkerReply<Progress>): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Request>) => void): void;
}

/**
 * Inside a worker: answers each request with `handle`'s result (or its error's message), and
 * hands messages without an id (notices) to `onNotice`.
 */
export function serveWorkerRequests<Request extends { id: number; type: string }, Progress>(
  handle: (request: Request, onProgress: (progress: Progress) => void) => Promise<unknown>,
  onNotice?: (notice: { type: string }) => void,
): void {
  const scope = self as unknown as WorkerScope<Request | { type: string }, Progress>;
  scope.addEventListener('message', (event) => {
    const request = event.data;
    if (!('id' in request)) {
      onNotice?.(request);
      return;
    }
    handle(request as Request, (progress) => scope.postMessage({ id: request.id, progress })).then(
      (result) => scope.postMessage({ id: request.id, ok: true, result }),
      (error: unknown) =>
        scope.postMessage({
          id: request.id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  });
}
