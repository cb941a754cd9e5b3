import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../calendar';
import type { TicketFacts } from '../tickets';
import {
  DEFAULT_PAUSE_STATUSES,
  isFallbackPolicy,
  pauseStatusOf,
  pausesTarget,
  policyCalendar,
  policyShadows,
  selectPolicy,
  SlaPolicySchema,
  type SlaPolicy,
} from './policy';

const calendar: BusinessCalendar = {
  timeZone: 'UTC',
  week: { mon: [{ from: '09:00', to: '17:00' }] },
};

const policy = (id: string, conditions?: SlaPolicy['conditions']): SlaPolicy => ({
  id,
  name: id,
  conditions,
  calendar,
  targets: { resolution: { minutes: 480, mode: 'business' } },
  pauseStatuses: [...DEFAULT_PAUSE_STATUSES],
  warningPercents: [75, 90],
});

const POLICIES = [
  policy('p1-enterprise', { priorities: ['P1'], tiers: ['enterprise'] }),
  policy('p1', { priorities: ['P1'] }),
  policy('email-billing', { categories: ['billing'], channels: ['email'] }),
  policy('fallback'),
];

const facts = (overrides: Partial<TicketFacts>): TicketFacts => ({
  priority: 'P3',
  category: 'network',
  tier: 'standard',
  channel: 'phone',
  ...overrides,
});

describe('selectPolicy', () => {
  it.each<[string, Partial<TicketFacts>, string | null | undefined, string | undefined]>([
    [
      'P1 enterprise: the most specific, listed first',
      { priority: 'P1', tier: 'enterprise' },
      undefined,
      'p1-enterprise',
    ],
    ['P1 standard', { priority: 'P1' }, undefined, 'p1'],
    [
      'P1 billing email: first match wins over later matches',
      { priority: 'P1', category: 'billing', channel: 'email' },
      undefined,
      'p1',
    ],
    ['P3 billing by email', { category: 'billing', channel: 'email' }, undefined, 'email-billing'],
    ['P3 billing by phone: the fallback', { category: 'billing' }, undefined, 'fallback'],
    ['pinned policy, whatever the conditions', { priority: 'P4' }, 'p1', 'p1'],
    ['unknown pinned policy: automatic', { priority: 'P1' }, 'gone', 'p1'],
    ['unpinned (null): automatic', { priority: 'P1' }, null, 'p1'],
  ])('%s', (_, overrides, pinned, expected) => {
    expect(selectPolicy(POLICIES, facts(overrides), pinned)?.id).toBe(expected);
  });

  it('selects nothing when no policy matches and there is no fallback', () => {
    expect(selectPolicy(POLICIES.slice(0, 3), facts({}))).toBeUndefined();
  });
});

describe('policy helpers', () => {
  it('resolves the calendar directly or through the lookup', () => {
    expect(policyCalendar(policy('a'))).toBe(calendar);
    const byId = { ...policy('b'), calendar: 'office' };
    expect(policyCalendar(byId, (id) => (id === 'office' ? calendar : undefined))).toBe(calendar);
    expect(policyCalendar(byId)).toBeUndefined();
  });

  it('finds the pause rule of a status', () => {
    expect(pauseStatusOf(policy('a'), 'pending_customer')?.reason).toBe('Waiting for the customer');
    expect(pauseStatusOf(policy('a'), 'open')).toBeUndefined();
  });

  it('pauses all targets unless the policy names some', () => {
    expect(pausesTarget(policy('a'), 'first_response')).toBe(true);
    const some = { ...policy('a'), pauseTargets: ['resolution' as const] };
    expect(pausesTarget(some, 'first_response')).toBe(false);
    expect(pausesTarget(some, 'resolution')).toBe(true);
  });

  it('knows the fallback and which policies shadow others', () => {
    expect(POLICIES.map(isFallbackPolicy)).toEqual([false, false, false, true]);
    expect(policyShadows(POLICIES[1]!, POLICIES[0]!)).toBe(true);
    expect(policyShadows(POLICIES[0]!, POLICIES[1]!)).toBe(false);
  });

  it('has a schema for stored policies', () => {
    expect(SlaPolicySchema.safeParse(POLICIES[0]).success).toBe(true);
    expect(SlaPolicySchema.safeParse({ ...policy('x'), calendar: 'office' }).success).toBe(true);
    const badMode = { ...policy('x'), targets: { resolution: { minutes: 5, mode: 'weekly' } } };
    expect(SlaPolicySchema.safeParse(badMode).success).toBe(false);
  });
});
