import { liveQuery, type Subscription } from 'dexie';
import { z } from 'zod';
import {
  compareHlc,
  describeIssue,
  jsonBytes,
  MAX_PULL_LIMIT,
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  MAX_TX_MUTATIONS,
  MutationSchema,
  rowKey,
  SYNC_PROTOCOL_VERSION,
  SYNC_TABLES,
  TABLE_MERGE,
  TABLE_NOUN,
  unstorable,
  writeRefusal,
  type AccountRole,
  type Hlc,
  type Mutation,
  isFill,
  memorySignInKeeper,
  SessionBroker,
  type DeskSession,
  type SessionFailure,
  type SessionPort,
} from '@core/index';
import type { StoreApi } from 'zustand/vanilla';
import type { DeskDatabase } from '../../db/database';
import {
  CLIENT_STATE_KEY,
  newClientState,
  readClientState,
  receiveClock,
  RECORDING_KEY,
  renumberOutbox,
  setSyncRecording,
  versionKey,
} from '../../db/outbox';
import { deskCode } from '../../db/ticket-writes';
import { giveTicketsDeskIds } from './desk-ids';
import { followSyncedChanges, type SyncedChanges } from './after-sync';
import { localRules, planTeamRulesOnly, type LocalRule, type TeamRulesPlan } from './local-rules';
import {
  checkServerUrl,
  PokeSchema,
  fetchPost,
  SyncAnswerError,
  SyncApi,
  SyncInputError,
  SyncServerError,
  SyncSpaceSchema,
  SyncUnreachableError,
  SyncUserSchema,
  type FetchLike,
  type PushAnswer,
  type SyncSpace,
  type SyncUser,
} from './sync-api';
import {
  applyServerRows,
  noChanges,
  readServerRow,
  type AppliedChanges,
  type ServerRow,
} from './sync-apply';
import {
  createSyncStore,
  INITIAL_SYNC_STATE,
  REJECTED_KEY,
  type RejectedChange,
  type SkippedChange,
  type SyncState,
  type SyncStatus,
} from './sync-store';

/** What the engine needs of a WebSocket: the browser's, or `ws` in Node. */
export interface LiveSocket {
  addEventListener(
    type: 'open' | 'message' | 'close' | 'error',
    listener: (event: object) => void,
  ): void;
  close(code?: number, reason?: string): void;
}

/** Opens a live socket to a URL (the WebSocket class). */
export type LiveSocketConstructor = new (url: string) => LiveSocket;

/** Something that fires `online` when the network comes back (the window). */
export interface OnlineEvents {
  addEventListener(type: 'online', listener: () => void): void;
  removeEventListener(type: 'online', listener: () => void): void;
  /** Whether the computer has a network at all (the browser's `navigator.onLine`). */
  navigator?: { onLine: boolean };
}

/** Everything the engine works with; all of it can be handed in (tests run several engines). */
export interface SyncEngineOptions {
  db: DeskDatabase;
  fetch: FetchLike;
  /** Live pokes from the server; without it the engine polls only. */
  WebSocket?: LiveSocketConstructor | undefined;
  now?: () => number;
  /**
   * Who signs in and keeps the sign-in (its refresh token): the host on the desktop, so the page
   * never holds it; a SessionBroker in memory over `fetch` when absent.
   */
  sessions?: SessionPort;
  /** Where the engine's state goes (a store of its own when absent). */
  store?: StoreApi<SyncState>;
  /**
   * Runs after rows from the server were written: by default the desk recomputes the tickets'
   * SLA rows and tells its views and alert engine (see followSyncedChanges).
   */
  onApplied?: (changes: SyncedChanges) => Promise<void> | void;
  /** Fires `online` when the network is back (the window, when there is one). */
  onlineEvents?: OnlineEvents | undefined;
  /** How long a request may take (20 s). */
  requestTimeoutMs?: number;
  /** The first retry's delay after a failure (1 s), doubled each time up to `maxRetryMs` (60 s). */
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** How often to sync while online, besides pokes and local changes (30 s). */
  pollMs?: number;
  /** How long after a local change the push starts (300 ms), gathering quick edits. */
  pushDelayMs?: number;
  /**
   * Whether start() and joinSpace() go on syncing in the background (true). With false only
   * syncNow() syncs: tests drive engines by hand.
   */
  autoSync?: boolean;
}

/** How a sync went. */
export type SyncOutcome = { ok: true } | { ok: false; status: SyncStatus; error: string };

/** The sign-in has ended (refused refresh, revoked session): the person must sign in again. */
class SignedOutError extends Error {
  override name = 'SignedOutError';
}

/** The error a failed sign-in or refresh is, as the rest of the engine tells them apart. */
function sessionError(failure: SessionFailure): Error {
  switch (failure.kind) {
    case 'server':
      return new SyncServerError(failure.status, failure.message, failure.body);
    case 'answer':
      return new SyncAnswerError(failure.message);
    case 'unreachable':
      return new SyncUnreachableError(failure.message);
    case 'signed-out':
      return new SignedOutError(failure.message);
  }
}

/** The engine was stopped (or moved to another space) while this work was under way. */
class SupersededError extends Error {
  override name = 'SupersededError';
}

const CONNECTION_KEY = 'connection';
const CURSOR_KEY = 'cursor';
const LAST_SYNC_KEY = 'lastSyncAt';
const SKIPPED_KEY = 'skipped';

/** Kept refusals and skipped rows, newest last. */
const MAX_KEPT = 200;
/** Existing rows queued per transaction when joining a space (two fit a push). */
const QUEUE_BATCH = 250;
/** An access token this close to expiry is refreshed first. */
const EXPIRY_MARGIN_MS = 30_000;
/** 409s in a row before the push gives up (each realigns the outbox with the server). */
const MAX_REALIGNS = 3;
/** A 400 that names one mutation of the push (`mutations.3.changes.title: …`). */
const NAMED_MUTATION = /^mutations\.(\d+)\b/;

/** The connection as stored: the server, the account, and the space once joined. */
const ConnectionSchema = z.object({
  serverUrl: z.string().url(),
  user: SyncUserSchema,
  space: SyncSpaceSchema.optional(),
});
type Connection = z.infer<typeof ConnectionSchema>;

