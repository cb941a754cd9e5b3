import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../calendar';
import { DEFAULT_PAUSE_STATUSES, type SlaPolicy } from './policy';
import { validatePolicies } from './validate-policies';

const WORKWEEK: BusinessCalendar = {
  timeZone: 'UTC',
  week: { mon: [{ from: '09:00', to: '17:00' }], tue: [{ from: '09:00', to: '17:00' }] },
};

const validPolicies = (): SlaPolicy[] => [
  {
    id: 'gold-p1',
    name: 'Gold P1',
    conditions: { priorities: ['P1'], tiers: ['gold'] },
    calendar: WORKWEEK,
    targets: {
      first_response: { minutes: 15, mode: 'calendar' },
      next_update: { minutes: 60, mode: 'business' },
      resolution: { minutes: 240, mode: 'business' },
    },
    pauseStatuses: [...DEFAULT_PAUSE_STATUSES],
    pauseTargets: ['resolution'],
    warningPercents: [75, 90],
  },
  {
    id: 'p1',
    name: 'P1',
    conditions: { priorities: ['P1'] },
    calendar: 'office',
    targets: { resolution: { minutes: 480, mode: 'business' } },
    pauseStatuses: [],
    warningPercents: [],
  },
  {
    id: 'default',
    name: 'Default',
    targets: { resolution: { minutes: 2400, mode: 'calendar' } },
    pauseStatuses: [{ status: 'awaiting_parts', reason: 'Waiting for parts' }],
    warningPercents: [50],
  },
];

const lookup = (id: string) => (id === 'office' ? WORKWEEK : undefined);
type Mutation = (policies: SlaPolicy[]) => void;
const at = (policies: SlaPolicy[], index: number) => policies[index]!;

