import Dexie, {
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type DBCoreTransaction,
  type Middleware,
  type Transaction,
} from 'dexie';
import {
  FILL_WALL,
  formatHlc,
  hlcWall,
  MAX_CLOCK_AHEAD_MS,
  receiveHlc,
  sameJson,
  SYNC_TABLES,
  TABLE_MERGE,
  tickHlc,
  type Hlc,
  type Mutation,
  type SyncTable,
} from '@core/index';
import type { DeskDatabase, OutboxRow, SyncMetaRow } from './database';

/**
 * The sync outbox: while team sync is on, a Dexie middleware records every change to the synced
 * tables as a `Mutation` row of `outbox`, in the same IndexedDB transaction as the change (an
 * aborted change leaves no row). While sync is off, writes pass straight through.
 */

const OUTBOX = 'outbox';
const SYNC_META = 'syncMeta';

/** The `syncMeta` key of the client's identity and counters (a ClientState). */
export const CLIENT_STATE_KEY = 'client';
/** The `syncMeta` key of the recording flag (true while team sync is on). */
export const RECORDING_KEY = 'recording';

/** The `syncMeta` key of the server row version a replace-table row is based on. */
export function versionKey(table: SyncTable, id: string): string {
  return `v:${table}/${id}`;
}

/** The prefix of every `versionKey`. */
export const VERSION_KEY_PREFIX = 'v:';

/** Who this desk is to the server, and its counters: the next `mid` and `tx`, the last HLC. */
export interface ClientState {
  clientId: string;
  nextMid: number;
  nextTx: number;
  lastHlc?: Hlc;
}

/** A new client identity with counters at their start. */
export function newClientState(): ClientState {
  return { clientId: crypto.randomUUID().replaceAll('-', ''), nextMid: 1, nextTx: 1 };
}

/**
 * The clock's last value to count on from at wall time `now`: dropped when it is further ahead
 * than the server accepts (the computer's clock was once wrong and has been put right), or
 * every change would be refused as coming from the future.
 */
export function usableLastHlc(lastHlc: Hlc | undefined, now: number): Hlc | undefined {
  return lastHlc !== undefined && hlcWall(lastHlc) > now + MAX_CLOCK_AHEAD_MS ? undefined : lastHlc;
}

/**
 * Moves the desk's clock past a clock seen on the server (the latest of a pull), so this desk's
 * next change wins over every change it has seen even when its own clock is slow. Runs in the
 * caller's transaction over `syncMeta`.
 */
export async function receiveClock(
  database: DeskDatabase,
  seen: Hlc | undefined,
  now: number,
): Promise<void> {
  if (seen === undefined || hlcWall(seen) > now + MAX_CLOCK_AHEAD_MS) return;
  const state = await readClientState(database);
  if (!state) return;
  const last = usableLastHlc(state.lastHlc, now);
  const next = receiveHlc(last, seen, now, state.clientId);
  if (last !== undefined && next <= last) return;
  await database.syncMeta.put({ key: CLIENT_STATE_KEY, value: { ...state, lastHlc: next } });
}

/** Whether a stored value is a client state. */
export function isClientState(value: unknown): value is ClientState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Partial<ClientState>;
  return (
    typeof state.clientId === 'string' &&
    Number.isSafeInteger(state.nextMid) &&
    Number.isSafeInteger(state.nextTx) &&
    (state.lastHlc === undefined || typeof state.lastHlc === 'string')
  );
}

const SYNCED: ReadonlySet<string> = new Set(SYNC_TABLES);

/** Whether a table's rows sync. */
export function isSyncTable(name: string): name is SyncTable {
  return SYNCED.has(name);
}

/** A recorded change before it is numbered. */
type Draft = Pick<Mutation, 'table' | 'op' | 'id' | 'changes'>;

/** The top-level fields of a row that have a value (JSON has no `undefined`). */
function definedFields(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
}

/**
 * The fields of `after` that differ from `before`; a field `before` had and `after` lacks is
 * null (removed). Null when nothing changed.
 */
