import {
  applyBatch,
  rowKey,
  SYNC_PROTOCOL_VERSION,
  toSyncChange,
  unstorable,
  writeRefusal,
  type Hlc,
  type AccountRole,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type Rejection,
  type RejectionCode,
  type StoredRow,
  type SyncTable,
} from '../core/sync/index';
import type { Sql } from './db';
import { badRequest, conflict, forbidden } from './http-error';

/** The notification channel a push announces its new space version on (see live.ts). */
export const SYNC_CHANNEL = 'desk_sync';

/** What a push announces: the space and its version after the push. */
export interface SpaceVersion {
  spaceId: string;
  version: number;
}

interface RowRecord {
  tbl: SyncTable;
  id: string;
  data: Record<string, unknown>;
  clocks: Record<string, string>;
  row_version: number;
  deleted: boolean;
  version: number;
}

/** A stored row and the space version of its last change. */
interface VersionedRow {
  row: StoredRow;
  version: number;
}

function notMember(spaceId: string): Error {
  return forbidden(`You are not a member of the space "${spaceId}"; ask an admin to add you.`);
}

/** Whether the account belongs to the space. */
export async function isMember(sql: Sql, userId: string, spaceId: string): Promise<boolean> {
  const rows = await sql.query('SELECT 1 FROM memberships WHERE user_id = $1 AND space_id = $2', [
    userId,
    spaceId,
  ]);
  return rows.length > 0;
}

/** What a desk is told about a change that was applied but lost some of itself to a later one. */
const SUPERSEDED_REASON =
  "A later change from another desk won; this desk now shows the team's copy.";

/**
 * A desk id belongs to the account that first pushed under it, and its numbering to one desk:
 * a push under another account's desk id is refused, and so is a push whose change numbered
 * like the last one applied carries another clock (a copied profile numbering on its own). The
 * desk takes a new id when told (`reason: 'client_id_taken'`).
 */
function checkIdentity(
  request: PushRequest,
  userId: string,
  client: { last_mid: number; last_hlc: Hlc | null; user_id: string | null } | undefined,
): void {
  if (!client) return;
  if (client.user_id !== null && client.user_id !== userId) {
    throw conflict(
      'This desk id is used by another account; the desk must take a new one and send its changes again.',
      { reason: 'client_id_taken' },
    );
  }
  const repeat = request.mutations.find((m) => m.mid === client.last_mid);
  if (repeat && client.last_hlc !== null && repeat.hlc !== client.last_hlc) {
    throw conflict(
      `This desk id's change ${client.last_mid} was already received with other content: two ` +
        'desks share the id (a copied profile?). The desk must take a new id and send its changes again.',
      { reason: 'client_id_taken' },
    );
  }
}

/** The checks a schema cannot make: the space matches the address, mids count up by one. */
function checkPushShape(spaceId: string, request: PushRequest): void {
  if (request.spaceId !== spaceId) {
    throw badRequest(
      `spaceId: the push is for the space "${request.spaceId}" but was sent to "${spaceId}".`,
    );
  }
  request.mutations.forEach((m, i) => {
    const before = request.mutations[i - 1];
    if (before && m.mid !== before.mid + 1) {
      throw badRequest(
        `mutations.${i}.mid: must be ${before.mid + 1}, one more than the mutation before it.`,
      );
    }
    const problem = unstorable(m.changes, `mutations.${i}.changes`);
    if (problem !== null) throw badRequest(`${problem}.`);
  });
}

/**
 * Applies a push in one transaction: locks the space, skips mutations already applied (by
 * `mid`), merges the rest over the stored rows, gives each changed row the space's next version
 * and announces the new version. Refused mutations count as applied: they are answered, not
 * retried. 403 when the account is not a member; 409 with `lastMid` when mids were skipped.
 */
