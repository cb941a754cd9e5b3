import { describe, expect, it } from 'vitest';
import { assessRisk, type RiskInput } from '../assist/risk';
import type { Ticket } from '../tickets/desk';
import type { Priority, TicketStatus } from '../tickets/ticket';
import type { WorkflowContext } from '../tickets/workflow';
import { applyFiredTimer, mainRiskReasons, triggerReason, type TriggerReading } from './apply';
import type { DeskTimer, EscalationTimer } from './evaluate';
import type {
  EscalationAction,
  EscalationLevel,
  EscalationOwner,
  EscalationRow,
  EscalationTrigger,
} from './matrix';

const T0 = Date.parse('2025-01-15T09:00Z');
const NOW = T0 + 5 * 3_600_000;
const HOUR = 3_600_000;

const ticket = (fields: Partial<Ticket> = {}): Ticket => ({
  id: 'ESC-1',
  title: 'VPN down',
  description: '',
  customerId: 'c-acme',
  tier: 'enterprise',
  channel: 'phone',
  category: 'network',
  priority: 'P2',
  status: 'open',
  level: 0,
  teamId: 'team-frontline',
  ownerId: 'p-agent',
  createdAt: T0,
  updatedAt: T0,
  escalated: false,
  breached: false,
  ...fields,
});

function context(): WorkflowContext {
  let sequence = 0;
  return { now: NOW, by: 'p-agent', newId: () => `ev${++sequence}` };
}

const owner = (kind: EscalationOwner['kind'], id: string, name: string): EscalationOwner => ({
  kind,
  id,
  name,
  contacts: [],
});
const NETWORK_TEAM = owner('team', 'team-network', 'Network Operations');
const SUPERVISOR = owner('person', 'p-dana', 'Dana Smith');
const DUTY_MANAGER = owner('role', 'manager', 'Duty manager');

const level = (id: string, fields: Partial<EscalationLevel> = {}): EscalationLevel => ({
  id,
  type: 'functional',
  owner: NETWORK_TEAM,
  trigger: { kind: 'sla_percent', target: 'resolution', percent: 50 },
  actions: [{ kind: 'reassign' }, { kind: 'notify', roles: ['specialist'] }],
  repeat: { kind: 'none' },
  ...fields,
});

/** The demo's shape: specialists (team), their supervisor (person), the duty manager (role). */
const ROW: EscalationRow = {
  id: 'row-network',
  name: 'Network cases',
  criteria: {},
  levels: [
    level('l1'),
    level('l2', {
      type: 'hierarchical',
      owner: SUPERVISOR,
      trigger: { kind: 'sla_percent', target: 'resolution', percent: 75 },
    }),
    level('l3', {
      type: 'automatic',
      owner: DUTY_MANAGER,
      trigger: { kind: 'sla_percent', target: 'resolution', percent: 90 },
      repeat: { kind: 'every', minutes: 120, maxTimes: 2 },
    }),
  ],
};
const rowWith = (fields: Partial<EscalationLevel>): EscalationRow => ({
  ...ROW,
  levels: [level('l1', fields)],
});

const escalationTo = (number: number): DeskTimer => ({
  kind: 'escalation',
  key: `ESC-1:level:${number}`,
  at: NOW - HOUR,
  ticketId: 'ESC-1',
  rowId: ROW.id,
  level: number,
  levelId: `l${number}`,
});

describe('applyFiredTimer: SLA alerts', () => {
  it('records a warning by the system, dated when it came due, and leaves the ticket as it is', () => {
    const timer: DeskTimer = {
      kind: 'sla_warning',
      key: 'ESC-1:resolution:warn:75',
      at: NOW - HOUR,
      ticketId: 'ESC-1',
      target: 'resolution',
      cycle: 0,
      percent: 75,
      dueAt: NOW + HOUR,
    };
    const before = ticket();
    const change = applyFiredTimer(before, timer, ROW, context());
    expect(change.ticket).toEqual(before);
    expect(change.events).toEqual([
      {
        id: 'ev1',
        ticketId: 'ESC-1',
        at: NOW - HOUR,
        by: 'system',
        type: 'sla_warning',
        target: 'resolution',
        percent: 75,
        dueAt: NOW + HOUR,
      },
    ]);
  });

  it.each([false, true])('records a breach and marks the ticket breached (was %s)', (breached) => {
    const timer: DeskTimer = {
      kind: 'sla_breach',
      key: 'ESC-1:first_response:breach',
      at: NOW - HOUR,
      ticketId: 'ESC-1',
      target: 'first_response',
      cycle: 0,
    };
    const change = applyFiredTimer(ticket({ breached }), timer, ROW, context());
    expect(change.ticket).toEqual(ticket({ breached: true }));
    expect(change.events).toEqual([
      {
        id: 'ev1',
        ticketId: 'ESC-1',
        at: NOW - HOUR,
        by: 'system',
        type: 'sla_breached',
        target: 'first_response',
        dueAt: NOW - HOUR,
      },
    ]);
  });

  it('a reminder changes nothing', () => {
    const timer: DeskTimer = {
      kind: 'escalation_repeat',
      key: 'ESC-1:level:3:repeat:1',
      at: NOW,
      ticketId: 'ESC-1',
      rowId: ROW.id,
      level: 3,
      levelId: 'l3',
      repeat: 1,
    };
    const before = ticket({ level: 3 });
    expect(applyFiredTimer(before, timer, ROW, context())).toEqual({ ticket: before, events: [] });
  });
});

