import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RiskInput } from '../assist/risk';
import type { BusinessCalendar } from '../calendar';
import { DEFAULT_PAUSE_STATUSES, deriveSlaState, type SlaPolicy, type SlaTarget } from '../sla';
import type { Priority, TicketCreated, TicketEvent, TicketStatus } from '../tickets';
import { evaluateEscalation, type DeskTimer, type EscalationContext } from './evaluate';
import type { EscalationLevel, EscalationMatrix, EscalationRow } from './matrix';

const WORKWEEK: BusinessCalendar = {
  timeZone: 'UTC',
  week: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ from: '09:00', to: '17:00' }]]),
  ),
};
const mon = (time: string) => Date.parse(`2025-03-03T${time}Z`);

let sequence = 0;
const base = (at: number) => ({
  id: `e${String(++sequence).padStart(4, '0')}`,
  ticketId: 'T1',
  at,
});
const created = (at: number, facts: Partial<TicketCreated> = {}): TicketEvent => ({
  ...base(at),
  type: 'created',
  priority: 'P1',
  category: 'network',
  tier: 'enterprise',
  channel: 'phone',
  status: 'open',
  ...facts,
});
const status = (at: number, to: TicketStatus): TicketEvent => ({
  ...base(at),
  type: 'status_changed',
  to,
});
const reply = (at: number): TicketEvent => ({
  ...base(at),
  type: 'reply',
  direction: 'to_customer',
});
const priority = (at: number, to: Priority): TicketEvent => ({
  ...base(at),
  type: 'priority_changed',
  to,
});

const business = (minutes: number): SlaTarget => ({ minutes, mode: 'business' });
const standard: SlaPolicy = {
  id: 'standard',
  name: 'Standard',
  calendar: WORKWEEK,
  targets: { first_response: business(60), next_update: business(120), resolution: business(480) },
  pauseStatuses: [...DEFAULT_PAUSE_STATUSES],
  warningPercents: [75, 90],
};
const urgent: SlaPolicy = {
  ...standard,
  id: 'urgent',
  name: 'Urgent',
  conditions: { priorities: ['P1'] },
  targets: { first_response: business(30), next_update: business(60), resolution: business(240) },
};
const POLICIES = [urgent, standard];

const level = (id: string, fields: Partial<EscalationLevel>): EscalationLevel => ({
  id,
  type: 'hierarchical',
  owner: { kind: 'role', id: 'duty-manager', name: 'Duty manager', contacts: [] },
  actions: [{ kind: 'notify', roles: ['manager'] }],
  repeat: { kind: 'none' },
  ...fields,
});

const p1Enterprise: EscalationRow = {
  id: 'p1-enterprise',
  name: 'P1 Enterprise',
  criteria: { priorities: ['P1'], tiers: ['enterprise'] },
  levels: [
    level('l1', {
      type: 'functional',
      owner: {
        kind: 'team',
        id: 'net',
        name: 'Network specialists',
        contacts: [{ kind: 'email', value: 'net@desk.example' }],
      },
      trigger: { kind: 'sla_percent', target: 'resolution', percent: 50 },
      actions: [{ kind: 'notify', roles: ['specialist'] }, { kind: 'reassign' }],
      repeat: { kind: 'every', minutes: 30, maxTimes: 2 },
    }),
    level('l2', { trigger: { kind: 'sla_percent', target: 'resolution', percent: 75 } }),
    level('l3', {
      owner: { kind: 'person', id: 'cto', name: 'The CTO', contacts: [] },
      trigger: { kind: 'after_minutes', minutes: 60, mode: 'business' },
      actions: [{ kind: 'raise_priority' }],
    }),
  ],
};
const everythingElse: EscalationRow = {
  id: 'everything-else',
  name: 'Everything else',
  criteria: {},
  levels: [
    level('e1', {
      type: 'functional',
      owner: { kind: 'team', id: 'support-2', name: 'Second line', contacts: [] },
      trigger: { kind: 'after_minutes', minutes: 120, mode: 'business' },
      actions: [{ kind: 'reassign' }],
      repeat: { kind: 'every', minutes: 60, maxTimes: 3 },
    }),
    level('e2', { type: 'automatic', trigger: { kind: 'risk_above', score: 80 } }),
  ],
};
const MATRIX: EscalationMatrix = { rows: [p1Enterprise, everythingElse] };

const evaluate = (
  events: TicketEvent[],
  now: number,
  context: EscalationContext = {},
  matrix = MATRIX,
) => evaluateEscalation(context, matrix, deriveSlaState(events, POLICIES, now), now);

const schedule = (timers: DeskTimer[]) => timers.map((timer) => [timer.key, timer.at]);

