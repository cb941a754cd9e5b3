import { db as defaultDb, type DeskDatabase } from '../../db/database';
import { formatDateTime } from '../../format';

/** How long editing must pause before an editor's draft is written. */
export const KEPT_DRAFT_DELAY_MS = 300;

/** The toast that tells a user their unsaved work from an earlier session is back. */
export function restoredDraftToast(what: string, updatedAt: number) {
  return {
    tone: 'info' as const,
    title: `Your unsaved ${what} are back`,
    body: `As you left them ${formatDateTime(updatedAt)}. Save them, or discard them to see what is saved.`,
  };
}

/** The parts of a zustand store a kept draft needs. */
export interface DraftStore<S> {
  getState(): S;
  setState(partial: Partial<S>): void;
  subscribe(listener: (state: S) => void): () => void;
}

/** How an editor's unsaved work is kept in the `drafts` table and brought back. */
export interface KeptDraftOptions<S> {
  /** The drafts-table row, e.g. "matrix". */
  id: string;
  store: DraftStore<S>;
  /** What to keep; null when there is nothing unsaved (the row is then removed). */
  pick(state: S): unknown;
  /** The state to restore from a kept value; null when it is not a valid draft (it is dropped). */
  restore(value: unknown): Partial<S> | null;
  /** Told when a draft from an earlier session was restored, and when it was last changed. */
  onRestored?(updatedAt: number): void;
  database?: DeskDatabase;
  now?: () => number;
  delayMs?: number;
}

/**
 * Keeps an editor's unsaved draft in IndexedDB while it changes, so a restart or a crash loses
 * nothing, and on start restores a kept draft when the editor has none of its own. Returns the
 * function that stops keeping it (writing a change still pending first).
 */
export function keepDraft<S>(options: KeptDraftOptions<S>): () => void {
  const {
    id,
    store,
    database = defaultDb,
    now = Date.now,
    delayMs = KEPT_DRAFT_DELAY_MS,
  } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let restoring = true;
  let changedWhileRestoring = false;

  const write = () => {
    timer = undefined;
    const value = options.pick(store.getState());
    const done: Promise<unknown> =
      value === null || value === undefined
        ? database.drafts.delete(id)
        : database.drafts.put({ id, value, updatedAt: now() });
    done.catch((error: unknown) => console.warn(`The ${id} draft could not be kept:`, error));
  };

  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(write, delayMs);
  };
  const unsubscribe = store.subscribe(() => {
    if (restoring) changedWhileRestoring = true;
    else schedule();
  });

  void database.drafts
    .get(id)
    .then((row) => {
      if (stopped || !row) return;
      const own = options.pick(store.getState());
      if (own !== null && own !== undefined) return;
      const patch = options.restore(row.value);
      if (patch === null) {
        void database.drafts.delete(id);
        return;
      }
      store.setState(patch);
      options.onRestored?.(row.updatedAt);
    })
    .catch((error: unknown) => console.warn(`The ${id} draft could not be read:`, error))
    .finally(() => {
      restoring = false;
      // Edits made while the kept draft was being read are kept too.
      if (changedWhileRestoring && !stopped) schedule();
    });

  return () => {
    stopped = true;
    unsubscribe();
    if (timer !== undefined) {
      clearTimeout(timer);
      write();
    }
  };
}
