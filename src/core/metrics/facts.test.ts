import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../calendar/types';
import type { SlaSummary } from '../sla/summary';
import { compareEvents } from '../tickets/events';
import { deriveReportFacts } from './facts';
import {
  DAY,
  HOUR,
  LOG_A,
  LOG_B,
  LOG_C,
  MINUTE,
  NOW,
  T0,
  TICKET_A,
  TICKET_B,
  TICKET_C,
  logOf,
  ticketOf,
  type LogLine,
} from './test-fixtures';

const OFFICE: BusinessCalendar = {
  timeZone: 'UTC',
  week: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => [
      day,
      [{ from: '09:00', to: '17:00' }],
    ]),
  ),
};

const SUMMARY_A: SlaSummary = {
  state: 'breached',
  targets: [
    { target: 'first_response', state: 'met', dueAt: T0 + HOUR, metAt: T0 + 30 * MINUTE },
    { target: 'resolution', state: 'breached', dueAt: T0 + 4 * HOUR },
  ],
};

describe('deriveReportFacts on hand-built tickets', () => {
  it('ticket A: escalated at 10:00, breached at L1 while the new owner did nothing', () => {
    const facts = deriveReportFacts(TICKET_A, logOf('A', T0, LOG_A), {
      now: NOW,
      sla: SUMMARY_A,
      calendar: OFFICE,
    });
    expect(facts).toEqual({
      id: 'A',
      createdAt: T0,
      customerId: 'cust-1',
      priority: 'P3',
      category: 'network',
      tier: 'business',
      channel: 'email',
      teamId: 'network',
      ownerId: 'spec-1',
      status: 'closed',
      done: true,
      resolvedAt: T0 + 6 * HOUR,
      level: 1,
      maxLevel: 1,
      escalated: true,
      escalatedAt: T0 + HOUR,
      escalationType: 'functional',
      escalations: 1,
      deEscalations: 0,
      reopens: 0,
      everResolved: true,
      firstResponseAt: T0 + 30 * MINUTE,
      firstResponseMs: 30 * MINUTE,
      firstResponseBusinessMs: 30 * MINUTE,
      resolveMs: 6 * HOUR,
      resolveBusinessMs: 6 * HOUR,
      levelMs: [HOUR, 5 * HOUR],
      sla: { first_response: 'met', resolution: 'breached' },
      breaches: [
        { target: 'resolution', at: T0 + 4 * HOUR, level: 1, teamId: 'network', ownerId: 'spec-1' },
      ],
      csat: 2,
      rootCause: 'product_defect',
      dropped: 'breached_without_action',
    });
  });

  it('ticket B: a reopen, and the final resolution counts (resolved → closed keeps it)', () => {
    const facts = deriveReportFacts(TICKET_B, logOf('B', T0 + HOUR, LOG_B), { now: NOW });
    expect(facts).toMatchObject({
      done: true,
      resolvedAt: T0 + 6 * HOUR,
      resolveMs: 5 * HOUR,
      reopens: 1,
      everResolved: true,
      firstResponseMs: HOUR,
      escalated: false,
      maxLevel: 0,
      levelMs: [5 * HOUR],
      sla: {},
      breaches: [],
      csat: 5,
    });
    expect(facts.escalationType).toBeUndefined();
    expect(facts.dropped).toBeUndefined();
    // No calendar: business time is elapsed time, as an SLA clock without one counts.
    expect(facts.firstResponseBusinessMs).toBe(facts.firstResponseMs);
  });

  it('ticket C: open, level time until now, breach known from its event, de-escalated open', () => {
    const facts = deriveReportFacts(TICKET_C, logOf('C', T0 + 2 * HOUR, LOG_C), { now: NOW });
    expect(facts).toMatchObject({
      done: false,
      escalated: true,
      escalatedAt: T0 + 3 * HOUR,
      escalationType: 'automatic',
      escalations: 1,
      deEscalations: 1,
      level: 0,
      maxLevel: 2,
      levelMs: [4 * HOUR, 0, 2 * HOUR],
      sla: { first_response: 'breached' },
      breaches: [
        {
          target: 'first_response',
          at: T0 + 4 * HOUR,
          level: 2,
          teamId: 'management',
          ownerId: 'mgr-1',
        },
      ],
      // mgr-1 acted at 12:30, so the breach was not ignored; the de-escalation left it open.
      dropped: 'de_escalated_unresolved',
    });
    expect(facts.resolvedAt).toBeUndefined();
    expect(facts.resolveMs).toBeUndefined();
    expect(facts.firstResponseMs).toBeUndefined();
  });

  it('gives the same facts whatever order the events arrive in', () => {
    const log = logOf('A', T0, LOG_A);
    const context = { now: NOW, sla: SUMMARY_A };
    const inOrder = deriveReportFacts(TICKET_A, log, context);
    expect(deriveReportFacts(TICKET_A, [...log].reverse(), context)).toEqual(inOrder);
    const shuffled = [log[7]!, log[2]!, log[11]!, log[0]!, ...log.slice(8, 11), ...log.slice(3, 7)];
    shuffled.push(log[1]!);
    expect(deriveReportFacts(TICKET_A, shuffled, context)).toEqual(inOrder);
  });

  it('measures business time with the calendar: Friday 16:30 to Monday 09:15 is 45 minutes', () => {
    const friday = Date.UTC(2026, 2, 6, 16, 30);
    const ticket = ticketOf({ id: 'F', createdAt: friday, status: 'resolved' });
    const log = logOf('F', friday, [
      [
        0,
        { type: 'created', priority: 'P3', category: 'x', tier: 't', channel: 'c', status: 'new' },
      ],
      [2 * 24 * 60 + 16 * 60 + 45, { type: 'reply', direction: 'to_customer' }, 'agent-1'],
      [2 * 24 * 60 + 17 * 60 + 30, { type: 'status_changed', to: 'resolved' }, 'agent-1'],
    ]);
    const facts = deriveReportFacts(ticket, log, { now: friday + 7 * DAY, calendar: OFFICE });
    expect(facts.firstResponseMs).toBe(2 * DAY + 16 * HOUR + 45 * MINUTE);
    expect(facts.firstResponseBusinessMs).toBe(45 * MINUTE);
    expect(facts.resolveBusinessMs).toBe(90 * MINUTE);
  });
});