/** How a push is cut from the outbox (the defaults are the protocol's). */
export interface PushLimits {
  /** Mutations per push, unless one local transaction is longer. */
  max?: number;
  /** The most mutations one push may carry, even for one transaction. */
  most?: number;
  /** The most bytes of mutations (UTF-8 JSON) one push may carry. */
  maxBytes?: number;
  /** A mutation's size in bytes. */
  sizeOf?: (mutation: Mutation) => number;
}

/**
 * The next push: outbox rows in mid order, about `max` of them, cut where a local transaction
 * ends (the server applies a transaction's rows together): a transaction is split only when it
 * alone is longer than a push may be (`most` mutations or `maxBytes`). A batch holds one
 * transaction's changes per rules row at most, so a refused save is known before the next one
 * built on it is sent.
 */
export function nextPushBatch(rows: readonly Mutation[], limits: PushLimits = {}): Mutation[] {
  const {
    max = MAX_PUSH_MUTATIONS,
    most = MAX_TX_MUTATIONS,
    maxBytes = MAX_PUSH_BYTES,
    sizeOf = jsonBytes,
  } = limits;
  let end = 0;
  let bytes = 0;
  while (end < rows.length && end < most) {
    const size = sizeOf(rows[end]!);
    if (end > 0 && bytes + size > maxBytes) break;
    bytes += size;
    end += 1;
  }
  if (end > max) {
    // About `max`, finishing the transaction under way there.
    let cut = max;
    while (cut < end && rows[cut]!.tx === rows[cut - 1]!.tx) cut += 1;
    end = cut;
  }
  if (end < rows.length && rows[end]!.tx === rows[end - 1]!.tx) {
    // Cut inside a transaction: end before it, unless it is the first (then it is too long).
    const split = rows[end]!.tx;
    let boundary = end;
    while (boundary > 0 && rows[boundary - 1]!.tx === split) boundary -= 1;
    if (boundary > 0) end = boundary;
  }
  const txOfRow = new Map<string, number>();
  for (let i = 0; i < end; i++) {
    const row = rows[i]!;
    if (TABLE_MERGE[row.table] !== 'replace') continue;
    const key = rowKey(row.table, row.id);
    const seen = txOfRow.get(key);
    if (seen === undefined) txOfRow.set(key, row.tx);
    else if (seen !== row.tx) {
      let start = i;
      while (start > 0 && rows[start - 1]!.tx === row.tx) start -= 1;
      end = start;
      break;
    }
  }
  return rows.slice(0, end);
}

/** Why the server could not take an outbox row, checked before it is sent; null when it can. */
export function unsendableProblem(row: Mutation): string | null {
  const checked = MutationSchema.safeParse(row);
  if (!checked.success) return describeIssue(checked.error);
  const problem = unstorable(row.changes, 'changes');
  if (problem !== null) return problem;
  const size = jsonBytes(row);
  if (size > MAX_PUSH_BYTES) {
    return `it is ${(size / 1024 / 1024).toFixed(1)} MiB, more than the ${MAX_PUSH_BYTES / 1024 / 1024} MiB one change may be`;
  }
  return null;
}

function lastMidOf(body: Record<string, unknown>): number | undefined {
  const lastMid = body.lastMid;
  return typeof lastMid === 'number' && Number.isSafeInteger(lastMid) && lastMid >= 0
    ? lastMid
    : undefined;
}

function sentence(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The desk's side of team sync: signs in, joins a space (queueing the desk's existing rows),
 * pushes the outbox and pulls the space's changes, live (a WebSocket poke), every 30 s, when the
 * network returns and soon after each local change. Failures keep everything and retry with a
 * backoff; refusals are kept and shown, with the server's row applied.
 */
export class SyncEngine {
  /** The engine's state for the UI. */
  readonly store: StoreApi<SyncState>;
  private readonly db: DeskDatabase;
  private readonly fetch: FetchLike;
  private readonly Socket: LiveSocketConstructor | undefined;
  private readonly now: () => number;
  private readonly sessions: SessionPort;
  private readonly onApplied: (changes: SyncedChanges) => Promise<void> | void;
  private readonly onlineEvents: OnlineEvents | undefined;
  private readonly timeoutMs: number;
  private readonly firstRetryMs: number;
  private readonly maxRetryMs: number;
  private readonly pollMs: number;
  private readonly pushDelayMs: number;
  private readonly autoSync: boolean;

  /** The stored connection (a space once joined). */
  private connection: Connection | undefined;
  /** Signed in (this session) but not yet syncing a space: the account and its server. */
  private account: { serverUrl: string; user: SyncUser } | undefined;
  private access: { token: string; expiresAt: number } | undefined;
  private refreshing: Promise<string> | undefined;

  private started = false;
  /** A space is being joined: its half-queued outbox is not a leftover to forget. */
  private joining = false;
  /** Timers, socket and listeners are on (started, with a space and a sign-in). */
  private running = false;
  /** Bumped when the engine stops or changes space: work begun before must not write. */
  private generation = 0;
  private lifetime = new AbortController();
  private cycle: Promise<SyncOutcome> | undefined;
  private again = false;
  private attempts = 0;
  private liveAttempts = 0;
  private socket: LiveSocket | undefined;
  private cursor = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private liveTimer: ReturnType<typeof setTimeout> | undefined;
  private pushTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private outboxWatch: Subscription | undefined;
  private readonly backOnline = () => {
    this.attempts = 0;
    void this.syncNow();
    void this.openSocket();
  };

  constructor(options: SyncEngineOptions) {
    this.db = options.db;
    this.fetch = options.fetch;
    this.Socket = options.WebSocket;
    this.now = options.now ?? (() => Date.now());
    this.store = options.store ?? createSyncStore();
    this.onApplied =
      options.onApplied ?? ((changes) => followSyncedChanges(this.db, changes, this.now()));
    this.onlineEvents = options.onlineEvents;
    this.timeoutMs = options.requestTimeoutMs ?? 20_000;
    this.firstRetryMs = options.firstRetryMs ?? 1_000;
    this.maxRetryMs = options.maxRetryMs ?? 60_000;
    this.pollMs = options.pollMs ?? 30_000;
    this.pushDelayMs = options.pushDelayMs ?? 300;
    this.autoSync = options.autoSync ?? true;
    this.sessions =
      options.sessions ??
      new SessionBroker(fetchPost(this.fetch, this.timeoutMs), memorySignInKeeper());
    this.db.syncRecorder.now = this.now;
  }

