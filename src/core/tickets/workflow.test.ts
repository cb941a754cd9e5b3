import { describe, expect, it } from 'vitest';
import type { Ticket } from './desk';
import { checkTransition } from './lifecycle';
import {
  assignTicket,
  changePriority,
  changeStatus,
  closeTicket,
  createTicket,
  deEscalateTicket,
  escalateTicket,
  logMessage,
  reopenTicket,
  resolveTicket,
  WorkflowError,
  type WorkflowContext,
} from './workflow';

function context(now = 1_000): WorkflowContext {
  let n = 0;
  return { now, by: 'p-ana', newId: () => `e${++n}` };
}

function newTicket(patch: Partial<Ticket> = {}): Ticket {
  const { ticket } = createTicket(
    {
      id: 'ESC-1',
      title: 'Card terminal rejects every payment',
      description: 'Store 12',
      customerId: 'c-1',
      tier: 'business',
      channel: 'store',
      category: 'payments',
      priority: 'P2',
    },
    context(0),
  );
  return { ...ticket, ...patch };
}

describe('checkTransition', () => {
  it.each([
    ['new', 'open', true],
    ['open', 'pending_customer', true],
    ['pending_customer', 'pending_third_party', true],
    ['pending_third_party', 'open', true],
    ['open', 'resolved', true],
    ['resolved', 'closed', true],
    ['resolved', 'open', true],
    ['closed', 'open', true],
    ['new', 'closed', false],
    ['open', 'closed', false],
    ['closed', 'resolved', false],
    ['closed', 'pending_customer', false],
    ['open', 'open', false],
    ['open', 'new', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(checkTransition(from, to).ok).toBe(allowed);
  });

  it('says what is allowed when refusing', () => {
    const check = checkTransition('open', 'closed');
    expect(check).toEqual({
      ok: false,
      message:
        'A Open ticket cannot become Closed; it can become: Pending customer, Pending third party, Resolved.',
    });
  });

  it('marks reopening', () => {
    expect(checkTransition('closed', 'open')).toEqual({ ok: true, reopen: true });
    expect(checkTransition('pending_customer', 'open')).toEqual({ ok: true, reopen: false });
  });
});

describe('createTicket', () => {
  it('opens a new ticket at level 0 with its created event', () => {
    const { ticket, events } = createTicket(
      {
        id: 'ESC-9',
        title: '  Router down  ',
        description: '',
        customerId: 'c-1',
        tier: 'enterprise',
        channel: 'phone',
        category: 'network',
        priority: 'P1',
      },
      context(5),
    );
    expect(ticket).toMatchObject({
      id: 'ESC-9',
      title: 'Router down',
      status: 'new',
      level: 0,
      createdAt: 5,
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'created',
        ticketId: 'ESC-9',
        at: 5,
        by: 'p-ana',
        priority: 'P1',
        status: 'new',
      }),
    ]);
  });

  it.each([
    [{ title: ' ' }, 'A title is required.'],
    [{ customerId: '' }, 'A customer is required.'],
    [{ category: '' }, 'A category is required.'],
    [{ priority: 'urgent' }, '"urgent" is not a priority.'],
  ])('refuses %j', (patch, message) => {
    const input = {
      id: 'ESC-9',
      title: 'x',
      description: '',
      customerId: 'c',
      tier: 'standard' as const,
      channel: 'web' as const,
      category: 'c',
      priority: 'P3' as const,
      ...patch,
    };
    expect(() => createTicket(input as never, context())).toThrow(new WorkflowError(message));
  });
});

describe('escalation', () => {
  it('escalates hierarchically to a named person, opening a new ticket and raising priority', () => {
    const { ticket, events } = escalateTicket(
      newTicket(),
      {
        type: 'hierarchical',
        toLevel: 2,
        toOwnerId: 'p-sup',
        reason: 'Customer threatens to cancel',
        raisePriorityTo: 'P1',
      },
      context(100),
    );
    expect(ticket).toMatchObject({
      level: 2,
      ownerId: 'p-sup',
      escalated: true,
      escalationType: 'hierarchical',
      priority: 'P1',
      status: 'open',
      updatedAt: 100,
    });
    expect(events.map((e) => e.type)).toEqual(['escalated', 'priority_changed', 'status_changed']);
    expect(events[0]).toMatchObject({
      fromLevel: 0,
      toLevel: 2,
      toOwnerId: 'p-sup',
      reason: 'Customer threatens to cancel',
    });
  });

  it.each([
    [{ reason: ' ' }, 'A reason for the escalation is required.'],
    [{ toLevel: 0 }, 'Escalation goes to a higher level than the current L0.'],
    [
      { type: 'functional', toOwnerId: undefined },
      'A functional escalation goes to a team or a specialist: choose one.',
    ],
    [
      { type: 'hierarchical', toOwnerId: undefined },
      'A hierarchical escalation goes to a named person or role: choose one.',
    ],
  ])('refuses %j', (patch, message) => {
    const input = {
      type: 'functional' as const,
      toLevel: 1,
      toOwnerId: 'p-x',
      reason: 'why',
      ...patch,
    };
    expect(() => escalateTicket(newTicket(), input as never, context())).toThrow(message);
  });

  it('refuses to escalate a resolved ticket', () => {
    expect(() =>
      escalateTicket(
        newTicket({ status: 'resolved' }),
        { type: 'functional', toLevel: 1, toTeamId: 't', reason: 'r' },
        context(),
      ),
    ).toThrow('A Resolved ticket cannot be escalated; reopen it first.');
  });

  it('de-escalates with a reason, and not below L0', () => {
    const { ticket, events } = deEscalateTicket(
      newTicket({ level: 2 }),
      { toLevel: 1, reason: 'Workaround found' },
      context(),
    );
    expect(ticket.level).toBe(1);
    expect(events[0]).toMatchObject({ type: 'de_escalated', fromLevel: 2, toLevel: 1 });
    expect(() => deEscalateTicket(newTicket(), { toLevel: 0, reason: 'x' }, context())).toThrow(
      /first line/,
    );
    expect(() =>
      deEscalateTicket(newTicket({ level: 1 }), { toLevel: 1, reason: 'x' }, context()),
    ).toThrow(/lower level/);
    expect(() =>
      deEscalateTicket(newTicket({ level: 1 }), { toLevel: 0, reason: '' }, context()),
    ).toThrow(/reason/);
  });
});