export async function pushChanges(
  sql: Sql,
  userId: string,
  spaceId: string,
  request: PushRequest,
  now: number,
): Promise<PushResponse> {
  checkPushShape(spaceId, request);
  return sql.transaction(async (tx) => {
    // Membership and role are read under the space's lock, so a member removed a moment ago
    // cannot push, and pushes to one space take turns.
    const spaces = await tx.query<{ version: number; role: AccountRole | null }>(
      `SELECT s.version,
         (SELECT u.role FROM users u JOIN memberships m ON m.user_id = u.id
          WHERE u.id = $2 AND m.space_id = s.id) AS role
       FROM spaces s WHERE s.id = $1 FOR UPDATE`,
      [spaceId, userId],
    );
    const space = spaces[0];
    if (!space?.role) throw notMember(spaceId);
    const role = space.role;

    const clients = await tx.query<{
      last_mid: number;
      last_hlc: Hlc | null;
      user_id: string | null;
    }>(
      'SELECT last_mid, last_hlc, user_id FROM sync_clients WHERE space_id = $1 AND client_id = $2',
      [spaceId, request.clientId],
    );
    const client = clients[0];
    const lastMid = client?.last_mid ?? 0;
    checkIdentity(request, userId, client);
    const fresh = request.mutations.filter((m) => m.mid > lastMid);
    const repeated = await repeatedRejections(tx, spaceId, request, lastMid);
    const first = fresh[0];
    if (!first) {
      return {
        protocol: SYNC_PROTOCOL_VERSION,
        lastMid,
        version: space.version,
        rejected: repeated,
      };
    }
    if (first.mid !== lastMid + 1) {
      throw conflict(
        `The server has this desk's changes up to number ${lastMid}, but the push starts at ` +
          `${first.mid}; send the changes from ${lastMid + 1} on.`,
        { lastMid },
      );
    }

    const stored = await loadRows(
      tx,
      spaceId,
      fresh.map((m) => ({ tbl: m.table, id: m.id })),
    );
    const outcome = applyBatch(
      fresh,
      (table, id) => stored.get(rowKey(table, id))?.row,
      (m) => writeRefusal(role, m.table, m.op),
      now,
    );

    let version = space.version;
    const written = new Map<string, VersionedRow>();
    for (const row of outcome.changed) {
      version += 1;
      written.set(rowKey(row.table, row.id), { row, version });
    }
    if (written.size > 0) {
      await saveRows(tx, spaceId, [...written.values()]);
      await tx.query('UPDATE spaces SET version = $2 WHERE id = $1', [spaceId, version]);
    }
    const last = fresh[fresh.length - 1]!;
    const newLastMid = last.mid;
    await tx.query(
      `INSERT INTO sync_clients (space_id, client_id, last_mid, last_hlc, user_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (space_id, client_id) DO UPDATE SET last_mid = excluded.last_mid,
         last_hlc = excluded.last_hlc, user_id = excluded.user_id,
         updated_at = excluded.updated_at`,
      [spaceId, request.clientId, newLastMid, last.hlc, userId, now],
    );
    if (written.size > 0) {
      const announcement: SpaceVersion = { spaceId, version };
      await tx.notify(SYNC_CHANNEL, JSON.stringify(announcement));
    }

    const answered = [
      ...outcome.rejected,
      ...outcome.superseded.map((mutation) => ({
        mutation,
        code: 'superseded' as const,
        reason: SUPERSEDED_REASON,
      })),
    ].sort((a, b) => a.mutation.mid - b.mutation.mid);
    const rejected = answered.map(({ mutation, code, reason }): Rejection => {
      const key = rowKey(mutation.table, mutation.id);
      const server = written.get(key) ?? stored.get(key);
      return {
        mid: mutation.mid,
        table: mutation.table,
        id: mutation.id,
        code,
        reason,
        serverRow: server ? toSyncChange(server.row, server.version) : null,
      };
    });
    if (rejected.length > 0) {
      await tx.query(
        `INSERT INTO sync_rejections (space_id, client_id, mid, tbl, id, code, reason)
         SELECT $1, $2, r.mid, r.tbl, r.id, r.code, r.reason
         FROM jsonb_to_recordset($3::jsonb) AS r (mid bigint, tbl text, id text, code text, reason text)`,
        [
          spaceId,
          request.clientId,
          JSON.stringify(
            rejected.map((r) => ({
              mid: r.mid,
              tbl: r.table,
              id: r.id,
              code: r.code,
              reason: r.reason,
            })),
          ),
        ],
      );
    }
    return {
      protocol: SYNC_PROTOCOL_VERSION,
      lastMid: newLastMid,
      version,
      rejected: [...repeated, ...rejected],
    };
  });
}

/**
 * The refusals of mutations a desk sends again (mid <= lastMid): the answer that carried them
 * may never have arrived, so they are answered again, with the row as it stands now. A desk
 * sends its oldest unacknowledged change first, so refusals older than the push are forgotten.
 */