describe('evaluateEscalation: what is upcoming', () => {
  it('lists SLA warnings, breaches, levels and repeats with stable keys, by time', () => {
    const result = evaluate([created(mon('09:00'))], mon('09:10'));
    expect(result.row?.id).toBe('p1-enterprise');
    expect(result.due).toEqual([]);
    // Resolution 240 business minutes: 50% at 11:00, 75% at 12:00, 90% at 12:36, due 13:00.
    expect(schedule(result.upcoming)).toEqual([
      ['T1:first_response:warn:75', mon('09:22:30')],
      ['T1:first_response:warn:90', mon('09:27')],
      ['T1:first_response:breach', mon('09:30')],
      ['T1:level:1', mon('11:00')],
      ['T1:level:1:repeat:1', mon('11:30')],
      // The second repeat (12:00) would coincide with L2 and is dropped.
      ['T1:level:2', mon('12:00')],
      ['T1:resolution:warn:75', mon('12:00')],
      ['T1:resolution:warn:90', mon('12:36')],
      ['T1:level:3', mon('13:00')],
      ['T1:resolution:breach', mon('13:00')],
    ]);
    expect(result.upcoming).toContainEqual({
      kind: 'sla_warning',
      key: 'T1:first_response:warn:75',
      at: mon('09:22:30'),
      ticketId: 'T1',
      target: 'first_response',
      cycle: 1,
      percent: 75,
      dueAt: mon('09:30'),
    });
    expect(result.upcoming).toContainEqual({
      kind: 'escalation',
      key: 'T1:level:2',
      at: mon('12:00'),
      ticketId: 'T1',
      rowId: 'p1-enterprise',
      level: 2,
      levelId: 'l2',
    });
    expect(result.upcoming).toContainEqual({
      kind: 'escalation_repeat',
      key: 'T1:level:1:repeat:1',
      at: mon('11:30'),
      ticketId: 'T1',
      rowId: 'p1-enterprise',
      level: 1,
      levelId: 'l1',
      repeat: 1,
    });
  });

  it('gives the same keys at every re-derivation, minus what has passed', () => {
    const events = [created(mon('09:00'))];
    const early = evaluate(events, mon('09:10'));
    const later = evaluate(events, mon('09:28'), {
      firedKeys: new Set(['T1:first_response:warn:90']),
    });
    expect(evaluate(events, mon('09:10'))).toEqual(early);
    expect(later.upcoming).toEqual(early.upcoming.filter((timer) => timer.at > mon('09:28')));
  });

  it('keeps the key and moves the time when a priority change moves the breach', () => {
    const events = [created(mon('09:00'), { priority: 'P3', tier: 'standard' })];
    const breach = (timers: DeskTimer[]) => timers.find((t) => t.key === 'T1:resolution:breach');
    expect(breach(evaluate(events, mon('10:00')).upcoming)?.at).toBe(mon('17:00'));
    const raised = evaluate([...events, priority(mon('10:00'), 'P1')], mon('10:00'));
    expect(breach(raised.upcoming)?.at).toBe(mon('13:00'));
  });

  it('numbers next-update periods in their keys', () => {
    const events = [created(mon('09:00')), reply(mon('09:20')), reply(mon('10:00'))];
    const keys = evaluate(events, mon('10:10')).upcoming.map((timer) => timer.key);
    expect(keys).toContain('T1:next_update.2:warn:75');
    expect(keys).toContain('T1:next_update.2:breach');
    expect(keys.some((key) => key.includes('next_update.1'))).toBe(false);
  });
});

