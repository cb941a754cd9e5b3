import { z } from 'zod';
import { ESCALATION_TYPES } from '../escalation/matrix';
import { SLA_TARGETS } from '../sla/policy';
import {
  CHANNELS,
  CUSTOMER_TIERS,
  PRIORITIES,
  ROOT_CAUSES,
  TicketEventSchema,
  type Customer,
  type DeskEvent,
  type Ticket,
} from '../tickets';

const id = z.string().min(1);
const instant = z.number().int().finite();

/** Shape of a customer in the desk's JSON export. */
export const CustomerSchema = z.object({
  id,
  name: z.string().min(1),
  tier: z.enum(CUSTOMER_TIERS),
  email: z.string().optional(),
  phone: z.string().optional(),
}) satisfies z.ZodType<Customer>;

/** Shape of a ticket in the desk's JSON export (the stored ticket, times in epoch milliseconds). */
export const TicketSchema = z.object({
  id,
  title: z.string().min(1),
  description: z.string(),
  customerId: id,
  tier: z.enum(CUSTOMER_TIERS),
  channel: z.enum(CHANNELS),
  category: z.string(),
  priority: z.enum(PRIORITIES),
  status: z.string().min(1),
  level: z.number().int().min(0),
  escalationType: z.enum(ESCALATION_TYPES).optional(),
  teamId: z.string().optional(),
  ownerId: z.string().optional(),
  policyId: z.string().optional(),
  createdAt: instant,
  updatedAt: instant,
  resolvedAt: instant.optional(),
  closedAt: instant.optional(),
  rootCause: z.enum(ROOT_CAUSES).optional(),
  rootCauseNotes: z.string().optional(),
  csat: z.number().int().min(1).max(5).optional(),
  escalated: z.boolean(),
  breached: z.boolean(),
}) satisfies z.ZodType<Ticket>;

const base = { id, ticketId: id, at: instant, by: id };
const slaExtra = { by: id, body: z.string().optional() };
const [created, statusChanged, reply, priorityChanged, categoryChanged, policyChanged] =
  TicketEventSchema.options;
const ownerId = z.string().optional();

/** Shape of any entry of a ticket's activity log in the desk's JSON export. */
export const DeskEventSchema = z.discriminatedUnion('type', [
  // The SLA events are the fold's own schemas, with who did it and the message text added.
  created.extend(slaExtra),
  statusChanged.extend(slaExtra),
  reply.extend(slaExtra),
  priorityChanged.extend(slaExtra),
  categoryChanged.extend(slaExtra),
  policyChanged.extend(slaExtra),
  z.object({
    ...base,
    type: z.literal('assigned'),
    fromOwnerId: ownerId,
    toOwnerId: ownerId,
    fromTeamId: ownerId,
    toTeamId: ownerId,
  }),
  z.object({
    ...base,
    type: z.literal('escalated'),
    escalationType: z.enum(ESCALATION_TYPES),
    fromLevel: z.number().int().min(0),
    toLevel: z.number().int().min(0),
    fromOwnerId: ownerId,
    toOwnerId: ownerId,
    toTeamId: ownerId,
    reason: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('de_escalated'),
    fromLevel: z.number().int().min(0),
    toLevel: z.number().int().min(0),
    toOwnerId: ownerId,
    toTeamId: ownerId,
    reason: z.string(),
  }),
  z.object({ ...base, type: z.literal('note'), body: z.string() }),
  z.object({
    ...base,
    type: z.literal('sla_warning'),
    target: z.enum(SLA_TARGETS),
    percent: z.number().finite(),
    dueAt: instant,
  }),
  z.object({
    ...base,
    type: z.literal('sla_breached'),
    target: z.enum(SLA_TARGETS),
    dueAt: instant,
  }),
  z.object({
    ...base,
    type: z.literal('root_cause'),
    rootCause: z.enum(ROOT_CAUSES),
    notes: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('csat'),
    score: z.number().int().min(1).max(5),
    comment: z.string().optional(),
  }),
]) satisfies z.ZodType<DeskEvent>;

// Fails to compile when the desk gains a kind of event that has no schema here.
type EventTypeWithoutSchema = Exclude<DeskEvent['type'], z.infer<typeof DeskEventSchema>['type']>;
const _everyEventTypeHasASchema: [EventTypeWithoutSchema] extends [never] ? true : never = true;
