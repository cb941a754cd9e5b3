import { db as defaultDb, type DeskDatabase } from '../../db/database';
import { ticketsChanged } from '../../db/desk-changes';
import { currentUserId } from '../../db/ticket-writes';

/**
 * Acknowledges alerts: new ones become acknowledged (who and when), which stops a level's repeated
 * reminders. Returns how many changed; acknowledging twice changes nothing.
 */
export async function acknowledgeAlerts(
  keys: readonly string[],
  now: number,
  database: DeskDatabase = defaultDb,
): Promise<number> {
  const touched = new Set<string>();
  let count = 0;
  await database.transaction('rw', [database.firedAlerts, database.settings], async () => {
    const by = await currentUserId(database);
    const rows = await database.firedAlerts.bulkGet([...keys]);
    const changed = rows.flatMap((row) =>
      row && row.state === 'new'
        ? [{ ...row, state: 'acknowledged' as const, acknowledgedAt: now, acknowledgedBy: by }]
        : [],
    );
    await database.firedAlerts.bulkPut(changed);
    count = changed.length;
    for (const row of changed) touched.add(row.ticketId);
  });
  ticketsChanged([...touched]);
  return count;
}