  /**
   * Reads the stored connection and starts syncing when there is one and a sign-in to use;
   * otherwise the state says why not (off, signed out).
   */
  async start(): Promise<void> {
    this.started = true;
    // A sign-out or stop while this reads must not be undone by what it read.
    const generation = this.generation;
    const current = () => this.started && generation === this.generation;
    await this.load(current);
    if (!current()) return;
    this.watchOutbox();
    if (!this.connection?.space) {
      this.set({ status: 'off' });
      return;
    }
    if (!this.db.syncRecorder.recording) await setSyncRecording(this.db, true);
    const signedIn =
      this.access !== undefined || (await this.sessions.hasSignIn(this.connection.serverUrl));
    if (!current()) return;
    if (!signedIn) {
      this.set({ status: 'signed_out' });
      return;
    }
    this.run();
  }

  /** Stops syncing (timers, socket, requests in flight); local data and the outbox stay. */
  stop(): void {
    this.started = false;
    this.halt();
    this.outboxWatch?.unsubscribe();
    this.outboxWatch = undefined;
  }

  /** Signs in to a server; resumes the space kept from before when the account still has it. */
  async signIn(serverUrl: string, email: string, password: string): Promise<SyncUser> {
    const address = checkServerUrl(serverUrl);
    if (!address.ok) throw new SyncInputError(address.message);
    const checked = address.url;
    if (!email.trim()) throw new SyncInputError('Enter your email address.');
    if (!password) throw new SyncInputError('Enter your password.');
    const outcome = await this.sessions.signIn(checked, email.trim(), password);
    if (!outcome.ok) throw sessionError(outcome);
    const { session } = outcome;
    this.account = { serverUrl: checked, user: session.user };
    await this.keepSession(session, checked);
    this.set({ serverUrl: checked, user: session.user, error: undefined });
    const kept =
      this.connection?.serverUrl === checked && this.connection.user.id === session.user.id
        ? this.connection.space
        : undefined;
    if (kept && session.user.spaces.some((space) => space.id === kept.id)) {
      await this.joinSpace(kept.id);
    } else if (this.connection?.space) {
      // A space to choose; the one kept from before stays kept until another is joined.
      this.set({ status: 'off', space: undefined });
    }
    return session.user;
  }

  /**
   * Starts syncing a space of the signed-in account. A new space gets a new client identity and
   * every existing row of the desk queued (in batches, with progress), so nothing local is lost;
   * the space this desk already synced resumes where it was.
   */
  async joinSpace(spaceId: string): Promise<void> {
    const account = this.account;
    if (!account || (!this.access && !(await this.sessions.hasSignIn(account.serverUrl)))) {
      throw new SyncInputError('Sign in to the sync server first.');
    }
    const space = account.user.spaces.find((candidate) => candidate.id === spaceId);
    if (!space) throw new SyncInputError(`Your account is not a member of the space "${spaceId}".`);
    // Another account on this desk gets a desk id of its own: the server ties ids to accounts.
    const resume =
      this.connection?.serverUrl === account.serverUrl &&
      this.connection.space?.id === spaceId &&
      this.connection.user.id === account.user.id &&
      (await readClientState(this.db)) !== undefined;
    this.halt();
    const generation = this.generation;
    this.joining = true;
    try {
      if (!resume) {
        const client = newClientState();
        await this.db.transaction('rw', this.db.outbox, this.db.syncMeta, async () => {
          // Nothing of another space (cursor, versions, refusals, mids) carries over.
          await this.db.outbox.clear();
          await this.db.syncMeta.clear();
          await this.db.syncMeta.put({ key: CLIENT_STATE_KEY, value: client });
        });
        this.cursor = 0;
        this.set({ rejected: [], skipped: [], lastSyncAt: undefined, error: undefined });
        // Tickets numbered before sync (ESC-1001) take the desk's code, so two desks' ESC-1001
        // stay two tickets.
        await giveTicketsDeskIds(this.db, deskCode(client.clientId), (done, total) =>
          this.set({ progress: { done, total } }),
        );
        this.check(generation);
        await setSyncRecording(this.db, true);
        await this.queueExistingRows(generation, account.user.role);
      }
      this.check(generation);
      this.connection = { serverUrl: account.serverUrl, user: account.user, space };
      await this.db.syncMeta.put({ key: CONNECTION_KEY, value: this.connection });
      await setSyncRecording(this.db, true);
    } finally {
      this.joining = false;
      this.set({ progress: undefined });
    }
    this.set({ space, serverUrl: account.serverUrl, user: account.user, status: 'connecting' });
    await this.start();
  }

  /**
   * Signs out: the session is ended on the server when it can be reached, the token forgotten
   * and syncing stopped. Local data stays. Unsent changes stay too (and are sent when this
   * account signs in to the space again) unless `discardUnsent`; with none, sync is off.
   */
  async signOut(options: { discardUnsent?: boolean } = {}): Promise<void> {
    this.halt();
    // Ended on the server when it can be reached; forgotten here all the same.
    await this.sessions.signOut();
    this.access = undefined;
    this.account = undefined;
    const pending = await this.db.outbox.count();
    if (options.discardUnsent || pending === 0 || !this.connection?.space) {
      await this.forget();
      return;
    }
    this.set({
      status: 'signed_out',
      error: undefined,
      syncing: false,
      pending,
      serverUrl: this.connection.serverUrl,
      user: this.connection.user,
      space: this.connection.space,
    });
  }

  /** The rules rows this desk has of its own (see localRules); live when read in a liveQuery. */
  localRules(): Promise<LocalRule[]> {
    return localRules(this.db);
  }

  /** What useTeamRulesOnly() would drop and keep, or why it is refused; live in a liveQuery. */
  teamRulesPlan(options: { countUncovered?: boolean } = {}): Promise<TeamRulesPlan> {
    return planTeamRulesOnly(this.db, options);
  }

