import { describe, expect, it } from 'vitest';
import {
  SLA_TARGETS,
  validatePolicies,
  type PolicyProblem,
  type SlaPolicy,
  type TicketCriteria,
} from '@core/index';
import {
  addPolicy,
  addWarningPercent,
  duplicatePolicy,
  formatDuration,
  moveItem,
  parseDuration,
  parseList,
  problemsAt,
  removeAt,
  setCriteria,
  setPauseStatus,
  setPauseTargets,
  setTargetEnabled,
  toggleValue,
  uniqueId,
  warningPercentError,
} from './policy-draft';

function policy(id: string, extra: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    id,
    name: id.toUpperCase(),
    calendar: 'office',
    targets: { first_response: { minutes: 60, mode: 'business' } },
    pauseStatuses: [],
    warningPercents: [75],
    ...extra,
  };
}

const P1 = policy('p1', { conditions: { priorities: ['P1'] } });
const P2 = policy('p2', { conditions: { priorities: ['P2'] } });
const FALLBACK = policy('fallback');

describe('list edits', () => {
  it.each([
    { from: 0, to: 1, ids: ['b', 'a', 'c'] },
    { from: 2, to: 0, ids: ['c', 'a', 'b'] },
    { from: 1, to: 9, ids: ['a', 'c', 'b'] },
    { from: 0, to: -1, ids: ['a', 'b', 'c'] },
    { from: 5, to: 0, ids: ['a', 'b', 'c'] },
  ])('moves item $from to $to', ({ from, to, ids }) => {
    expect(moveItem(['a', 'b', 'c'], from, to)).toEqual(ids);
  });

  it.each([
    { index: 0, ids: ['b', 'c'] },
    { index: 2, ids: ['a', 'b'] },
    { index: 3, ids: ['a', 'b', 'c'] },
  ])('removes item $index', ({ index, ids }) => {
    expect(removeAt(['a', 'b', 'c'], index)).toEqual(ids);
  });

  it.each([
    { base: 'policy', taken: [], id: 'policy' },
    { base: 'policy', taken: ['policy'], id: 'policy-2' },
    { base: 'policy', taken: ['policy', 'policy-2', 'policy-3'], id: 'policy-4' },
  ])('finds a free id for $base among $taken', ({ base, taken, id }) => {
    expect(uniqueId(base, taken)).toBe(id);
  });
});

describe('addPolicy', () => {
  it.each([
    { name: 'an empty list gets the fallback', list: [], index: 0, fallback: true },
    { name: 'goes before the fallback', list: [P1, FALLBACK], index: 1, fallback: false },
    { name: 'goes at the end without a fallback', list: [P1, P2], index: 2, fallback: false },
    { name: 'picks a priority not taken', list: [P1, P2, FALLBACK], index: 2, fallback: false },
  ])('$name', ({ list, index, fallback }) => {
    const added = addPolicy(list, 'office');
    expect(added.index).toBe(index);
    expect(added.policies).toHaveLength(list.length + 1);
    const policy = added.policies[index]!;
    expect(policy.conditions === undefined).toBe(fallback);
    expect(new Set(added.policies.map((p) => p.id)).size).toBe(added.policies.length);
    const problems = validatePolicies(added.policies, () => ({ timeZone: 'UTC', week: {} }));
    expect(problems.filter((problem) => problem.path[0] === index)).toEqual([]);
  });

  it('counts calendar time when the desk has no calendar', () => {
    const { policies } = addPolicy([], undefined);
    expect(policies[0]!.calendar).toBeUndefined();
    expect(policies[0]!.targets.first_response?.mode).toBe('calendar');
  });
});

describe('duplicatePolicy', () => {
  it('puts a renamed copy with a new id right after the original', () => {
    const { policies, index } = duplicatePolicy([P1, FALLBACK], 0);
    expect(index).toBe(1);
    expect(policies.map((p) => p.id)).toEqual(['p1', 'p1-copy', 'fallback']);
    expect(policies[1]!.name).toBe('P1 (copy)');
    expect(policies[1]!.conditions).toEqual(P1.conditions);
    expect(policies[1]!.conditions).not.toBe(P1.conditions);
  });
});

describe('conditions', () => {
  it.each<{
    criteria: TicketCriteria | undefined;
    key: keyof TicketCriteria;
    values: string[];
    result: TicketCriteria | undefined;
  }>([
    { criteria: undefined, key: 'priorities', values: ['P1'], result: { priorities: ['P1'] } },
    { criteria: { priorities: ['P1'] }, key: 'priorities', values: [], result: undefined },
    {
      criteria: { priorities: ['P1'] },
      key: 'tiers',
      values: ['gold'],
      result: { priorities: ['P1'], tiers: ['gold'] },
    },
    { criteria: { channels: ['email'] }, key: 'channels', values: [], result: undefined },
  ])('sets $key to $values', ({ criteria, key, values, result }) => {
    expect(setCriteria(criteria, key, values)).toEqual(result);
  });

  it.each([
    { values: ['P3'], value: 'P1', on: true, result: ['P1', 'P3'] },
    { values: ['P1', 'P3'], value: 'P1', on: false, result: ['P3'] },
    { values: ['P1'], value: 'P1', on: true, result: ['P1'] },
  ] as const)('toggles $value $on in $values', ({ values, value, on, result }) => {
    expect(toggleValue(values, value, on, ['P1', 'P2', 'P3', 'P4'])).toEqual(result);
  });

  it.each([
    { text: 'billing, delivery', list: ['billing', 'delivery'] },
    { text: ' billing ,, billing ', list: ['billing'] },
    { text: '', list: [] },
  ])('reads "$text" as a list', ({ text, list }) => {
    expect(parseList(text)).toEqual(list);
  });
});

