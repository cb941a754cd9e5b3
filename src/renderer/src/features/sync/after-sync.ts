import type { SyncTable } from '@core/index';
import type { DeskDatabase } from '../../db/database';
import { deskChanged, ticketsChanged } from '../../db/desk-changes';
import { refreshTicketSla, workflowTables } from '../../db/ticket-writes';

/** What a sync wrote to the desk: the tickets touched and the tables with changed rows. */
export interface SyncedChanges {
  ticketIds: readonly string[];
  tables: readonly SyncTable[];
}

/** Tables whose rows every ticket's alerts may depend on. */
const DIRECTORY_TABLES: readonly SyncTable[] = ['matrices', 'teams', 'people', 'customers'];

/**
 * Lets the desk follow rows that came from the server, as it follows its own writers: the
 * tickets' cached SLA rows are recomputed (the alert engine only re-derives alerts and risk),
 * the views and the alert engine are told which tickets changed, and a rules change recomputes
 * every open ticket's clock in the background, as a rules save does.
 */
export async function followSyncedChanges(
  database: DeskDatabase,
  changes: SyncedChanges,
  now: number,
): Promise<void> {
  if (changes.ticketIds.length > 0) {
    await database.transaction('rw', workflowTables(database), async () => {
      const tickets = await database.tickets.bulkGet([...changes.ticketIds]);
      await refreshTicketSla(
        database,
        tickets.filter((ticket) => ticket !== undefined),
        now,
      );
    });
    ticketsChanged(changes.ticketIds);
  }
  if (changes.tables.includes('policies') || changes.tables.includes('calendars')) {
    const { markSlaRefreshPending, refreshSlaInBackground } = await import('../rules/sla-refresh');
    await markSlaRefreshPending(database, now);
    // Announces the whole desk changed once the clocks are redone.
    void refreshSlaInBackground(database, now);
  } else if (changes.tables.some((table) => DIRECTORY_TABLES.includes(table))) {
    deskChanged();
  }
}
