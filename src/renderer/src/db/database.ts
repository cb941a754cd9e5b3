import Dexie, { type EntityTable } from 'dexie';
import type {
  BusinessCalendar,
  Customer,
  DeskEvent,
  DeskTimerKind,
  EscalationMatrix,
  Mutation,
  Person,
  SlaPolicy,
  RiskSignals,
  SlaSummary,
  SlaTargetName,
  Team,
  Ticket,
} from '@core/index';
import { followRecordingFlag, OutboxRecorder } from './outbox';

/** One key/value row of the desk's settings (theme, preferences). */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** A business calendar as stored, with its id and display name. */
export interface CalendarRow {
  id: string;
  name: string;
  calendar: BusinessCalendar;
  updatedAt: number;
}

/** An SLA policy as stored; `order` is its place in the first-match-wins list. */
export interface PolicyRow {
  id: string;
  order: number;
  policy: SlaPolicy;
  updatedAt: number;
}

/** The escalation matrix as stored (one active matrix, id "active"), with its version. */
export interface MatrixRow {
  id: string;
  version: number;
  matrix: EscalationMatrix;
  updatedAt: number;
}

/** Which rules a history version belongs to. */
export type RuleKind = 'matrix' | 'policies' | 'calendar';

/** The rules a version holds: the whole matrix, the whole ordered policy list, or one calendar. */
export type RuleValue =
  | { kind: 'matrix'; matrix: EscalationMatrix }
  | { kind: 'policies'; policies: SlaPolicy[] }
  | { kind: 'calendar'; name: string; calendar: BusinessCalendar };

/**
 * One saved version of a rule set, kept for the history view and rollback. `subject` is "active"
 * for the matrix, "all" for the policy list and the calendar's id for a calendar.
 */
export interface RuleVersionRow {
  id?: number;
  kind: RuleKind;
  subject: string;
  /** 1, 2, … per kind and subject. */
  version: number;
  value: RuleValue;
  savedAt: number;
  /** A person id, or "system" for the version found in place before history was kept. */
  savedBy: string;
  /** How it came about, e.g. "Rolled back to version 3"; empty for a plain save. */
  note: string;
}

/** A saved queue view: columns, order, filters and grouping. */
export interface SavedViewRow {
  id: string;
  name: string;
  isDefault?: boolean;
  state: unknown;
}

/**
 * An alert that has fired, by its scheduler key, so no alert fires twice. Rows written before the
 * alert engine (demo history) have only key, ticket, time and state; `alertFromKey` reads the rest.
 */
export interface FiredAlertRow {
  key: string;
  ticketId: string;
  firedAt: number;
  /** new → acknowledged → resolved (the ticket was resolved or closed). */
  state: 'new' | 'acknowledged' | 'resolved';
  /** Fired more than a minute after it was due: the desk was closed or asleep. */
  late?: boolean;
  kind?: DeskTimerKind;
  /** When it was due. */
  at?: number;
  target?: SlaTargetName;
  percent?: number;
  level?: number;
  /** Who the level escalated to. */
  to?: string;
  repeat?: number;
  acknowledgedAt?: number;
  /** A person id. */
  acknowledgedBy?: string;
  resolvedAt?: number;
}

/** An unfinished form (the new-escalation draft), kept across restarts. */
export interface DraftRow {
  id: string;
  value: unknown;
  updatedAt: number;
}

/** A reusable customer-update text. */
export interface TemplateRow {
  id: string;
  name: string;
  body: string;
}

/**
 * The cached SLA summary of a ticket, for the queue (recomputed on every write): the nearest
 * running target, its due time and first warning, and every target in brief.
 */
export interface TicketSlaRow extends SlaSummary {
  ticketId: string;
  /**
   * 1 while the ticket is open; absent once it is resolved or closed. IndexedDB leaves rows
   * without it out of the `open` index, so the queue reads exactly the open rows with one getAll.
   */
  open?: 1;
  /**
   * The ticket's escalation-risk signals (mood, hand-overs, reopenings, the customer's history),
   * kept by the alert engine's derivation so the queue scores risk live; absent while risk is off.
   */
  risk?: RiskSignals;
}

/** The ticket record of schema version 1 (the foundation), kept for the upgrade. */
export interface TicketRowV1 {
  id: string;
  title: string;
  status: string;
  priority: string;
  createdAt: number;
  updatedAt: number;
}

/** One local change waiting to be pushed to the team sync server (see db/outbox.ts). */
export type OutboxRow = Mutation;

/**
 * One key/value row of the sync engine's own state: the client's identity and counters, the pull
 * cursor, the connection, refused changes, and `v:table/id` server versions of replace rows.
 */