describe('deriveReportFacts fallbacks and edge cases', () => {
  it('takes the resolution time from the record when the log has no status change', () => {
    const ticket = ticketOf({ id: 'R', status: 'resolved', resolvedAt: T0 + 2 * HOUR });
    const facts = deriveReportFacts(ticket, [], { now: NOW });
    expect(facts.resolvedAt).toBe(T0 + 2 * HOUR);
    expect(facts.resolveMs).toBe(2 * HOUR);
    expect(facts.levelMs).toEqual([2 * HOUR]);
    expect(facts.everResolved).toBe(true);
  });

  it('falls back to closedAt, then updatedAt', () => {
    const closed = ticketOf({ id: 'X', status: 'closed', closedAt: T0 + HOUR, updatedAt: NOW });
    expect(deriveReportFacts(closed, [], { now: NOW }).resolvedAt).toBe(T0 + HOUR);
    const bare = ticketOf({ id: 'Y', status: 'closed', updatedAt: T0 + 3 * HOUR });
    expect(deriveReportFacts(bare, [], { now: NOW }).resolvedAt).toBe(T0 + 3 * HOUR);
  });

  it('files an escalation known only from the record under its type, else hierarchical', () => {
    const typed = ticketOf({ id: 'E', escalated: true, level: 2, escalationType: 'automatic' });
    const facts = deriveReportFacts(typed, [], { now: NOW });
    expect(facts).toMatchObject({ escalated: true, escalationType: 'automatic', maxLevel: 2 });
    expect(facts.escalatedAt).toBeUndefined();
    // Known only from the record: it stood at its level all along.
    expect(facts.levelMs).toEqual([0, 0, NOW - T0]);
    const untyped = ticketOf({ id: 'E2', escalated: true, level: 1 });
    expect(deriveReportFacts(untyped, [], { now: NOW }).escalationType).toBe('hierarchical');
  });

  it('takes outcomes from the summary, a recorded breach over it, and an overdue clock as breached', () => {
    const log = logOf('S', T0, [
      [10, { type: 'sla_breached', target: 'next_update', dueAt: T0 + 10 * MINUTE }],
    ]);
    const summary: SlaSummary = {
      state: 'breached',
      targets: [
        // Paused clocks do not breach, however late their projected due time.
        { target: 'first_response', state: 'paused', dueAt: T0 + HOUR },
        // Met again since, in the current period: the recorded miss stands.
        { target: 'next_update', state: 'running', dueAt: NOW + HOUR },
        { target: 'resolution', state: 'breached', dueAt: T0 + 3 * HOUR },
      ],
    };
    const facts = deriveReportFacts(ticketOf({ id: 'S' }), log, { now: NOW, sla: summary });
    expect(facts.sla).toEqual({
      first_response: 'open',
      next_update: 'breached',
      resolution: 'breached',
    });
    const nowhere = { level: 0, teamId: undefined, ownerId: undefined };
    expect(facts.breaches).toEqual([
      { target: 'next_update', at: T0 + 10 * MINUTE, ...nowhere },
      { target: 'resolution', at: T0 + 3 * HOUR, ...nowhere },
    ]);
  });

  it.each([
    ['still running before its due time', NOW + 1, 'open'],
    ['running past its due time, not yet recorded', NOW - 1, 'breached'],
    ['due this very instant', NOW, 'breached'],
  ] as const)('counts a clock %s as %s', (_name, dueAt, outcome) => {
    const summary: SlaSummary = {
      state: 'running',
      targets: [{ target: 'resolution', state: 'running', dueAt }],
    };
    const facts = deriveReportFacts(ticketOf({ id: 'R' }), [], { now: NOW, sla: summary });
    expect(facts.sla.resolution).toBe(outcome);
    expect(facts.breaches.map((breach) => breach.at)).toEqual(
      outcome === 'breached' ? [dueAt] : [],
    );
  });

  it('places a ticket its log never moves where its record says (imported, or logged to a team)', () => {
    const ticket = ticketOf({ id: 'I', level: 2, teamId: 'team-network', ownerId: 'p-ana' });
    const summary: SlaSummary = {
      state: 'breached',
      targets: [{ target: 'resolution', state: 'breached', dueAt: T0 + HOUR }],
    };
    const facts = deriveReportFacts(ticket, [], { now: NOW, sla: summary });
    expect(facts.breaches).toEqual([
      { target: 'resolution', at: T0 + HOUR, level: 2, teamId: 'team-network', ownerId: 'p-ana' },
    ]);
    expect(facts.levelMs).toEqual([0, 0, NOW - T0]);
  });

  it('keeps the last valid rating and the last root cause from the log', () => {
    const log = logOf('Q', T0, [
      [10, { type: 'csat', score: 4 }],
      [20, { type: 'csat', score: 9 }],
      [30, { type: 'root_cause', rootCause: 'configuration', notes: '' }],
      [40, { type: 'root_cause', rootCause: 'user_error', notes: '' }],
    ]);
    const ticket = ticketOf({ id: 'Q', csat: 1, rootCause: 'other' });
    const facts = deriveReportFacts(ticket, log, { now: NOW });
    expect(facts.csat).toBe(4);
    expect(facts.rootCause).toBe('user_error');
    expect(deriveReportFacts(ticket, [], { now: NOW })).toMatchObject({
      csat: 1,
      rootCause: 'other',
    });
  });

  it('charges a breach to where the ticket stood just before it', () => {
    const log = logOf('P', T0, [
      [0, { type: 'assigned', toOwnerId: 'a', toTeamId: 'front' }],
      [
        30,
        {
          type: 'escalated',
          escalationType: 'hierarchical',
          fromLevel: 0,
          toLevel: 1,
          toOwnerId: 'b',
          toTeamId: 'tier2',
          reason: '',
        },
      ],
      [60, { type: 'assigned', toOwnerId: 'c' }],
      [90, { type: 'sla_breached', target: 'resolution', dueAt: T0 + 90 * MINUTE }],
      [
        90,
        {
          type: 'escalated',
          escalationType: 'automatic',
          fromLevel: 1,
          toLevel: 2,
          toTeamId: 'mgmt',
          reason: '',
        },
      ],
    ]);
    const facts = deriveReportFacts(ticketOf({ id: 'P' }), log, { now: NOW });
    expect(facts.breaches).toEqual([
      { target: 'resolution', at: T0 + 90 * MINUTE, level: 1, teamId: 'tier2', ownerId: 'c' },
    ]);
    expect(facts.levelMs).toEqual([30 * MINUTE, HOUR, NOW - T0 - 90 * MINUTE]);
  });
});

