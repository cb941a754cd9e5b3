/** Ticket priorities, most urgent first; the escalation matrix's "severity" uses the same scale. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The statuses every desk has; policies may add custom pause statuses (any other string). */
export const BUILT_IN_STATUSES = [
  'new',
  'open',
  'pending_customer',
  'pending_third_party',
  'resolved',
  'closed',
] as const;
export type BuiltInStatus = (typeof BUILT_IN_STATUSES)[number];
// `string & NonNullable<unknown>` keeps editor completion for the built-ins while allowing custom ones.
export type TicketStatus = BuiltInStatus | (string & NonNullable<unknown>);

/** Statuses in which the ticket counts as done: the resolution clock stops. */
export const DONE_STATUSES: readonly TicketStatus[] = ['resolved', 'closed'];

/** The facts about a ticket that SLA policies and escalation rows match on. */
export interface TicketFacts {
  priority: Priority;
  category: string;
  /** The customer's tier, e.g. "enterprise". */
  tier: string;
  /** Where the ticket came in, e.g. "email", "phone", "store". */
  channel: string;
}

/** Whether a value is one of the four priorities. */
export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);
}

/** Whether a status means the ticket is resolved or closed. */
export function isDoneStatus(status: TicketStatus): boolean {
  return status === 'resolved' || status === 'closed';
}

/** The priority `steps` levels more urgent than `priority`, stopping at P1. */
export function raisePriority(priority: Priority, steps = 1): Priority {
  const index = Math.max(0, PRIORITIES.indexOf(priority) - Math.max(0, Math.trunc(steps)));
  return PRIORITIES[index] ?? priority;
}
