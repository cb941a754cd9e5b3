import type { EscalationType } from '../escalation/matrix';
import type { Channel, CustomerTier, DeskEvent, RootCause, Ticket } from './desk';
import { ROOT_CAUSES } from './desk';
import { checkTransition, statusLabel } from './lifecycle';
import { isPriority, type Priority, type TicketStatus } from './ticket';

/** A workflow step that cannot be taken, with a message saying why and what to do. */
export class WorkflowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkflowError';
  }
}

/** The result of a workflow step: the ticket as it becomes and the events that record it. */
export interface WorkflowChange {
  ticket: Ticket;
  events: DeskEvent[];
}

/** Who acts, when, and how new event ids are made (parameters, so core stays pure). */
export interface WorkflowContext {
  now: number;
  by: string;
  newId: () => string;
}

export interface NewTicketInput {
  id: string;
  title: string;
  description: string;
  customerId: string;
  tier: CustomerTier;
  channel: Channel;
  category: string;
  priority: Priority;
  ownerId?: string;
  teamId?: string;
}

function requireText(value: string | undefined, what: string): string {
  const text = (value ?? '').trim();
  if (!text) throw new WorkflowError(`${what} is required.`);
  return text;
}

/** The fields every event of a step shares: a new id, the ticket, when and who. */
function eventBase(ticketId: string, ctx: WorkflowContext) {
  return { id: ctx.newId(), ticketId, at: ctx.now, by: ctx.by };
}

function touched(ticket: Ticket, ctx: WorkflowContext, patch: Partial<Ticket>): Ticket {
  return { ...ticket, ...patch, updatedAt: ctx.now };
}

/** Opens a new escalation: the ticket (status "new", level 0) and its created event. */
export function createTicket(input: NewTicketInput, ctx: WorkflowContext): WorkflowChange {
  const title = requireText(input.title, 'A title');
  if (!isPriority(input.priority))
    throw new WorkflowError(`"${input.priority}" is not a priority.`);
  const ticket: Ticket = {
    id: input.id,
    title,
    description: input.description.trim(),
    customerId: requireText(input.customerId, 'A customer'),
    tier: input.tier,
    channel: input.channel,
    category: requireText(input.category, 'A category'),
    priority: input.priority,
    status: 'new',
    level: 0,
    ...(input.ownerId ? { ownerId: input.ownerId } : {}),
    ...(input.teamId ? { teamId: input.teamId } : {}),
    createdAt: ctx.now,
    updatedAt: ctx.now,
    escalated: false,
    breached: false,
  };
  const created: DeskEvent = {
    ...eventBase(ticket.id, ctx),
    type: 'created',
    priority: ticket.priority,
    category: ticket.category,
    tier: ticket.tier,
    channel: ticket.channel,
    status: 'new',
  };
  return { ticket, events: [created] };
}

/** Moves a ticket to another status, refusing transitions the lifecycle does not allow. */
export function changeStatus(
  ticket: Ticket,
  to: TicketStatus,
  reason: string | undefined,
  ctx: WorkflowContext,
): WorkflowChange {
  if (to === 'resolved') throw new WorkflowError('Use Resolve, which records the root cause.');
  if (to === 'closed') throw new WorkflowError('Use Close, which records the CSAT.');
  const check = checkTransition(ticket.status, to);
  if (!check.ok) throw new WorkflowError(check.message);
  if (check.reopen) return reopenTicket(ticket, reason ?? '', ctx);
  return {
    ticket: touched(ticket, ctx, { status: to }),
    events: [
      {
        ...eventBase(ticket.id, ctx),
        type: 'status_changed',
        to,
        ...(reason?.trim() ? { reason: reason.trim() } : {}),
      },
    ],
  };
}

/** Hands a ticket to a person and/or team. */
export function assignTicket(
  ticket: Ticket,
  to: { ownerId?: string | undefined; teamId?: string | undefined },
  ctx: WorkflowContext,
): WorkflowChange {
  if (!to.ownerId && !to.teamId) throw new WorkflowError('Choose a person or a team to assign to.');
  if (to.ownerId === ticket.ownerId && (to.teamId ?? ticket.teamId) === ticket.teamId) {
    throw new WorkflowError('The ticket is already assigned there.');
  }
  const next = touched(ticket, ctx, {
    ...(to.ownerId !== undefined ? { ownerId: to.ownerId } : {}),
    ...(to.teamId !== undefined ? { teamId: to.teamId } : {}),
  });
  const event: DeskEvent = {
    ...eventBase(ticket.id, ctx),
    type: 'assigned',
    ...(ticket.ownerId ? { fromOwnerId: ticket.ownerId } : {}),
    ...(next.ownerId ? { toOwnerId: next.ownerId } : {}),
    ...(ticket.teamId ? { fromTeamId: ticket.teamId } : {}),
    ...(next.teamId ? { toTeamId: next.teamId } : {}),
  };
  return { ticket: next, events: [event] };
}

