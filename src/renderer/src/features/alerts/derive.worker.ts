import type { ScheduleAlertsRequest } from '@core/index';
import { db } from '../../db/database';
import { deriveAlertRequest } from './derive-alerts';

/** Asks for every open ticket's alerts at `now`. */
export interface DeriveAllRequest {
  id: number;
  now: number;
}

export type DeriveAllReply =
  | { id: number; ok: true; request: ScheduleAlertsRequest }
  | { id: number; ok: false; message: string };

/** The parts of the worker scope used here (the renderer is type-checked with the DOM library). */
interface WorkerScope {
  postMessage(message: DeriveAllReply): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<DeriveAllRequest>) => void,
  ): void;
}

const scope = self as unknown as WorkerScope;

scope.addEventListener('message', (event) => {
  const { id, now } = event.data;
  deriveAlertRequest(db, 'all', now).then(
    (request) => scope.postMessage({ id, ok: true, request }),
    (error: unknown) =>
      scope.postMessage({
        id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
