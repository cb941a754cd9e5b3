import { z } from 'zod';
import { hlcWall, isHlc, type Hlc } from './hlc';
import { unstorable } from './storable';

/**
 * The sync protocol between a desk and the team server (version 2: answers may say a change was
 * `superseded`, pulls carry the rows' clocks, fills). Every message carries `protocol`; a server
 * refuses a version it does not speak with a message saying so.
 */
export const SYNC_PROTOCOL_VERSION = 2;

/**
 * How many mutations a desk puts in one push, unless one local transaction is longer: a
 * transaction is never split below MAX_TX_MUTATIONS, the most one push may carry.
 */
export const MAX_PUSH_MUTATIONS = 500;
export const MAX_TX_MUTATIONS = 5000;
/** The most changes one pull page returns. */
export const MAX_PULL_LIMIT = 1000;

/**
 * The wall time of a "fill": a row a desk already held when it joined a space, sent so the team
 * gets what it lacks. A fill never overwrites anything the server has (a field, a deletion, a
 * rules row, a log entry): the team's copy wins and is sent back to the desk.
 */
export const FILL_WALL = 0;

/** Whether a mutation's clock marks it as a fill (see FILL_WALL). */
export function isFill(hlc: Hlc): boolean {
  return hlcWall(hlc) === FILL_WALL;
}

/** The desk tables that sync. Settings, views, drafts, caches and rule history stay local. */
export const SYNC_TABLES = [
  'tickets',
  'events',
  'customers',
  'teams',
  'people',
  'templates',
  'firedAlerts',
  'matrices',
  'policies',
  'calendars',
] as const;
export type SyncTable = (typeof SYNC_TABLES)[number];

/**
 * How a table's concurrent changes are merged:
 * - `fields`: last writer wins per field, by HLC (ticket status must also pass the lifecycle);
 * - `insert_only`: a row is written once; the same id with other content is refused;
 * - `replace`: the whole row is replaced, guarded by the row version the change was based on.
 */
export type MergeKind = 'fields' | 'insert_only' | 'replace';

export const TABLE_MERGE: Readonly<Record<SyncTable, MergeKind>> = {
  tickets: 'fields',
  customers: 'fields',
  teams: 'fields',
  people: 'fields',
  templates: 'fields',
  firedAlerts: 'fields',
  events: 'insert_only',
  matrices: 'replace',
  policies: 'replace',
  calendars: 'replace',
};

/** The primary key field of each synced table, as the desk stores rows. */
export const TABLE_KEY: Readonly<Record<SyncTable, string>> = {
  tickets: 'id',
  events: 'id',
  customers: 'id',
  teams: 'id',
  people: 'id',
  templates: 'id',
  firedAlerts: 'key',
  matrices: 'id',
  policies: 'id',
  calendars: 'id',
};

/** How people read each table's rows in messages. */
export const TABLE_NOUN: Readonly<Record<SyncTable, string>> = {
  tickets: 'ticket',
  events: 'activity-log entry',
  customers: 'customer',
  teams: 'team',
  people: 'person',
  templates: 'template',
  firedAlerts: 'alert',
  matrices: 'escalation matrix',
  policies: 'SLA policy',
  calendars: 'business calendar',
};

/** A client or space id: letters, digits, "_" and "-". */
export const SyncIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "_" or "-"');

const RowIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine(
    (id) => unstorable(id, 'id') === null,
    'contains a character the server cannot store (NUL or a lone UTF-16 surrogate)',
  );
const HlcSchema = z.string().refine(isHlc, 'is not a hybrid logical clock value');
const ChangesSchema = z.record(z.string(), z.unknown());

/**
 * One local change. `changes` holds, for a `fields` table, only the fields that changed (`null`
 * means the field was removed); for the other kinds, the whole row. `tx` groups the mutations of
 * one local transaction: the server applies or refuses them together. `baseVersion` (replace
 * tables) is the server row version the change was made on, 0 for a new row.
 */
export const MutationSchema = z.strictObject({
  mid: z.number().int().positive(),
  tx: z.number().int().nonnegative(),
  hlc: HlcSchema,
  table: z.enum(SYNC_TABLES),
  op: z.enum(['put', 'delete']),
  id: RowIdSchema,
  changes: ChangesSchema,
  baseVersion: z.number().int().nonnegative().optional(),
});
export type Mutation = z.infer<typeof MutationSchema>;

/** POST /v1/spaces/:spaceId/push. Mutations are in `mid` order, each `mid` one more than the last. */
export const PushRequestSchema = z.strictObject({
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
  clientId: SyncIdSchema,
  spaceId: SyncIdSchema,
  mutations: z.array(MutationSchema).max(MAX_TX_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

/** A row as the server holds it, sent in pulls and with refusals; `row` is null once deleted. */
export interface SyncChange {
  table: SyncTable;
  id: string;
  /** The space version of the row's last change (the pull cursor counts these). */
  version: number;
  /** How many times the row has changed; replace tables guard saves with it. */
  rowVersion: number;
  deleted: boolean;
  row: Record<string, unknown> | null;
  /** The latest clock among the row's fields (`fields` tables): desks move their clocks past it. */
  hlc?: Hlc;
}

/**
 * Why the server refused a mutation. `superseded` is not a refusal: the change was applied, but
 * another desk's later change to the row won for some of it (or the desk's fill met the team's
 * copy), so the desk must take the server's row to stay equal to it. Desks apply it quietly.
 */
export type RejectionCode =
  'forbidden' | 'stale' | 'transition' | 'conflict' | 'invalid' | 'superseded';

/** The rejection codes, for checking answers. */
export const REJECTION_CODES: readonly RejectionCode[] = [
  'forbidden',
  'stale',
  'transition',
  'conflict',
  'invalid',
  'superseded',
];

/** A refused (or superseded) mutation, with a sentence for people and the server's row. */
export interface Rejection {
  mid: number;
  table: SyncTable;
  id: string;
  code: RejectionCode;
  reason: string;
  serverRow: SyncChange | null;
}

/** The answer to a push: the last `mid` now applied (repeats included) and what was refused. */
export interface PushResponse {
  protocol: typeof SYNC_PROTOCOL_VERSION;
  lastMid: number;
  /** The space's version after the push. */
  version: number;
  rejected: Rejection[];
}

/** The answer to GET /v1/spaces/:spaceId/pull?after=N&limit=M: changes after version N. */
export interface PullResponse {
  protocol: typeof SYNC_PROTOCOL_VERSION;
  changes: SyncChange[];
  /** The version to pull after next time. */
  cursor: number;
  /** Whether more changes are waiting after `cursor`. */
  more: boolean;
}

/** The pull query, validated. */
export const PullQuerySchema = z.strictObject({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(MAX_PULL_LIMIT).default(MAX_PULL_LIMIT),
});

/** A WebSocket message from the server: something changed in the space; pull. */
export interface SyncPoke {
  type: 'poke';
  version: number;
}

/** The first problem in a zod error, as one readable sentence naming the field. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `${path}: ${issue.message}`;
}
