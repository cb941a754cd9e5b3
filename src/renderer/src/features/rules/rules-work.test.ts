import type { AssistSettings, DeskEvent, EscalationMatrix } from '@core/index';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskDatabase } from '../../db/database';
import { writeSetting } from '../../db/settings';
import { openTestDesk, TEST_T0 } from '../../db/test-desk';
import { createTicket } from '../../db/ticket-writes';
import { OpenTicketCache, previewRules } from './rules-work';

const MINUTE = 60_000;
const NOW = TEST_T0 + 30 * MINUTE;

/** One level for every ticket: to Customer care when the customer's last message is below -0.4. */
const MOOD_MATRIX: EscalationMatrix = {
  rows: [
    {
      id: 'all',
      name: 'Everything',
      criteria: {},
      levels: [
        {
          id: 'l1',
          type: 'automatic',
          owner: { kind: 'team', id: 'team-care', name: 'Customer care', contacts: [] },
          trigger: { kind: 'sentiment_below', score: -0.4 },
          actions: [{ kind: 'reassign' }],
          repeat: { kind: 'none' },
        },
      ],
    },
  ],
};

let database: DeskDatabase;
let angryTicketId: string;
beforeEach(async () => {
  database = await openTestDesk('rules-work');
  const input = {
    description: '',
    customerId: 'c-1',
    tier: 'standard',
    channel: 'web',
    category: 'billing',
    priority: 'P3',
  } as const;
  await createTicket({ ...input, title: 'Invoice address' }, TEST_T0, database);
  const angry = await createTicket({ ...input, title: 'Refund not received' }, TEST_T0, database);
  angryTicketId = angry.id;
  const reply: DeskEvent = {
    id: 'm-1',
    ticketId: angry.id,
    at: TEST_T0 + 10 * MINUTE,
    by: 'customer',
    type: 'reply',
    direction: 'from_customer',
    body: 'This is terrible, still no refund and nobody answers! Worst service ever.',
  };
  await database.events.add(reply);
});
afterEach(async () => {
  await database.delete();
});

const withAssist = (fields: Partial<AssistSettings>) =>
  writeSetting(
    'assist',
    { sentiment: true, risk: true, routing: true, similar: true, ...fields },
    database,
  );

describe('the what-if preview judges risk and sentiment levels as the live desk does', () => {
  it.each([
    ['risk off, sentiment on: the sentiment level escalates the angry customer', false, true, 1],
    ['both on', true, true, 1],
    ['sentiment off: it waits', true, false, 0],
  ])('%s', async (_, risk, sentiment, firing) => {
    await withAssist({ risk, sentiment });
    const summary = await previewRules(database, { matrix: MOOD_MATRIX }, NOW);
    expect(summary?.levelsFiring).toBe(firing);
    expect(summary?.levelsFiringTickets.map((ticket) => ticket.id)).toEqual(
      firing ? [angryTicketId] : [],
    );
  });

  it('follows the switches as they change, with the tickets it keeps between previews', async () => {
    const cache = new OpenTicketCache();
    await withAssist({ sentiment: false });
    expect(
      (await previewRules(database, { matrix: MOOD_MATRIX }, NOW, { cache }))?.levelsFiring,
    ).toBe(0);
    await withAssist({ risk: false, sentiment: true });
    expect(
      (await previewRules(database, { matrix: MOOD_MATRIX }, NOW, { cache }))?.levelsFiring,
    ).toBe(1);
  });
});
