import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeskDatabase } from '../../db/database';
import { readSetting } from '../../db/settings';
import { ticketEvents } from '../../db/ticket-writes';
import { loadDraft, saveDraft } from './draft';
import { emptyForm, type EscalationForm } from './form';
import { EscalationFormError, logEscalation } from './log-escalation';

const NOW = Date.UTC(2026, 10, 3, 9, 0);
let database: DeskDatabase;
beforeEach(() => {
  database = new DeskDatabase(`log-${Math.random()}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await database.delete();
});

const forNewCustomer: EscalationForm = {
  ...emptyForm('phone'),
  customerName: ' Marta Jensen ',
  newCustomer: true,
  newCustomerTier: 'business',
  newCustomerEmail: 'marta@example.com',
  category: 'refunds',
  priority: 'P2',
  title: 'Refund refused for a faulty blender',
  description: 'Motor died after three weeks.',
};

describe('logEscalation', () => {
  it('creates the new customer, the ticket and its created event, and clears the draft', async () => {
    await saveDraft(forNewCustomer, NOW - 1_000, database);
    const { ticket, customer, createdCustomer } = await logEscalation(
      forNewCustomer,
      NOW,
      database,
    );

    expect(createdCustomer).toBe(true);
    expect(await database.customers.get(customer.id)).toEqual({
      id: customer.id,
      name: 'Marta Jensen',
      tier: 'business',
      email: 'marta@example.com',
    });
    expect(await database.tickets.get(ticket.id)).toMatchObject({
      id: 'ESC-1001',
      customerId: customer.id,
      tier: 'business',
      channel: 'phone',
      category: 'refunds',
      priority: 'P2',
      status: 'new',
      createdAt: NOW,
    });
    expect((await ticketEvents(ticket.id, database)).map((event) => event.type)).toEqual([
      'created',
    ]);
    expect(await loadDraft(database)).toBeNull();
    expect(await readSetting('newEscalationChannel', database)).toBe('phone');
  });

  it('logs against an existing customer with that customer’s tier and adds no customer', async () => {
    await database.customers.add({ id: 'c1', name: 'Nordic Bikes', tier: 'enterprise' });
    const form = { ...forNewCustomer, customerName: 'Nordic Bikes', customerId: 'c1' };
    const { ticket, createdCustomer } = await logEscalation(form, NOW, database);
    expect(createdCustomer).toBe(false);
    expect(ticket).toMatchObject({ customerId: 'c1', tier: 'enterprise' });
    expect(await database.customers.count()).toBe(1);
  });

  it('hands the ticket to the chosen team, recorded as an assignment', async () => {
    await database.teams.add({ id: 'team-refunds', name: 'Refunds', skills: [] });
    const { ticket } = await logEscalation(
      { ...forNewCustomer, teamId: 'team-refunds' },
      NOW,
      database,
    );
    expect((await database.tickets.get(ticket.id))?.teamId).toBe('team-refunds');
    const events = await ticketEvents(ticket.id, database);
    expect(events.map((event) => event.type)).toEqual(['created', 'assigned']);
    expect(events[1]).toMatchObject({ toTeamId: 'team-refunds' });
  });

  it('logs without a team when none was chosen', async () => {
    const { ticket } = await logEscalation(forNewCustomer, NOW, database);
    expect((await database.tickets.get(ticket.id))?.teamId).toBeUndefined();
  });

  it('says so when the chosen team is gone, and writes nothing', async () => {
    await expect(
      logEscalation({ ...forNewCustomer, teamId: 'team-deleted' }, NOW, database),
    ).rejects.toMatchObject({
      errors: { teamId: expect.stringMatching(/no longer on this desk/) },
    });
    expect(await database.customers.count()).toBe(0);
    expect(await database.tickets.count()).toBe(0);
  });

  it('refuses an invalid form before writing anything', async () => {
    const error = await logEscalation({ ...forNewCustomer, title: ' ' }, NOW, database).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(EscalationFormError);
    expect((error as EscalationFormError).errors).toEqual({
      title: 'Give the escalation a short title.',
    });
    expect(await database.customers.count()).toBe(0);
  });

  it('says so when the picked customer is gone, and keeps the draft', async () => {
    const form = { ...forNewCustomer, customerId: 'deleted' };
    await saveDraft(form, NOW - 1_000, database);
    await expect(logEscalation(form, NOW, database)).rejects.toMatchObject({
      errors: { customerName: expect.stringMatching(/no longer on this desk/) },
    });
    expect(await database.tickets.count()).toBe(0);
    expect(await loadDraft(database)).not.toBeNull();
  });

  it('writes neither the customer nor the ticket when the ticket cannot be written', async () => {
    await saveDraft(forNewCustomer, NOW - 1_000, database);
    vi.spyOn(database.events, 'bulkAdd').mockRejectedValueOnce(new Error('disk full'));
    await expect(logEscalation(forNewCustomer, NOW, database)).rejects.toThrow('disk full');
    expect(await database.customers.count()).toBe(0);
    expect(await database.tickets.count()).toBe(0);
    expect(await loadDraft(database)).not.toBeNull();
  });
});