describe('applyFiredTimer: escalation', () => {
  it('escalates to a team: the team takes the ticket over and its queue picks an owner', () => {
    const change = applyFiredTimer(ticket({ status: 'new' }), escalationTo(1), ROW, context());
    expect(change.ticket).toEqual({
      ...ticket({ status: 'open', level: 1, escalated: true, updatedAt: NOW }),
      escalationType: 'functional',
      teamId: 'team-network',
      ownerId: undefined,
    });
    expect(change.ticket).not.toHaveProperty('ownerId');
    expect(change.events).toEqual([
      {
        id: 'ev1',
        ticketId: 'ESC-1',
        at: NOW,
        by: 'system',
        type: 'escalated',
        escalationType: 'functional',
        fromLevel: 0,
        toLevel: 1,
        fromOwnerId: 'p-agent',
        toTeamId: 'team-network',
        reason: 'Automatic: 50% of resolution time used',
      },
      { id: 'ev2', ticketId: 'ESC-1', at: NOW, by: 'system', type: 'status_changed', to: 'open' },
    ]);
  });

  it('escalates to a person: they own the ticket, the team stays', () => {
    const before = ticket({ level: 1, escalated: true, teamId: 'team-network' });
    delete before.ownerId;
    const change = applyFiredTimer(before, escalationTo(2), ROW, context());
    expect(change.ticket).toMatchObject({
      level: 2,
      escalationType: 'hierarchical',
      teamId: 'team-network',
      ownerId: 'p-dana',
    });
    expect(change.events).toEqual([
      {
        id: 'ev1',
        ticketId: 'ESC-1',
        at: NOW,
        by: 'system',
        type: 'escalated',
        escalationType: 'hierarchical',
        fromLevel: 1,
        toLevel: 2,
        toOwnerId: 'p-dana',
        reason: 'Automatic: 75% of resolution time used',
      },
    ]);
  });

  it('escalates to a role without reassigning: nobody in particular holds a role', () => {
    const before = ticket({ level: 2, teamId: 'team-network', ownerId: 'p-dana' });
    const change = applyFiredTimer(before, escalationTo(3), ROW, context());
    expect(change.ticket).toMatchObject({ level: 3, teamId: 'team-network', ownerId: 'p-dana' });
    expect(change.events).toHaveLength(1);
    expect(change.events[0]).not.toHaveProperty('toOwnerId');
    expect(change.events[0]).not.toHaveProperty('toTeamId');
  });

  it('a level without a reassign action keeps the owner and team', () => {
    const row = rowWith({ actions: [{ kind: 'notify', roles: ['specialist'] }] });
    const change = applyFiredTimer(ticket(), escalationTo(1), row, context());
    expect(change.ticket).toMatchObject({
      level: 1,
      teamId: 'team-frontline',
      ownerId: 'p-agent',
    });
  });

  it('jumps levels when a lower level fires first: from the current level to the timer one', () => {
    const change = applyFiredTimer(ticket(), escalationTo(3), ROW, context());
    expect(change.ticket.level).toBe(3);
    expect(change.events[0]).toMatchObject({
      fromLevel: 0,
      toLevel: 3,
      escalationType: 'automatic',
    });
  });

  it.each<[string, EscalationTrigger | undefined, string]>([
    [
      'business minutes',
      { kind: 'after_minutes', minutes: 30, mode: 'business' },
      'Automatic: 30 business minutes at the previous level',
    ],
    [
      'calendar minutes',
      { kind: 'after_minutes', minutes: 45, mode: 'calendar' },
      'Automatic: 45 minutes at the previous level',
    ],
    [
      'SLA share',
      { kind: 'sla_percent', target: 'first_response', percent: 80 },
      'Automatic: 80% of first response time used',
    ],
    ['risk', { kind: 'risk_above', score: 70 }, 'Automatic: escalation risk above 70'],
    [
      'sentiment',
      { kind: 'sentiment_below', score: -0.5 },
      'Automatic: customer sentiment below -0.5',
    ],
    ['no trigger', undefined, 'Automatic escalation'],
  ])('gives the reason of a %s trigger', (_, trigger, reason) => {
    const row = rowWith(trigger ? { trigger } : { trigger: undefined });
    const change = applyFiredTimer(ticket(), escalationTo(1), row, context());
    expect(change.events[0]).toMatchObject({ type: 'escalated', reason });
  });

  it.each<[string, Priority, EscalationAction | undefined, Priority]>([
    ['one step', 'P3', { kind: 'raise_priority' }, 'P2'],
    ['one step from P2', 'P2', { kind: 'raise_priority' }, 'P1'],
    ['one step, already P1', 'P1', { kind: 'raise_priority' }, 'P1'],
    ['to P1', 'P3', { kind: 'raise_priority', to: 'P1' }, 'P1'],
    ['to the same', 'P2', { kind: 'raise_priority', to: 'P2' }, 'P2'],
    ['to a lower one: never lowers', 'P1', { kind: 'raise_priority', to: 'P3' }, 'P1'],
    ['no raise action', 'P3', undefined, 'P3'],
  ])('raises the priority %s: %s → %s', (_, from, action, to) => {
    const row = rowWith({ actions: action ? [action] : [] });
    const change = applyFiredTimer(ticket({ priority: from }), escalationTo(1), row, context());
    expect(change.ticket.priority).toBe(to);
    const priorityEvents = change.events.filter((event) => event.type === 'priority_changed');
    expect(priorityEvents).toEqual(
      to === from
        ? []
        : [{ id: 'ev2', ticketId: 'ESC-1', at: NOW, by: 'system', type: 'priority_changed', to }],
    );
  });

  it.each<[TicketStatus, TicketStatus]>([
    ['new', 'open'],
    ['open', 'open'],
    ['pending_customer', 'pending_customer'],
  ])('a %s ticket is %s after escalation', (status, after) => {
    const change = applyFiredTimer(ticket({ status }), escalationTo(1), ROW, context());
    expect(change.ticket.status).toBe(after);
    expect(change.events.some((event) => event.type === 'status_changed')).toBe(status !== after);
  });

  it.each<[string, Partial<Ticket>, EscalationRow | undefined, number]>([
    ['the level is already reached', { level: 1 }, ROW, 1],
    ['a higher level is already reached', { level: 2 }, ROW, 1],
    ['the ticket is resolved', { status: 'resolved', resolvedAt: NOW - HOUR }, ROW, 1],
    ['the ticket is closed', { status: 'closed', closedAt: NOW - HOUR }, ROW, 1],
    ['no row applies', {}, undefined, 1],
    ['the row has no such level', {}, ROW, 4],
  ])('changes nothing when %s', (_, fields, row, number) => {
    const before = ticket(fields);
    expect(applyFiredTimer(before, escalationTo(number), row, context())).toEqual({
      ticket: before,
      events: [],
    });
  });
});