  /**
   * Drops the rules rows this desk has of its own (see localRules), so its SLA clocks and
   * escalations follow the team's rules alone, in one transaction that sends nothing (the team
   * never had these rows). Calendars a team policy still uses stay. Refused, changing nothing,
   * while the desk is not in a space or the team has no SLA policy here yet. Returns what it
   * dropped; the open tickets' clocks are then recomputed, as after a pull.
   */
  async useTeamRulesOnly(): Promise<LocalRule[]> {
    if (!this.connection?.space) throw new SyncInputError('Join a team space first.');
    const applied: AppliedChanges = { ticketIds: new Set(), tables: new Set() };
    let dropped: LocalRule[] = [];
    let rejected: RejectedChange[] | undefined;
    await this.db.transaction(
      'rw',
      [this.db.policies, this.db.calendars, this.db.matrices, this.db.syncMeta, this.db.outbox],
      async (tx) => {
        this.db.syncRecorder.markRemote(tx);
        const plan = await planTeamRulesOnly(this.db);
        if (plan.refusal) throw new SyncInputError(plan.refusal);
        dropped = plan.drop;
        for (const table of ['policies', 'calendars', 'matrices'] as const) {
          const ids = dropped.filter((row) => row.table === table).map((row) => row.id);
          if (ids.length === 0) continue;
          await this.db.table(table).bulkDelete(ids);
          applied.tables.add(table);
        }
        const stored = (await this.db.syncMeta.get(REJECTED_KEY))?.value;
        if (Array.isArray(stored)) {
          const gone = new Set(dropped.map((row) => `${row.table}/${row.id}`));
          const rest = (stored as RejectedChange[]).filter(
            (refusal) => !(refusal.kept && gone.has(`${refusal.table}/${refusal.id}`)),
          );
          await this.db.syncMeta.put({ key: REJECTED_KEY, value: rest });
          rejected = rest;
        }
      },
    );
    if (rejected) this.set({ rejected });
    await this.follow(applied);
    return dropped;
  }

  /** Forgets the refused changes listed (their rows already show the server's version). */
  async dismissRejected(): Promise<void> {
    await this.db.syncMeta.bulkDelete([REJECTED_KEY, SKIPPED_KEY]);
    this.set({ rejected: [], skipped: [] });
  }

  /**
   * Pushes the outbox and pulls the space's changes now. Never rejects: the outcome (and the
   * state) says how it went. A call while a sync runs makes that sync go round once more.
   */
  syncNow(): Promise<SyncOutcome> {
    if (this.cycle) {
      this.again = true;
      return this.cycle;
    }
    const cycle = this.runCycles().finally(() => {
      if (this.cycle === cycle) this.cycle = undefined;
    });
    this.cycle = cycle;
    return cycle;
  }

  private async runCycles(): Promise<SyncOutcome> {
    let outcome: SyncOutcome;
    do {
      this.again = false;
      outcome = await this.runCycle();
    } while (this.again);
    return outcome;
  }

  private async runCycle(): Promise<SyncOutcome> {
    const space = this.connection?.space;
    if (!space) return { ok: false, status: 'off', error: 'Team sync is off.' };
    clearTimeout(this.retryTimer);
    if (this.networkDown()) {
      // Nothing to try: the `online` event syncs as soon as the network is back.
      const error = 'This computer has no network; changes wait here until it is back.';
      this.set({ status: 'offline', syncing: false, error });
      return { ok: false, status: 'offline', error };
    }
    const generation = this.generation;
    const { status } = this.store.getState();
    this.set({
      syncing: true,
      status: status === 'online' || status === 'offline' ? status : 'connecting',
    });
    const applied = noChanges();
    const skipped: SkippedChange[] = [];
    try {
      await this.push(space, generation, applied, skipped);
      await this.pull(space, generation, applied, skipped);
      const at = this.now();
      await this.db.syncMeta.put({ key: LAST_SYNC_KEY, value: at });
      this.attempts = 0;
      this.set({
        status: 'online',
        lastSyncAt: at,
        error:
          skipped.length > 0
            ? `The server sent ${skipped.length === 1 ? 'a change' : `${skipped.length} changes`} this desk could not read; ${skipped.length === 1 ? 'it was' : 'they were'} skipped.`
            : undefined,
      });
      return { ok: true };
    } catch (error) {
      return this.failed(error, generation);
    } finally {
      const pending = await this.db.outbox.count().catch(() => this.store.getState().pending);
      this.set({ syncing: false, pending });
      await this.follow(applied);
    }
  }

  /** Records why a sync failed and plans the retry. */
  private failed(error: unknown, generation: number): SyncOutcome {
    if (error instanceof SupersededError || generation !== this.generation) {
      return { ok: false, status: this.store.getState().status, error: 'Sync was stopped.' };
    }
    if (error instanceof SignedOutError) {
      this.halt();
      this.set({ status: 'signed_out', error: error.message });
      return { ok: false, status: 'signed_out', error: error.message };
    }
    const unreachable =
      error instanceof SyncUnreachableError ||
      (error instanceof SyncServerError && (error.status >= 500 || error.status === 429));
    const status: SyncStatus = unreachable ? 'offline' : 'error';
    const message = sentence(error);
    this.set({ status, error: message });
    // Not a member any more: retrying cannot help until an admin acts (Sync now tries again).
    const forbidden = error instanceof SyncServerError && error.status === 403;
    if (!forbidden) this.scheduleRetry();
    return { ok: false, status, error: message };
  }

  private scheduleRetry(): void {
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    const delay = Math.min(this.maxRetryMs, this.firstRetryMs * 2 ** this.attempts);
    this.attempts += 1;
    this.retryTimer = setTimeout(() => void this.syncNow(), delay);
  }

  private async follow(applied: AppliedChanges): Promise<void> {
    if (applied.tables.size === 0) return;
    try {
      await this.onApplied({ ticketIds: [...applied.ticketIds], tables: [...applied.tables] });
    } catch (error) {
      console.warn('Sync: the desk could not follow the synced changes:', error);
    }
  }