export interface EscalateInput {
  type: EscalationType;
  toLevel: number;
  toOwnerId?: string | undefined;
  toTeamId?: string | undefined;
  reason: string;
  /** Raise the priority as part of the step (a matrix action). */
  raisePriorityTo?: Priority | undefined;
}

/**
 * Escalates to a higher level: functional (to a team or specialist), hierarchical (to a higher
 * role or named person) or automatic (by the matrix). A reason is required; a done ticket cannot
 * be escalated.
 */
export function escalateTicket(
  ticket: Ticket,
  input: EscalateInput,
  ctx: WorkflowContext,
): WorkflowChange {
  const reason = requireText(input.reason, 'A reason for the escalation');
  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    throw new WorkflowError(
      `A ${statusLabel(ticket.status)} ticket cannot be escalated; reopen it first.`,
    );
  }
  if (!Number.isInteger(input.toLevel) || input.toLevel <= ticket.level) {
    throw new WorkflowError(`Escalation goes to a higher level than the current L${ticket.level}.`);
  }
  if (input.type === 'functional' && !input.toTeamId && !input.toOwnerId) {
    throw new WorkflowError('A functional escalation goes to a team or a specialist: choose one.');
  }
  if (input.type === 'hierarchical' && !input.toOwnerId && !input.toTeamId) {
    throw new WorkflowError(
      'A hierarchical escalation goes to a named person or role: choose one.',
    );
  }
  const events: DeskEvent[] = [
    {
      ...eventBase(ticket.id, ctx),
      type: 'escalated',
      escalationType: input.type,
      fromLevel: ticket.level,
      toLevel: input.toLevel,
      ...(ticket.ownerId ? { fromOwnerId: ticket.ownerId } : {}),
      ...(input.toOwnerId ? { toOwnerId: input.toOwnerId } : {}),
      ...(input.toTeamId ? { toTeamId: input.toTeamId } : {}),
      reason,
    },
  ];
  let priority = ticket.priority;
  if (input.raisePriorityTo && input.raisePriorityTo < ticket.priority) {
    priority = input.raisePriorityTo;
    events.push({
      ...eventBase(ticket.id, ctx),
      type: 'priority_changed',
      to: priority,
    });
  }
  const next = touched(ticket, ctx, {
    level: input.toLevel,
    escalationType: input.type,
    escalated: true,
    priority,
    ...(input.toOwnerId ? { ownerId: input.toOwnerId } : {}),
    ...(input.toTeamId ? { teamId: input.toTeamId } : {}),
    ...(ticket.status === 'new' ? { status: 'open' } : {}),
  });
  if (ticket.status === 'new') {
    events.push({
      ...eventBase(ticket.id, ctx),
      type: 'status_changed',
      to: 'open',
    });
  }
  return { ticket: next, events };
}

/** Sends a ticket back down a level (or more), with a reason. */
export function deEscalateTicket(
  ticket: Ticket,
  input: {
    toLevel: number;
    toOwnerId?: string | undefined;
    toTeamId?: string | undefined;
    reason: string;
  },
  ctx: WorkflowContext,
): WorkflowChange {
  const reason = requireText(input.reason, 'A reason for the de-escalation');
  if (ticket.level === 0)
    throw new WorkflowError('The ticket is at first line (L0): there is no level to go back to.');
  if (!Number.isInteger(input.toLevel) || input.toLevel < 0 || input.toLevel >= ticket.level) {
    throw new WorkflowError(
      `De-escalation goes to a lower level than the current L${ticket.level}.`,
    );
  }
  return {
    ticket: touched(ticket, ctx, {
      level: input.toLevel,
      ...(input.toOwnerId ? { ownerId: input.toOwnerId } : {}),
      ...(input.toTeamId ? { teamId: input.toTeamId } : {}),
    }),
    events: [
      {
        ...eventBase(ticket.id, ctx),
        type: 'de_escalated',
        fromLevel: ticket.level,
        toLevel: input.toLevel,
        ...(input.toOwnerId ? { toOwnerId: input.toOwnerId } : {}),
        ...(input.toTeamId ? { toTeamId: input.toTeamId } : {}),
        reason,
      },
    ],
  };
}

/**
 * Logs a message: an update sent to the customer (restarts the next-update clock and answers the
 * first response), a message received from the customer, or an internal note.
 */
