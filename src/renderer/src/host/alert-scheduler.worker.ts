import {
  AlertSchedulerService,
  type AlertWorkerReply,
  type AlertWorkerRequest,
} from './alert-scheduler-service';

/** The parts of the worker scope used here (the renderer is type-checked with the DOM library). */
interface WorkerScope {
  postMessage(message: AlertWorkerReply): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<AlertWorkerRequest>) => void,
  ): void;
}

// Browser mode's SLA alert scheduler: it lives here so that alerts come due on time with the tab in
// the background (a worker's timers are throttled far less than the page's). Its clock follows the
// page's: see AlertSchedulerService.
const scope = self as unknown as WorkerScope;
const service = new AlertSchedulerService((reply) => scope.postMessage(reply));

scope.addEventListener('message', (event) => service.handle(event.data));
scope.postMessage({ type: 'ready' });