  private async push(
    space: SyncSpace,
    generation: number,
    applied: AppliedChanges,
    skipped: SkippedChange[],
  ): Promise<void> {
    let realigns = 0;
    let renewed = false;
    let namedByServer = false;
    for (;;) {
      let rows = await this.db.outbox
        .orderBy('mid')
        .limit(MAX_PUSH_MUTATIONS + 1)
        .toArray();
      if (rows.length === 0) return;
      if (rows.length > MAX_PUSH_MUTATIONS && rows.at(-1)!.tx === rows.at(-2)!.tx) {
        // A transaction runs past a push's length: it goes whole, up to the most a push may take.
        rows = await this.db.outbox
          .orderBy('mid')
          .limit(MAX_TX_MUTATIONS + 1)
          .toArray();
      }
      const unsendable = rows.flatMap((row) => {
        const problem = unsendableProblem(row);
        return problem === null ? [] : [{ row, problem }];
      });
      if (unsendable.length > 0) {
        await this.refuseUnsendable(unsendable, generation);
        continue;
      }
      const batch = nextPushBatch(rows);
      const client = (await readClientState(this.db)) ?? newClientState();
      let answer: PushAnswer;
      try {
        answer = await this.authorized((api, token) =>
          api.push(token, {
            protocol: SYNC_PROTOCOL_VERSION,
            clientId: client.clientId,
            spaceId: space.id,
            mutations: batch,
          }),
        );
      } catch (error) {
        if (error instanceof SyncServerError && error.status === 400) {
          // The server named one change it cannot take: that change is refused, the rest go on.
          // Once per sync: a server that refuses everything must not empty the outbox row by row.
          const named = batch[Number(NAMED_MUTATION.exec(error.message)?.[1] ?? -1)];
          if (!named || namedByServer) throw error;
          namedByServer = true;
          await this.refuseUnsendable([{ row: named, problem: error.message }], generation);
          continue;
        }
        if (
          error instanceof SyncServerError &&
          error.status === 409 &&
          error.body.reason === 'client_id_taken' &&
          !renewed
        ) {
          renewed = true;
          await this.renewIdentity(generation);
          continue;
        }
        const lastMid =
          error instanceof SyncServerError && error.status === 409
            ? lastMidOf(error.body)
            : undefined;
        if (lastMid === undefined || realigns >= MAX_REALIGNS) throw error;
        realigns += 1;
        await this.realign(lastMid, generation);
        continue;
      }
      realigns = 0;
      if (answer.lastMid >= client.nextMid && !renewed) {
        // The server holds changes of this desk id that this desk never numbered: another desk
        // (a copied profile) uses the id. These changes were not applied: take a new id, resend.
        renewed = true;
        await this.renewIdentity(generation);
        continue;
      }
      if (answer.lastMid < batch[0]!.mid) {
        throw new SyncAnswerError(
          `The sync server did not take the changes it was sent (it has them up to ${answer.lastMid}).`,
        );
      }
      await this.acknowledge(batch, answer, generation, applied, skipped);
    }
  }

  /** The server has this client's changes up to `lastMid`: drop those, renumber the rest after. */
  private async realign(lastMid: number, generation: number): Promise<void> {
    await this.db.transaction('rw', this.db.outbox, this.db.syncMeta, async () => {
      this.check(generation);
      await this.db.outbox.where('mid').belowOrEqual(lastMid).delete();
      await renumberOutbox(this.db, lastMid + 1);
    });
  }

  /**
   * Outbox rows the server cannot take (malformed, unstorable, too large), with the rest of
   * their local transactions: listed as refused and never sent, so they block nothing after them.
   */
  private async refuseUnsendable(
    unsendable: readonly { row: Mutation; problem: string }[],
    generation: number,
  ): Promise<void> {
    const at = this.now();
    const problems = new Map(unsendable.map(({ row, problem }) => [row.tx, { row, problem }]));
    await this.db.transaction('rw', this.db.outbox, this.db.syncMeta, async () => {
      this.check(generation);
      const firstMid = (await this.db.outbox.orderBy('mid').first())?.mid;
      if (firstMid === undefined) return;
      const dropped = await this.db.outbox.filter((row) => problems.has(row.tx)).toArray();
      const refused = dropped.map((row): RejectedChange => {
        const cause = problems.get(row.tx)!;
        const problem = cause.problem.replace(/\.$/, '');
        return {
          mid: row.mid,
          table: row.table,
          id: String(row.id),
          code: 'invalid',
          reason:
            cause.row.mid === row.mid
              ? `This change could not be sent: ${problem}.`
              : `Not sent with the rest of its change, which could not be sent: ${problem}.`,
          at,
          serverRow: null,
          kept: true,
        };
      });
      await this.db.outbox.bulkDelete(dropped.map((row) => row.mid));
      await renumberOutbox(this.db, firstMid);
      await this.keepRejected(refused);
    });
  }

  /**
   * The server says this desk's id is another's (a copied profile, or another account's): the
   * desk takes a new id and numbers its unsent changes from 1 under it.
   */
  private async renewIdentity(generation: number): Promise<void> {
    await this.db.transaction('rw', this.db.outbox, this.db.syncMeta, async () => {
      this.check(generation);
      const state = (await readClientState(this.db)) ?? newClientState();
      const { clientId } = newClientState();
      await this.db.syncMeta.put({ key: CLIENT_STATE_KEY, value: { ...state, clientId } });
      await renumberOutbox(this.db, 1);
    });
  }

