import { z } from 'zod';
import { PRIORITIES, type Priority, type TicketFacts } from './ticket';

/**
 * Which tickets something applies to (an SLA policy, an escalation row). Each list is an "any of";
 * an absent or empty list matches every ticket. Criteria with every list empty match everything.
 */
export interface TicketCriteria {
  priorities?: Priority[];
  categories?: string[];
  tiers?: string[];
  channels?: string[];
}

/** The dimensions of `TicketCriteria`, with the ticket fact each one tests. */
export const CRITERIA_DIMENSIONS = [
  { key: 'priorities', fact: 'priority', label: 'priority' },
  { key: 'categories', fact: 'category', label: 'category' },
  { key: 'tiers', fact: 'tier', label: 'customer tier' },
  { key: 'channels', fact: 'channel', label: 'channel' },
] as const satisfies readonly {
  key: keyof TicketCriteria;
  fact: keyof TicketFacts;
  label: string;
}[];

/** Shape of stored criteria. */
export const TicketCriteriaSchema = z.object({
  priorities: z.array(z.enum(PRIORITIES)).optional(),
  categories: z.array(z.string()).optional(),
  tiers: z.array(z.string()).optional(),
  channels: z.array(z.string()).optional(),
}) satisfies z.ZodType<TicketCriteria>;

function constrains(list: readonly string[] | undefined, dimension: keyof TicketCriteria): boolean {
  if (list === undefined || list.length === 0) return false;
  // Listing all four priorities is the same as not restricting priority.
  if (dimension === 'priorities') return !PRIORITIES.every((p) => list.includes(p));
  return true;
}

/** Whether criteria place no restriction at all (a fallback policy or row). */
export function isCatchAll(criteria: TicketCriteria | undefined): boolean {
  if (criteria === undefined) return true;
  return CRITERIA_DIMENSIONS.every(({ key }) => !constrains(criteria[key], key));
}

/** Whether a ticket with these facts satisfies the criteria. */
export function matchesCriteria(criteria: TicketCriteria | undefined, facts: TicketFacts): boolean {
  if (criteria === undefined) return true;
  for (const { key, fact } of CRITERIA_DIMENSIONS) {
    const list: readonly string[] | undefined = criteria[key];
    if (list !== undefined && list.length > 0 && !list.includes(facts[fact])) return false;
  }
  return true;
}

/** Whether every ticket matched by `narrower` is also matched by `broader`. */
export function criteriaCover(
  broader: TicketCriteria | undefined,
  narrower: TicketCriteria | undefined,
): boolean {
  for (const { key } of CRITERIA_DIMENSIONS) {
    const wide = broader?.[key];
    if (!constrains(wide, key)) continue;
    const narrow = narrower?.[key];
    if (!constrains(narrow, key)) return false;
    const allowed: readonly string[] = wide ?? [];
    if (!(narrow as readonly string[]).every((value) => allowed.includes(value))) return false;
  }
  return true;
}

/** A short human description such as "P1 or P2, tier enterprise"; "every ticket" when unrestricted. */
export function describeCriteria(criteria: TicketCriteria | undefined): string {
  const parts: string[] = [];
  for (const { key, label } of CRITERIA_DIMENSIONS) {
    const list: readonly string[] | undefined = criteria?.[key];
    if (constrains(list, key)) parts.push(`${label} ${(list ?? []).join(' or ')}`);
  }
  return parts.length === 0 ? 'every ticket' : parts.join(', ');
}
