import type { DeskEvent } from '@core/index';
import type { DeskDatabase, FiredAlertRow, TicketSlaRow } from '../../db/database';
import { deskChanged } from '../../db/desk-changes';
import { RENAMED_CODES_KEPT, readSetting, writeSetting } from '../../db/settings';

/**
 * Ticket ids numbered without a desk code: made before the desk synced (ESC-1001), by the demo
 * desk (ESC-10001) or by an import that used the desk's numbering. Two desks joining a team both
 * have an ESC-1001, so each gives its own the desk's code before its rows are queued.
 *
 * Only this form is renamed. Ids that carry a desk code (ESC-3FA2C1D9-1001, and the older
 * ESC-3FA2-1001) came from a team already, and ids an import took from another system
 * (INC-4711, IMP-20250630-1405-3) are that system's names for the ticket: renaming them would
 * break the link back to it, and they are not numbered per desk, so they do not clash the same way.
 */
const UNCODED_TICKET_ID = /^ESC-(\d+)$/;
/** A desk code as ticket ids carry it (see deskCode): capitals and digits, at least four. */
const DESK_CODE = /^[0-9A-Z]{4,}$/;

/** Whether a ticket id has no desk code (ESC-1001) and is renamed when the desk joins a team. */
export function lacksDeskCode(ticketId: string): boolean {
  return UNCODED_TICKET_ID.test(ticketId);
}

/** The id a ticket takes on a desk with `code`: ESC-1001 → ESC-3FA2C1D9-1001. */
export function codedTicketId(ticketId: string, code: string): string {
  const number = UNCODED_TICKET_ID.exec(ticketId)?.[1];
  if (number === undefined)
    throw new Error(`"${ticketId}" is not a ticket id without a desk code.`);
  return `ESC-${code}-${number}`;
}

/**
 * An alert key (`ESC-1001:resolution:breach`, see core/escalation) with the ticket renamed; keys
 * start with their ticket's id.
 */
export function renamedAlertKey(key: string, from: string, to: string): string {
  return key.startsWith(`${from}:`) ? `${to}${key.slice(from.length)}` : key;
}

/**
 * An event id with the ticket renamed where the id spells it: the demo's `ESC-10001-004`, an
 * import's `ESC-1001:created` and `ESC-1001:status-2`, and an alert step's
 * `<time>-alert-ESC-1001:level:2-0` (see alertEventId). Ids made by sortableEventId do not name
 * the ticket and stay. Renaming keeps two desks' demo events (both ESC-10001-001, now of two
 * tickets) from being one insert-only row with two contents, and keeps an alert step's id the one
 * every desk recording that alert makes.
 */
export function renamedEventId(id: string, from: string, to: string): string {
  if (id.startsWith(`${from}-`) || id.startsWith(`${from}:`))
    return `${to}${id.slice(from.length)}`;
  const alert = `-alert-${from}:`;
  const at = id.indexOf(alert);
  return at < 0 ? id : `${id.slice(0, at)}-alert-${to}:${id.slice(at + alert.length)}`;
}

/**
 * The id an uncoded ticket id (ESC-1001) was given when this desk joined a team, when a ticket
 * has it; undefined for any other id, or when no renamed ticket has it.
 */
export async function renamedTicketId(
  db: DeskDatabase,
  ticketId: string,
): Promise<string | undefined> {
  if (!lacksDeskCode(ticketId)) return undefined;
  const candidates = (await readSetting('renamedTicketCodes', db)).map((code) =>
    codedTicketId(ticketId, code),
  );
  const found = await db.tickets.bulkGet(candidates);
  return found.find((row) => row !== undefined)?.id;
}

/** Tickets renamed per round of reads and writes: a few thousand rows each, read together. */
const RENAME_CHUNK = 500;

/**
 * Gives every ticket numbered without a desk code (ESC-1001) the desk's code (ESC-<code>-1001),
 * with every row that names it: its events (their `ticketId`, and ids that spell the ticket),
 * its SLA row and its fired alerts (key and `ticketId`). Rows of those tables that name such an
 * id without a ticket left are renamed too, so no row keeps an old id.
 *
 * All in one transaction: a failure leaves the desk as it was. Nothing is recorded in the sync
 * outbox (the caller queues the renamed rows afterwards). Text the desk wrote down (notes,
 * replies sent to the customer, a saved view's search) keeps its words. Returns how many tickets
 * were renamed; `onProgress` hears after every few hundred tickets.
 */