describe('triggerReason: why a level fired, in words', () => {
  const risk60: EscalationTrigger = { kind: 'risk_above', score: 60 };
  const sentiment: EscalationTrigger = { kind: 'sentiment_below', score: -0.4 };
  const riskReading = (score: number, reasons: string[] = []): TriggerReading => ({
    kind: 'risk',
    score,
    reasons,
  });
  it.each<[string, EscalationTrigger | undefined, TriggerReading | undefined, string]>([
    ['no trigger', undefined, undefined, 'Automatic escalation'],
    [
      'minutes',
      { kind: 'after_minutes', minutes: 60, mode: 'business' },
      undefined,
      'Automatic: 60 business minutes at the previous level',
    ],
    [
      'SLA share',
      { kind: 'sla_percent', target: 'resolution', percent: 75 },
      undefined,
      'Automatic: 75% of resolution time used',
    ],
    // Recorded before readings were kept, or with no reading to hand: the threshold alone.
    ['risk, not measured', risk60, undefined, 'Automatic: escalation risk above 60'],
    ['sentiment, not measured', sentiment, undefined, 'Automatic: customer sentiment below -0.4'],
    [
      'risk with its reasons',
      risk60,
      riskReading(72, ['due in 40 min', 'changed hands 3 times', 'enterprise customer']),
      'Automatic: escalation risk 72 (above 60) — due in 40 min; changed hands 3 times; enterprise customer',
    ],
    ['risk without reasons', risk60, riskReading(61), 'Automatic: escalation risk 61 (above 60)'],
    [
      'sentiment',
      sentiment,
      { kind: 'sentiment', score: -0.6412 },
      'Automatic: customer sentiment -0.64 (below -0.4)',
    ],
    [
      'sentiment just below, with the decimals that tell it from the threshold',
      sentiment,
      { kind: 'sentiment', score: -0.4012 },
      'Automatic: customer sentiment -0.401 (below -0.4)',
    ],
    // A reading of the other kind is not this trigger's: the threshold alone.
    [
      'risk level, sentiment reading',
      risk60,
      { kind: 'sentiment', score: -0.9 },
      'Automatic: escalation risk above 60',
    ],
  ])('%s', (_, trigger, reading, reason) => {
    expect(triggerReason(trigger, reading)).toBe(reason);
  });
});

