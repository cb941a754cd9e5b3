import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignTicket, resolveTicket } from '@core/index';
import type { DeskDatabase } from '../../db/database';
import { deskChanged } from '../../db/desk-changes';
import { openTestDesk, TEST_T0 } from '../../db/test-desk';
import { applyWorkflow, createTicket } from '../../db/ticket-writes';
import { QueueIndex, runQueueQuery, type QueueQuery } from './queue-index';
import { startQueueData, useQueueData } from './queue-store';

const byOwner: QueueQuery = {
  sorting: [{ id: 'owner', desc: false }],
  columnFilters: [],
  search: '',
  grouping: [],
  collapsed: {},
  now: TEST_T0,
  currentUserId: 'p-1',
};

let database: DeskDatabase;
let stop: () => void = () => undefined;

beforeEach(async () => {
  database = await openTestDesk('queue-store');
  await database.people.put({ id: 'p-1', name: 'Bruno Costa', role: 'agent' });
});
afterEach(async () => {
  stop();
  await database.delete();
});

const input = {
  title: 'Invoice charged twice',
  description: '',
  customerId: 'c-1',
  tier: 'standard' as const,
  channel: 'email' as const,
  category: 'billing',
  priority: 'P2' as const,
};

async function settled(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

const ids = () =>
  useQueueData
    .getState()
    .rows.map((row) => row.ticket.id)
    .sort();

describe('the queue data', () => {
  it('loads, then follows each write: new, changed and resolved tickets', async () => {
    const first = await createTicket(input, TEST_T0, database);
    stop = startQueueData(database);
    await settled(() => useQueueData.getState().status === 'ready' && ids().length === 1);

    const second = await createTicket(input, TEST_T0 + 1, database);
    await settled(() => ids().length === 2);
    // Idle time prepares the text columns' sort keys.
    await settled(() => QueueIndex.of(useQueueData.getState().rows).hasKey('owner'));
    expect(ids()).toEqual([first.id, second.id].sort());

    await applyWorkflow(
      first.id,
      (t, ctx) => assignTicket(t, { ownerId: 'p-1' }, ctx),
      TEST_T0 + 2,
      database,
    );
    await settled(() => useQueueData.getState().rows.some((row) => row.owner === 'Bruno Costa'));
    // The sort keys prepared after the load carried over to the changed rows (no new ranking).
    const index = QueueIndex.of(useQueueData.getState().rows);
    expect(index.hasKey('customer') && index.hasKey('owner')).toBe(true);
    expect(runQueueQuery(index, byOwner).ticketRows.map((row) => row.owner)).toEqual([
      'Bruno Costa',
      '',
    ]);

    await applyWorkflow(
      second.id,
      (t, ctx) => resolveTicket(t, { notes: 'Fixed' }, ctx),
      TEST_T0 + 3,
      database,
    );
    await settled(() => ids().length === 1);
    expect(ids()).toEqual([first.id]);
  });

  it('re-reads everything after an import or a demo load', async () => {
    stop = startQueueData(database);
    await settled(() => useQueueData.getState().status === 'ready');
    // A bulk write that announces itself as a whole-desk change (as imports do).
    await database.tickets.add({
      ...input,
      id: 'T-9',
      status: 'new',
      level: 0,
      escalated: false,
      breached: false,
      createdAt: TEST_T0,
      updatedAt: TEST_T0,
    });
    deskChanged();
    await settled(() => ids().includes('T-9'));
  });
});
