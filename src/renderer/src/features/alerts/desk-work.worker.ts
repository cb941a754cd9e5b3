import { db } from '../../db/database';
import {
  answerDeskWork,
  workerSideDeskWork,
  type DeskWorkReply,
  type DeskWorkRequest,
} from './desk-work';

/** The parts of the worker scope used here (the renderer is type-checked with the DOM library). */
interface WorkerScope {
  postMessage(message: DeskWorkReply, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<DeskWorkRequest>) => void): void;
}

const scope = self as unknown as WorkerScope;
const work = workerSideDeskWork(db);

// The alert engine sends one request at a time (its work is a queue); each is answered in turn.
scope.addEventListener('message', (event) => {
  void answerDeskWork(work, event.data).then((reply) => {
    // Packed alerts are handed over, not copied.
    const result = reply.ok ? reply.result : undefined;
    const packed = result && 'utf8' in result ? [result.utf8.buffer] : [];
    scope.postMessage(reply, packed);
  });
});
