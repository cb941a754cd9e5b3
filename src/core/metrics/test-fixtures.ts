// Hand-built tickets and logs for the metrics tests (not exported from the package).
import type { DeskEvent, Ticket } from '../tickets/desk';
import type { ReportFacts } from './types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Monday 2 March 2026, 09:00 UTC: where the fixtures' stories start. */
export const T0 = Date.UTC(2026, 2, 2, 9, 0);

type WithoutMeta<E> = E extends unknown ? Omit<E, 'id' | 'ticketId' | 'at' | 'by'> : never;
/** An event without its id, ticket and time. */
export type EventBody = WithoutMeta<DeskEvent>;
/** One log line: minutes after the start, what happened, who did it (default "system"). */
export type LogLine = readonly [minutes: number, body: EventBody, by?: string];

/** A ticket's log from lines given in minutes after `start`; ids keep the lines' order. */
export function logOf(ticketId: string, start: number, lines: readonly LogLine[]): DeskEvent[] {
  return lines.map(
    ([minutes, body, by], index) =>
      ({
        ...body,
        id: `${ticketId}-${String(index + 1).padStart(3, '0')}`,
        ticketId,
        at: start + minutes * MINUTE,
        by: by ?? 'system',
      }) as DeskEvent,
  );
}

/** A ticket record with plain defaults (open, level 0, created at T0). */
export function ticketOf(fields: Partial<Ticket> & { id: string }): Ticket {
  return {
    title: fields.id,
    description: '',
    customerId: 'cust-1',
    tier: 'business',
    channel: 'email',
    category: 'network',
    priority: 'P3',
    status: 'open',
    level: 0,
    createdAt: T0,
    updatedAt: T0,
    escalated: false,
    breached: false,
    ...fields,
  };
}

/** Report facts with plain defaults: an open, unescalated ticket with no SLA. */
export function factsOf(fields: Partial<ReportFacts> & { id: string }): ReportFacts {
  return {
    createdAt: T0,
    customerId: 'cust-1',
    priority: 'P3',
    category: 'network',
    tier: 'business',
    channel: 'email',
    status: 'open',
    done: false,
    level: 0,
    maxLevel: 0,
    escalated: false,
    escalations: 0,
    deEscalations: 0,
    reopens: 0,
    everResolved: false,
    levelMs: [0],
    sla: {},
    breaches: [],
    ...fields,
  };
}

/**
 * Ticket A: assigned to agent-1 (frontline), answered at 09:30, escalated (functional) at 10:00
 * to spec-1 of team network, who does nothing until resolution breaches at 13:00 at L1; resolved
 * at 15:00, closed at 16:00 with CSAT 2 and root cause product_defect.
 */
export const TICKET_A = ticketOf({
  id: 'A',
  status: 'closed',
  level: 1,
  escalated: true,
  escalationType: 'functional',
  teamId: 'network',
  ownerId: 'spec-1',
  updatedAt: T0 + 7 * HOUR,
  resolvedAt: T0 + 6 * HOUR,
  closedAt: T0 + 7 * HOUR,
  breached: true,
});
export const LOG_A: readonly LogLine[] = [
  [
    0,
    {
      type: 'created',
      priority: 'P3',
      category: 'network',
      tier: 'business',
      channel: 'email',
      status: 'new',
    },
  ],
  [5, { type: 'assigned', toOwnerId: 'agent-1', toTeamId: 'front' }],
  [5, { type: 'status_changed', to: 'open' }, 'agent-1'],
  [30, { type: 'reply', direction: 'to_customer' }, 'agent-1'],
  [
    60,
    {
      type: 'escalated',
      escalationType: 'functional',
      fromLevel: 0,
      toLevel: 1,
      toOwnerId: 'spec-1',
      toTeamId: 'network',
      reason: 'needs network',
    },
    'agent-1',
  ],
  [90, { type: 'note', body: 'chased' }, 'agent-1'],
  [240, { type: 'sla_breached', target: 'resolution', dueAt: T0 + 4 * HOUR }],
  [300, { type: 'reply', direction: 'to_customer' }, 'spec-1'],
  [360, { type: 'status_changed', to: 'resolved' }, 'spec-1'],
  [360, { type: 'root_cause', rootCause: 'product_defect', notes: '' }, 'spec-1'],
  [420, { type: 'status_changed', to: 'closed' }, 'spec-1'],
  [420, { type: 'csat', score: 2 }],
];

/**
 * Ticket B: never escalated; answered at 10:00, resolved at 11:00, reopened at 12:00, resolved
 * again at 14:00 and closed at 15:00 with CSAT 5; first response and resolution met.
 */
export const TICKET_B = ticketOf({
  id: 'B',
  customerId: 'cust-2',
  category: 'billing',
  status: 'closed',
  teamId: 'front',
  ownerId: 'agent-2',
  createdAt: T0 + HOUR,
  updatedAt: T0 + 6 * HOUR,
  resolvedAt: T0 + 5 * HOUR,
  closedAt: T0 + 6 * HOUR,
  csat: 5,
});
export const LOG_B: readonly LogLine[] = [
  [
    0,
    {
      type: 'created',
      priority: 'P3',
      category: 'billing',
      tier: 'business',
      channel: 'email',
      status: 'new',
    },
  ],
  [0, { type: 'assigned', toOwnerId: 'agent-2', toTeamId: 'front' }],
  [60, { type: 'reply', direction: 'to_customer' }, 'agent-2'],
  [120, { type: 'status_changed', to: 'resolved' }, 'agent-2'],
  [180, { type: 'status_changed', to: 'open' }, 'agent-2'],
  [300, { type: 'status_changed', to: 'resolved' }, 'agent-2'],
  [360, { type: 'status_changed', to: 'closed' }, 'agent-2'],
  [360, { type: 'csat', score: 5 }],
];

/**
 * Ticket C (created 11:00, still open at NOW = 17:00): escalated (automatic) at 12:00 to level 2
 * (team management, mgr-1), de-escalated at 14:00 to level 0, back to agent-1 of frontline.
 * No response yet; first response breached at 13:00 (no summary: known from the event only).
 */
export const TICKET_C = ticketOf({
  id: 'C',
  customerId: 'cust-1',
  status: 'open',
  level: 0,
  escalated: true,
  escalationType: 'automatic',
  teamId: 'front',
  ownerId: 'agent-1',
  createdAt: T0 + 2 * HOUR,
  updatedAt: T0 + 5 * HOUR,
  breached: true,
});
export const LOG_C: readonly LogLine[] = [
  [
    0,
    {
      type: 'created',
      priority: 'P2',
      category: 'network',
      tier: 'business',
      channel: 'email',
      status: 'new',
    },
  ],
  [0, { type: 'assigned', toOwnerId: 'agent-1', toTeamId: 'front' }],
  [
    60,
    {
      type: 'escalated',
      escalationType: 'automatic',
      fromLevel: 0,
      toLevel: 2,
      toOwnerId: 'mgr-1',
      toTeamId: 'management',
      reason: '50%',
    },
  ],
  [90, { type: 'note', body: 'looking' }, 'mgr-1'],
  [120, { type: 'sla_breached', target: 'first_response', dueAt: T0 + 4 * HOUR }],
  [
    180,
    {
      type: 'de_escalated',
      fromLevel: 2,
      toLevel: 0,
      toOwnerId: 'agent-1',
      toTeamId: 'front',
      reason: 'back',
    },
    'mgr-1',
  ],
];

/** The instant the fixtures are reported at: 17:00 on T0's day. */
export const NOW = T0 + 8 * HOUR;
