import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeskEvent } from '../tickets/desk';
import {
  assessRisk,
  customerMessagesOf,
  escalationTimesOf,
  HIGH_RISK_SCORE,
  nextRiskAbove,
  pastEscalationsOf,
  RISK_FACTOR_MAX,
  RISK_FACTORS,
  riskLevel,
  riskScore,
  type RiskInput,
  type RiskSignals,
} from './risk';
import { moodOf, riskSignalsOf } from './signals';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 2, 9);

const calm: RiskSignals = { reassignments: 0, reopenings: 0, pastEscalations: 0 };

function input(overrides: Partial<RiskInput> = {}, signals: Partial<RiskSignals> = {}): RiskInput {
  return {
    ticket: { tier: 'standard', createdAt: T0, status: 'open' },
    sla: { state: 'running', dueAt: T0 + 3 * DAY, warnAt: T0 + 2 * DAY },
    ...overrides,
    signals: { ...calm, ...overrides.signals, ...signals },
  };
}

const points = (value: RiskInput, now: number, factor: string) =>
  assessRisk(value, now).reasons.find((reason) => reason.factor === factor)!.points;

describe('assessRisk', () => {
  it('lists every factor once, in order, with maxima that add up to 100', () => {
    const { reasons } = assessRisk(input(), T0);
    expect(reasons.map((reason) => reason.factor)).toEqual([...RISK_FACTORS]);
    expect(Object.values(RISK_FACTOR_MAX).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('scores a fresh, calm, standard ticket far from its deadline at 0', () => {
    const risk = assessRisk(input(), T0);
    expect(risk).toMatchObject({ score: 0, level: 'low' });
  });

  it.each([
    ['a very negative last message', { sentiment: trend(-0.8, 0, 1) }, 'sentiment', 12],
    ['an angrier second message', { sentiment: trend(-0.6, -0.8, 2) }, 'sentiment', 17],
    ['the worst mood possible', { sentiment: trend(-1, -2, 3) }, 'sentiment', 25],
    ['a happy customer', { sentiment: trend(0.7, 0.5, 2) }, 'sentiment', 0],
    ['two reassignments', { reassignments: 2 }, 'reassignments', 6],
    ['many reassignments (capped)', { reassignments: 9 }, 'reassignments', 10],
    ['one reopening', { reopenings: 1 }, 'reopenings', 5],
    ['three reopenings (capped)', { reopenings: 3 }, 'reopenings', 10],
    ['two past escalations', { pastEscalations: 2 }, 'customer_history', 8],
    ['five past escalations (capped)', { pastEscalations: 5 }, 'customer_history', 10],
  ] as const)('%s adds its points', (_name, signals, factor, expected) => {
    expect(points(input({}, signals), T0, factor)).toBe(expected);
  });

  it.each([
    ['standard', 0],
    ['business', 5],
    ['enterprise', 10],
  ] as const)('a %s customer adds %i', (tier, expected) => {
    expect(points(input({ ticket: { tier, createdAt: T0, status: 'open' } }), T0, 'tier')).toBe(
      expected,
    );
  });

  it.each([
    ['breached', { state: 'breached', dueAt: T0 + HOUR }, T0, 25],
    ['running past its due time', { state: 'running', dueAt: T0 + HOUR }, T0 + 2 * HOUR, 25],
    ['due within the hour', { state: 'running', dueAt: T0 + 30 * 60_000 }, T0, 20],
    ['due within 4 hours', { state: 'running', dueAt: T0 + 3 * HOUR }, T0, 12],
    ['due within a day', { state: 'running', dueAt: T0 + 20 * HOUR }, T0, 5],
    ['past its first warning', { state: 'running', dueAt: T0 + 2 * DAY, warnAt: T0 }, T0, 15],
    ['paused', { state: 'paused', dueAt: T0 + HOUR }, T0, 0],
    ['met', { state: 'met', dueAt: T0 }, T0, 0],
    ['without a policy', undefined, T0, 0],
  ] as const)('an SLA %s adds its points', (_name, sla, now, expected) => {
    expect(points(input({ sla }), now, 'sla')).toBe(expected);
  });

  it('adds a point per full day open, up to 10', () => {
    expect(points(input(), T0 + 23 * HOUR, 'age')).toBe(0);
    expect(points(input(), T0 + 3 * DAY + HOUR, 'age')).toBe(3);
    expect(points(input(), T0 + 40 * DAY, 'age')).toBe(10);
  });

  it('spells out its reasons', () => {
    const risk = assessRisk(
      input(
        { ticket: { tier: 'enterprise', createdAt: T0, status: 'open' } },
        { sentiment: trend(-0.72, -0.5, 2), reassignments: 1, pastEscalations: 2 },
      ),
      T0 + 2 * DAY,
    );
    const detail = Object.fromEntries(risk.reasons.map((r) => [r.factor, r.detail]));
    expect(detail).toMatchObject({
      sentiment: 'Last customer message very negative (−0.72), angrier than before (−0.50).',
      reassignments: '1 hand-over.',
      tier: 'Enterprise customer.',
      age: 'Open for 2 days.',
      customer_history: '2 other escalations of this customer since 90 days before this ticket.',
    });
    expect(detail.sla).toBe('Due in 24 h, past its first warning.');
  });

  it('labels scores low, medium and high', () => {
    expect([0, 29, 30, 59, HIGH_RISK_SCORE, 100].map(riskLevel)).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
  });
});

function trend(latest: number, change: number, messages: number): RiskSignals['sentiment'] {
  return {
    latest,
    change,
    average: latest - change,
    messages,
    direction: change <= -0.2 ? 'angrier' : change >= 0.2 ? 'calmer' : 'steady',
  };
}

const arbitraryInput: fc.Arbitrary<RiskInput> = fc.record({
  ticket: fc.record({
    tier: fc.constantFrom('enterprise', 'business', 'standard'),
    createdAt: fc.integer({ min: T0 - 30 * DAY, max: T0 }),
    status: fc.constantFrom('new', 'open', 'pending_customer', 'resolved'),
  }),
  sla: fc.option(
    fc.record(
      {
        state: fc.constantFrom('none', 'running', 'paused', 'at_risk', 'breached', 'met'),
        dueAt: fc.integer({ min: T0 - DAY, max: T0 + 10 * DAY }),
        warnAt: fc.integer({ min: T0 - 2 * DAY, max: T0 + 9 * DAY }),
      },
      { requiredKeys: ['state'] },
    ),
    { nil: undefined },
  ),
  signals: fc.record(
    {
      sentiment: fc
        .record({
          latest: fc.double({ min: -1, max: 1, noNaN: true }),
          change: fc.double({ min: -2, max: 2, noNaN: true }),
          messages: fc.integer({ min: 1, max: 9 }),
        })
        .map(({ latest, change, messages }) => trend(latest, change, messages)!),
      reassignments: fc.nat(12),
      reopenings: fc.nat(5),
      pastEscalations: fc.nat(8),
    },
    { requiredKeys: ['reassignments', 'reopenings', 'pastEscalations'] },
  ),
});

describe('assessRisk properties', () => {
  it('is 0–100 and exactly the sum of its reasons, each within its maximum', () => {
    fc.assert(
      fc.property(arbitraryInput, fc.integer({ min: 0, max: 20 * DAY }), (value, later) => {
        const risk = assessRisk(value, T0 + later);
        expect(riskScore(value, T0 + later)).toBe(risk.score);
        const sum = risk.reasons.reduce((total, reason) => total + reason.points, 0);
        expect(risk.score).toBe(sum);
        expect(risk.score).toBeGreaterThanOrEqual(0);
        expect(risk.score).toBeLessThanOrEqual(100);
        for (const reason of risk.reasons) {
          expect(Number.isInteger(reason.points)).toBe(true);
          expect(reason.points).toBeGreaterThanOrEqual(0);
          expect(reason.points).toBeLessThanOrEqual(reason.max);
        }
      }),
    );
  });

  it('never falls as time passes with nothing else changing', () => {
    fc.assert(
      fc.property(
        arbitraryInput,
        fc.integer({ min: 0, max: 20 * DAY }),
        fc.integer({ min: 0, max: 20 * DAY }),
        (value, a, b) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          expect(assessRisk(value, T0 + late).score).toBeGreaterThanOrEqual(
            assessRisk(value, T0 + early).score,
          );
        },
      ),
    );
  });

  it('nextRiskAbove gives the first minute the score is above the threshold', () => {
    fc.assert(
      fc.property(arbitraryInput, fc.integer({ min: 0, max: 99 }), (value, threshold) => {
        const at = nextRiskAbove(value, threshold, T0);
        if (at === undefined) {
          // Nothing changes after the last day of age counts and the SLA clock has run out.
          expect(assessRisk(value, T0 + 60 * DAY).score).toBeLessThanOrEqual(threshold);
          return;
        }
        expect(at).toBeGreaterThanOrEqual(T0);
        expect(assessRisk(value, at).score).toBeGreaterThan(threshold);
        if (at > T0) expect(assessRisk(value, at - 1).score).toBeLessThanOrEqual(threshold);
      }),
    );
  });
});

describe('signals from the activity log', () => {
  const base = { ticketId: 'T1', by: 'p1' };
  const log: DeskEvent[] = [
    {
      ...base,
      id: 'e1',
      at: T0,
      type: 'created',
      priority: 'P2',
      category: 'billing',
      tier: 'standard',
      channel: 'email',
      status: 'new',
    },
    { ...base, id: 'e2', at: T0 + 1, type: 'assigned', toOwnerId: 'ann' },
    {
      ...base,
      id: 'e3',
      at: T0 + 2,
      type: 'escalated',
      escalationType: 'functional',
      fromLevel: 0,
      toLevel: 1,
      fromOwnerId: 'ann',
      toOwnerId: 'bob',
      reason: 'Needs billing',
    },
    { ...base, id: 'e4', at: T0 + 3, type: 'assigned', fromOwnerId: 'bob', toOwnerId: 'cyd' },
    { ...base, id: 'e5', at: T0 + 4, type: 'assigned', fromOwnerId: 'cyd', toOwnerId: 'cyd' },
    { ...base, id: 'e6', at: T0 + 5, type: 'status_changed', to: 'resolved' },
    { ...base, id: 'e7', at: T0 + 6, type: 'status_changed', to: 'open' },
    { ...base, id: 'e8', at: T0 + 7, type: 'status_changed', to: 'closed' },
    { ...base, id: 'e9', at: T0 + 8, type: 'status_changed', to: 'open' },
    {
      ...base,
      id: 'm2',
      at: T0 + 20,
      type: 'reply',
      direction: 'from_customer',
      body: 'This is terrible, still not working and nobody answers!',
    },
    {
      ...base,
      id: 'm1',
      at: T0 + 10,
      type: 'reply',
      direction: 'from_customer',
      body: 'Thanks, that sounds good.',
    },
    { ...base, id: 'r1', at: T0 + 15, type: 'reply', direction: 'to_customer', body: 'Hello' },
  ];

  it('counts assignments away from an owner (not escalations) and reopenings', () => {
    const signals = riskSignalsOf(log, 3);
    expect(signals).toMatchObject({ reassignments: 1, reopenings: 2, pastEscalations: 3 });
  });

  it("follows the customer's mood from message to message, in time order", () => {
    expect(customerMessagesOf(log).map((message) => message.id)).toEqual(['m1', 'm2']);
    const { sentiment } = riskSignalsOf([...log].reverse(), 0);
    expect(sentiment?.messages).toBe(2);
    expect(sentiment?.latest).toBeLessThan(-0.3);
    expect(sentiment?.direction).toBe('angrier');
  });

  it('leaves the mood out when sentiment is switched off, and says so', () => {
    const signals = riskSignalsOf(log, 0, { sentiment: false });
    expect(signals.sentiment).toBeUndefined();
    const risk = assessRisk(input({}, signals), T0);
    expect(risk.reasons[0]).toMatchObject({
      factor: 'sentiment',
      points: 0,
      detail: 'Customer sentiment is switched off in Settings.',
    });
  });

  it("counts the customer's other escalations from 90 days before the ticket up to now", () => {
    const times = escalationTimesOf([
      { createdAt: T0, escalated: true, escalatedAt: T0 + HOUR }, // the ticket itself
      { createdAt: T0 - 100 * DAY, escalated: true, escalatedAt: T0 + 2 * DAY }, // while it is open
      { createdAt: T0 - DAY, escalated: true },
      { createdAt: T0 - 95 * DAY, escalated: true, escalatedAt: T0 - 89 * DAY },
      { createdAt: T0 - 91 * DAY, escalated: true },
      { createdAt: T0 - DAY, escalated: false },
    ]);
    const ticket = { createdAt: T0, escalated: true, escalatedAt: T0 + HOUR };
    expect(pastEscalationsOf(ticket, times, T0 + DAY)).toBe(2);
    expect(pastEscalationsOf(ticket, times, T0 + 3 * DAY)).toBe(3);
    expect(pastEscalationsOf(ticket, [], T0)).toBe(0);
  });

  it("adds the customer's escalations on tickets opened while this one is open", () => {
    const own = { createdAt: T0, escalated: false };
    const times = escalationTimesOf([
      own,
      { createdAt: T0 + DAY, escalated: true, escalatedAt: T0 + 2 * DAY },
      { createdAt: T0 + DAY, escalated: true, escalatedAt: T0 + 3 * DAY },
    ]);
    const at = T0 + 4 * DAY;
    const signals = { pastEscalations: pastEscalationsOf(own, times, at) };
    expect(points(input({}, signals), at, 'customer_history')).toBe(8);
  });

  const arbitraryHistory = fc.array(
    fc.record({
      createdAt: fc.integer({ min: 0, max: 400 }),
      escalated: fc.boolean(),
      escalatedAfter: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    }),
  );
  const dated = (ticket: { createdAt: number; escalated: boolean; escalatedAfter?: number }) => ({
    createdAt: T0 + ticket.createdAt * DAY,
    escalated: ticket.escalated,
    ...(ticket.escalatedAfter === undefined
      ? {}
      : { escalatedAt: T0 + (ticket.createdAt + ticket.escalatedAfter) * DAY }),
  });

  it("counts the same as a plain scan of the customer's other tickets (property)", () => {
    fc.assert(
      fc.property(arbitraryHistory, fc.nat(400), fc.nat(60), (tickets, own, open) => {
        const now = T0 + (own + open) * DAY;
        const ticket = dated({ createdAt: own, escalated: false });
        const scan = tickets.map(dated).filter((other) => {
          const at = other.escalatedAt ?? other.createdAt;
          return other.escalated && at >= ticket.createdAt - 90 * DAY && at <= now;
        }).length;
        const times = escalationTimesOf([ticket, ...tickets.map(dated)]);
        expect(pastEscalationsOf(ticket, times, now)).toBe(scan);
        // Escalated itself, its own escalation is left out.
        const escalated = { ...ticket, escalated: true };
        const withOwn = escalationTimesOf([escalated, ...tickets.map(dated)]);
        expect(pastEscalationsOf(escalated, withOwn, now)).toBe(scan);
      }),
    );
  });

  it('never lowers the risk as time passes while the ticket is open (property)', () => {
    fc.assert(
      fc.property(
        arbitraryInput,
        arbitraryHistory,
        fc.nat(20 * DAY),
        fc.nat(20 * DAY),
        (value, tickets, a, b) => {
          const [early, late] = a <= b ? [T0 + a, T0 + b] : [T0 + b, T0 + a];
          const times = escalationTimesOf(tickets.map(dated));
          const own = { createdAt: value.ticket.createdAt, escalated: false };
          const at = (now: number) => {
            const pastEscalations = pastEscalationsOf(own, times, now);
            return riskScore({ ...value, signals: { ...value.signals, pastEscalations } }, now);
          };
          expect(pastEscalationsOf(own, times, late)).toBeGreaterThanOrEqual(
            pastEscalationsOf(own, times, early),
          );
          expect(at(late)).toBeGreaterThanOrEqual(at(early));
        },
      ),
    );
  });

  it("takes an imported ticket's first owner from its first reassignment", () => {
    const imported: DeskEvent[] = [
      { ...base, id: 'a1', at: T0, type: 'assigned', fromOwnerId: 'alice', toOwnerId: 'bob' },
    ];
    expect(riskSignalsOf(imported, 0).reassignments).toBe(1);
  });

  it.each([
    ['a ticket moved team A -> B -> C -> A', ['A', 'B', 'C', 'A'], 3, 3],
    ['a ticket assigned once', ['A'], 0, 0],
    ['a ticket assigned to the team it is in', ['A', 'A'], 0, 0],
  ])('counts team moves as hand-overs: %s', (_name, teams, reassignments, teamMoves) => {
    const moves: DeskEvent[] = teams.map((team, n) => ({
      ...base,
      id: `t${n}`,
      at: T0 + n,
      type: 'assigned',
      toOwnerId: 'ann',
      toTeamId: team,
      ...(n === 0 ? {} : { fromOwnerId: 'ann', fromTeamId: teams[n - 1] }),
    }));
    const signals = riskSignalsOf(moves, 0);
    expect(signals.reassignments).toBe(reassignments);
    expect(signals.teamMoves ?? 0).toBe(teamMoves);
  });

  it('says how many hand-overs were between teams, in points that add up', () => {
    const moves: DeskEvent[] = [
      { ...base, id: 'h1', at: T0, type: 'assigned', toOwnerId: 'ann', toTeamId: 'desk' },
      { ...base, id: 'h2', at: T0 + 1, type: 'assigned', fromOwnerId: 'ann', toOwnerId: 'bob' },
      { ...base, id: 'h3', at: T0 + 2, type: 'assigned', fromTeamId: 'desk', toTeamId: 'billing' },
      {
        ...base,
        id: 'h4',
        at: T0 + 3,
        type: 'assigned',
        toOwnerId: 'cyd',
        fromTeamId: 'billing',
        toTeamId: 'network',
      },
    ];
    const risk = assessRisk(input({}, riskSignalsOf(moves, 0)), T0);
    expect(risk.reasons.find((reason) => reason.factor === 'reassignments')).toMatchObject({
      points: 9,
      detail: '3 hand-overs (2 between teams).',
    });
    expect(risk.score).toBe(risk.reasons.reduce((sum, reason) => sum + reason.points, 0));
  });

  it('reads the mood of what the customer wrote, not of the reply they quote', () => {
    const reply: DeskEvent = {
      ...base,
      id: 'q1',
      at: T0 + 30,
      type: 'reply',
      direction: 'from_customer',
      body: `This is still broken and I am furious.

On Mon, 3 Nov 2025 at 10:02, Escalation Desk <support@desk.example> wrote:
> Great news! The issue is resolved. Thanks for your patience.`,
    };
    const quoteOnly: DeskEvent = { ...reply, id: 'q2', at: T0 + 40, body: '> Great news!' };
    expect(customerMessagesOf([reply, quoteOnly])).toEqual([
      { id: 'q1', at: T0 + 30, body: 'This is still broken and I am furious.' },
    ]);
    expect(moodOf([reply])?.latest).toBeLessThan(-0.5);
  });
});