export function fieldChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> | null {
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(after)) {
    if (value !== undefined && !sameJson(before[field], value)) changes[field] = value;
  }
  for (const [field, value] of Object.entries(before)) {
    if (value !== undefined && after[field] === undefined) changes[field] = null;
  }
  return Object.keys(changes).length > 0 ? changes : null;
}

/** The mutation a put records: the changed fields, or the whole row; null when nothing changed. */
function putDraft(table: SyncTable, id: string, before: unknown, after: unknown): Draft | null {
  if (typeof after !== 'object' || after === null) return null;
  if (before !== undefined && sameJson(before, after)) return null;
  if (TABLE_MERGE[table] === 'fields' && typeof before === 'object' && before !== null) {
    const changes = fieldChanges(
      before as Record<string, unknown>,
      after as Record<string, unknown>,
    );
    return changes ? { table, op: 'put', id, changes } : null;
  }
  return { table, op: 'put', id, changes: definedFields(after) };
}

/** What the recorder keeps about one readwrite transaction that touches synced tables. */
interface TransactionLog {
  /** The transaction's recorded writes, one after another (each reads what the last wrote). */
  queue: Promise<unknown>;
  /** The client state, read once per transaction and counted on in memory. */
  state?: Promise<ClientState>;
  /** The `tx` number of the transaction's mutations, taken at its first recorded change. */
  tx?: number;
  /** The local versions of replace rows, as this transaction leaves them. */
  versions: Map<string, number>;
}

/**
 * The outbox middleware of one database, and the switch it follows. Also marks transactions
 * whose writes must not be recorded (the sync engine applying the server's rows) and those that
 * record whole rows (the engine queueing a desk's existing rows when it joins a space).
 */
export class OutboxRecorder {
  private on = false;
  /** Counts switch flips, so a stored flag read before a flip does not undo it. */
  private flips = 0;
  private readonly logs = new WeakMap<DBCoreTransaction, TransactionLog>();
  private readonly remote = new WeakSet<object>();
  private readonly whole = new WeakSet<object>();
  /** The wall clock the recorded changes' HLCs follow. */
  now: () => number = () => Date.now();

