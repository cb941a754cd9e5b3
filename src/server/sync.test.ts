import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { buildServer } from './app';
import { demoPolicies, demoTeams } from '../core/demo/index';
import type { EscalationLevel, EscalationMatrix } from '../core/escalation/index';
import {
  FILL_WALL,
  formatHlc,
  MAX_TX_MUTATIONS,
  type Mutation,
  type PullResponse,
  type PushResponse,
  type SyncTable,
} from '../core/sync/index';
import type { DeskEvent, Ticket } from '../core/tickets/index';
import {
  startTestServer,
  testBackends,
  TEST_START,
  type TestAccount,
  type TestServer,
} from './testing';

// PGlite and argon2 are slow on a busy machine; no test here waits on a timer.
vi.setConfig({ testTimeout: 20_000 });

/** An HLC `offsetMs` after the test clock's start, from `node`. */
function hlc(offsetMs: number, node = 'deskA', counter = 0): string {
  return formatHlc({ wall: TEST_START + offsetMs, counter, node });
}

/** Builds a run of mutations with consecutive mids from `firstMid`. */
function mutations(
  firstMid: number,
  items: readonly (Partial<Mutation> & { table: SyncTable; id: string })[],
): Mutation[] {
  return items.map((item, i) => ({
    mid: firstMid + i,
    tx: item.tx ?? firstMid + i,
    hlc: item.hlc ?? hlc(i),
    op: item.op ?? 'put',
    changes: item.changes ?? {},
    ...item,
  }));
}

/** A fill's HLC: a row desk `node` held before it joined the space. */
function fill(node: string): string {
  return formatHlc({ wall: FILL_WALL, counter: 0, node });
}

/** A ticket as the desk stores it. */
const ticket = (id: string, fields: Partial<Ticket> = {}): Record<string, unknown> => {
  const row: Ticket = {
    id,
    title: `Ticket ${id}`,
    description: 'The VPN drops every hour since Monday.',
    customerId: 'c-1',
    tier: 'enterprise',
    channel: 'email',
    category: 'network',
    priority: 'P3',
    status: 'new',
    level: 0,
    createdAt: TEST_START,
    updatedAt: TEST_START,
    escalated: false,
    breached: false,
    ...fields,
  };
  return { ...row };
};

/** A note in a ticket's activity log. */
const note = (
  id: string,
  ticketId: string,
  body = 'Called the customer.',
): Record<string, unknown> => {
  const event: DeskEvent = { id, ticketId, at: TEST_START, by: 'p-1', type: 'note', body };
  return { ...event };
};

/** An escalation matrix row as desks sync it: one row for every ticket, with `levels` levels. */
const matrix = (id: string, levels: number): Record<string, unknown> => {
  const matrix: EscalationMatrix = {
    rows: [
      {
        id: 'row-all',
        name: 'Every ticket',
        criteria: {},
        levels: Array.from({ length: levels }, (_, i): EscalationLevel => ({
          id: `l${i + 1}`,
          type: 'hierarchical',
          trigger: { kind: 'after_minutes', minutes: 30 * (i + 1), mode: 'business' },
          actions: [{ kind: 'reassign' }],
          repeat: { kind: 'none' },
        })),
      },
    ],
  };
  return { id, version: levels, matrix, updatedAt: TEST_START };
};

/** A valid row named `name` of a table the role cases write to. */
function namedRow(
  table: 'teams' | 'tickets' | 'policies',
  id: string,
  name: string,
): Record<string, unknown> {
  switch (table) {
    case 'teams':
      return { ...demoTeams()[0]!, id, name };
    case 'tickets':
      return ticket(id, { title: name });
    case 'policies':
      return { id, order: 1, policy: { ...demoPolicies()[0]!, id, name }, updatedAt: TEST_START };
  }
}