  /**
   * Takes the server's answer to a push, in one transaction: the rows it has are dropped from
   * the outbox, refusals kept (with later saves of a refused rules row, which were built on it),
   * and each refused row shown as the server has it.
   */
  private async acknowledge(
    batch: readonly Mutation[],
    answer: PushAnswer,
    generation: number,
    applied: AppliedChanges,
    skipped: SkippedChange[],
  ): Promise<void> {
    const at = this.now();
    const lastSent = batch[batch.length - 1]!.mid;
    const serverRows: ServerRow[] = [];
    const refused: RejectedChange[] = [];
    /** Rules rows whose fill gave way to the team's: saves made on this desk's copy must not go. */
    const replacedFills: RejectedChange[] = [];
    const sent = new Map(batch.map((m) => [m.mid, m]));
    for (const rejection of answer.rejected) {
      if (rejection.code === 'superseded') {
        // Applied, but a later change won some of it: the desk takes the server's row, quietly.
        const read = rejection.serverRow === null ? null : readServerRow(rejection.serverRow);
        if (read?.ok && read.change.table === rejection.table && read.change.id === rejection.id) {
          serverRows.push(read.change);
          if (TABLE_MERGE[rejection.table] === 'replace') {
            const { mid, table, id, code } = rejection;
            replacedFills.push({
              mid,
              table,
              id,
              code,
              reason: `the team's ${TABLE_NOUN[table]} "${id}" replaced this desk's own copy when it joined`,
              at,
              serverRow: read.change,
            });
          }
        } else if (read && !read.ok) {
          skipped.push({ table: rejection.table, id: rejection.id, problem: read.problem, at });
        }
        continue;
      }
      const mutation = sent.get(rejection.mid);
      let serverRow: RejectedChange['serverRow'] = null;
      let kept = false;
      if (
        rejection.serverRow === null &&
        (!mutation || isFill(mutation.hlc) || TABLE_MERGE[rejection.table] === 'replace')
      ) {
        // A row the team never had (a deleted one comes back as a tombstone) stays on this desk
        // when refused, listed as refused: one the desk had before joining; a rules row of the
        // desk's own that an agent made, changed or removed since (the policies editor saves
        // its list as a removal and a put of each row); a row the desk no longer knows it sent.
        kept = true;
      } else if (rejection.serverRow === null) {
        // The server has no such row: the desk shows it has none either.
        serverRows.push({
          table: rejection.table,
          id: rejection.id,
          version: 0,
          rowVersion: 0,
          deleted: true,
          row: null,
        });
      } else {
        const read = readServerRow(rejection.serverRow);
        if (read.ok && read.change.table === rejection.table && read.change.id === rejection.id) {
          serverRows.push(read.change);
          serverRow = read.change;
        } else {
          // An answer the desk cannot read changes nothing here.
          kept = true;
          skipped.push({
            table: rejection.table,
            id: rejection.id,
            problem: read.ok ? 'the server’s row is of another row' : read.problem,
            at,
          });
        }
      }
      const { mid, table, id, code, reason } = rejection;
      refused.push({
        ...{ mid, table, id, code, reason, at, serverRow },
        ...(kept ? { kept: true as const } : {}),
      });
    }

    await this.inRemoteTransaction(generation, async () => {
      await this.db.outbox.where('mid').belowOrEqual(Math.min(answer.lastMid, lastSent)).delete();
      const superseded = await this.dropBuiltOnRefused([...refused, ...replacedFills], at);
      // A kept rules row is the desk's own again: its next save is based on no team version.
      await this.db.syncMeta.bulkDelete(
        [...refused, ...superseded]
          .filter((refusal) => refusal.kept && TABLE_MERGE[refusal.table] === 'replace')
          .map((refusal) => versionKey(refusal.table, refusal.id)),
      );
      await renumberOutbox(this.db, answer.lastMid + 1);
      await this.keepRejected([...refused, ...superseded]);
      if (skipped.length > 0) await this.keepSkipped(skipped);
      await applyServerRows(this.db, serverRows, applied);
    });
  }

  /**
   * Unsent saves of a rules row the server just refused were made on the refused version: they
   * would overwrite whoever saved in between. Their whole local transactions are dropped and
   * listed as refused with it. Not after the role's refusal ("forbidden") of a row the team
   * never had (kept on the desk): a later save of it overwrites no one's, and sent, it is
   * refused in turn, and a team row saved with it comes back as the team's version rather than
   * keeping the desk's edit. A later save of a team row the role refused is still dropped: once
   * the agent is promoted it would overwrite whoever saved in between.
   */
  private async dropBuiltOnRefused(
    refused: readonly RejectedChange[],
    at: number,
  ): Promise<RejectedChange[]> {
    const refusedRows = new Map(
      refused
        .filter(
          (rejection) =>
            TABLE_MERGE[rejection.table] === 'replace' &&
            !(rejection.code === 'forbidden' && rejection.kept),
        )
        .map((rejection) => [rowKey(rejection.table, rejection.id), rejection]),
    );
    if (refusedRows.size === 0) return [];
    const pending = await this.db.outbox.orderBy('mid').toArray();
    const cause = new Map<number, RejectedChange>();
    for (const row of pending) {
      const rejection = refusedRows.get(rowKey(row.table, row.id));
      if (rejection && TABLE_MERGE[row.table] === 'replace' && !cause.has(row.tx)) {
        cause.set(row.tx, rejection);
      }
    }
    const dropped = pending.filter((row) => cause.has(row.tx));
    await this.db.outbox.bulkDelete(dropped.map((row) => row.mid));
    return dropped.map((row) => {
      const rejection = cause.get(row.tx)!;
      const noun = TABLE_NOUN[rejection.table];
      const replaced = rejection.code === 'superseded';
      return {
        mid: row.mid,
        table: row.table,
        id: row.id,
        // Saves made on a row the desk keeps are kept with it: the desk shows the last of them.
        // Other rows of their transactions are not (a team row is the team's).
        ...(refusedRows.get(rowKey(row.table, row.id))?.kept ? { kept: true as const } : {}),
        code: replaced ? 'stale' : rejection.code,
        reason: replaced
          ? `Not sent: it was made on this desk's own copy of the ${noun} "${rejection.id}", which the team's version replaced when this desk joined. Make the change again on the team's version.`
          : `Not sent: it was made on your earlier change to the ${noun} "${rejection.id}", which the server refused.`,
        at,
        serverRow: null,
      };
    });
  }

  private async pull(
    space: SyncSpace,
    generation: number,
    applied: AppliedChanges,
    skipped: SkippedChange[],
  ): Promise<void> {
    let after = await this.readCursor();
    for (;;) {
      const answer = await this.authorized((api, token) =>
        api.pull(token, space.id, after, MAX_PULL_LIMIT),
      );
      if (answer.cursor < after) {
        throw new SyncAnswerError(
          `The sync server went back to version ${answer.cursor} after ${after}; nothing was applied.`,
        );
      }
      const at = this.now();
      const rows: ServerRow[] = [];
      const unread: SkippedChange[] = [];
      for (const change of answer.changes) {
        const read = readServerRow(change);
        if (read.ok) rows.push(read.change);
        else unread.push({ table: read.table, id: read.id, problem: read.problem, at });
      }
      let latest: Hlc | undefined;
      for (const row of rows) if (compareHlc(row.hlc, latest) > 0) latest = row.hlc;
      await this.inRemoteTransaction(generation, async () => {
        await applyServerRows(this.db, rows, applied);
        await receiveClock(this.db, latest, at);
        if (unread.length > 0) await this.keepSkipped(unread);
        await this.db.syncMeta.put({ key: CURSOR_KEY, value: answer.cursor });
      });
      skipped.push(...unread);
      this.cursor = answer.cursor;
      if (!answer.more) return;
      if (answer.cursor === after) {
        throw new SyncAnswerError('The sync server said more changes were waiting but sent none.');
      }
      after = answer.cursor;
    }
  }

