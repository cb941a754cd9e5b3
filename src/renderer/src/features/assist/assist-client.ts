import type { RoutingExample, RoutingSuggestion } from '@core/index';
import type { SimilarEscalation } from '@core/index';
import { useEffect, useState } from 'react';
import { db as defaultDb, type DeskDatabase } from '../../db/database';
import { onDeskChanged } from '../../db/desk-changes';
import { useSetting } from '../../db/settings';
import { createWorkerRpc, type WorkerRpc } from '../../worker-rpc';
import { AssistWork } from './assist-work';
import type {
  AssistWorkInvalidate,
  AssistWorkRequest,
  Recurrence,
  TeamSuggestionsResult,
} from './assist-work-protocol';

/** How long desk changes are gathered before a shown answer is asked for again. */
const ASK_AGAIN_AFTER_CHANGE_MS = 1_000;

/** The assist features' desk-wide work: in a Web Worker, or on the page where there is none. */
export interface AssistClient {
  suggestTeams(example: RoutingExample, exclude: readonly string[]): Promise<TeamSuggestionsResult>;
  similarTo(ticketId: string): Promise<SimilarEscalation[]>;
  recurrenceOf(ticketId: string): Promise<Recurrence | undefined>;
}

const startAssistWorker = () =>
  new Worker(new URL('./assist-work.worker.ts', import.meta.url), { type: 'module' });

/** Assist work over `database`; `start` is the worker (tests pass nothing: the page does it). */
export function createAssistClient(
  database: DeskDatabase = defaultDb,
  start: (() => Worker) | undefined = typeof Worker === 'undefined' ? undefined : startAssistWorker,
): AssistClient {
  // The page's own model and index, used only when there is no worker.
  const work = new AssistWork(database);
  const rpc: WorkerRpc<AssistWorkRequest, never> = createWorkerRpc({
    name: 'assist',
    start,
    inPage: (_id, request) =>
      request.type === 'suggest-teams'
        ? work.suggestTeams(request.example, request.exclude)
        : request.type === 'similar'
          ? work.similarTo(request.ticketId)
          : work.recurrenceOf(request.ticketId),
  });
  onDeskChanged((ticketIds) => {
    work.invalidate(ticketIds);
    rpc.notify({ type: 'invalidate', ticketIds } satisfies AssistWorkInvalidate);
  });
  return {
    suggestTeams: (example, exclude) =>
      rpc.ask({ type: 'suggest-teams', example, exclude: [...exclude] }),
    similarTo: (ticketId) => rpc.ask({ type: 'similar', ticketId }),
    recurrenceOf: (ticketId) => rpc.ask({ type: 'recurrence', ticketId }),
  };
}

let shared: AssistClient | undefined;

/** The app's one assist worker, started on first use. */
export function assistWork(): AssistClient {
  shared ??= createAssistClient();
  return shared;
}

/**
 * Why there is nothing to show: the feature is switched off in Settings, or there is nothing to
 * ask about yet (no ticket, or the form is not filled in).
 */
export type AssistOff = { status: 'off'; reason: 'setting' | 'no-input' };

export type TeamSuggestionsState =
  | AssistOff
  | { status: 'loading' }
  | { status: 'ready'; suggestions: RoutingSuggestion[]; learnedFrom: number }
  | { status: 'error'; message: string };

export type SimilarEscalationsState =
  | AssistOff
  | { status: 'loading' }
  | { status: 'ready'; escalations: SimilarEscalation[]; recurrence?: Recurrence }
  | { status: 'error'; message: string };

type Answer<T> = { status: 'ready'; value: T } | { status: 'error'; message: string };

/**
 * The answer to the question `key` names (undefined: nothing is asked), asked again a moment
 * after the desk changes. While it is asked again the previous answer stays on screen.
 */
function useAssistAnswer<T>(
  key: string | undefined,
  ask: (key: string) => Promise<T>,
): Answer<T> | { status: 'loading' } {
  const [deskVersion, setDeskVersion] = useState(0);
  const [answer, setAnswer] = useState<{ key: string; answer: Answer<T> } | undefined>();

  useEffect(() => {
    if (key === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onDeskChanged(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setDeskVersion((version) => version + 1);
      }, ASK_AGAIN_AFTER_CHANGE_MS);
    });
    return () => {
      stop();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [key]);

  useEffect(() => {
    if (key === undefined) return;
    let current = true;
    ask(key).then(
      (value) => {
        if (current) setAnswer({ key, answer: { status: 'ready', value } });
      },
      (error: unknown) => {
        if (current)
          setAnswer({
            key,
            answer: {
              status: 'error',
              message: error instanceof Error ? error.message : String(error),
            },
          });
      },
    );
    return () => {
      current = false;
    };
  }, [key, deskVersion, ask]);

  return answer !== undefined && answer.key === key ? answer.answer : { status: 'loading' };
}

const NO_TEAMS: readonly string[] = [];

const askTeams = (key: string) => {
  const [example, exclude] = JSON.parse(key) as [RoutingExample, string[]];
  return assistWork().suggestTeams(example, exclude);
};

const askSimilar = async (ticketId: string) => {
  const [escalations, recurrence] = await Promise.all([
    assistWork().similarTo(ticketId),
    assistWork().recurrenceOf(ticketId),
  ]);
  return { escalations, recurrence };
};

/**
 * The teams a ticket like `example` was resolved by, best first, leaving out `exclude` (e.g. the
 * ticket's current team); "off" while routing suggestions are switched off or there is no example.
 */
export function useTeamSuggestions(
  example: RoutingExample | undefined,
  exclude: readonly string[] = NO_TEAMS,
): TeamSuggestionsState {
  const settings = useSetting('assist');
  const key =
    settings?.routing && example
      ? JSON.stringify([
          { category: example.category, text: example.text, customerId: example.customerId },
          [...exclude].sort(),
        ])
      : undefined;
  const answer = useAssistAnswer(key, askTeams);
  if (settings === undefined) return { status: 'loading' };
  if (!settings.routing) return { status: 'off', reason: 'setting' };
  if (!example) return { status: 'off', reason: 'no-input' };
  if (answer.status !== 'ready') return answer;
  return { status: 'ready', ...answer.value };
}

/**
 * The past escalations most like the ticket (up to five, never the ticket itself); "off" while
 * similar escalations are switched off or there is no ticket.
 */
export function useSimilarEscalations(ticketId: string | undefined): SimilarEscalationsState {
  const settings = useSetting('assist');
  const key = settings?.similar && ticketId ? ticketId : undefined;
  const answer = useAssistAnswer(key, askSimilar);
  if (settings === undefined) return { status: 'loading' };
  if (!settings.similar) return { status: 'off', reason: 'setting' };
  if (!ticketId) return { status: 'off', reason: 'no-input' };
  if (answer.status !== 'ready') return answer;
  const { escalations, recurrence } = answer.value;
  return { status: 'ready', escalations, ...(recurrence ? { recurrence } : {}) };
}