describe('evaluateEscalation: what is due', () => {
  const answered = [created(mon('09:00')), reply(mon('09:20'))];

  it('reports past steps not fired yet, only the latest of each SLA clock', () => {
    const result = evaluate(answered, mon('11:45'));
    // Next update (60 min from 09:20) warned at 10:05 and 10:14 and breached at 10:20: only the breach.
    expect(schedule(result.due)).toEqual([
      ['T1:next_update.1:breach', mon('10:20')],
      ['T1:level:1', mon('11:00')],
      ['T1:level:1:repeat:1', mon('11:30')],
    ]);
    expect(schedule(result.upcoming)[0]).toEqual(['T1:level:2', mon('12:00')]);
  });

  it('never returns fired keys', () => {
    const firedKeys = new Set(['T1:next_update.1:breach', 'T1:level:1']);
    expect(schedule(evaluate(answered, mon('11:45'), { firedKeys }).due)).toEqual([
      ['T1:level:1:repeat:1', mon('11:30')],
    ]);
    firedKeys.add('T1:level:1:repeat:1');
    expect(evaluate(answered, mon('11:45'), { firedKeys }).due).toEqual([]);
  });

  it('counts the next levels and repeats from when the current level was actually reached', () => {
    const context = {
      level: { number: 1, since: mon('11:05') },
      firedKeys: new Set(['T1:next_update.1:breach']),
    };
    const result = evaluate(answered, mon('11:45'), context);
    expect(schedule(result.due)).toEqual([['T1:level:1:repeat:1', mon('11:35')]]);
    // The second repeat (12:05) falls after L2 is reached at 12:00.
    expect(schedule(result.upcoming).filter(([key]) => String(key).includes('level'))).toEqual([
      ['T1:level:2', mon('12:00')],
      ['T1:level:3', mon('13:00')],
    ]);
    expect(result.nextLevel).toMatchObject({ number: 2, level: { id: 'l2' } });
  });

  it.each([['T1:level:1'], ['T1:level:1:repeat:1'], ['T1:level:1:repeat:2']])(
    'acknowledging %s stops the level’s repeats',
    (ack) => {
      const result = evaluate(answered, mon('10:00'), { acknowledgedKeys: new Set([ack]) });
      expect(result.upcoming.filter((timer) => timer.kind === 'escalation_repeat')).toEqual([]);
      expect(result.upcoming.map((timer) => timer.key)).toContain('T1:level:1');
    },
  );

  it('repeats at most K times', () => {
    const row: EscalationRow = {
      id: 'all',
      name: 'All',
      criteria: {},
      levels: [
        level('a1', {
          trigger: { kind: 'after_minutes', minutes: 0, mode: 'calendar' },
          repeat: { kind: 'every', minutes: 10, maxTimes: 3 },
        }),
      ],
    };
    const events = [created(mon('09:00'))];
    const repeats = (now: number) => {
      const result = evaluate(events, now, { firedKeys: new Set(['T1:level:1']) }, { rows: [row] });
      return {
        due: schedule(result.due.filter((t) => t.kind === 'escalation_repeat')),
        upcoming: schedule(result.upcoming.filter((t) => t.kind === 'escalation_repeat')),
      };
    };
    expect(repeats(mon('09:05'))).toEqual({
      due: [],
      upcoming: [
        ['T1:level:1:repeat:1', mon('09:10')],
        ['T1:level:1:repeat:2', mon('09:20')],
        ['T1:level:1:repeat:3', mon('09:30')],
      ],
    });
    expect(repeats(mon('15:00'))).toEqual({
      due: [['T1:level:1:repeat:3', mon('09:30')]],
      upcoming: [],
    });
  });
});