  /** The Dexie DBCore middleware; DeskDatabase installs it on every instance. */
  readonly middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'outbox',
    create: (down) => this.create(down),
  };

  /** Whether changes are being recorded. */
  get recording(): boolean {
    return this.on;
  }

  /** Turns recording on or off in this window or worker (see setSyncRecording to keep it). */
  setRecording(on: boolean): void {
    this.on = on;
    this.flips += 1;
  }

  /** Follows the stored flag, unless the switch was flipped while it was being read. */
  async follow(read: () => Promise<boolean>): Promise<void> {
    const flips = this.flips;
    const on = await read();
    if (flips === this.flips) this.on = on;
  }

  /** Marks a transaction whose writes come from the server: nothing in it is recorded. */
  markRemote(tx: Transaction): void {
    this.remote.add(tx.idbtrans);
  }

  /** Marks a transaction whose puts are recorded as whole new rows, changed or not. */
  markWholeRows(tx: Transaction): void {
    this.whole.add(tx.idbtrans);
  }

  private create(down: DBCore): DBCore {
    return {
      ...down,
      transaction: (stores, mode, options) => {
        if (mode !== 'readwrite' || !this.on || !stores.some(isSyncTable)) {
          return down.transaction(stores, mode, options);
        }
        // The outbox rows and counters are written in the same transaction as the change.
        const widened = [...new Set([...stores, OUTBOX, SYNC_META])];
        const trans = down.transaction(widened, mode, options);
        this.logs.set(trans, { queue: Dexie.Promise.resolve(), versions: new Map() });
        return trans;
      },
      table: (name) => {
        const table = down.table(name);
        if (!isSyncTable(name)) return table;
        return { ...table, mutate: (req) => this.mutate(down, name, table, req) };
      },
    };
  }

  private mutate(
    down: DBCore,
    name: SyncTable,
    table: DBCoreTable,
    req: DBCoreMutateRequest,
  ): Promise<DBCoreMutateResponse> {
    const log = this.logs.get(req.trans);
    if (!log || this.remote.has(req.trans)) return table.mutate(req);
    const run = log.queue.then(() => this.record(down, name, table, req, log));
    log.queue = run.catch(() => undefined);
    return run;
  }

  // The steps below chain Dexie's own promises (`then`, never a native `await`): Dexie's lower
  // layers read the transaction from the zone its promises carry, which a native await loses.

  /** Reads the rows a change touches, makes it, and records what it changed. */
  private record(
    down: DBCore,
    name: SyncTable,
    table: DBCoreTable,
    req: DBCoreMutateRequest,
    log: TransactionLog,
  ): Promise<DBCoreMutateResponse> {
    const { trans } = req;
    const whole = this.whole.has(trans);
    // The rows as they were: to diff a put against, and to know a deleted key existed (a range
    // delete's keys were just read, and whole-row puts diff against nothing).
    const compares = req.type === 'delete' || (req.type !== 'deleteRange' && !whole);
    return this.keysOf(table, req).then((keys) =>
      (compares && keys.length > 0 ? table.getMany({ trans, keys }) : Dexie.Promise.resolve([]))
        .then((before: unknown[]) => table.mutate(req).then((response) => ({ before, response })))
        .then(({ before, response }) => {
          const drafts: Draft[] = [];
          keys.forEach((key, index) => {
            if (typeof key !== 'string' || response.failures[index]) return;
            if (req.type === 'add' || req.type === 'put') {
              const draft = putDraft(name, key, before[index], req.values[index]);
              if (draft) drafts.push(draft);
            } else if (req.type === 'deleteRange' || before[index] !== undefined) {
              drafts.push({ table: name, op: 'delete', id: key, changes: {} });
            }
          });
          return drafts.length > 0
            ? this.append(down, trans, log, drafts).then(() => response)
            : response;
        }),
    );
  }

  /** The primary keys a change touches (a range delete's are read first). */
  private keysOf(table: DBCoreTable, req: DBCoreMutateRequest): Promise<unknown[]> {
    if (req.type === 'add' || req.type === 'put') {
      const extractKey = table.schema.primaryKey.extractKey;
      const keys = req.keys ?? (extractKey ? req.values.map((value) => extractKey(value)) : []);
      return Dexie.Promise.resolve(keys);
    }
    if (req.type === 'delete') return Dexie.Promise.resolve(req.keys);
    return table
      .query({
        trans: req.trans,
        query: { index: table.schema.primaryKey, range: req.range },
        values: false,
      })
      .then((found) => found.result);
  }

  /** Numbers the drafts (mid, tx, HLC, base version) and writes them with the new counters. */
  private append(
    down: DBCore,
    trans: DBCoreTransaction,
    log: TransactionLog,
    drafts: readonly Draft[],
  ): Promise<void> {
    const meta = down.table(SYNC_META);
    log.state ??= meta
      .get({ trans, key: CLIENT_STATE_KEY })
      .then((row?: SyncMetaRow) =>
        isClientState(row?.value) ? { ...row.value } : newClientState(),
      );
    const unread = [
      ...new Set(
        drafts
          .filter((draft) => TABLE_MERGE[draft.table] === 'replace')
          .map((draft) => versionKey(draft.table, draft.id))
          .filter((key) => !log.versions.has(key)),
      ),
    ];
    const versionsRead =
      unread.length > 0
        ? meta.getMany({ trans, keys: unread }).then((stored: (SyncMetaRow | undefined)[]) => {
            unread.forEach((key, index) => {
              const value = stored[index]?.value;
              log.versions.set(key, typeof value === 'number' ? value : 0);
            });
          })
        : Dexie.Promise.resolve();
    return versionsRead
      .then(() => log.state!)
      .then((state) => {
        // Rows queued whole when joining a space are fills, each its own transaction: one the
        // server turns down (or that meets the team's copy) takes no other row with it.
        const fill = this.whole.has(trans);
        if (log.tx === undefined && !fill) {
          log.tx = state.nextTx;
          state.nextTx += 1;
        }
        const versions = new Map<string, number>();
        const rows = drafts.map((draft): OutboxRow => {
          let tx: number;
          let hlc: Hlc;
          if (fill) {
            tx = state.nextTx;
            state.nextTx += 1;
            hlc = formatHlc({ wall: FILL_WALL, counter: 0, node: state.clientId });
          } else {
            tx = log.tx!;
            const now = this.now();
            hlc = tickHlc(usableLastHlc(state.lastHlc, now), now, state.clientId);
            state.lastHlc = hlc;
          }
          const row: OutboxRow = { mid: state.nextMid, tx, hlc, ...draft };
          state.nextMid += 1;
          if (TABLE_MERGE[draft.table] === 'replace') {
            // Based on the version this desk has; a second save before a sync builds on the first.
            // Removing a row the team never had (version 0) leaves the server as it was: a put
            // after it in the same save ("remove and put every row") is based on 0 too.
            const key = versionKey(draft.table, draft.id);
            const base = log.versions.get(key) ?? 0;
            row.baseVersion = base;
            const next = draft.op === 'delete' && base === 0 ? 0 : base + 1;
            log.versions.set(key, next);
            versions.set(key, next);
          }
          return row;
        });
        return Dexie.Promise.all([
          down.table(OUTBOX).mutate({ trans, type: 'add', values: rows }),
          meta.mutate({
            trans,
            type: 'put',
            values: [
              { key: CLIENT_STATE_KEY, value: { ...state } },
              ...[...versions].map(([key, value]) => ({ key, value })),
            ],
          }),
        ]);
      })
      .then((written) => {
        const failure = written.find((response) => response.numFailures > 0);
        if (failure) {
          // The change must not stand without its outbox rows: failing aborts the transaction.
          throw (
            Object.values(failure.failures)[0] ?? new Error('The change could not be recorded.')
          );
        }
      });
  }
}

