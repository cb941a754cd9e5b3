import { z } from 'zod';
import type { BusinessCalendar } from '../calendar';
import {
  criteriaCover,
  isCatchAll,
  matchesCriteria,
  TicketCriteriaSchema,
  type TicketCriteria,
  type TicketFacts,
  type TicketStatus,
} from '../tickets';

/** The clocks a policy can set, in the order a ticket meets them. */
export const SLA_TARGETS = ['first_response', 'next_update', 'resolution'] as const;
export type SlaTargetName = (typeof SLA_TARGETS)[number];

const TARGET_NAMES: Record<SlaTargetName, string> = {
  first_response: 'first response',
  next_update: 'next update',
  resolution: 'resolution',
};

/** A target's name in running text, e.g. "first response"; "SLA" when there is none. */
export function targetName(target: SlaTargetName | undefined): string {
  return target ? TARGET_NAMES[target] : 'SLA';
}

/** Business minutes follow the policy's calendar; calendar minutes are plain elapsed time. */
export const TIME_MODES = ['business', 'calendar'] as const;
export type TimeMode = (typeof TIME_MODES)[number];

/** How long a target allows, and in which kind of time. */
export interface SlaTarget {
  minutes: number;
  mode: TimeMode;
}

/** A status that stops the clocks, with the reason shown when no reason was given. */
export interface PauseStatus {
  status: TicketStatus;
  reason: string;
}

/** A service-level policy: which tickets it covers, its targets, pause rules and warnings. */
export interface SlaPolicy {
  id: string;
  name: string;
  /** Which tickets it applies to; absent or empty: every ticket (the fallback policy). */
  conditions?: TicketCriteria;
  /** The working time for business-mode targets: a calendar, or the id of a stored one. */
  calendar?: BusinessCalendar | string;
  /** Targets the policy sets; an absent target is not tracked. */
  targets: Partial<Record<SlaTargetName, SlaTarget>>;
  /** Statuses that pause the clocks (e.g. pending customer); resolved/closed stop them anyway. */
  pauseStatuses: PauseStatus[];
  /** Which targets a pause status stops; absent: all three. */
  pauseTargets?: SlaTargetName[];
  /** Percentages of each target at which to warn, e.g. [75, 90]; each 1–99. */
  warningPercents: number[];
}

/** Finds a stored calendar by id. */
export type CalendarLookup = (calendarId: string) => BusinessCalendar | undefined;

/** The usual pause statuses of a desk, ready to put in a policy. */
export const DEFAULT_PAUSE_STATUSES: readonly PauseStatus[] = [
  { status: 'pending_customer', reason: 'Waiting for the customer' },
  { status: 'pending_third_party', reason: 'Waiting for a third party' },
];

const SlaTargetSchema = z.object({ minutes: z.number(), mode: z.enum(TIME_MODES) });

/** Shape of a stored SLA policy; `validatePolicies` checks the rules between the fields. */
export const SlaPolicySchema = z.object({
  id: z.string(),
  name: z.string(),
  conditions: TicketCriteriaSchema.optional(),
  calendar: z
    .union([
      z.string(),
      z.custom<BusinessCalendar>((value) => typeof value === 'object' && value !== null),
    ])
    .optional(),
  targets: z.object({
    first_response: SlaTargetSchema.optional(),
    next_update: SlaTargetSchema.optional(),
    resolution: SlaTargetSchema.optional(),
  }),
  pauseStatuses: z.array(z.object({ status: z.string(), reason: z.string() })),
  pauseTargets: z.array(z.enum(SLA_TARGETS)).optional(),
  warningPercents: z.array(z.number()),
}) satisfies z.ZodType<SlaPolicy>;

/**
 * The policy for a ticket: the pinned one when `pinnedPolicyId` names an existing policy, else the
 * first policy in list order whose conditions match (the fallback, having none, matches last).
 */
export function selectPolicy(
  policies: readonly SlaPolicy[],
  facts: TicketFacts,
  pinnedPolicyId?: string | null,
): SlaPolicy | undefined {
  if (pinnedPolicyId != null) {
    const pinned = policies.find((policy) => policy.id === pinnedPolicyId);
    if (pinned !== undefined) return pinned;
  }
  return policies.find((policy) => matchesCriteria(policy.conditions, facts));
}

/** The calendar a policy's business-mode targets count in, resolving an id through `lookup`. */
export function policyCalendar(
  policy: SlaPolicy,
  lookup?: CalendarLookup,
): BusinessCalendar | undefined {
  if (typeof policy.calendar === 'string') return lookup?.(policy.calendar);
  return policy.calendar;
}

/** The pause rule a status triggers under a policy, if any. */
export function pauseStatusOf(policy: SlaPolicy, status: TicketStatus): PauseStatus | undefined {
  return policy.pauseStatuses.find((pause) => pause.status === status);
}

/** Whether the policy's pause statuses stop the given target. */
export function pausesTarget(policy: SlaPolicy, target: SlaTargetName): boolean {
  return policy.pauseTargets === undefined || policy.pauseTargets.includes(target);
}

/** Whether a policy is a fallback: it has no conditions and so matches every ticket. */
export function isFallbackPolicy(policy: SlaPolicy): boolean {
  return isCatchAll(policy.conditions);
}

/** Whether every ticket `later` would match is taken by `earlier` first. */
export function policyShadows(earlier: SlaPolicy, later: SlaPolicy): boolean {
  return criteriaCover(earlier.conditions, later.conditions);
}