describe.each(testBackends())('sync on %s', (backend) => {
  let server: TestServer;
  let agent: TestAccount;
  let supervisor: TestAccount;
  let manager: TestAccount;
  let outsider: TestAccount;

  beforeAll(async () => {
    server = await startTestServer(backend);
    agent = await server.account('agent');
    supervisor = await server.account('supervisor');
    manager = await server.account('manager');
    outsider = await server.account('agent');
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  /** A fresh space with the agent, supervisor and manager as members. */
  const teamSpace = (): Promise<string> => server.space([agent, supervisor, manager]);

  async function push(
    who: TestAccount,
    spaceId: string,
    batch: Mutation[],
    clientId = 'deskA',
  ): Promise<{ status: number; body: PushResponse & { error?: string } }> {
    return server.call<PushResponse & { error?: string }>('POST', `/v1/spaces/${spaceId}/push`, {
      token: who.token,
      body: { protocol: 2, clientId, spaceId, mutations: batch },
    });
  }

  async function pull(
    who: TestAccount,
    spaceId: string,
    after = 0,
    limit?: number,
  ): Promise<{ status: number; body: PullResponse }> {
    const query = limit === undefined ? `after=${after}` : `after=${after}&limit=${limit}`;
    return server.call<PullResponse>('GET', `/v1/spaces/${spaceId}/pull?${query}`, {
      token: who.token,
    });
  }

  /** A space where the agent's desk created T-1 and a supervisor's desk deleted it, 10 s later. */
  async function spaceWithDeletedTicket(): Promise<string> {
    const spaceId = await teamSpace();
    await push(
      agent,
      spaceId,
      mutations(1, [{ table: 'tickets', id: 'T-1', changes: ticket('T-1') }]),
    );
    await push(
      supervisor,
      spaceId,
      mutations(1, [{ table: 'tickets', id: 'T-1', op: 'delete', hlc: hlc(10_000, 'deskB') }]),
      'deskB',
    );
    return spaceId;
  }

  async function serverRow(spaceId: string, table: SyncTable, id: string) {
    const { body } = await pull(manager, spaceId);
    return body.changes.find((change) => change.table === table && change.id === id);
  }

  describe('membership and roles', () => {
    it('refuses a push and a pull from someone outside the space', async () => {
      const spaceId = await teamSpace();
      const pushed = await push(
        outsider,
        spaceId,
        mutations(1, [{ table: 'tickets', id: 'T-1', changes: ticket('T-1') }]),
      );
      expect(pushed.status).toBe(403);
      expect(pushed.body.error).toMatch(/not a member of the space/);
      const pulled = await pull(outsider, spaceId);
      expect(pulled.status).toBe(403);
      expect((await pull(manager, spaceId)).body.changes).toEqual([]);
    });

    it('refuses a push to a space that does not exist as it refuses a non-member', async () => {
      const pushed = await push(agent, 'no-such-space', []);
      expect(pushed.status).toBe(403);
    });

    it("refuses an agent's matrix change as forbidden and changes nothing", async () => {
      const spaceId = await teamSpace();
      const { status, body } = await push(
        agent,
        spaceId,
        mutations(1, [{ table: 'matrices', id: 'M-1', changes: matrix('M-1', 2), baseVersion: 0 }]),
      );
      expect(status).toBe(200);
      expect(body.lastMid).toBe(1);
      expect(body.version).toBe(0);
      expect(body.rejected).toEqual([
        expect.objectContaining({
          mid: 1,
          table: 'matrices',
          id: 'M-1',
          code: 'forbidden',
          serverRow: null,
        }),
      ]);
      expect(body.rejected[0]!.reason).toMatch(/Only managers and admins/);
      expect((await pull(manager, spaceId)).body.changes).toEqual([]);
    });

    it("applies a manager's matrix change", async () => {
      const spaceId = await teamSpace();
      const { body } = await push(
        manager,
        spaceId,
        mutations(1, [{ table: 'matrices', id: 'M-1', changes: matrix('M-1', 2), baseVersion: 0 }]),
      );
      expect(body).toEqual({ protocol: 2, lastMid: 1, version: 1, rejected: [] });
      expect(await serverRow(spaceId, 'matrices', 'M-1')).toEqual({
        table: 'matrices',
        id: 'M-1',
        version: 1,
        rowVersion: 1,
        deleted: false,
        row: matrix('M-1', 2),
      });
    });

    it.each([
      { who: 'agent', table: 'teams', op: 'put', allowed: false },
      { who: 'supervisor', table: 'teams', op: 'put', allowed: true },
      { who: 'agent', table: 'tickets', op: 'delete', allowed: false },
      { who: 'supervisor', table: 'tickets', op: 'delete', allowed: true },
      { who: 'supervisor', table: 'policies', op: 'put', allowed: false },
    ] as const)('$who $op on $table: allowed $allowed', async ({ who, table, op, allowed }) => {
      const spaceId = await teamSpace();
      const account = who === 'agent' ? agent : supervisor;
      const seeded = await push(
        manager,
        spaceId,
        mutations(1, [
          { table, id: 'R-1', changes: namedRow(table, 'R-1', 'Seed'), baseVersion: 0 },
        ]),
        'seed',
      );
      expect(seeded.body.rejected).toEqual([]);
      const { body } = await push(
        account,
        spaceId,
        mutations(1, [
          {
            table,
            id: 'R-1',
            op,
            hlc: hlc(1000),
            changes: op === 'put' ? namedRow(table, 'R-1', 'Changed') : {},
            baseVersion: 1,
          },
        ]),
      );
      expect(body.rejected.map((r) => r.code)).toEqual(allowed ? [] : ['forbidden']);
      expect(body.version).toBe(allowed ? 2 : 1);
    });

    it('refuses a push from a member removed a moment ago, and applies a new role at once', async () => {
      const member = await server.account('manager');
      const spaceId = await server.space([member]);
      const first = await push(
        member,
        spaceId,
        mutations(1, [{ table: 'tickets', id: 'T-1', changes: ticket('T-1') }]),
      );
      expect(first.body.lastMid).toBe(1);

      await server.sql.query('UPDATE users SET role = $2 WHERE id = $1', [member.user.id, 'agent']);
      const demoted = await push(
        member,
        spaceId,
        mutations(2, [{ table: 'matrices', id: 'M-1', changes: matrix('M-1', 1), baseVersion: 0 }]),
      );
      expect(demoted.body.rejected.map((r) => r.code)).toEqual(['forbidden']);

      await server.sql.query('DELETE FROM memberships WHERE user_id = $1', [member.user.id]);
      const removed = await push(
        member,
        spaceId,
        mutations(3, [{ table: 'tickets', id: 'T-2', changes: ticket('T-2') }]),
      );
      expect(removed.status).toBe(403);
      expect((await pull(member, spaceId)).status).toBe(403);
    });
  });

  describe('push', () => {
    it('takes a repeated push harmlessly: same lastMid, no second version bump', async () => {
      const spaceId = await teamSpace();
      const batch = mutations(1, [
        { table: 'tickets', id: 'T-1', changes: ticket('T-1') },
        { table: 'tickets', id: 'T-2', changes: ticket('T-2') },
      ]);
      const first = await push(agent, spaceId, batch);
      expect(first.body).toEqual({ protocol: 2, lastMid: 2, version: 2, rejected: [] });
      const again = await push(agent, spaceId, batch);
      expect(again.body).toEqual({ protocol: 2, lastMid: 2, version: 2, rejected: [] });

      // A push overlapping the applied ones applies only the new mutation.
      const overlap = await push(agent, spaceId, [
        ...batch.slice(1),
        ...mutations(3, [{ table: 'tickets', id: 'T-3', changes: ticket('T-3') }]),
      ]);
      expect(overlap.body).toEqual({ protocol: 2, lastMid: 3, version: 3, rejected: [] });
      const { body } = await pull(agent, spaceId);
      expect(body.changes.map((c) => [c.id, c.version])).toEqual([
        ['T-1', 1],
        ['T-2', 2],
        ['T-3', 3],
      ]);
    });

    it('gives concurrent pushes to one space distinct versions, and applies a double-sent push once', async () => {
      const spaceId = await teamSpace();
      const desks = Array.from({ length: 8 }, (_, i) => `desk${i}`);
      const batch = (desk: string) =>
        mutations(1, [
          { table: 'tickets', id: `T-${desk}`, hlc: hlc(0, desk), changes: ticket(`T-${desk}`) },
          {
            table: 'events',
            id: `E-${desk}`,
            hlc: hlc(1, desk),
            changes: note(`E-${desk}`, `T-${desk}`),
          },
        ]);
      const answers = await Promise.all([
        ...desks.map((desk) => push(agent, spaceId, batch(desk), desk)),
        push(agent, spaceId, batch('desk0'), 'desk0'),
      ]);
      expect(answers.map((a) => [a.status, a.body.lastMid])).toEqual(answers.map(() => [200, 2]));
      const { body } = await pull(agent, spaceId);
      expect(body.changes.map((c) => c.version)).toEqual(
        Array.from({ length: 16 }, (_, i) => i + 1),
      );
      expect(new Set(body.changes.map((c) => c.id)).size).toBe(16);
    });

    it('answers a gap in mids with 409 and the lastMid it holds', async () => {
      const spaceId = await teamSpace();
      await push(
        agent,
        spaceId,
        mutations(1, [{ table: 'tickets', id: 'T-1', changes: ticket('T-1') }]),
      );
      const { status, body } = await push(
        agent,
        spaceId,
        mutations(3, [{ table: 'tickets', id: 'T-2', changes: ticket('T-2') }]),
      );
      expect(status).toBe(409);
      expect(body).toMatchObject({ lastMid: 1 });
      expect(body.error).toMatch(/up to number 1.*from 2 on/);
      expect((await pull(agent, spaceId)).body.changes).toHaveLength(1);
    });

    it('counts mids per desk: another client starts at 1', async () => {
      const spaceId = await teamSpace();
      await push(
        agent,
        spaceId,
        mutations(1, [{ table: 'tickets', id: 'T-1', changes: ticket('T-1') }]),
        'deskA',
      );
      const other = await push(
        agent,
        spaceId,
        mutations(1, [{ table: 'tickets', id: 'T-2', changes: ticket('T-2') }]),
        'deskB',
      );
      expect(other.body).toMatchObject({ lastMid: 1, version: 2 });
    });

    it(`applies a push of ${MAX_TX_MUTATIONS} changes, the most one local transaction may hold`, async () => {
      const spaceId = await teamSpace();
      const { status, body } = await push(
        agent,
        spaceId,
        mutations(
          1,
          Array.from({ length: MAX_TX_MUTATIONS }, (_, i) => ({
            table: 'tickets' as const,
            id: `T-${i}`,
            tx: 1,
            changes: ticket(`T-${i}`),
          })),
        ),
      );
      expect(status).toBe(200);
      expect(body).toEqual({
        protocol: 2,
        lastMid: MAX_TX_MUTATIONS,
        version: MAX_TX_MUTATIONS,
        rejected: [],
      });
    });

    const good = (): Mutation =>
      mutations(1, [{ table: 'tickets', id: 'T-1', changes: ticket('T-1') }])[0]!;
    it.each([
      {
        name: 'a mid that is a string',
        body: { mutations: [{ ...good(), mid: '1' }] },
        error: /^mutations\.0\.mid: /,
      },
      {
        name: 'an unknown table',
        body: { mutations: [{ ...good(), table: 'invoices' }] },
        error: /^mutations\.0\.table: /,
      },
      {
        name: 'a bad hlc',
        body: { mutations: [{ ...good(), hlc: '2026-01-05T09:00' }] },
        error: /^mutations\.0\.hlc: is not a hybrid logical clock value/,
      },
      {
        name: 'an unknown field',
        body: { mutations: [{ ...good(), extra: true }] },
        error: /^mutations\.0: .*extra/,
      },
      {
        name: `${MAX_TX_MUTATIONS + 1} mutations`,
        body: {
          mutations: mutations(
            1,
            Array.from({ length: MAX_TX_MUTATIONS + 1 }, (_, i) => ({
              table: 'tickets' as const,
              id: `T-${i}`,
              changes: ticket(`T-${i}`),
            })),
          ),
        },
        error: new RegExp(`^mutations: .*${MAX_TX_MUTATIONS}`),
      },
      {
        name: 'another space',
        body: { spaceId: 'elsewhere' },
        error: /^spaceId: the push is for the space "elsewhere"/,
      },
      { name: 'another protocol', body: { protocol: 99 }, error: /^protocol: / },
      {
        name: 'mids that skip',
        body: { mutations: [good(), { ...good(), mid: 3 }] },
        error: /^mutations\.1\.mid: must be 2/,
      },
      {
        name: 'a NUL character',
        body: { mutations: [{ ...good(), changes: { title: 'a\u0000b' } }] },
        error: /^mutations\.0\.changes\.title: contains a character/,
      },
      { name: 'no mutations list', body: { mutations: undefined }, error: /^mutations: / },
    ])(
      'refuses a push with $name (400 naming the field), changing nothing',
      async ({ body, error }) => {
        const spaceId = await teamSpace();
        const response = await server.call<{ error: string }>(
          'POST',
          `/v1/spaces/${spaceId}/push`,
          {
            token: agent.token,
            body: { protocol: 2, clientId: 'deskA', spaceId, mutations: [good()], ...body },
          },
        );
        expect(response.status).toBe(400);
        expect(response.body.error).toMatch(error);
        expect((await pull(agent, spaceId)).body.changes).toEqual([]);
        const clients = await server.sql.query('SELECT 1 FROM sync_clients WHERE space_id = $1', [
          spaceId,
        ]);
        expect(clients).toEqual([]);
      },
    );

    it.each([
      { name: 'a NUL character', field: 'title', value: 'VPN\u0000drops' },
      { name: 'a lone surrogate', field: 'description', value: 'Broken \ud800 text' },
    ])(
      'refuses a change with $name in a 400 sentence naming the field',
      async ({ field, value }) => {
        const spaceId = await teamSpace();
        const { status, body } = await push(
          agent,
          spaceId,
          mutations(1, [
            { table: 'tickets', id: 'T-1', changes: ticket('T-1', { [field]: value }) },
          ]),
        );
        expect(status).toBe(400);
        expect(body.error).toMatch(new RegExp(`^mutations\\.0\\.changes\\.${field}: `));
        expect(body.error).toMatch(/[^.]\.$/);
        expect((await pull(agent, spaceId)).body.changes).toEqual([]);
      },
    );

    it('refuses a row id the server cannot store with a 400 naming it', async () => {
      const spaceId = await teamSpace();
      const { status, body } = await push(
        supervisor,
        spaceId,
        mutations(1, [{ table: 'tickets', id: 'T-\u0000', op: 'delete' }]),
      );
      expect({ status, error: body.error }).toEqual({
        status: 400,
        error: expect.stringMatching(/^mutations\.0\.id: contains a character/),
      });
    });

    it('refuses every change of a local transaction when one is refused', async () => {
      const spaceId = await teamSpace();
      const { body } = await push(
        agent,
        spaceId,
        mutations(1, [
          { tx: 7, table: 'tickets', id: 'T-1', changes: ticket('T-1') },
          { tx: 7, table: 'events', id: 'E-1', changes: note('E-1', 'T-1') },
          { tx: 7, table: 'matrices', id: 'M-1', changes: matrix('M-1', 1), baseVersion: 0 },
          { tx: 8, table: 'tickets', id: 'T-2', changes: ticket('T-2') },
        ]),
      );
      expect(body.lastMid).toBe(4);
      expect(body.rejected.map((r) => [r.mid, r.code])).toEqual([
        [1, 'forbidden'],
        [2, 'forbidden'],
        [3, 'forbidden'],
      ]);
      expect(body.rejected[0]!.reason).toMatch(/^Refused with the rest of its change: /);
      const rows = (await pull(agent, spaceId)).body.changes;
      expect(rows.map((c) => c.id)).toEqual(['T-2']);
    });

    it('merges ticket fields last-writer-wins by HLC across two desks', async () => {
      const spaceId = await teamSpace();
      await push(
        agent,
        spaceId,
        mutations(1, [
          {
            table: 'tickets',
            id: 'T-1',
            hlc: hlc(0, 'deskA'),
            changes: ticket('T-1', { ownerId: 'p-1' }),
          },
        ]),
        'deskA',
      );
      // Desk A renames at +10 s; desk B, offline, renamed at +5 s and set the priority and
      // removed the owner at +20 s.
      await push(
        agent,
        spaceId,
        mutations(2, [
          { table: 'tickets', id: 'T-1', hlc: hlc(10_000, 'deskA'), changes: { title: 'From A' } },
        ]),
        'deskA',
      );
      const fromB = await push(
        supervisor,
        spaceId,
        mutations(1, [
          { table: 'tickets', id: 'T-1', hlc: hlc(5_000, 'deskB'), changes: { title: 'From B' } },
          {
            table: 'tickets',
            id: 'T-1',
            hlc: hlc(20_000, 'deskB'),
            changes: { priority: 'P1', ownerId: null },
          },
        ]),
        'deskB',
      );
      // Desk B's rename lost: it is given the server's row.
      expect(fromB.body.rejected).toEqual([
        expect.objectContaining({
          mid: 1,
          code: 'superseded',
          serverRow: expect.objectContaining({
            row: ticket('T-1', { title: 'From A', priority: 'P1' }),
          }),
        }),
      ]);
      const row = await serverRow(spaceId, 'tickets', 'T-1');
      expect(row?.row).toEqual(ticket('T-1', { title: 'From A', priority: 'P1' }));
      expect(row?.rowVersion).toBe(3);
    });

    it('refuses an illegal status transition with the server row', async () => {
      const spaceId = await teamSpace();
      await push(
        agent,
        spaceId,
        mutations(1, [{ table: 'tickets', id: 'T-1', changes: ticket('T-1') }]),
      );
      const { body } = await push(
        agent,
        spaceId,
        mutations(2, [
          { table: 'tickets', id: 'T-1', hlc: hlc(1000), changes: { status: 'closed' } },
        ]),
      );
      expect(body.rejected).toEqual([
        {
          mid: 2,
          table: 'tickets',
          id: 'T-1',
          code: 'transition',
          reason: expect.stringMatching(/A New ticket cannot become Closed/),
          serverRow: {
            table: 'tickets',
            id: 'T-1',
            version: 1,
            rowVersion: 1,
            deleted: false,
            row: ticket('T-1'),
            hlc: hlc(0),
          },
        },
      ]);
      expect(body.lastMid).toBe(2);
    });

    it("refuses a stale matrix save with 'stale' and the server's version", async () => {
      const spaceId = await teamSpace();
      await push(
        manager,
        spaceId,
        mutations(1, [{ table: 'matrices', id: 'M-1', changes: matrix('M-1', 1), baseVersion: 0 }]),
        'deskA',
      );
      await push(
        manager,
        spaceId,
        mutations(2, [{ table: 'matrices', id: 'M-1', changes: matrix('M-1', 2), baseVersion: 1 }]),
        'deskA',
      );
      // Desk B edited the first version while offline.
      const { body } = await push(
        manager,
        spaceId,
        mutations(1, [{ table: 'matrices', id: 'M-1', changes: matrix('M-1', 5), baseVersion: 1 }]),
        'deskB',
      );
      expect(body.rejected).toEqual([
        expect.objectContaining({
          code: 'stale',
          reason: expect.stringMatching(/server version 2/),
          serverRow: {
            table: 'matrices',
            id: 'M-1',
            version: 2,
            rowVersion: 2,
            deleted: false,
            row: matrix('M-1', 2),
          },
        }),
      ]);
      expect((await serverRow(spaceId, 'matrices', 'M-1'))?.row).toEqual(matrix('M-1', 2));
    });

    it('refuses an event with the same id and different content; the same content is harmless', async () => {
      const spaceId = await teamSpace();
      const event = note('E-1', 'T-1');
      await push(
        agent,
        spaceId,
        mutations(1, [{ table: 'events', id: 'E-1', changes: event }]),
        'deskA',
      );
      const same = await push(
        agent,
        spaceId,
        mutations(1, [{ table: 'events', id: 'E-1', changes: { ...event } }]),
        'deskB',
      );
      expect(same.body).toMatchObject({ version: 1, rejected: [] });
      const other = await push(
        agent,
        spaceId,
        mutations(2, [{ table: 'events', id: 'E-1', changes: { ...event, body: 'Edited.' } }]),
        'deskB',
      );
      expect(other.body.rejected).toEqual([
        expect.objectContaining({
          code: 'conflict',
          serverRow: expect.objectContaining({ row: event, version: 1 }),
        }),
      ]);
      expect(other.body.version).toBe(1);
    });

    it('keeps the row of a delete from the pull and refuses an older edit of it', async () => {
      const spaceId = await spaceWithDeletedTicket();
      const late = await push(
        agent,
        spaceId,
        mutations(2, [
          { table: 'tickets', id: 'T-1', hlc: hlc(5_000), changes: { title: 'Late' } },
        ]),
      );
      expect(late.body.rejected).toEqual([
        expect.objectContaining({
          code: 'conflict',
          serverRow: expect.objectContaining({ deleted: true, row: null }),
        }),
      ]);
      const row = await serverRow(spaceId, 'tickets', 'T-1');
      expect(row).toMatchObject({ deleted: true, row: null, version: 2 });
    });
  });

  describe('row shape', () => {
    it.each([
      {
        name: 'a ticket with an unknown priority',
        table: 'tickets' as const,
        id: 'T-1',
        changes: { ...ticket('T-1'), priority: 'urgent' },
        says: 'row.priority',
      },
      {
        name: 'a ticket without its customer',
        table: 'tickets' as const,
        id: 'T-1',
        changes: { ...ticket('T-1'), customerId: undefined },
        says: 'row.customerId',
      },
      {
        name: 'an activity-log entry of an unknown type',
        table: 'events' as const,
        id: 'E-1',
        changes: { ...note('E-1', 'T-1'), type: 'phone_call' },
        says: 'row.type',
      },
    ])('refuses $name as invalid, naming the field, storing nothing', async (item) => {
      const spaceId = await teamSpace();
      const { status, body } = await push(
        agent,
        spaceId,
        mutations(1, [{ table: item.table, id: item.id, changes: item.changes }]),
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({ lastMid: 1, version: 0 });
      expect(body.rejected).toEqual([
        {
          mid: 1,
          table: item.table,
          id: item.id,
          code: 'invalid',
          reason: expect.stringContaining(`is not valid: ${item.says}`),
          serverRow: null,
        },
      ]);
      expect((await pull(manager, spaceId)).body.changes).toEqual([]);
    });

    it('refuses a field edit that would leave the stored ticket invalid', async () => {
      const spaceId = await teamSpace();
      await push(
        agent,
        spaceId,
        mutations(1, [{ table: 'tickets', id: 'T-1', changes: ticket('T-1') }]),
      );
      const { body } = await push(
        agent,
        spaceId,
        mutations(2, [
          { table: 'tickets', id: 'T-1', hlc: hlc(1000), changes: { customerId: null } },
        ]),
      );
      expect(body.version).toBe(1);
      expect(body.rejected).toEqual([
        expect.objectContaining({
          mid: 2,
          code: 'invalid',
          reason: expect.stringContaining('row.customerId'),
          serverRow: expect.objectContaining({ version: 1, row: ticket('T-1') }),
        }),
      ]);
      expect((await serverRow(spaceId, 'tickets', 'T-1'))?.row).toEqual(ticket('T-1'));
    });

    it('refuses a ticket change whose id is not the id it is sent under', async () => {
      const spaceId = await teamSpace();
      const { body } = await push(
        agent,
        spaceId,
        mutations(1, [{ table: 'tickets', id: 'T-1', changes: ticket('T-2') }]),
      );
      expect(body.version).toBe(0);
      expect(body.rejected).toEqual([
        expect.objectContaining({
          code: 'invalid',
          reason: expect.stringContaining('cannot change its id to "T-2"'),
          serverRow: null,
        }),
      ]);
      expect((await pull(manager, spaceId)).body.changes).toEqual([]);
    });
  });

  describe('superseded changes', () => {
    /** A space whose ticket T-1 desk A made at +0 s and renamed "Newer" at +10 s. */
    async function renamedTicket(): Promise<string> {
      const spaceId = await teamSpace();
      await push(
        agent,
        spaceId,
        mutations(1, [
          { table: 'tickets', id: 'T-1', hlc: hlc(0, 'deskA'), changes: ticket('T-1') },
        ]),
        'deskA',
      );
      await push(
        agent,
        spaceId,
        mutations(2, [
          { table: 'tickets', id: 'T-1', hlc: hlc(10_000, 'deskA'), changes: { title: 'Newer' } },
        ]),
        'deskA',
      );
      return spaceId;
    }

    it("answers a losing field edit as superseded with the winner's row, again on a repeat", async () => {
      const spaceId = await renamedTicket();
      // Desk B renamed the ticket at +5 s while offline.
      const losing = mutations(1, [
        { table: 'tickets', id: 'T-1', hlc: hlc(5_000, 'deskB'), changes: { title: 'Older' } },
      ]);
      const first = await push(supervisor, spaceId, losing, 'deskB');
      expect(first.body).toEqual({
        protocol: 2,
        lastMid: 1,
        version: 2,
        rejected: [
          {
            mid: 1,
            table: 'tickets',
            id: 'T-1',
            code: 'superseded',
            reason: expect.any(String),
            serverRow: {
              table: 'tickets',
              id: 'T-1',
              version: 2,
              rowVersion: 2,
              deleted: false,
              row: ticket('T-1', { title: 'Newer' }),
              hlc: hlc(10_000, 'deskA'),
            },
          },
        ],
      });
      // The answer may never have arrived: the same push is answered the same way.
      const again = await push(supervisor, spaceId, losing, 'deskB');
      expect(again.body).toEqual(first.body);
      expect((await serverRow(spaceId, 'tickets', 'T-1'))?.row).toEqual(
        ticket('T-1', { title: 'Newer' }),
      );
    });

    it("does not answer a losing edit whose value is the server's already", async () => {
      const spaceId = await renamedTicket();
      const { body } = await push(
        supervisor,
        spaceId,
        mutations(1, [
          { table: 'tickets', id: 'T-1', hlc: hlc(5_000, 'deskB'), changes: { title: 'Newer' } },
        ]),
        'deskB',
      );
      expect(body).toEqual({ protocol: 2, lastMid: 1, version: 2, rejected: [] });
    });

    it('answers a partly applied edit with the row as the push left it', async () => {
      const spaceId = await renamedTicket();
      const { body } = await push(
        supervisor,
        spaceId,
        mutations(1, [
          {
            table: 'tickets',
            id: 'T-1',
            hlc: hlc(5_000, 'deskB'),
            changes: { title: 'Older', priority: 'P1' },
          },
        ]),
        'deskB',
      );
      expect(body.version).toBe(3);
      expect(body.rejected).toEqual([
        expect.objectContaining({
          code: 'superseded',
          serverRow: expect.objectContaining({
            version: 3,
            row: ticket('T-1', { title: 'Newer', priority: 'P1' }),
          }),
        }),
      ]);
    });
  });

  describe('fills (rows a desk held before it joined)', () => {
    it("changes nothing of a ticket the server has, and gives the desk the server's row", async () => {
      const spaceId = await teamSpace();
      await push(
        agent,
        spaceId,
        mutations(1, [{ table: 'tickets', id: 'T-1', changes: ticket('T-1') }]),
      );
      const { body } = await push(
        supervisor,
        spaceId,
        mutations(1, [
          {
            table: 'tickets',
            id: 'T-1',
            hlc: fill('deskB'),
            changes: ticket('T-1', { title: 'My copy', priority: 'P1', status: 'closed' }),
          },
        ]),
        'deskB',
      );
      expect(body).toEqual({
        protocol: 2,
        lastMid: 1,
        version: 1,
        rejected: [
          expect.objectContaining({
            mid: 1,
            code: 'superseded',
            serverRow: {
              table: 'tickets',
              id: 'T-1',
              version: 1,
              rowVersion: 1,
              deleted: false,
              row: ticket('T-1'),
              hlc: hlc(0),
            },
          }),
        ],
      });
      expect((await serverRow(spaceId, 'tickets', 'T-1'))?.row).toEqual(ticket('T-1'));
    });

    it('creates a ticket the server lacks', async () => {
      const spaceId = await teamSpace();
      const mine = ticket('T-1', { title: 'Logged before joining' });
      const { body } = await push(
        supervisor,
        spaceId,
        mutations(1, [{ table: 'tickets', id: 'T-1', hlc: fill('deskB'), changes: mine }]),
        'deskB',
      );
      expect(body).toEqual({ protocol: 2, lastMid: 1, version: 1, rejected: [] });
      expect(await serverRow(spaceId, 'tickets', 'T-1')).toMatchObject({ row: mine, version: 1 });
    });

    it('does not bring back a deleted ticket, giving the desk the deletion', async () => {
      const spaceId = await spaceWithDeletedTicket();
      const { body } = await push(
        manager,
        spaceId,
        mutations(1, [{ table: 'tickets', id: 'T-1', hlc: fill('deskC'), changes: ticket('T-1') }]),
        'deskC',
      );
      expect(body.version).toBe(2);
      expect(body.rejected).toEqual([
        expect.objectContaining({
          code: 'superseded',
          serverRow: expect.objectContaining({ deleted: true, row: null, version: 2 }),
        }),
      ]);
      expect(await serverRow(spaceId, 'tickets', 'T-1')).toMatchObject({ deleted: true });
    });

    it("gives way to the team's escalation matrix", async () => {
      const spaceId = await teamSpace();
      await push(
        manager,
        spaceId,
        mutations(1, [{ table: 'matrices', id: 'M-1', changes: matrix('M-1', 2), baseVersion: 0 }]),
        'deskA',
      );
      const { body } = await push(
        manager,
        spaceId,
        mutations(1, [
          {
            table: 'matrices',
            id: 'M-1',
            hlc: fill('deskB'),
            changes: matrix('M-1', 3),
            baseVersion: 0,
          },
        ]),
        'deskB',
      );
      expect(body.version).toBe(1);
      expect(body.rejected).toEqual([
        expect.objectContaining({
          code: 'superseded',
          serverRow: expect.objectContaining({ row: matrix('M-1', 2), version: 1 }),
        }),
      ]);
      expect((await serverRow(spaceId, 'matrices', 'M-1'))?.row).toEqual(matrix('M-1', 2));
    });
  });

  describe('desk identity', () => {
    it("refuses a push under another account's desk id with 409 client_id_taken", async () => {
      const spaceId = await teamSpace();
      await push(
        agent,
        spaceId,
        mutations(1, [{ table: 'tickets', id: 'T-1', changes: ticket('T-1') }]),
        'deskA',
      );
      const { status, body } = await push(
        supervisor,
        spaceId,
        mutations(2, [{ table: 'tickets', id: 'T-2', hlc: hlc(5_000), changes: ticket('T-2') }]),
        'deskA',
      );
      expect(status).toBe(409);
      expect(body).toMatchObject({ reason: 'client_id_taken' });
      expect((await pull(manager, spaceId)).body.changes.map((c) => c.id)).toEqual(['T-1']);
      const clients = await server.sql.query<{ last_mid: number; user_id: string }>(
        'SELECT last_mid, user_id FROM sync_clients WHERE space_id = $1',
        [spaceId],
      );
      expect(clients).toEqual([{ last_mid: 1, user_id: agent.user.id }]);
    });

    it('refuses a change numbered like the last one applied but with another clock (a copied desk)', async () => {
      const spaceId = await teamSpace();
      const sent = mutations(1, [{ table: 'tickets', id: 'T-1', changes: ticket('T-1') }]);
      await push(agent, spaceId, sent, 'deskA');
      const copy = await push(
        agent,
        spaceId,
        mutations(1, [{ table: 'tickets', id: 'T-9', hlc: hlc(7_000), changes: ticket('T-9') }]),
        'deskA',
      );
      expect(copy.status).toBe(409);
      expect(copy.body).toMatchObject({ reason: 'client_id_taken' });
      expect((await pull(manager, spaceId)).body.changes.map((c) => c.id)).toEqual(['T-1']);

      // The desk that sent it repeats it (its answer was lost): harmless.
      const repeat = await push(agent, spaceId, sent, 'deskA');
      expect(repeat.status).toBe(200);
      expect(repeat.body).toEqual({ protocol: 2, lastMid: 1, version: 1, rejected: [] });
    });
  });

  describe('pull', () => {
    it('pages by cursor, each row once in its latest state, with more while rows wait', async () => {
      const spaceId = await teamSpace();
      await push(
        agent,
        spaceId,
        mutations(
          1,
          ['T-1', 'T-2', 'T-3', 'T-4'].map((id) => ({
            table: 'tickets' as const,
            id,
            changes: ticket(id),
          })),
        ),
      );
      await push(
        agent,
        spaceId,
        mutations(5, [
          { table: 'tickets', id: 'T-2', hlc: hlc(1000), changes: { title: 'Renamed' } },
        ]),
      );

      const first = (await pull(agent, spaceId, 0, 2)).body;
      expect(first.changes.map((c) => [c.id, c.version])).toEqual([
        ['T-1', 1],
        ['T-3', 3],
      ]);
      expect(first).toMatchObject({ protocol: 2, cursor: 3, more: true });
      const second = (await pull(agent, spaceId, first.cursor, 2)).body;
      expect(second.changes.map((c) => [c.id, c.version])).toEqual([
        ['T-4', 4],
        ['T-2', 5],
      ]);
      expect(second.changes[1]!.row).toMatchObject({ title: 'Renamed' });
      expect(second).toMatchObject({ cursor: 5, more: false });
      const third = (await pull(agent, spaceId, second.cursor, 2)).body;
      expect(third).toEqual({ protocol: 2, changes: [], cursor: 5, more: false });
    });

    it("carries a ticket's latest field clock, and none for log entries and matrices", async () => {
      const spaceId = await teamSpace();
      await push(
        manager,
        spaceId,
        mutations(1, [
          { table: 'tickets', id: 'T-1', hlc: hlc(0, 'deskA'), changes: ticket('T-1') },
          { table: 'tickets', id: 'T-2', hlc: hlc(1, 'deskA'), changes: ticket('T-2') },
          { table: 'events', id: 'E-1', hlc: hlc(2, 'deskA'), changes: note('E-1', 'T-1') },
          { table: 'matrices', id: 'M-1', hlc: hlc(3, 'deskA'), changes: matrix('M-1', 1) },
        ]),
        'deskA',
      );
      await push(
        manager,
        spaceId,
        mutations(1, [
          { table: 'tickets', id: 'T-1', hlc: hlc(20_000, 'deskB'), changes: { priority: 'P1' } },
          { table: 'tickets', id: 'T-2', hlc: hlc(30_000, 'deskB'), op: 'delete' },
        ]),
        'deskB',
      );
      // Desk A's rename arrives last but is older: the latest clock, not the last one written.
      await push(
        manager,
        spaceId,
        mutations(5, [
          { table: 'tickets', id: 'T-1', hlc: hlc(10_000, 'deskA'), changes: { title: 'Renamed' } },
        ]),
        'deskA',
      );
      const { changes } = (await pull(manager, spaceId)).body;
      const hlcOf = Object.fromEntries(changes.map((c) => [c.id, c.hlc]));
      expect(hlcOf).toEqual({
        'T-1': hlc(20_000, 'deskB'),
        'T-2': hlc(30_000, 'deskB'),
        'E-1': undefined,
        'M-1': undefined,
      });
      for (const change of changes.filter((c) => c.table !== 'tickets')) {
        expect(change).not.toHaveProperty('hlc');
      }
    });

    it.each([
      ['after=-1', /^after: /],
      ['after=abc', /^after: /],
      ['limit=0', /^limit: /],
      ['limit=1001', /^limit: /],
      ['after=1&since=2', /^query: .*since/],
    ])('refuses the query %s with 400 naming it', async (query, error) => {
      const spaceId = await teamSpace();
      const { status, body } = await server.call<{ error: string }>(
        'GET',
        `/v1/spaces/${spaceId}/pull?${query}`,
        {
          token: agent.token,
        },
      );
      expect(status).toBe(400);
      expect(body.error).toMatch(error);
    });
  });

  describe('live', () => {
    /** Opens an injected (socketless) connection and resolves to its close code. */
    async function closeCode(spaceId: string, token: string): Promise<number> {
      let resolveCode: (code: number) => void = () => undefined;
      const closed = new Promise<number>((resolve) => {
        resolveCode = resolve;
      });
      await server.app.injectWS(
        `/v1/spaces/${spaceId}/live?access_token=${token}`,
        {},
        {
          onInit: (socket) => socket.on('close', (code) => resolveCode(code)),
        },
      );
      return closed;
    }

    it('closes with 4401 for a bad token and 4403 for someone outside the space', async () => {
      const spaceId = await teamSpace();
      expect(await closeCode(spaceId, 'not-a-token')).toBe(4401);
      expect(await closeCode(spaceId, outsider.token)).toBe(4403);
    });

    it('pokes desks listening on another server node sharing the database', async () => {
      const spaceId = await teamSpace();
      const otherSql = await server.database.connectAgain();
      const otherNode = await buildServer({ sql: otherSql, now: () => server.clock.now });
      try {
        await otherNode.ready();
        const pokes: unknown[] = [];
        const socket = await otherNode.injectWS(
          `/v1/spaces/${spaceId}/live?access_token=${agent.token}`,
          {},
          {
            onInit: (ws) => ws.on('message', (data) => pokes.push(JSON.parse(String(data)))),
          },
        );
        await expect.poll(() => otherNode.desk.live.count(spaceId)).toBe(1);
        await push(
          manager,
          spaceId,
          mutations(1, [{ table: 'tickets', id: 'T-1', changes: ticket('T-1') }]),
        );
        await expect.poll(() => pokes).toEqual([{ type: 'poke', version: 1 }]);
        socket.terminate();
      } finally {
        await otherNode.close();
        await otherSql.close();
      }
    });

    it('pokes a listening desk with the new version after a push', async () => {
      const spaceId = await teamSpace();
      const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
      const socket = new WebSocket(
        `${address.replace('http', 'ws')}/v1/spaces/${spaceId}/live?access_token=${agent.token}`,
      );
      try {
        await new Promise((resolve, reject) => {
          socket.once('open', resolve);
          socket.once('error', reject);
        });
        // The server registers the socket after checking the token and the membership.
        await expect.poll(() => server.app.desk.live.count(spaceId)).toBe(1);
        const message = new Promise<unknown>((resolve) =>
          socket.once('message', (data) => resolve(JSON.parse(String(data)))),
        );
        await push(
          supervisor,
          spaceId,
          mutations(1, [{ table: 'tickets', id: 'T-1', changes: ticket('T-1') }]),
        );
        expect(await message).toEqual({ type: 'poke', version: 1 });
      } finally {
        socket.close();
      }
    });
  });
});
