import Dexie, { type EntityTable } from 'dexie';

/** One key/value row of the desk's settings (theme, preferences). */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** The minimal ticket record of schema version 1; the desk-data work extends it in later versions. */
export interface TicketRow {
  id: string;
  title: string;
  status: string;
  priority: string;
  createdAt: number;
  updatedAt: number;
}

/** An entry of a ticket's append-only activity log. */
export interface EventRow {
  id: string;
  ticketId: string;
  type: string;
  at: number;
}

export const DATABASE_NAME = 'escalation-desk';

/** The desk's local database. Each schema version stays declared while users may still have it. */
export class DeskDatabase extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;
  tickets!: EntityTable<TicketRow, 'id'>;
  events!: EntityTable<EventRow, 'id'>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      settings: '&key',
      tickets: '&id, status, priority, updatedAt',
      events: '&id, ticketId, at, [ticketId+at]',
    });
  }
}

export const db = new DeskDatabase();