const CREATED: LogLine = [
  0,
  { type: 'created', priority: 'P3', category: 'x', tier: 't', channel: 'c', status: 'new' },
];
const ESCALATE_TO_SPEC: LogLine = [
  60,
  {
    type: 'escalated',
    escalationType: 'functional',
    fromLevel: 0,
    toLevel: 1,
    toOwnerId: 'spec',
    toTeamId: 'net',
    reason: '',
  },
  'agent',
];
const BREACH_AT_240: LogLine = [
  240,
  { type: 'sla_breached', target: 'resolution', dueAt: T0 + 4 * HOUR },
];
const NOTE = (minutes: number, by: string): LogLine => [minutes, { type: 'note', body: '' }, by];

describe('dropped escalations', () => {
  const cases: { name: string; lines: LogLine[]; status?: string; expected: string | undefined }[] =
    [
      {
        name: 'new owner silent until the breach',
        lines: [CREATED, ESCALATE_TO_SPEC, NOTE(90, 'agent'), BREACH_AT_240],
        expected: 'breached_without_action',
      },
      {
        name: 'new owner acted before the breach',
        lines: [CREATED, ESCALATE_TO_SPEC, NOTE(120, 'spec'), BREACH_AT_240],
        expected: undefined,
      },
      {
        name: 'new owner acted at the breach instant',
        lines: [CREATED, ESCALATE_TO_SPEC, BREACH_AT_240, NOTE(240, 'spec')],
        expected: undefined,
      },
      {
        name: 'new owner acted only at the escalation instant',
        lines: [CREATED, ESCALATE_TO_SPEC, NOTE(60, 'spec'), BREACH_AT_240],
        expected: 'breached_without_action',
      },
      {
        name: 'new owner acted only after the breach',
        lines: [CREATED, ESCALATE_TO_SPEC, BREACH_AT_240, NOTE(241, 'spec')],
        expected: 'breached_without_action',
      },
      {
        name: 'escalated again before the breach, and that owner acted',
        lines: [
          CREATED,
          ESCALATE_TO_SPEC,
          [
            200,
            {
              type: 'escalated',
              escalationType: 'hierarchical',
              fromLevel: 1,
              toLevel: 2,
              toOwnerId: 'mgr',
              reason: '',
            },
            'agent',
          ],
          NOTE(220, 'mgr'),
          BREACH_AT_240,
        ],
        expected: undefined,
      },
      {
        name: 'escalated again before the breach, and that owner was silent',
        lines: [
          CREATED,
          ESCALATE_TO_SPEC,
          [
            200,
            {
              type: 'escalated',
              escalationType: 'hierarchical',
              fromLevel: 1,
              toLevel: 2,
              toOwnerId: 'mgr',
              reason: '',
            },
            'agent',
          ],
          BREACH_AT_240,
        ],
        expected: 'breached_without_action',
      },
      {
        name: 'escalation naming no owner, someone acted',
        lines: [
          CREATED,
          [
            60,
            {
              type: 'escalated',
              escalationType: 'automatic',
              fromLevel: 0,
              toLevel: 1,
              reason: '',
            },
          ],
          NOTE(100, 'anyone'),
          BREACH_AT_240,
        ],
        expected: undefined,
      },
      {
        name: 'escalation naming no owner, only the system acted',
        lines: [
          CREATED,
          [
            60,
            {
              type: 'escalated',
              escalationType: 'automatic',
              fromLevel: 0,
              toLevel: 1,
              reason: '',
            },
          ],
          NOTE(100, 'system'),
          BREACH_AT_240,
        ],
        expected: 'breached_without_action',
      },
      {
        name: 'breach before the escalation',
        lines: [
          CREATED,
          [30, { type: 'sla_breached', target: 'resolution', dueAt: T0 + 30 * MINUTE }],
          ESCALATE_TO_SPEC,
        ],
        expected: undefined,
      },
      {
        name: 'escalation at the breach instant',
        lines: [
          CREATED,
          BREACH_AT_240,
          [
            240,
            {
              type: 'escalated',
              escalationType: 'automatic',
              fromLevel: 0,
              toLevel: 1,
              toOwnerId: 'spec',
              reason: '',
            },
          ],
        ],
        expected: undefined,
      },
      {
        name: 'de-escalated while open, still open',
        lines: [
          CREATED,
          ESCALATE_TO_SPEC,
          NOTE(70, 'spec'),
          [120, { type: 'de_escalated', fromLevel: 1, toLevel: 0, reason: '' }, 'spec'],
        ],
        expected: 'de_escalated_unresolved',
      },
      {
        name: 'de-escalated while open, resolved since',
        lines: [
          CREATED,
          ESCALATE_TO_SPEC,
          [120, { type: 'de_escalated', fromLevel: 1, toLevel: 0, reason: '' }, 'spec'],
          [180, { type: 'status_changed', to: 'resolved' }, 'agent'],
        ],
        status: 'resolved',
        expected: undefined,
      },
      {
        name: 'de-escalated after resolution, reopened since',
        lines: [
          CREATED,
          ESCALATE_TO_SPEC,
          [120, { type: 'status_changed', to: 'resolved' }, 'spec'],
          [130, { type: 'de_escalated', fromLevel: 1, toLevel: 0, reason: '' }, 'spec'],
          [180, { type: 'status_changed', to: 'open' }, 'agent'],
        ],
        expected: undefined,
      },
      {
        name: 'handed on by a supervisor to someone who acted before the breach',
        lines: [
          CREATED,
          ESCALATE_TO_SPEC,
          [100, { type: 'assigned', fromOwnerId: 'spec', toOwnerId: 'spec-2' }, 'lead'],
          NOTE(150, 'spec-2'),
          BREACH_AT_240,
        ],
        expected: undefined,
      },
      {
        name: 'handed on by a supervisor to someone who stayed silent',
        lines: [
          CREATED,
          ESCALATE_TO_SPEC,
          [100, { type: 'assigned', fromOwnerId: 'spec', toOwnerId: 'spec-2' }, 'lead'],
          NOTE(150, 'lead'),
          BREACH_AT_240,
        ],
        expected: 'breached_without_action',
      },
      {
        name: 'both reasons: the breach rule comes first',
        lines: [
          CREATED,
          ESCALATE_TO_SPEC,
          BREACH_AT_240,
          [300, { type: 'de_escalated', fromLevel: 1, toLevel: 0, reason: '' }, 'spec'],
        ],
        expected: 'breached_without_action',
      },
    ];
  it.each(cases)('$name → $expected', ({ lines, status, expected }) => {
    const ticket = ticketOf({ id: 'D', status: status ?? 'open', escalated: true, level: 1 });
    const facts = deriveReportFacts(ticket, logOf('D', T0, lines), { now: T0 + DAY });
    expect(facts.dropped).toBe(expected);
  });
});

describe('ordering a whole activity log', () => {
  it('orders desk-only events too: by time, then created first, then by id', () => {
    const [a, b, c] = logOf('O', T0, [
      [0, { type: 'note', body: '' }],
      CREATED,
      [0, { type: 'note', body: '' }],
    ]);
    const sorted = [c!, a!, b!].sort(compareEvents);
    expect(sorted.map((event) => event.type)).toEqual(['created', 'note', 'note']);
    expect(sorted[1]!.id < sorted[2]!.id).toBe(true);
    expect(compareEvents({ ...a!, at: T0 - 1 }, b!)).toBeLessThan(0);
  });
});