describe('validatePolicies', () => {
  it('accepts an ordered list ending in one fallback', () => {
    expect(validatePolicies(validPolicies(), lookup)).toEqual([]);
  });

  it.each<[string, Mutation, Record<string, unknown>]>([
    [
      'an empty list',
      (p) => p.splice(0),
      {
        code: 'no_policies',
        path: [],
        message: 'There are no SLA policies: add at least a fallback policy.',
      },
    ],
    [
      'no fallback',
      (p) => p.pop(),
      {
        code: 'no_fallback',
        path: [],
        policyId: undefined,
        message:
          'There is no fallback policy: tickets that match no policy get no SLA. Add a policy with no conditions at the end.',
      },
    ],
    [
      'a second fallback',
      (p) => p.push({ ...at(p, 2), id: 'default-2', name: 'Default 2' }),
      {
        code: 'extra_fallback',
        path: [3, 'conditions'],
        policyId: 'default-2',
        message:
          "Policy 'Default 2' is a second fallback: policy 'Default' already applies to every ticket not matched before it. Keep exactly one fallback.",
      },
    ],
    [
      'a policy after the fallback',
      (p) => p.push({ ...at(p, 1), id: 'late', name: 'Late', conditions: { channels: ['chat'] } }),
      {
        code: 'shadowed_policy',
        path: [3, 'conditions'],
        message:
          "Policy 'Late' never applies: it comes after the fallback policy 'Default', which matches every ticket.",
      },
    ],
    [
      'a policy shadowed by a broader one above it',
      (p) => p.reverse().push(p.shift()!),
      {
        code: 'shadowed_policy',
        path: [1, 'conditions'],
        policyId: 'gold-p1',
        message:
          "Policy 'Gold P1' never applies: policy 'P1' above it already matches every ticket it would (priority P1).",
      },
    ],
    [
      'a duplicate id',
      (p) => (at(p, 1).id = 'gold-p1'),
      {
        code: 'duplicate_policy_id',
        path: [1, 'id'],
        message: "Policy 'P1': its id 'gold-p1' is already used by policy 'Gold P1'.",
      },
    ],
    [
      'a policy without a name',
      (p) => (at(p, 1).name = ''),
      { code: 'missing_name', path: [1, 'name'], message: "Policy 'p1' has no name." },
    ],
    [
      'an unknown priority',
      (p) => (at(p, 1).conditions = { priorities: ['P1', 'high' as never] }),
      {
        code: 'unknown_priority',
        path: [1, 'conditions', 'priorities', 1],
        message: "Policy 'P1': 'high' is not a priority (use P1, P2, P3 or P4).",
      },
    ],
    [
      'no targets',
      (p) => (at(p, 2).targets = {}),
      { code: 'no_targets', path: [2, 'targets'], message: "Policy 'Default' sets no targets." },
    ],
    [
      'a target of 0 minutes',
      (p) => (at(p, 0).targets.next_update = { minutes: 0, mode: 'business' }),
      {
        code: 'target_minutes',
        path: [0, 'targets', 'next_update', 'minutes'],
        message:
          "Policy 'Gold P1', next update target: 0 is not a time limit; give a number of minutes above 0.",
      },
    ],
    [
      'an unknown time mode',
      (p) => (at(p, 2).targets.resolution = { minutes: 60, mode: 'weekly' as never }),
      {
        code: 'target_mode',
        path: [2, 'targets', 'resolution', 'mode'],
        message:
          "Policy 'Default', resolution target: 'weekly' is neither business nor calendar time.",
      },
    ],
    [
      'business time without a calendar',
      (p) => delete at(p, 0).calendar,
      {
        code: 'missing_calendar',
        path: [0, 'calendar'],
        message: "Policy 'Gold P1' counts business time but has no calendar.",
      },
    ],
    [
      'an unknown calendar id',
      (p) => (at(p, 1).calendar = 'warehouse'),
      {
        code: 'unknown_calendar',
        path: [1, 'calendar'],
        message: "Policy 'P1': there is no calendar 'warehouse'.",
      },
    ],
    [
      'an invalid calendar',
      (p) => (at(p, 0).calendar = { ...WORKWEEK, week: { mon: [{ from: '09:00', to: '25:00' }] } }),
      {
        code: 'invalid_calendar',
        path: [0, 'calendar', 'week', 'mon', 0, 'to'],
        message: expect.stringMatching(/^Policy 'Gold P1', calendar week\.mon\[0\]\.to: .*25:00/),
      },
    ],
    [
      'a warning at 100%',
      (p) => (at(p, 0).warningPercents = [75, 100]),
      {
        code: 'warning_percent',
        path: [0, 'warningPercents', 1],
        message:
          "Policy 'Gold P1': a warning at 100% is outside 1–99% (100% is the breach itself).",
      },
    ],
    [
      'a warning listed twice',
      (p) => (at(p, 0).warningPercents = [75, 90, 75]),
      {
        code: 'duplicate_warning_percent',
        path: [0, 'warningPercents', 2],
        message: "Policy 'Gold P1': the warning at 75% is listed twice.",
      },
    ],
    [
      'resolved as a pause status',
      (p) => at(p, 2).pauseStatuses.push({ status: 'resolved', reason: 'Done' }),
      {
        code: 'pause_status',
        path: [2, 'pauseStatuses', 1, 'status'],
        message:
          "Policy 'Default': 'resolved' cannot be a pause status — it stops the clocks for good.",
      },
    ],
    [
      'an empty pause status',
      (p) => at(p, 2).pauseStatuses.push({ status: ' ', reason: 'Hmm' }),
      {
        code: 'pause_status',
        path: [2, 'pauseStatuses', 1, 'status'],
        message: "Policy 'Default': pause status #2 has no status.",
      },
    ],
    [
      'a pause status listed twice',
      (p) => at(p, 2).pauseStatuses.push({ status: 'awaiting_parts', reason: 'Again' }),
      {
        code: 'duplicate_pause_status',
        path: [2, 'pauseStatuses', 1, 'status'],
        message: "Policy 'Default': the pause status 'awaiting_parts' is listed twice.",
      },
    ],
    [
      'an unknown pause target',
      (p) => (at(p, 0).pauseTargets = ['resolution', 'lunch' as never]),
      {
        code: 'unknown_pause_target',
        path: [0, 'pauseTargets', 1],
        message:
          "Policy 'Gold P1': 'lunch' is not an SLA target (use first_response, next_update or resolution).",
      },
    ],
  ])('reports %s', (_, mutate, expected) => {
    const policies = validPolicies();
    mutate(policies);
    const problems = validatePolicies(policies, lookup);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject(expected);
  });

  it('checks calendar ids only when it can look them up', () => {
    const policies = validPolicies();
    at(policies, 1).calendar = 'warehouse';
    expect(validatePolicies(policies)).toEqual([]);
  });
});