  /** A transaction over everything a server row touches, whose writes are not recorded. */
  private inRemoteTransaction(generation: number, work: () => Promise<void>): Promise<void> {
    const tables = [
      ...SYNC_TABLES.map((table) => this.db.table(table)),
      this.db.outbox,
      this.db.syncMeta,
      this.db.ticketSla,
    ];
    return this.db.transaction('rw', tables, async (tx) => {
      this.check(generation);
      this.db.syncRecorder.markRemote(tx);
      await work();
    });
  }

  private check(generation: number): void {
    if (generation !== this.generation) throw new SupersededError('Sync was stopped meanwhile.');
  }

  private async keepRejected(refused: readonly RejectedChange[]): Promise<void> {
    if (refused.length === 0) return;
    const stored = (await this.db.syncMeta.get(REJECTED_KEY))?.value;
    const kept = [...(Array.isArray(stored) ? (stored as RejectedChange[]) : []), ...refused].slice(
      -MAX_KEPT,
    );
    await this.db.syncMeta.put({ key: REJECTED_KEY, value: kept });
    this.set({ rejected: kept });
  }

  private async keepSkipped(skipped: readonly SkippedChange[]): Promise<void> {
    const stored = (await this.db.syncMeta.get(SKIPPED_KEY))?.value;
    const kept = [...(Array.isArray(stored) ? (stored as SkippedChange[]) : []), ...skipped].slice(
      -MAX_KEPT,
    );
    await this.db.syncMeta.put({ key: SKIPPED_KEY, value: kept });
    this.set({ skipped: kept });
  }

  private async readCursor(): Promise<number> {
    const value = (await this.db.syncMeta.get(CURSOR_KEY))?.value;
    this.cursor = typeof value === 'number' && Number.isSafeInteger(value) ? value : 0;
    return this.cursor;
  }

  /**
   * Queues every existing row of the synced tables the account may write, whole, as fills: the
   * team gets what it lacks, and keeps its own copy of everything it has (see FILL_WALL).
   */
  private async queueExistingRows(generation: number, role: AccountRole): Promise<void> {
    const tables = SYNC_TABLES.filter((table) => writeRefusal(role, table, 'put') === null);
    const counts = await Promise.all(tables.map((table) => this.db.table(table).count()));
    const total = counts.reduce((sum, count) => sum + count, 0);
    let done = 0;
    this.set({ progress: { done, total } });
    for (const name of tables) {
      const table = this.db.table<object, string>(name);
      let last: string | undefined;
      for (;;) {
        const queued = await this.db.transaction(
          'rw',
          [table, this.db.outbox, this.db.syncMeta],
          async (tx) => {
            this.check(generation);
            this.db.syncRecorder.markWholeRows(tx);
            const from = last === undefined ? table.toCollection() : table.where(':id').above(last);
            const keys = await from.limit(QUEUE_BATCH).primaryKeys();
            if (keys.length === 0) return 0;
            const rows = await table.bulkGet(keys);
            await table.bulkPut(rows.filter((row) => row !== undefined));
            last = keys[keys.length - 1];
            return keys.length;
          },
        );
        done += queued;
        this.set({ progress: { done: Math.min(done, total), total } });
        if (queued < QUEUE_BATCH) break;
      }
    }
    this.set({ progress: undefined });
  }

  /** Turns sync off: the outbox and everything of the space forgotten, the desk kept. */
  private async forget(): Promise<void> {
    this.generation += 1;
    await setSyncRecording(this.db, false);
    await this.db.transaction('rw', this.db.outbox, this.db.syncMeta, async () => {
      await this.db.outbox.clear();
      await this.db.syncMeta.clear();
      await this.db.syncMeta.put({ key: RECORDING_KEY, value: false });
    });
    this.connection = undefined;
    this.cursor = 0;
    this.set({ ...INITIAL_SYNC_STATE, pending: 0 });
  }

  /** Reads the stored connection, refusals and last sync time into the state (while `current`). */
  private async load(current: () => boolean): Promise<void> {
    const [connection, lastSyncAt, rejected, skipped] = await this.db.syncMeta.bulkGet([
      CONNECTION_KEY,
      LAST_SYNC_KEY,
      REJECTED_KEY,
      SKIPPED_KEY,
    ]);
    const pending = await this.db.outbox.count();
    if (!current()) return;
    const parsed = ConnectionSchema.safeParse(connection?.value);
    this.connection = parsed.success ? parsed.data : undefined;
    if (!this.connection?.space && this.db.syncRecorder.recording && !this.joining) {
      // A join that never finished: nothing of it is worth keeping.
      await this.forget();
      return;
    }
    this.set({
      serverUrl: this.connection?.serverUrl ?? this.account?.serverUrl,
      user: this.connection?.user ?? this.account?.user,
      space: this.connection?.space,
      lastSyncAt: typeof lastSyncAt?.value === 'number' ? lastSyncAt.value : undefined,
      rejected: Array.isArray(rejected?.value) ? (rejected.value as RejectedChange[]) : [],
      skipped: Array.isArray(skipped?.value) ? (skipped.value as SkippedChange[]) : [],
      pending,
    });
  }

  /** Timers, the socket and the `online` listener: syncing in the background. */
  private run(): void {
    if (this.running || !this.autoSync) return;
    this.running = true;
    this.attempts = 0;
    this.pollTimer = setInterval(() => {
      if (this.store.getState().status === 'online') void this.syncNow();
    }, this.pollMs);
    this.onlineEvents?.addEventListener('online', this.backOnline);
    void this.syncNow().then(() => this.openSocket());
  }

