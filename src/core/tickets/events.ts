import { z } from 'zod';
import { PRIORITIES, type Priority, type TicketStatus } from './ticket';

/** Who a reply is for: the customer (public, customer-facing), from the customer, or internal only. */
export const REPLY_DIRECTIONS = ['to_customer', 'from_customer', 'internal'] as const;
export type ReplyDirection = (typeof REPLY_DIRECTIONS)[number];

interface TicketEventBase {
  /** Unique per event; orders events that share the same instant. */
  id: string;
  ticketId: string;
  /** When it happened, epoch milliseconds. */
  at: number;
}

/** The ticket was opened; the SLA clocks start here. */
export interface TicketCreated extends TicketEventBase {
  type: 'created';
  priority: Priority;
  category: string;
  tier: string;
  channel: string;
  status: TicketStatus;
}

/** A status change; resolving, closing and reopening are status changes too. */
export interface TicketStatusChanged extends TicketEventBase {
  type: 'status_changed';
  to: TicketStatus;
  /** Why, in the agent's words; kept as the pause reason when the new status pauses the clock. */
  reason?: string;
}

/** A message on the ticket; only `to_customer` replies count as responses and updates. */
export interface TicketReplied extends TicketEventBase {
  type: 'reply';
  direction: ReplyDirection;
}

export interface TicketPriorityChanged extends TicketEventBase {
  type: 'priority_changed';
  to: Priority;
}

export interface TicketCategoryChanged extends TicketEventBase {
  type: 'category_changed';
  to: string;
}

/** An agent pinned an SLA policy (`policyId`), or went back to automatic selection (`null`). */
export interface TicketPolicyChanged extends TicketEventBase {
  type: 'policy_changed';
  policyId: string | null;
}

/** The events the SLA fold reads; the desk's activity log may hold more kinds. */
export type TicketEvent =
  | TicketCreated
  | TicketStatusChanged
  | TicketReplied
  | TicketPriorityChanged
  | TicketCategoryChanged
  | TicketPolicyChanged;

export type TicketEventType = TicketEvent['type'];

const base = {
  id: z.string().min(1),
  ticketId: z.string().min(1),
  at: z.number().int().finite(),
};

/** Shape of a stored ticket event. */
export const TicketEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('created'),
    priority: z.enum(PRIORITIES),
    category: z.string(),
    tier: z.string(),
    channel: z.string(),
    status: z.string().min(1),
  }),
  z.object({
    ...base,
    type: z.literal('status_changed'),
    to: z.string().min(1),
    reason: z.string().optional(),
  }),
  z.object({ ...base, type: z.literal('reply'), direction: z.enum(REPLY_DIRECTIONS) }),
  z.object({ ...base, type: z.literal('priority_changed'), to: z.enum(PRIORITIES) }),
  z.object({ ...base, type: z.literal('category_changed'), to: z.string() }),
  z.object({ ...base, type: z.literal('policy_changed'), policyId: z.string().min(1).nullable() }),
]) satisfies z.ZodType<TicketEvent>;

/** What ordering needs of an event: any entry of a ticket's log (SLA events or the desk's own). */
export type OrderedEvent = Pick<TicketEventBase, 'id' | 'at'> & { type: string };

/**
 * Orders events by time, then `created` before anything else at the same instant, then by id, so
 * any arrival order of the same events folds the same way.
 */
export function compareEvents(a: OrderedEvent, b: OrderedEvent): number {
  if (a.at !== b.at) return a.at - b.at;
  const aFirst = a.type === 'created' ? 0 : 1;
  const bFirst = b.type === 'created' ? 0 : 1;
  if (aFirst !== bFirst) return aFirst - bFirst;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The events in fold order; returns the input itself when it is already in order. */
export function inFoldOrder<E extends OrderedEvent>(events: readonly E[]): readonly E[] {
  for (let i = 1; i < events.length; i++) {
    if (compareEvents(events[i - 1]!, events[i]!) > 0) return [...events].sort(compareEvents);
  }
  return events;
}