/**
 * Keeps a database's recorder in step with the stored flag: read when the database opens, and
 * again whenever `syncMeta` changes in any window or worker (Dexie broadcasts changes), so a
 * worker's writes are recorded once sync is turned on in the window.
 */
export function followRecordingFlag(database: Dexie, recorder: OutboxRecorder): void {
  const read = async (from: Dexie = database): Promise<boolean> => {
    const row = (await from.table(SYNC_META).get(RECORDING_KEY)) as SyncMetaRow | undefined;
    return row?.value === true;
  };
  database.on(
    'ready',
    (vip: Dexie) => recorder.follow(() => read(vip)).catch(() => undefined),
    true,
  );
  const prefix = `idb://${database.name}/${SYNC_META}/`;
  Dexie.on('storagemutated', (parts) => {
    if (!database.isOpen() || !Object.keys(parts).some((key) => key.startsWith(prefix))) return;
    void recorder.follow(() => read()).catch(() => undefined);
  });
}

/** Turns recording on or off in this window and for every window and worker, now and later. */
export async function setSyncRecording(database: DeskDatabase, on: boolean): Promise<void> {
  // Stored first: opening the database reads the stored flag, which must not undo this one.
  await database.syncMeta.put({ key: RECORDING_KEY, value: on });
  database.syncRecorder.setRecording(on);
}

/** The client state as stored, or undefined before the first recorded change. */
export async function readClientState(database: DeskDatabase): Promise<ClientState | undefined> {
  const row = await database.syncMeta.get(CLIENT_STATE_KEY);
  return isClientState(row?.value) ? row.value : undefined;
}

/**
 * Gives the rows still in the outbox consecutive mids from `firstMid` (the next one the server
 * expects) and counts on from there. Only unsent rows may be renumbered; the caller runs this
 * in a transaction over `outbox` and `syncMeta`.
 */
export async function renumberOutbox(database: DeskDatabase, firstMid: number): Promise<void> {
  const rows = await database.outbox.orderBy('mid').toArray();
  const state = (await readClientState(database)) ?? newClientState();
  const nextMid = firstMid + rows.length;
  if (rows.every((row, index) => row.mid === firstMid + index) && state.nextMid === nextMid) return;
  if (rows.some((row, index) => row.mid !== firstMid + index)) {
    await database.outbox.clear();
    await database.outbox.bulkAdd(rows.map((row, index) => ({ ...row, mid: firstMid + index })));
  }
  await database.syncMeta.put({ key: CLIENT_STATE_KEY, value: { ...state, nextMid } });
}