  /** Stops the background work and the requests in flight. */
  private halt(): void {
    this.running = false;
    this.generation += 1;
    this.lifetime.abort();
    this.lifetime = new AbortController();
    clearTimeout(this.retryTimer);
    clearTimeout(this.liveTimer);
    clearTimeout(this.pushTimer);
    clearInterval(this.pollTimer);
    this.onlineEvents?.removeEventListener('online', this.backOnline);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000, 'The desk stopped syncing.');
  }

  /** Keeps `pending` current, and pushes soon after a local change while online. */
  private watchOutbox(): void {
    if (this.outboxWatch) return;
    let last = this.store.getState().pending;
    this.outboxWatch = liveQuery(() => this.db.outbox.count()).subscribe({
      next: (pending) => {
        this.set({ pending });
        if (pending > last && this.running && this.store.getState().status === 'online') {
          clearTimeout(this.pushTimer);
          this.pushTimer = setTimeout(() => void this.syncNow(), this.pushDelayMs);
        }
        last = pending;
      },
      error: () => undefined,
    });
  }

  /** Whether the computer says it has no network at all. */
  private networkDown(): boolean {
    return this.onlineEvents?.navigator?.onLine === false;
  }

  private async openSocket(): Promise<void> {
    const space = this.connection?.space;
    if (!this.Socket || !this.running || this.socket || !space || this.networkDown()) return;
    let token: string;
    try {
      token = await this.accessToken();
    } catch (error) {
      if (error instanceof SignedOutError) this.failed(error, this.generation);
      else this.reopenSocketLater();
      return;
    }
    if (!this.running || this.socket) return;
    const socket = new this.Socket(this.api().liveUrl(space.id, token));
    this.socket = socket;
    socket.addEventListener('open', () => {
      // Back after a drop: what changed meanwhile is pulled now.
      if (this.liveAttempts > 0) void this.syncNow();
      this.liveAttempts = 0;
    });
    socket.addEventListener('message', (event) => {
      const data = 'data' in event ? event.data : undefined;
      if (typeof data !== 'string') return;
      let message: unknown;
      try {
        message = JSON.parse(data);
      } catch {
        return;
      }
      const poke = PokeSchema.safeParse(message);
      if (poke.success && poke.data.version > this.cursor) void this.syncNow();
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (!this.running) return;
      const code = 'code' in event && typeof event.code === 'number' ? event.code : 0;
      // 4401: the access token was refused; the next attempt refreshes it first.
      if (code === 4401) this.access = undefined;
      if (code === 4403) {
        const reason = 'reason' in event && typeof event.reason === 'string' ? event.reason : '';
        this.set({
          status: 'error',
          error: reason || 'This account is no longer a member of the space; ask an admin.',
        });
      }
      this.reopenSocketLater();
    });
    socket.addEventListener('error', () => undefined);
  }

  private reopenSocketLater(): void {
    if (!this.running) return;
    const delay = Math.min(this.maxRetryMs, this.firstRetryMs * 2 ** this.liveAttempts);
    this.liveAttempts += 1;
    clearTimeout(this.liveTimer);
    this.liveTimer = setTimeout(() => void this.openSocket(), delay);
  }

  /** Calls the server with an access token; on a 401 refreshes once, then asks to sign in. */
  private async authorized<T>(call: (api: SyncApi, token: string) => Promise<T>): Promise<T> {
    const api = this.api();
    try {
      return await call(api, await this.accessToken());
    } catch (error) {
      if (!(error instanceof SyncServerError) || error.status !== 401) throw error;
    }
    this.access = undefined;
    const token = await this.accessToken();
    try {
      return await call(api, token);
    } catch (error) {
      if (error instanceof SyncServerError && error.status === 401) {
        throw new SignedOutError(`${error.message} Sign in again to sync.`);
      }
      throw error;
    }
  }

  private accessToken(): Promise<string> {
    if (this.access && this.access.expiresAt - EXPIRY_MARGIN_MS > this.now()) {
      return Promise.resolve(this.access.token);
    }
    this.refreshing ??= this.refreshSession().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** A new session from the refresh token (which the server replaces with a new one). */
  private async refreshSession(): Promise<string> {
    const serverUrl = this.account?.serverUrl ?? this.connection?.serverUrl;
    if (!serverUrl) throw new SignedOutError('Sign in to sync with your team again.');
    const outcome = await this.sessions.refresh(serverUrl);
    if (!outcome.ok) {
      // A refused refresh (the sign-in has ended) was forgotten by whoever kept it.
      if (outcome.kind === 'server' && outcome.status === 401) {
        throw new SignedOutError(`${outcome.message} Sign in again to sync.`);
      }
      throw sessionError(outcome);
    }
    await this.keepSession(outcome.session, serverUrl);
    return outcome.session.accessToken;
  }

  private async keepSession(session: DeskSession, serverUrl: string): Promise<void> {
    // Expiry on this desk's clock: a desk whose clock is half an hour off still keeps its token
    // for as long as the server gives it, rather than refreshing before every request.
    const now = this.now();
    const lifetime = session.accessExpiresAt - (session.serverTime ?? now);
    this.access = { token: session.accessToken, expiresAt: now + lifetime };
    this.account = { serverUrl, user: session.user };
    const connection = this.connection;
    if (
      connection?.serverUrl === serverUrl &&
      connection.user.id === session.user.id &&
      JSON.stringify(connection.user) !== JSON.stringify(session.user)
    ) {
      this.connection = { ...connection, user: session.user };
      await this.db.syncMeta.put({ key: CONNECTION_KEY, value: this.connection });
    }
    this.set({ tokenKept: session.kept, user: session.user });
  }

  private api(): SyncApi {
    const serverUrl = this.account?.serverUrl ?? this.connection?.serverUrl;
    if (!serverUrl) throw new SignedOutError('Sign in to sync with your team.');
    return this.apiFor(serverUrl);
  }

  private apiFor(serverUrl: string): SyncApi {
    return new SyncApi(serverUrl, this.fetch, this.timeoutMs, this.lifetime.signal);
  }

  private set(patch: Partial<SyncState>): void {
    this.store.setState(patch);
  }
}