describe('evaluateEscalation: pauses, risk and order of levels', () => {
  const standardTicket = (at: number) => created(at, { priority: 'P3', tier: 'standard' });

  it('schedules nothing that depends on a clock that is paused', () => {
    const events = [created(mon('09:00')), status(mon('09:20'), 'pending_customer')];
    const result = evaluate(events, mon('10:00'));
    expect(result.due).toEqual([]);
    expect(result.upcoming).toEqual([]);
  });

  it('still reports a warning that was reached before the pause', () => {
    const events = [created(mon('09:00')), status(mon('09:25'), 'pending_customer')];
    expect(schedule(evaluate(events, mon('10:00')).due)).toEqual([
      ['T1:first_response:warn:75', mon('09:22:30')],
    ]);
  });

  it('counts "after N minutes" without the ticket’s pauses', () => {
    const events = [
      standardTicket(mon('09:00')),
      status(mon('10:00'), 'pending_customer'),
      status(mon('11:00'), 'open'),
    ];
    const levels = evaluate(events, mon('11:30')).upcoming.filter((t) => t.key.includes('level'));
    expect(schedule(levels)).toEqual([
      ['T1:level:1', mon('12:00')],
      ['T1:level:1:repeat:1', mon('13:00')],
      ['T1:level:1:repeat:2', mon('14:00')],
      ['T1:level:1:repeat:3', mon('15:00')],
    ]);
  });

  it.each([
    ['risk 85 after L1', 85, mon('12:30'), [['T1:level:2', mon('12:30')]], []],
    ['risk 85 before L1', 85, mon('11:30'), [], [['T1:level:2', mon('12:00')]]],
    ['risk exactly 80', 80, mon('12:30'), [], []],
    ['no risk score', undefined, mon('12:30'), [], []],
  ])('a risk trigger: %s', (_, riskScore, now, due, upcoming) => {
    const events = [
      standardTicket(mon('09:00')),
      status(mon('10:00'), 'pending_customer'),
      status(mon('11:00'), 'open'),
    ];
    const firedKeys = new Set(['T1:level:1']);
    const result = evaluate(
      events,
      now,
      riskScore === undefined ? { firedKeys } : { riskScore, firedKeys },
    );
    const levelTwo = (timers: DeskTimer[]) =>
      schedule(timers.filter((t) => t.key === 'T1:level:2'));
    expect(levelTwo(result.due)).toEqual(due);
    expect(levelTwo(result.upcoming)).toEqual(upcoming);
  });

  it.each([
    // riskAbove says when the score will first be above the threshold (undefined: never).
    [
      'crossing later, after L1',
      (score: number) => (score === 80 ? mon('14:00') : undefined),
      mon('12:30'),
      [],
      [['T1:level:2', mon('14:00')]],
    ],
    ['already above', () => mon('12:30'), mon('12:30'), [['T1:level:2', mon('12:30')]], []],
    [
      'crossing before L1 waits for L1',
      () => mon('11:45'),
      mon('11:30'),
      [],
      [['T1:level:2', mon('12:00')]],
    ],
    ['never', () => undefined, mon('12:30'), [], []],
  ])('a risk trigger scheduled from riskAbove: %s', (_, riskAbove, now, due, upcoming) => {
    const events = [
      standardTicket(mon('09:00')),
      status(mon('10:00'), 'pending_customer'),
      status(mon('11:00'), 'open'),
    ];
    const result = evaluate(events, now, { riskAbove, firedKeys: new Set(['T1:level:1']) });
    const levelTwo = (timers: DeskTimer[]) =>
      schedule(timers.filter((t) => t.key === 'T1:level:2'));
    expect(levelTwo(result.due)).toEqual(due);
    expect(levelTwo(result.upcoming)).toEqual(upcoming);
  });

  it.each([
    ['a furious last message', -0.8, [['T1:level:1', mon('09:30')]]],
    ['exactly the threshold', -0.5, []],
    ['a happy last message', 0.6, []],
    ['no customer message', undefined, []],
  ])('a sentiment trigger below -0.5: %s', (_, sentiment, due) => {
    const row: EscalationRow = {
      id: 'mood',
      name: 'Mood',
      criteria: {},
      levels: [
        level('m1', { type: 'automatic', trigger: { kind: 'sentiment_below', score: -0.5 } }),
      ],
    };
    const result = evaluate(
      [standardTicket(mon('09:00'))],
      mon('09:30'),
      sentiment === undefined ? {} : { sentiment },
      { rows: [row] },
    );
    expect(schedule(result.due.filter((t) => t.kind === 'escalation'))).toEqual(due);
    expect(result.upcoming.filter((t) => t.kind === 'escalation')).toEqual([]);
  });

  it('a due sentiment level carries the sentiment it fired on; a level not due carries nothing', () => {
    const row: EscalationRow = {
      id: 'mood',
      name: 'Mood',
      criteria: {},
      levels: [
        level('m1', { type: 'automatic', trigger: { kind: 'sentiment_below', score: -0.5 } }),
      ],
    };
    const events = [standardTicket(mon('09:00'))];
    const due = evaluate(events, mon('09:30'), { sentiment: -0.8 }, { rows: [row] }).due;
    expect(due.find((t) => t.kind === 'escalation')).toMatchObject({
      measured: { kind: 'sentiment', score: -0.8 },
    });
  });

  it.each([
    ['already above: due, with what its score is computed from', mon('12:30'), 'due', true],
    ['crossing later: upcoming, measured when it comes due', mon('14:00'), 'upcoming', false],
  ] as const)('a risk level with its risk input, %s', (_, crossing, list, measured) => {
    const riskInput: RiskInput = {
      ticket: { tier: 'enterprise', createdAt: mon('09:00'), status: 'open' },
      sla: undefined,
      signals: { reassignments: 3, reopenings: 0, pastEscalations: 0 },
    };
    const result = evaluate([standardTicket(mon('09:00'))], mon('12:30'), {
      riskAbove: () => crossing,
      riskInput,
      firedKeys: new Set(['T1:level:1']),
    });
    const levelTwo = result[list].find((t) => t.key === 'T1:level:2');
    expect(levelTwo).toBeDefined();
    expect(levelTwo && 'measured' in levelTwo ? levelTwo.measured : undefined).toEqual(
      measured ? { kind: 'risk', input: riskInput } : undefined,
    );
  });

  it('a level fires no earlier than the level above it', () => {
    const row: EscalationRow = {
      id: 'all',
      name: 'All',
      criteria: {},
      levels: [
        level('a1', { trigger: { kind: 'after_minutes', minutes: 300, mode: 'business' } }),
        level('a2', { trigger: { kind: 'sla_percent', target: 'resolution', percent: 50 } }),
      ],
    };
    const result = evaluate([standardTicket(mon('09:00'))], mon('09:00'), {}, { rows: [row] });
    // 50% of resolution is 13:00, but L1 is only reached at 14:00.
    expect(schedule(result.upcoming.filter((t) => t.kind === 'escalation'))).toEqual([
      ['T1:level:1', mon('14:00')],
      ['T1:level:2', mon('14:00')],
    ]);
  });

  it('a level without a trigger holds back the levels below it', () => {
    const row: EscalationRow = {
      id: 'all',
      name: 'All',
      criteria: {},
      levels: [
        level('a1', {}),
        level('a2', { trigger: { kind: 'sla_percent', target: 'resolution', percent: 50 } }),
      ],
    };
    const result = evaluate([standardTicket(mon('09:00'))], mon('09:00'), {}, { rows: [row] });
    expect(result.upcoming.filter((t) => t.kind === 'escalation')).toEqual([]);
    expect(result.nextLevel).toMatchObject({ number: 1, level: { id: 'a1' } });
  });
});

