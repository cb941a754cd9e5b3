import type { EscalationType } from '../escalation/matrix';
import type { SlaTargetName } from '../sla/policy';
import type { TicketEvent } from './events';
import type { Priority, TicketStatus } from './ticket';

/** Where an escalation came in. */
export const CHANNELS = ['email', 'phone', 'chat', 'web', 'store', 'social'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Customer tiers, most valuable first. */
export const CUSTOMER_TIERS = ['enterprise', 'business', 'standard'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

/** The roles people have on the desk, lowest authority first. */
export const ROLES = ['agent', 'specialist', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Root-cause categories recorded when an escalated or breached ticket is resolved. */
export const ROOT_CAUSES = [
  'product_defect',
  'configuration',
  'documentation_gap',
  'process_gap',
  'third_party',
  'billing_error',
  'user_error',
  'capacity',
  'other',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

export interface Customer {
  id: string;
  name: string;
  tier: CustomerTier;
  email?: string;
  phone?: string;
}

export interface Team {
  id: string;
  name: string;
  /** What the team is expert in; functional escalation looks for this. */
  skills: string[];
}

export interface Person {
  id: string;
  name: string;
  role: Role;
  teamId?: string;
  email?: string;
  phone?: string;
}

/** An escalation as the desk stores it; its history is in the event log. */
export interface Ticket {
  id: string;
  title: string;
  description: string;
  customerId: string;
  /** The customer's tier when the ticket was logged (kept for matching and reports). */
  tier: CustomerTier;
  channel: Channel;
  category: string;
  priority: Priority;
  status: TicketStatus;
  /** 0 = first line; 1…n = escalation matrix levels. */
  level: number;
  escalationType?: EscalationType;
  teamId?: string;
  ownerId?: string;
  /** An SLA policy pinned by hand; otherwise the first matching policy applies. */
  policyId?: string;
  createdAt: number;
  updatedAt: number;
  resolvedAt?: number;
  closedAt?: number;
  rootCause?: RootCause;
  rootCauseNotes?: string;
  csat?: number;
  /** Whether the ticket has ever been escalated (level above 0). */
  escalated: boolean;
  /** Whether any SLA target of the ticket has breached. */
  breached: boolean;
}

interface DeskEventBase {
  id: string;
  ticketId: string;
  at: number;
  /** Who did it (a person id), or "system" for automatic actions. */
  by: string;
}

/** The activity-log entries that are not part of the SLA fold. */
export type DeskOnlyEvent = DeskEventBase &
  (
    | {
        type: 'assigned';
        fromOwnerId?: string;
        toOwnerId?: string;
        fromTeamId?: string;
        toTeamId?: string;
      }
    | {
        type: 'escalated';
        escalationType: EscalationType;
        fromLevel: number;
        toLevel: number;
        fromOwnerId?: string;
        toOwnerId?: string;
        toTeamId?: string;
        reason: string;
      }
    | {
        type: 'de_escalated';
        fromLevel: number;
        toLevel: number;
        toOwnerId?: string;
        toTeamId?: string;
        reason: string;
      }
    | { type: 'note'; body: string }
    | { type: 'sla_warning'; target: SlaTargetName; percent: number; dueAt: number }
    | { type: 'sla_breached'; target: SlaTargetName; dueAt: number }
    | { type: 'root_cause'; rootCause: RootCause; notes: string }
    | { type: 'csat'; score: number; comment?: string }
  );

/** The SLA-relevant events, as the desk stores them (with who did it, and message text). */
export type DeskSlaEvent = TicketEvent & { by: string; body?: string };

/** Every entry of a ticket's append-only activity log. */
export type DeskEvent = DeskSlaEvent | DeskOnlyEvent;
export type DeskEventType = DeskEvent['type'];

const SLA_EVENT_TYPES: ReadonlySet<string> = new Set([
  'created',
  'status_changed',
  'reply',
  'priority_changed',
  'category_changed',
  'policy_changed',
]);

/** The events the SLA fold reads, out of a ticket's whole activity log. */
export function slaEventsOf(events: readonly DeskEvent[]): TicketEvent[] {
  return events.filter((event): event is DeskSlaEvent => SLA_EVENT_TYPES.has(event.type));
}