describe('targets, pauses and warnings', () => {
  it('switches a target on with a start value and off again', () => {
    const on = setTargetEnabled(P1, 'resolution', true);
    expect(on.targets.resolution).toEqual({ minutes: 480, mode: 'business' });
    expect(setTargetEnabled(on, 'resolution', false).targets).toEqual(P1.targets);
  });

  it('adds a known pause status with its usual reason and a custom one with a made-up reason', () => {
    const known = setPauseStatus(P1, 'pending_customer', true);
    expect(known.pauseStatuses).toEqual([
      { status: 'pending_customer', reason: 'Waiting for the customer' },
    ]);
    const custom = setPauseStatus(known, 'on_hold', true);
    expect(custom.pauseStatuses[1]).toEqual({ status: 'on_hold', reason: 'Waiting (on hold)' });
    expect(setPauseStatus(custom, 'pending_customer', false).pauseStatuses).toHaveLength(1);
  });

  it.each([
    { targets: [...SLA_TARGETS], stored: undefined },
    { targets: ['resolution', 'first_response'], stored: ['first_response', 'resolution'] },
    { targets: [], stored: [] },
  ] as const)('stores pause targets $targets as $stored', ({ targets, stored }) => {
    expect(setPauseTargets(P1, targets, SLA_TARGETS).pauseTargets).toEqual(stored);
  });

  it.each([
    { text: '50', existing: [75], error: undefined },
    { text: '75', existing: [75], error: 'There is already a warning at 75%.' },
    { text: '100', existing: [], error: expect.stringContaining('1 to 99') },
    { text: '0', existing: [], error: expect.stringContaining('1 to 99') },
    { text: '12.5', existing: [], error: expect.stringContaining('1 to 99') },
    { text: '', existing: [], error: expect.stringContaining('1 to 99') },
  ])('checks a warning at "$text"', ({ text, existing, error }) => {
    expect(warningPercentError(text, existing)).toEqual(error);
  });

  it('keeps warnings in ascending order', () => {
    expect(addWarningPercent([75, 90], 50)).toEqual([50, 75, 90]);
  });
});

describe('durations', () => {
  it.each([
    { text: '90', minutes: 90 },
    { text: ' 240 ', minutes: 240 },
    { text: '1:30', minutes: 90 },
    { text: '4h', minutes: 240 },
    { text: '4 hours', minutes: 240 },
    { text: '1h 30m', minutes: 90 },
    { text: '1 h 30 min', minutes: 90 },
    { text: '2.5h', minutes: 150 },
    { text: '2,5 h', minutes: 150 },
    { text: '45 min', minutes: 45 },
    { text: '0', minutes: 0 },
    { text: '', minutes: undefined },
    { text: 'soon', minutes: undefined },
    { text: '1:75', minutes: undefined },
    { text: '-5', minutes: undefined },
  ])('reads "$text" as $minutes minutes', ({ text, minutes }) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each([
    { minutes: 45, text: '45 min' },
    { minutes: 60, text: '1 h' },
    { minutes: 90, text: '1 h 30 min' },
    { minutes: 2400, text: '40 h' },
    { minutes: Number.NaN, text: '' },
  ])('writes $minutes minutes as "$text"', ({ minutes, text }) => {
    expect(formatDuration(minutes)).toBe(text);
  });
});

describe('problemsAt', () => {
  const problems: PolicyProblem[] = [
    { path: [0, 'name'], policyId: 'a', code: 'missing_name', message: 'name' },
    { path: [0, 'targets'], policyId: 'a', code: 'no_targets', message: 'targets' },
    {
      path: [0, 'targets', 'resolution', 'minutes'],
      policyId: 'a',
      code: 'target_minutes',
      message: 'minutes',
    },
    { path: [1, 'name'], policyId: 'b', code: 'missing_name', message: 'other' },
  ];
  it.each([
    { path: [0, 'name'], nested: false, messages: ['name'] },
    { path: [0, 'targets'], nested: false, messages: ['targets'] },
    { path: [0, 'targets'], nested: true, messages: ['targets', 'minutes'] },
    { path: [1], nested: true, messages: ['other'] },
    { path: [2], nested: true, messages: [] },
  ])('finds the problems at $path (nested: $nested)', ({ path, nested, messages }) => {
    expect(problemsAt(problems, path, nested).map((p) => p.message)).toEqual(messages);
  });
});