describe('evaluateEscalation: tickets with nothing to escalate', () => {
  it('has no timers once resolved, but still suggests the next level', () => {
    const events = [created(mon('09:00')), status(mon('09:30'), 'resolved')];
    const result = evaluate(events, mon('12:00'));
    expect(result).toMatchObject({ due: [], upcoming: [], nextLevel: { number: 1 } });
  });

  it('keeps SLA timers when no row matches', () => {
    const result = evaluate(
      [created(mon('09:00'), { tier: 'standard' })],
      mon('09:00'),
      {},
      {
        rows: [p1Enterprise],
      },
    );
    expect(result.row).toBeUndefined();
    expect(result.upcoming.map((t) => t.kind)).not.toContain('escalation');
    expect(result.upcoming.map((t) => t.key)).toContain('T1:resolution:breach');
  });

  it('has nothing without a created event', () => {
    expect(evaluate([], mon('09:00'))).toEqual({
      row: undefined,
      nextLevel: undefined,
      due: [],
      upcoming: [],
    });
  });

  it('suggests no next level past the last one', () => {
    const result = evaluate([created(mon('09:00'))], mon('09:00'), {
      level: { number: 3, since: mon('09:00') },
    });
    expect(result.nextLevel).toBeUndefined();
    expect(result.upcoming.some((t) => t.key.includes('level'))).toBe(false);
  });
});

describe('evaluateEscalation: properties', () => {
  const STEPS = ['reply', 'open', 'pending_customer', 'resolved', 'P1', 'P3'] as const;
  const history = fc
    .record({
      tier: fc.constantFrom('enterprise', 'standard'),
      steps: fc.array(
        fc.record({ kind: fc.constantFrom(...STEPS), gap: fc.integer({ min: 1, max: 6 * 3600 }) }),
        { maxLength: 8 },
      ),
      tail: fc.integer({ min: 0, max: 2 * 24 * 3600 }),
      riskScore: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    })
    .map(({ tier, steps, tail, riskScore }) => {
      let at = mon('08:00');
      const events = [created(at, { tier })];
      for (const step of steps) {
        at += step.gap * 1000;
        if (step.kind === 'reply') events.push(reply(at));
        else if (step.kind === 'P1' || step.kind === 'P3') events.push(priority(at, step.kind));
        else events.push(status(at, step.kind));
      }
      return { events, now: at + tail * 1000, riskScore };
    });

  it('splits unique keys into due (at or before now) and upcoming (after now)', () => {
    fc.assert(
      fc.property(history, ({ events, now, riskScore }) => {
        const result = evaluate(events, now, riskScore === undefined ? {} : { riskScore });
        const keys = [...result.due, ...result.upcoming].map((timer) => timer.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const timer of result.due) expect(timer.at).toBeLessThanOrEqual(now);
        for (const timer of result.upcoming) expect(timer.at).toBeGreaterThan(now);
      }),
    );
  });

  it('once the due keys are fired, nothing is due and the upcoming list is the same', () => {
    fc.assert(
      fc.property(history, ({ events, now, riskScore }) => {
        const context = riskScore === undefined ? {} : { riskScore };
        const first = evaluate(events, now, context);
        const firedKeys = new Set(first.due.map((timer) => timer.key));
        const again = evaluate(events, now, { ...context, firedKeys });
        expect(again.due).toEqual([]);
        expect(again.upcoming).toEqual(first.upcoming);
      }),
    );
  });
});
