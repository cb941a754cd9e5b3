import { changePriority, resolveTicket } from '@core/index';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskDatabase } from '../../db/database';
import { openTestDesk, TEST_T0 } from '../../db/test-desk';
import { applyWorkflow, createTicket } from '../../db/ticket-writes';
import { parseHash } from '../../router';
import { closeDrillDown, openDrillDown, useDrillDown } from './drill-down';
import { useQueueUi } from './queue-ui-store';
import { BUILT_IN_VIEWS } from './view-state';

let database: DeskDatabase;
const ids: string[] = [];

const input = (title: string) => ({
  title,
  description: '',
  customerId: 'c-1',
  tier: 'standard' as const,
  channel: 'web' as const,
  category: 'billing',
  priority: 'P3' as const,
});

async function settled(): Promise<void> {
  for (let i = 0; i < 100 && useDrillDown.getState().status === 'loading'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeEach(async () => {
  database = await openTestDesk('drill');
  ids.length = 0;
  for (const title of ['Refund missing', 'Card declined', 'Invoice wrong']) {
    ids.push((await createTicket(input(title), TEST_T0, database)).id);
  }
  // The second one is resolved: the queue alone would not show it.
  await applyWorkflow(ids[1]!, (t, ctx) => resolveTicket(t, {}, ctx), TEST_T0 + 60_000, database);
  const breached = BUILT_IN_VIEWS.find((view) => view.id === 'breached')!;
  useQueueUi.getState().applyView(breached.id, breached.state);
  window.location.hash = '#/reports';
});

afterEach(async () => {
  closeDrillDown(false);
  await database.delete();
});

describe('a drill-down from a report', () => {
  it('shows exactly the tickets asked for, resolved ones too, in the order given', async () => {
    openDrillDown({ title: 'Billing tickets', ticketIds: [ids[2]!, ids[1]!] }, database);
    expect(parseHash(window.location.hash)).toEqual({ view: 'queue' });
    expect(useDrillDown.getState()).toMatchObject({ status: 'loading', title: 'Billing tickets' });
    await settled();
    const { rows, status } = useDrillDown.getState();
    expect(status).toBe('ready');
    expect(rows.map((row) => [row.ticket.id, row.ticket.status])).toEqual([
      [ids[2], 'new'],
      [ids[1], 'resolved'],
    ]);
    // No saved view's filter hides any of them.
    expect(useQueueUi.getState().viewId).toBe('all');
  });

  it('leaves out tickets no longer on the desk', async () => {
    openDrillDown({ title: 'Gone', ticketIds: ['ESC-404', ids[0]!] }, database);
    await settled();
    expect(useDrillDown.getState().rows.map((row) => row.ticket.id)).toEqual([ids[0]]);
  });

  it('follows changes to its tickets', async () => {
    openDrillDown({ title: 'One', ticketIds: [ids[0]!] }, database);
    await settled();
    await applyWorkflow(ids[0]!, (t, ctx) => changePriority(t, 'P1', ctx), TEST_T0 + 1, database);
    for (let i = 0; i < 100; i++) {
      if (useDrillDown.getState().rows[0]?.ticket.priority === 'P1') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(useDrillDown.getState().rows[0]?.ticket.priority).toBe('P1');
  });

  it('gives the queue back in the view used before the first drill-down', async () => {
    openDrillDown({ title: 'First', ticketIds: [ids[0]!] }, database);
    openDrillDown({ title: 'Second', ticketIds: [ids[2]!] }, database);
    await settled();
    expect(useDrillDown.getState().title).toBe('Second');
    closeDrillDown();
    expect(useDrillDown.getState()).toMatchObject({ status: 'off', rows: [], ticketIds: [] });
    expect(useQueueUi.getState().viewId).toBe('breached');
  });
});