async function repeatedRejections(
  tx: Sql,
  spaceId: string,
  request: PushRequest,
  lastMid: number,
): Promise<Rejection[]> {
  const firstSent = request.mutations[0]?.mid;
  if (firstSent === undefined) return [];
  await tx.query(
    'DELETE FROM sync_rejections WHERE space_id = $1 AND client_id = $2 AND mid < $3',
    [spaceId, request.clientId, firstSent],
  );
  if (firstSent > lastMid) return [];
  const records = await tx.query<{
    mid: number;
    tbl: SyncTable;
    id: string;
    code: RejectionCode;
    reason: string;
  }>(
    `SELECT mid, tbl, id, code, reason FROM sync_rejections
     WHERE space_id = $1 AND client_id = $2 AND mid <= $3 ORDER BY mid`,
    [spaceId, request.clientId, lastMid],
  );
  if (records.length === 0) return [];
  const current = await loadRows(
    tx,
    spaceId,
    records.map((r) => ({ tbl: r.tbl, id: r.id })),
  );
  return records.map((r) => {
    const server = current.get(rowKey(r.tbl, r.id));
    return {
      mid: r.mid,
      table: r.tbl,
      id: r.id,
      code: r.code,
      reason: r.reason,
      serverRow: server ? toSyncChange(server.row, server.version) : null,
    };
  });
}

async function loadRows(
  tx: Sql,
  spaceId: string,
  keys: readonly { tbl: SyncTable; id: string }[],
): Promise<Map<string, VersionedRow>> {
  const unique = new Map(keys.map((key) => [rowKey(key.tbl, key.id), key]));
  const records = await tx.query<RowRecord>(
    `SELECT r.tbl, r.id, r.data, r.clocks, r.row_version, r.deleted, r.version
     FROM jsonb_to_recordset($2::jsonb) AS k (tbl text, id text)
     JOIN sync_rows r ON r.space_id = $1 AND r.tbl = k.tbl AND r.id = k.id`,
    [spaceId, JSON.stringify([...unique.values()])],
  );
  return new Map(
    records.map((record) => [
      rowKey(record.tbl, record.id),
      {
        row: {
          table: record.tbl,
          id: record.id,
          data: record.data,
          clocks: record.clocks,
          rowVersion: record.row_version,
          deleted: record.deleted,
        },
        version: record.version,
      },
    ]),
  );
}

async function saveRows(tx: Sql, spaceId: string, rows: readonly VersionedRow[]): Promise<void> {
  const records = rows.map(({ row, version }) => ({
    tbl: row.table,
    id: row.id,
    data: row.data,
    clocks: row.clocks,
    row_version: row.rowVersion,
    deleted: row.deleted,
    version,
  }));
  await tx.query(
    `INSERT INTO sync_rows (space_id, tbl, id, data, clocks, row_version, deleted, version)
     SELECT $1, r.tbl, r.id, r.data, r.clocks, r.row_version, r.deleted, r.version
     FROM jsonb_to_recordset($2::jsonb) AS r (
       tbl text, id text, data jsonb, clocks jsonb, row_version integer, deleted boolean,
       version bigint)
     ON CONFLICT (space_id, tbl, id) DO UPDATE SET data = excluded.data,
       clocks = excluded.clocks, row_version = excluded.row_version,
       deleted = excluded.deleted, version = excluded.version`,
    [spaceId, JSON.stringify(records)],
  );
}

/**
 * The rows changed after version `after`, oldest change first, each once in its latest state;
 * `more` says whether another page waits. 403 when the account is not a member.
 */
export async function pullChanges(
  sql: Sql,
  userId: string,
  spaceId: string,
  page: { after: number; limit: number },
): Promise<PullResponse> {
  if (!(await isMember(sql, userId, spaceId))) throw notMember(spaceId);
  const records = await sql.query<
    Omit<RowRecord, 'clocks' | 'data'> & { data: RowRecord['data'] | null; hlc: Hlc | null }
  >(
    `SELECT tbl, id, CASE WHEN deleted THEN NULL ELSE data END AS data, row_version, deleted,
       version, (SELECT max(c.value COLLATE "C") FROM jsonb_each_text(clocks) AS c) AS hlc
     FROM sync_rows
     WHERE space_id = $1 AND version > $2 ORDER BY version LIMIT $3`,
    [spaceId, page.after, page.limit + 1],
  );
  const more = records.length > page.limit;
  const changes = records.slice(0, page.limit).map((record) =>
    toSyncChange(
      {
        table: record.tbl,
        id: record.id,
        data: record.data ?? {},
        // The latest clock stands for them all: desks move their own clocks past it.
        clocks: record.hlc === null ? {} : { latest: record.hlc },
        rowVersion: record.row_version,
        deleted: record.deleted,
      },
      record.version,
    ),
  );
  const cursor = changes.length > 0 ? changes[changes.length - 1]!.version : page.after;
  return { protocol: SYNC_PROTOCOL_VERSION, changes, cursor, more };
}