export function logMessage(
  ticket: Ticket,
  kind: 'to_customer' | 'from_customer' | 'note',
  body: string,
  ctx: WorkflowContext,
): WorkflowChange {
  const text = requireText(body, 'The message');
  const base = eventBase(ticket.id, ctx);
  const event: DeskEvent =
    kind === 'note'
      ? { ...base, type: 'note', body: text }
      : { ...base, type: 'reply', direction: kind, body: text };
  const events: DeskEvent[] = [event];
  let status = ticket.status;
  // Sending the first update to the customer takes a new ticket into work.
  if (kind === 'to_customer' && ticket.status === 'new') {
    status = 'open';
    events.push({
      ...eventBase(ticket.id, ctx),
      type: 'status_changed',
      to: 'open',
    });
  }
  return { ticket: touched(ticket, ctx, { status }), events };
}

/** Changes the priority (the SLA clocks are recomputed from history). */
export function changePriority(ticket: Ticket, to: Priority, ctx: WorkflowContext): WorkflowChange {
  if (!isPriority(to)) throw new WorkflowError(`"${String(to)}" is not a priority.`);
  if (to === ticket.priority) throw new WorkflowError(`The ticket is already ${to}.`);
  return {
    ticket: touched(ticket, ctx, { priority: to }),
    events: [
      {
        ...eventBase(ticket.id, ctx),
        type: 'priority_changed',
        to,
      },
    ],
  };
}

/** Whether resolving needs a root cause: when the ticket was escalated or breached an SLA. */
export function rootCauseRequired(ticket: Ticket): boolean {
  return ticket.escalated || ticket.breached;
}

/** Resolves a ticket; escalated or breached tickets need a root-cause category and notes. */
export function resolveTicket(
  ticket: Ticket,
  input: { rootCause?: RootCause | undefined; notes?: string | undefined },
  ctx: WorkflowContext,
): WorkflowChange {
  const check = checkTransition(ticket.status, 'resolved');
  if (!check.ok) throw new WorkflowError(check.message);
  const notes = input.notes?.trim() ?? '';
  if (rootCauseRequired(ticket)) {
    if (!input.rootCause) {
      throw new WorkflowError('This ticket was escalated or breached an SLA: choose a root cause.');
    }
    if (!notes) throw new WorkflowError('Describe the root cause in the notes.');
  }
  if (input.rootCause && !ROOT_CAUSES.includes(input.rootCause)) {
    throw new WorkflowError(`"${input.rootCause}" is not a root-cause category.`);
  }
  const events: DeskEvent[] = [
    {
      ...eventBase(ticket.id, ctx),
      type: 'status_changed',
      to: 'resolved',
    },
  ];
  if (input.rootCause) {
    events.push({
      ...eventBase(ticket.id, ctx),
      type: 'root_cause',
      rootCause: input.rootCause,
      notes,
    });
  }
  return {
    ticket: touched(ticket, ctx, {
      status: 'resolved',
      resolvedAt: ctx.now,
      ...(input.rootCause ? { rootCause: input.rootCause, rootCauseNotes: notes } : {}),
    }),
    events,
  };
}

/** Closes a resolved ticket, recording the customer's CSAT (1–5) when they gave one. */
export function closeTicket(
  ticket: Ticket,
  input: { csat: number | null; comment?: string | undefined },
  ctx: WorkflowContext,
): WorkflowChange {
  const check = checkTransition(ticket.status, 'closed');
  if (!check.ok) throw new WorkflowError(check.message);
  if (
    input.csat !== null &&
    !(Number.isInteger(input.csat) && input.csat >= 1 && input.csat <= 5)
  ) {
    throw new WorkflowError('CSAT is a whole number from 1 to 5.');
  }
  const events: DeskEvent[] = [
    {
      ...eventBase(ticket.id, ctx),
      type: 'status_changed',
      to: 'closed',
    },
  ];
  if (input.csat !== null) {
    events.push({
      ...eventBase(ticket.id, ctx),
      type: 'csat',
      score: input.csat,
      ...(input.comment?.trim() ? { comment: input.comment.trim() } : {}),
    });
  }
  return {
    ticket: touched(ticket, ctx, {
      status: 'closed',
      closedAt: ctx.now,
      ...(input.csat !== null ? { csat: input.csat } : {}),
    }),
    events,
  };
}

/** Reopens a resolved or closed ticket; its history (root cause, CSAT, events) is kept. */
export function reopenTicket(ticket: Ticket, reason: string, ctx: WorkflowContext): WorkflowChange {
  const text = requireText(reason, 'A reason for reopening');
  const check = checkTransition(ticket.status, 'open');
  if (!check.ok || !check.reopen) {
    throw new WorkflowError(
      `Only a resolved or closed ticket can be reopened; this one is ${statusLabel(ticket.status)}.`,
    );
  }
  // The record shows the ticket open again; when it was resolved and closed stays in the log.
  const { resolvedAt: _resolvedAt, closedAt: _closedAt, ...open } = ticket;
  return {
    ticket: touched(open, ctx, { status: 'open' }),
    events: [
      {
        ...eventBase(ticket.id, ctx),
        type: 'status_changed',
        to: 'open',
        reason: text,
      },
    ],
  };
}
