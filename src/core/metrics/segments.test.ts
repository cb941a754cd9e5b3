import { describe, expect, it } from 'vitest';
import { drillTickets, escalationTypeOf, inSegment, matchesFilter } from './segments';
import { DAY, HOUR, T0, factsOf } from './test-fixtures';
import type { ReportFacts, ReportFilter, Segment } from './types';

const PLAIN = factsOf({ id: 'plain', teamId: 'front', ownerId: 'agent-1' });
const RICH = factsOf({
  id: 'rich',
  done: true,
  status: 'closed',
  resolvedAt: T0 + 5 * HOUR,
  resolveMs: 5 * HOUR,
  firstResponseMs: HOUR,
  escalated: true,
  escalatedAt: T0 + HOUR,
  escalationType: 'functional',
  escalations: 1,
  deEscalations: 1,
  reopens: 1,
  everResolved: true,
  maxLevel: 1,
  levelMs: [2 * HOUR, 3 * HOUR],
  sla: { first_response: 'met', resolution: 'breached' },
  breaches: [{ target: 'resolution', at: T0 + 4 * HOUR, level: 1, teamId: 'network' }],
  csat: 2,
  rootCause: 'configuration',
  dropped: 'breached_without_action',
});
const RECURRING = new Set(['rich', 'plain']);

describe('inSegment', () => {
  const cases: [Segment, boolean, boolean][] = [
    [{ kind: 'tickets' }, true, true],
    [{ kind: 'escalated' }, false, true],
    [{ kind: 'escalated', type: 'functional' }, false, true],
    [{ kind: 'escalated', type: 'automatic' }, false, false],
    [{ kind: 'not_escalated' }, true, false],
    [{ kind: 'responded' }, false, true],
    [{ kind: 'resolved' }, false, true],
    [{ kind: 'sla', target: 'resolution', outcome: 'breached' }, false, true],
    [{ kind: 'sla', target: 'first_response', outcome: 'met' }, false, true],
    [{ kind: 'sla', target: 'first_response', outcome: 'open' }, false, false],
    [{ kind: 'breached' }, false, true],
    [{ kind: 'breached', level: 1 }, false, true],
    [{ kind: 'breached', level: 0 }, false, false],
    [{ kind: 'breached', teamId: 'network' }, false, true],
    [{ kind: 'breached', teamId: null }, false, false],
    [{ kind: 'level_time', level: 0 }, false, true],
    [{ kind: 'level_time', level: 1 }, false, true],
    [{ kind: 'level_time', level: 2 }, false, false],
    [{ kind: 'de_escalated' }, false, true],
    [{ kind: 'reopened' }, false, true],
    [{ kind: 'csat' }, false, true],
    [{ kind: 'csat', score: 2, escalated: true }, false, true],
    [{ kind: 'csat', score: 2, escalated: false }, false, false],
    [{ kind: 'csat', score: 3 }, false, false],
    // "plain" is in the set but not escalated: only escalations recur.
    [{ kind: 'recurring' }, false, true],
    [{ kind: 'dropped' }, false, true],
    [{ kind: 'dropped', reason: 'de_escalated_unresolved' }, false, false],
    [{ kind: 'root_cause', rootCause: 'configuration' }, false, true],
    [{ kind: 'root_cause', rootCause: 'other' }, false, false],
    [{ kind: 'resolution_time', fromMs: 4 * HOUR, toMs: 8 * HOUR }, false, true],
    [{ kind: 'resolution_time', fromMs: 5 * HOUR, toMs: null }, false, true],
    [{ kind: 'resolution_time', fromMs: 0, toMs: 5 * HOUR }, false, false],
    [{ kind: 'team', teamId: 'front' }, true, false],
    [{ kind: 'team', teamId: null }, false, true],
    [{ kind: 'owner', ownerId: 'agent-1' }, true, false],
    [{ kind: 'owner', ownerId: null }, false, true],
  ];
  it.each(cases)('%j: plain %s, rich %s', (segment, plain, rich) => {
    expect(inSegment(PLAIN, segment, RECURRING)).toBe(plain);
    expect(inSegment(RICH, segment, RECURRING)).toBe(rich);
  });

  it('files an escalation without a type under hierarchical', () => {
    const untyped = factsOf({ id: 'u', escalated: true });
    expect(escalationTypeOf(untyped)).toBe('hierarchical');
    expect(inSegment(untyped, { kind: 'escalated', type: 'hierarchical' }, RECURRING)).toBe(true);
  });
});

describe('matchesFilter', () => {
  const ticket = factsOf({ id: 't', createdAt: T0, teamId: 'front', maxLevel: 2, priority: 'P1' });
  const range = { from: T0, to: T0 + DAY };
  const cases: [string, ReportFilter, boolean][] = [
    ['inside the range', range, true],
    ['at the range end', { from: T0 - DAY, to: T0 }, false],
    ['empty lists mean any', { ...range, teams: [], levels: [], priorities: [] }, true],
    ['its team', { ...range, teams: ['front', 'back'] }, true],
    ['no team only', { ...range, teams: [null] }, false],
    ['its highest level', { ...range, levels: [2] }, true],
    ['another level', { ...range, levels: [0, 1] }, false],
    ['another priority', { ...range, priorities: ['P2'] }, false],
    ['its category', { ...range, categories: ['network'] }, true],
    ['another tier', { ...range, tiers: ['enterprise'] }, false],
    ['another channel', { ...range, channels: ['phone'] }, false],
  ];
  it.each(cases)('%s → %s', (_name, filter, expected) => {
    expect(matchesFilter(ticket, filter)).toBe(expected);
  });

  it('matches a ticket without a team by null', () => {
    expect(matchesFilter(factsOf({ id: 'n' }), { ...range, teams: [null] })).toBe(true);
  });
});

describe('drillTickets', () => {
  const all: ReportFacts[] = [
    factsOf({ id: 'old', createdAt: T0, escalated: true }),
    factsOf({ id: 'new', createdAt: T0 + 2 * DAY, escalated: true }),
    factsOf({ id: 'mid-b', createdAt: T0 + DAY, escalated: true }),
    factsOf({ id: 'mid-a', createdAt: T0 + DAY, escalated: true }),
    factsOf({ id: 'calm', createdAt: T0 + DAY }),
    factsOf({ id: 'outside', createdAt: T0 + 9 * DAY, escalated: true }),
  ];
  const filter = { from: T0, to: T0 + 3 * DAY };

  it('lists the segment within the filter, newest first, ties by id', () => {
    const ids = drillTickets(all, filter, { segment: { kind: 'escalated' } }, new Set());
    expect(ids).toEqual(['new', 'mid-a', 'mid-b', 'old']);
  });

  it('keeps to a trend bucket', () => {
    const drill = {
      segment: { kind: 'tickets' as const },
      bucket: { from: T0 + DAY, to: T0 + 2 * DAY },
    };
    expect(drillTickets(all, filter, drill, new Set())).toEqual(['calm', 'mid-a', 'mid-b']);
  });
});
