import {
  inPageAlertPort,
  type AlertWorkerPort,
  type AlertWorkerReply,
  type AlertWorkerRequest,
} from './alert-scheduler-service';

function workerPort(worker: Worker): AlertWorkerPort {
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    listen: (onReply, onFailure) => {
      worker.addEventListener('message', (event: MessageEvent<AlertWorkerReply>) =>
        onReply(event.data),
      );
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        onFailure(event.message || 'The alert scheduler worker stopped.');
      });
    },
    close: () => worker.terminate(),
  };
}

/**
 * Runs `primary` and, should it throw or fail before it is ready (a worker whose module cannot load),
 * `fallback` instead, replaying what was sent meanwhile with the current time. Messages are kept
 * (and their buffers copied, not transferred) only until the primary is ready. A failure after that is reported and the primary kept: an
 * exception in a worker's handler does not stop the worker.
 */
export function withFallback(
  primary: () => AlertWorkerPort,
  fallback: () => AlertWorkerPort,
  now: () => number = () => Date.now(),
): AlertWorkerPort {
  let port: AlertWorkerPort;
  let pending: AlertWorkerRequest[] | undefined = [];
  let onPrimary = true;
  try {
    port = primary();
  } catch {
    port = fallback();
    pending = undefined;
    onPrimary = false;
  }
  let onReply: (reply: AlertWorkerReply) => void = () => {};
  let onFailure: (reason: string) => void = () => {};

  const listenTo = (current: AlertWorkerPort, isFallback: boolean) => {
    current.listen(
      (reply) => {
        if (current !== port) return;
        if (reply.type === 'ready') pending = undefined;
        onReply(reply);
      },
      (reason) => {
        if (current !== port) return;
        if (isFallback || pending === undefined) {
          onFailure(reason);
          return;
        }
        const replay = pending;
        pending = undefined;
        current.close();
        port = fallback();
        listenTo(port, true);
        for (const message of replay) port.post({ ...message, now: now() });
        onFailure(`${reason} The alert scheduler runs in the page instead.`);
      },
    );
  };

  return {
    post: (message, transfer) => {
      if (pending) {
        // Kept for a replay until the primary is ready: copied, not handed over.
        pending.push(message);
        port.post(message);
      } else {
        port.post(message, transfer);
      }
    },
    listen: (reply, failure) => {
      onReply = reply;
      onFailure = failure;
      listenTo(port, !onPrimary);
    },
    close: () => {
      pending = undefined;
      port.close();
    },
  };
}

/**
 * Starts browser mode's alert scheduler: in a Web Worker (see alert-scheduler.worker.ts), or in
 * the page where workers are missing or the worker cannot start.
 */
export function startAlertScheduler(): AlertWorkerPort {
  if (typeof Worker !== 'function') return inPageAlertPort();
  return withFallback(
    () =>
      workerPort(
        new Worker(new URL('./alert-scheduler.worker.ts', import.meta.url), { type: 'module' }),
      ),
    () => inPageAlertPort(),
  );
}