describe('resolve, close, reopen', () => {
  it('requires a root cause and notes once the ticket was escalated or breached', () => {
    for (const ticket of [
      newTicket({ status: 'open', escalated: true }),
      newTicket({ status: 'open', breached: true }),
    ]) {
      expect(() => resolveTicket(ticket, {}, context())).toThrow(/choose a root cause/);
      expect(() => resolveTicket(ticket, { rootCause: 'configuration' }, context())).toThrow(
        /notes/,
      );
      const { ticket: resolved, events } = resolveTicket(
        ticket,
        { rootCause: 'configuration', notes: 'VLAN missing' },
        context(50),
      );
      expect(resolved).toMatchObject({
        status: 'resolved',
        resolvedAt: 50,
        rootCause: 'configuration',
      });
      expect(events.map((e) => e.type)).toEqual(['status_changed', 'root_cause']);
    }
  });

  it('resolves a plain ticket without a root cause', () => {
    expect(resolveTicket(newTicket({ status: 'open' }), {}, context()).ticket.status).toBe(
      'resolved',
    );
  });

  it('closes with CSAT, or with no score, and refuses a score outside 1–5', () => {
    const resolved = newTicket({ status: 'resolved' });
    const closed = closeTicket(resolved, { csat: 4 }, context(70));
    expect(closed.ticket).toMatchObject({ status: 'closed', closedAt: 70, csat: 4 });
    expect(closed.events.map((e) => e.type)).toEqual(['status_changed', 'csat']);
    expect(closeTicket(resolved, { csat: null }, context()).events).toHaveLength(1);
    for (const csat of [0, 6, 3.5])
      expect(() => closeTicket(resolved, { csat }, context())).toThrow(/1 to 5/);
    expect(() => closeTicket(newTicket({ status: 'open' }), { csat: 5 }, context())).toThrow(
      /cannot become Closed/,
    );
  });

  it('reopens a closed ticket, keeping its root cause and CSAT on record', () => {
    const closed = newTicket({
      status: 'closed',
      resolvedAt: 10,
      closedAt: 20,
      rootCause: 'other',
      csat: 2,
    });
    const { ticket, events } = reopenTicket(closed, 'Same fault again', context(30));
    expect(ticket).toMatchObject({ status: 'open', rootCause: 'other', csat: 2 });
    expect(ticket.resolvedAt).toBeUndefined();
    expect(events[0]).toMatchObject({
      type: 'status_changed',
      to: 'open',
      reason: 'Same fault again',
    });
    expect(() => reopenTicket(newTicket({ status: 'open' }), 'x', context())).toThrow(
      /Only a resolved or closed/,
    );
  });

  it('changeStatus refuses invalid moves and routes resolve/close to their own steps', () => {
    expect(() => changeStatus(newTicket(), 'closed', undefined, context())).toThrow(/Close/);
    expect(() => changeStatus(newTicket(), 'resolved', undefined, context())).toThrow(/Resolve/);
    expect(() => changeStatus(newTicket(), 'new', undefined, context())).toThrow(/already New/);
    const paused = changeStatus(
      newTicket({ status: 'open' }),
      'pending_customer',
      'Waiting for logs',
      context(),
    );
    expect(paused.events[0]).toMatchObject({ to: 'pending_customer', reason: 'Waiting for logs' });
  });
});

describe('messages, assignment, priority', () => {
  it('an update to the customer opens a new ticket; notes and incoming messages do not', () => {
    const sent = logMessage(newTicket(), 'to_customer', 'We are on it', context());
    expect(sent.ticket.status).toBe('open');
    expect(sent.events[0]).toMatchObject({
      type: 'reply',
      direction: 'to_customer',
      body: 'We are on it',
    });
    expect(logMessage(newTicket(), 'from_customer', 'Any news?', context()).ticket.status).toBe(
      'new',
    );
    expect(logMessage(newTicket(), 'note', 'Called store', context()).events[0]).toMatchObject({
      type: 'note',
    });
    expect(() => logMessage(newTicket(), 'note', '  ', context())).toThrow(/message is required/);
  });

  it('assigns and records from/to, refusing a no-op', () => {
    const { ticket, events } = assignTicket(
      newTicket({ ownerId: 'p-a' }),
      { ownerId: 'p-b' },
      context(),
    );
    expect(ticket.ownerId).toBe('p-b');
    expect(events[0]).toMatchObject({ type: 'assigned', fromOwnerId: 'p-a', toOwnerId: 'p-b' });
    expect(() =>
      assignTicket(newTicket({ ownerId: 'p-a' }), { ownerId: 'p-a' }, context()),
    ).toThrow(/already assigned/);
    expect(() => assignTicket(newTicket(), {}, context())).toThrow(/Choose/);
  });

  it('changes priority and refuses the same one', () => {
    expect(changePriority(newTicket(), 'P1', context()).ticket.priority).toBe('P1');
    expect(() => changePriority(newTicket(), 'P2', context())).toThrow(/already P2/);
  });
});
