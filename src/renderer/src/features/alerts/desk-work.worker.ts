import { db } from '../../db/database';
import {
  answerDeskWork,
  workerSideDeskWork,
  yieldToInput,
  type DeskWorkInput,
  type DeskWorkReply,
  type DeskWorkRequest,
} from './desk-work';

/** The parts of the worker scope used here (the renderer is type-checked with the DOM library). */
interface WorkerScope {
  postMessage(message: DeskWorkReply, transfer: Transferable[]): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<DeskWorkRequest | DeskWorkInput>) => void,
  ): void;
}

const scope = self as unknown as WorkerScope;
let lastInputAt = 0;
const work = workerSideDeskWork(
  db,
  yieldToInput(() => lastInputAt),
);

// The alert engine sends one request at a time (its work is a queue); each is answered in turn.
// Input notices come between them, and while a whole-desk derivation waits for its next slice.
scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'input') {
    lastInputAt = Date.now();
    return;
  }
  const progress = (reply: DeskWorkReply) => scope.postMessage(reply, []);
  void answerDeskWork(work, message, progress).then((reply) => {
    // Packed alerts are handed over, not copied.
    const result = 'ok' in reply && reply.ok ? reply.result : undefined;
    const schedule = result && 'schedule' in result ? result.schedule : undefined;
    const packed = schedule && 'utf8' in schedule ? [schedule.utf8.buffer] : [];
    scope.postMessage(reply, packed);
  });
});
