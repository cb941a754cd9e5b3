import { z } from 'zod';
import { SLA_TARGETS, TIME_MODES, type SlaTargetName, type TimeMode } from '../sla';
import {
  matchesCriteria,
  PRIORITIES,
  TicketCriteriaSchema,
  type Priority,
  type TicketCriteria,
  type TicketFacts,
} from '../tickets';

/**
 * Functional: to a team (or specialist) with the expertise. Hierarchical: to a higher role or a
 * named person. Automatic: raised by the desk itself on time, SLA consumption or risk.
 */
export const ESCALATION_TYPES = ['functional', 'hierarchical', 'automatic'] as const;
export type EscalationType = (typeof ESCALATION_TYPES)[number];

export const OWNER_KINDS = ['team', 'role', 'person'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

export const CONTACT_KINDS = ['email', 'phone', 'chat'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export interface Contact {
  kind: ContactKind;
  value: string;
}

/** Who a level escalates to. */
export interface EscalationOwner {
  kind: OwnerKind;
  id: string;
  name: string;
  contacts: Contact[];
}

/**
 * When a level fires:
 * - `after_minutes`: that many minutes after the previous level was reached (the ticket's creation
 *   for the first level), not counting the ticket's pauses;
 * - `sla_percent`: when the ticket's `target` has consumed `percent` of its time;
 * - `risk_above`: when the ticket's escalation-risk score (0–100) is above `score`;
 * - `sentiment_below`: when the customer's last message scores below `score` (-1..1).
 * A level never fires before the level above it.
 */
export type EscalationTrigger =
  | { kind: 'after_minutes'; minutes: number; mode: TimeMode }
  | { kind: 'sla_percent'; target: SlaTargetName; percent: number }
  | { kind: 'risk_above'; score: number }
  | { kind: 'sentiment_below'; score: number };

/** What the desk does when a level fires; `raise_priority` without `to` raises one step. */
export type EscalationAction =
  | { kind: 'notify'; roles: string[] }
  | { kind: 'reassign' }
  | { kind: 'raise_priority'; to?: Priority };

/** Whether a level's alert repeats (every `minutes` of elapsed time, at most `maxTimes`) until acknowledged. */
export type RepeatPolicy = { kind: 'none' } | { kind: 'every'; minutes: number; maxTimes: number };

/** One step of escalation. `owner` and `trigger` may be missing while a matrix is being edited. */
export interface EscalationLevel {
  id: string;
  name?: string;
  type: EscalationType;
  owner?: EscalationOwner;
  trigger?: EscalationTrigger;
  actions: EscalationAction[];
  repeat: RepeatPolicy;
}

/** Which tickets a row covers (empty criteria: every ticket, the fallback) and its levels L1…Ln. */
export interface EscalationRow {
  id: string;
  name: string;
  criteria: TicketCriteria;
  levels: EscalationLevel[];
}

/** Rows are matched in listed order; the first whose criteria match applies. */
export interface EscalationMatrix {
  rows: EscalationRow[];
}

const OwnerSchema = z.object({
  kind: z.enum(OWNER_KINDS),
  id: z.string(),
  name: z.string(),
  contacts: z.array(z.object({ kind: z.enum(CONTACT_KINDS), value: z.string() })),
});

const TriggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('after_minutes'), minutes: z.number(), mode: z.enum(TIME_MODES) }),
  z.object({ kind: z.literal('sla_percent'), target: z.enum(SLA_TARGETS), percent: z.number() }),
  z.object({ kind: z.literal('risk_above'), score: z.number() }),
  z.object({ kind: z.literal('sentiment_below'), score: z.number() }),
]);

const ActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notify'), roles: z.array(z.string()) }),
  z.object({ kind: z.literal('reassign') }),
  z.object({ kind: z.literal('raise_priority'), to: z.enum(PRIORITIES).optional() }),
]);

const RepeatSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('every'), minutes: z.number(), maxTimes: z.number() }),
]);

/** Shape of a stored escalation matrix; `validateMatrix` checks the rules between the fields. */
export const EscalationMatrixSchema = z.object({
  rows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      criteria: TicketCriteriaSchema,
      levels: z.array(
        z.object({
          id: z.string(),
          name: z.string().optional(),
          type: z.enum(ESCALATION_TYPES),
          owner: OwnerSchema.optional(),
          trigger: TriggerSchema.optional(),
          actions: z.array(ActionSchema),
          repeat: RepeatSchema,
        }),
      ),
    }),
  ),
}) satisfies z.ZodType<EscalationMatrix>;

/** The row that applies to a ticket: the first in listed order whose criteria match. */
export function matchEscalationRow(
  matrix: EscalationMatrix,
  facts: TicketFacts,
): EscalationRow | undefined {
  return matrix.rows.find((row) => matchesCriteria(row.criteria, facts));
}