describe('mainRiskReasons', () => {
  const reason = (points: number, detail: string) => ({ points, detail });
  it.each<[string, { points: number; detail: string }[], string[]]>([
    ['none', [], []],
    ['no points, no reason', [reason(0, 'Never reopened.')], []],
    [
      'most points first, at most three, ties in order',
      [
        reason(5, 'Business customer.'),
        reason(20, 'Due in 40 min, past its first warning.'),
        reason(9, 'Changed hands 3 times.'),
        reason(0, 'Never reopened.'),
        reason(9, 'Open for 9 days.'),
      ],
      ['due in 40 min, past its first warning', 'changed hands 3 times', 'open for 9 days'],
    ],
    ['a word in capitals keeps them', [reason(25, 'SLA breached.')], ['SLA breached']],
  ])('%s', (_, reasons, main) => {
    expect(mainRiskReasons(reasons)).toEqual(main);
  });
});

describe('applyFiredTimer: what a risk or sentiment level measured', () => {
  const RISK_INPUT: RiskInput = {
    ticket: { tier: 'enterprise', createdAt: T0, status: 'open' },
    // Past its warning, due 40 minutes after NOW.
    sla: { state: 'at_risk', dueAt: NOW + 40 * 60_000, warnAt: NOW - HOUR },
    signals: {
      sentiment: { latest: -0.8, average: -0.3, change: -0.5, direction: 'angrier', messages: 3 },
      reassignments: 3,
      reopenings: 0,
      pastEscalations: 0,
    },
  };
  const fired = (trigger: EscalationTrigger, measured: EscalationTimer['measured'], at = NOW) => {
    const timer: DeskTimer = { ...escalationTo(1), at, ...(measured ? { measured } : {}) };
    const change = applyFiredTimer(
      ticket(),
      timer,
      rowWith({ type: 'automatic', trigger }),
      context(),
    );
    return change.events.find((event) => event.type === 'escalated');
  };

  it.each<[string, EscalationTrigger, EscalationTimer['measured'], string]>([
    [
      'risk: the score when the step is recorded, with its main reasons',
      { kind: 'risk_above', score: 40 },
      { kind: 'risk', input: RISK_INPUT },
      // The score and words are the risk assessment's own (see assessRisk), its top three reasons.
      `Automatic: escalation risk ${assessRisk(RISK_INPUT, NOW).score} (above 40) — ${mainRiskReasons(assessRisk(RISK_INPUT, NOW).reasons).join('; ')}`,
    ],
    [
      'sentiment: the last customer message',
      { kind: 'sentiment_below', score: -0.4 },
      { kind: 'sentiment', score: -0.64 },
      'Automatic: customer sentiment -0.64 (below -0.4)',
    ],
    [
      'risk known by its score alone: the threshold',
      { kind: 'risk_above', score: 40 },
      undefined,
      'Automatic: escalation risk above 40',
    ],
  ])('%s', (_, trigger, measured, reason) => {
    expect(fired(trigger, measured)).toMatchObject({ reason });
  });

  it('names the SLA, the angry customer and the tier for this ticket', () => {
    const reason = fired({ kind: 'risk_above', score: 40 }, { kind: 'risk', input: RISK_INPUT });
    expect(reason).toMatchObject({
      reason: expect.stringMatching(
        /^Automatic: escalation risk \d+ \(above 40\) — due in 40 min.*; .*angrier.*; enterprise customer$/,
      ),
    });
  });

  it('records the same reason whenever the level was found due, so desks of a team agree', () => {
    const trigger: EscalationTrigger = { kind: 'risk_above', score: 40 };
    const measured = { kind: 'risk' as const, input: RISK_INPUT };
    expect(fired(trigger, measured, NOW - HOUR)).toEqual(fired(trigger, measured, NOW));
  });
});