export async function giveTicketsDeskIds(
  db: DeskDatabase,
  code: string,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  if (!DESK_CODE.test(code)) throw new Error(`"${code}" is not a desk code.`);
  const tables = [db.tickets, db.events, db.ticketSla, db.firedAlerts, db.settings];
  const renamed = await db.transaction('rw', tables, async (tx) => {
    db.syncRecorder.markRemote(tx);
    const named = await Promise.all([
      db.tickets.toCollection().primaryKeys(),
      db.events.orderBy('ticketId').uniqueKeys(),
      db.ticketSla.toCollection().primaryKeys(),
      db.firedAlerts.orderBy('ticketId').uniqueKeys(),
    ]);
    const oldIds = [...new Set(named.flat().map(String))].filter(lacksDeskCode).sort();
    const newIds = new Map(oldIds.map((id) => [id, codedTicketId(id, code)]));
    const newId = (id: string) => newIds.get(id)!;
    const taken = (await db.tickets.bulkGet([...newIds.values()])).find((row) => row);
    if (taken) {
      throw new Error(`Tickets can't take this desk's code: ${taken.id} exists already.`);
    }

    let tickets = 0;
    onProgress?.(0, oldIds.length);
    for (let start = 0; start < oldIds.length; start += RENAME_CHUNK) {
      const chunk = oldIds.slice(start, start + RENAME_CHUNK);
      // The chunk's rows are read by the range its ids span, then picked: one read of an index
      // range, where `anyOf` seeks key by key (in fake-indexeddb, a minute for the demo desk).
      const inChunk = new Set(chunk);
      const span = [chunk[0]!, chunk[chunk.length - 1]!] as const;
      const [ticketRows, spanEvents, slaRows, spanAlerts] = await Promise.all([
        db.tickets.bulkGet(chunk),
        db.events
          .where('ticketId')
          .between(...span, true, true)
          .toArray(),
        db.ticketSla.bulkGet(chunk),
        db.firedAlerts
          .where('ticketId')
          .between(...span, true, true)
          .toArray(),
      ]);
      const events = spanEvents.filter((event) => inChunk.has(event.ticketId));
      const alerts = spanAlerts.filter((alert) => inChunk.has(alert.ticketId));
      const found = ticketRows.filter((row) => row !== undefined);
      tickets += found.length;

      // Events whose id spells the ticket move to a new id; the others keep theirs.
      const movedFrom: string[] = [];
      const moved: DeskEvent[] = [];
      const kept: DeskEvent[] = [];
      for (const event of events) {
        const ticketId = newId(event.ticketId);
        const id = renamedEventId(event.id, event.ticketId, ticketId);
        if (id === event.id) kept.push({ ...event, ticketId });
        else {
          movedFrom.push(event.id);
          moved.push({ ...event, id, ticketId });
        }
      }
      const sla = slaRows
        .filter((row) => row !== undefined)
        .map((row): TicketSlaRow => ({ ...row, ticketId: newId(row.ticketId) }));
      const renamedAlerts = alerts.map((alert): FiredAlertRow => ({
        ...alert,
        key: renamedAlertKey(alert.key, alert.ticketId, newId(alert.ticketId)),
        ticketId: newId(alert.ticketId),
      }));
      // The old rows go first; the renamed ones are added, so one that would land on a row
      // already there fails the whole rename instead of overwriting that row.
      await Promise.all([
        db.tickets.bulkDelete(chunk),
        db.events.bulkDelete(movedFrom),
        db.ticketSla.bulkDelete(chunk),
        db.firedAlerts.bulkDelete(alerts.map((alert) => alert.key)),
      ]);
      await Promise.all([
        db.tickets.bulkAdd(found.map((ticket) => ({ ...ticket, id: newId(ticket.id) }))),
        db.events.bulkAdd(moved),
        db.events.bulkPut(kept),
        db.ticketSla.bulkAdd(sla),
        db.firedAlerts.bulkAdd(renamedAlerts),
      ]);
      onProgress?.(start + chunk.length, oldIds.length);
    }
    if (oldIds.length > 0) {
      // Remembered, so that the old ids (in links, notes, notifications) still find their tickets.
      const codes = await readSetting('renamedTicketCodes', db);
      const kept = [code, ...codes.filter((known) => known !== code)];
      await writeSetting('renamedTicketCodes', kept.slice(0, RENAMED_CODES_KEPT), db);
    }
    return tickets;
  });
  // The alert engine re-derives every ticket: timers under the old ids are replaced.
  if (renamed > 0) deskChanged();
  return renamed;
}