export interface SyncMetaRow {
  key: string;
  value: unknown;
}

export const DATABASE_NAME = 'escalation-desk';

const V1_STORES = {
  settings: '&key',
  tickets: '&id, status, priority, updatedAt',
  events: '&id, ticketId, at, [ticketId+at]',
};

const V2_STORES = {
  settings: '&key',
  tickets:
    '&id, status, priority, updatedAt, createdAt, customerId, ownerId, teamId, level, category',
  events: '&id, ticketId, at, [ticketId+at], type',
  customers: '&id, name, tier',
  teams: '&id, name',
  people: '&id, name, role, teamId',
  calendars: '&id',
  policies: '&id, order',
  matrices: '&id',
  views: '&id, name',
  firedAlerts: '&key, ticketId, firedAt, state',
  drafts: '&id',
  templates: '&id, name',
  ticketSla: '&ticketId, dueAt, state',
};

const V3_STORES = {
  ...V2_STORES,
  ticketSla: '&ticketId, dueAt, state, open',
};

const V4_STORES = {
  ...V3_STORES,
  // The open tickets by due time: the queue's first screen without reading the whole queue.
  ticketSla: '&ticketId, dueAt, state, open, [open+dueAt]',
};

const V5_STORES = {
  ...V4_STORES,
  // Every saved version of the matrix, the policy list and each calendar.
  ruleVersions: '++id, [kind+subject+version], savedAt',
};

const V6_STORES = {
  ...V5_STORES,
  // Team sync (optional): local changes waiting to be pushed, in order, and the engine's state.
  outbox: '&mid',
  syncMeta: '&key',
};

/** The desk's local database. Each schema version stays declared while users may still have it. */
export class DeskDatabase extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;
  tickets!: EntityTable<Ticket, 'id'>;
  events!: EntityTable<DeskEvent, 'id'>;
  customers!: EntityTable<Customer, 'id'>;
  teams!: EntityTable<Team, 'id'>;
  people!: EntityTable<Person, 'id'>;
  calendars!: EntityTable<CalendarRow, 'id'>;
  policies!: EntityTable<PolicyRow, 'id'>;
  matrices!: EntityTable<MatrixRow, 'id'>;
  views!: EntityTable<SavedViewRow, 'id'>;
  firedAlerts!: EntityTable<FiredAlertRow, 'key'>;
  drafts!: EntityTable<DraftRow, 'id'>;
  templates!: EntityTable<TemplateRow, 'id'>;
  ticketSla!: EntityTable<TicketSlaRow, 'ticketId'>;
  ruleVersions!: EntityTable<RuleVersionRow, 'id'>;
  outbox!: EntityTable<OutboxRow, 'mid'>;
  syncMeta!: EntityTable<SyncMetaRow, 'key'>;
  /** Records changes to the synced tables in the outbox while team sync is on (see db/outbox.ts). */
  readonly syncRecorder = new OutboxRecorder();

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores(V1_STORES);
    this.version(2)
      .stores(V2_STORES)
      .upgrade(async (tx) => {
        // Version 1 tickets had only the basics: give them the fields the desk now relies on.
        await tx
          .table('tickets')
          .toCollection()
          .modify((ticket: Partial<Ticket> & TicketRowV1) => {
            ticket.description ??= '';
            ticket.customerId ??= 'unknown';
            ticket.tier ??= 'standard';
            ticket.channel ??= 'web';
            ticket.category ??= 'general';
            ticket.level ??= 0;
            ticket.escalated ??= false;
            ticket.breached ??= false;
          });
        await tx
          .table('events')
          .toCollection()
          .modify((event: { by?: string }) => {
            event.by ??= 'system';
          });
      });
    this.version(3)
      .stores(V3_STORES)
      .upgrade(async (tx) => {
        // Mark the SLA rows of open tickets, for the queue's `open` index.
        const done = new Set(
          await tx.table('tickets').where('status').anyOf('resolved', 'closed').primaryKeys(),
        );
        await tx
          .table('ticketSla')
          .toCollection()
          .modify((row: TicketSlaRow) => {
            if (done.has(row.ticketId)) delete row.open;
            else row.open = 1;
          });
      });
    this.version(4).stores(V4_STORES);
    this.version(5).stores(V5_STORES);
    this.version(6).stores(V6_STORES);
    // Every instance (the page's, the workers', the tests') records while sync is on.
    this.use(this.syncRecorder.middleware);
    followRecordingFlag(this, this.syncRecorder);
  }
}

export const db = new DeskDatabase();
