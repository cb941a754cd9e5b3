import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessMinutesBetween, type BusinessCalendar } from '../calendar';
import type {
  Priority,
  ReplyDirection,
  TicketCreated,
  TicketEvent,
  TicketStatus,
} from '../tickets';
import { DEFAULT_PAUSE_STATUSES, type SlaPolicy, type SlaTarget } from './policy';
import { deriveSlaState, slaTargetInstant } from './state';

// Mon–Fri 09:00–17:00 in UTC, so wall-clock times below are also the epoch times.
const WORKWEEK: BusinessCalendar = {
  timeZone: 'UTC',
  week: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ from: '09:00', to: '17:00' }]]),
  ),
};

const utc = (iso: string) => Date.parse(`${iso}Z`);
const mon = (time: string) => utc(`2025-03-03T${time}`);
const tue = (time: string) => utc(`2025-03-04T${time}`);
const fri = (time: string) => utc(`2025-03-07T${time}`);
const sat = (time: string) => utc(`2025-03-08T${time}`);
const nextMon = (time: string) => utc(`2025-03-10T${time}`);

let sequence = 0;
const nextId = () => `e${String(++sequence).padStart(4, '0')}`;
const base = (at: number) => ({ id: nextId(), ticketId: 'T1', at });

const created = (at: number, facts: Partial<TicketCreated> = {}): TicketEvent => ({
  ...base(at),
  type: 'created',
  priority: 'P3',
  category: 'billing',
  tier: 'standard',
  channel: 'email',
  status: 'open',
  ...facts,
});
const status = (at: number, to: TicketStatus, reason?: string): TicketEvent => ({
  ...base(at),
  type: 'status_changed',
  to,
  ...(reason === undefined ? {} : { reason }),
});
const reply = (at: number, direction: ReplyDirection = 'to_customer'): TicketEvent => ({
  ...base(at),
  type: 'reply',
  direction,
});
const priority = (at: number, to: Priority): TicketEvent => ({
  ...base(at),
  type: 'priority_changed',
  to,
});
const category = (at: number, to: string): TicketEvent => ({
  ...base(at),
  type: 'category_changed',
  to,
});
const pin = (at: number, policyId: string | null): TicketEvent => ({
  ...base(at),
  type: 'policy_changed',
  policyId,
});

const business = (minutes: number): SlaTarget => ({ minutes, mode: 'business' });
const calendarTime = (minutes: number): SlaTarget => ({ minutes, mode: 'calendar' });

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
const outage: SlaPolicy = {
  ...standard,
  id: 'outage',
  name: 'Outage',
  conditions: { categories: ['outage'] },
  targets: { resolution: business(120) },
};
const roundTheClock: SlaPolicy = {
  id: 'round-the-clock',
  name: 'Round the clock',
  conditions: { channels: ['phone'] },
  targets: { first_response: calendarTime(15), resolution: calendarTime(600) },
  pauseStatuses: [],
  warningPercents: [50],
};
const POLICIES = [urgent, outage, roundTheClock, standard];

const derive = (events: TicketEvent[], now: number, policies = POLICIES) =>
  deriveSlaState(events, policies, now);

describe('deriveSlaState: a new ticket', () => {
  it('starts first response and resolution at creation, with warnings at 75% and 90%', () => {
    const sla = derive([created(mon('09:00'))], mon('09:30'));
    expect(sla.policy?.id).toBe('standard');
    expect(sla.ticket).toMatchObject({ id: 'T1', createdAt: mon('09:00'), status: 'open' });
    expect(sla.targets.first_response).toMatchObject({
      startedAt: mon('09:00'),
      dueAt: mon('10:00'),
      warnings: [
        { percent: 75, at: mon('09:45') },
        { percent: 90, at: mon('09:54') },
      ],
      elapsedMinutes: 30,
      remainingMinutes: 30,
      pausedMinutes: 0,
      state: 'running',
      metAt: undefined,
      breachedAt: undefined,
    });
    expect(sla.targets.resolution).toMatchObject({
      dueAt: mon('17:00'),
      warnings: [
        { percent: 75, at: mon('15:00') },
        { percent: 90, at: mon('16:12') },
      ],
      state: 'running',
    });
    expect(sla.targets.next_update).toBeUndefined();
  });

  it('has no state without a created event, or before it', () => {
    expect(derive([reply(mon('09:00'))], mon('10:00'))).toMatchObject({
      ticket: undefined,
      targets: {},
    });
    expect(derive([created(mon('09:00'))], mon('08:00')).ticket).toBeUndefined();
  });

  it('resolves a calendar id through the lookup', () => {
    const byId: SlaPolicy = { ...standard, calendar: 'berlin-office' };
    const sla = deriveSlaState([created(mon('09:00'))], [byId], mon('09:00'), {
      resolveCalendar: (id) => (id === 'berlin-office' ? WORKWEEK : undefined),
    });
    expect(sla.calendar).toBe(WORKWEEK);
    expect(sla.targets.resolution?.dueAt).toBe(mon('17:00'));
  });
});

describe('deriveSlaState: business and calendar time', () => {
  it.each([
    ['business 60 from Monday 09:00', business(60), mon('09:00'), mon('10:00')],
    ['business 60 overnight', business(60), mon('16:30'), tue('09:30')],
    ['business 60 landing on Friday closing', business(60), fri('16:00'), fri('17:00')],
    ['business 90 over the weekend', business(90), fri('16:00'), nextMon('09:30')],
    ['business 60 from Saturday', business(60), sat('12:00'), nextMon('10:00')],
    ['business 1 from 30 s before opening', business(1), mon('08:59:30'), mon('09:01')],
    ['business 480 from 30 s past opening', business(480), mon('09:00:30'), tue('09:00:30')],
    ['calendar 60 from Friday 16:30', calendarTime(60), fri('16:30'), fri('17:30')],
    ['calendar 600 over Friday night', calendarTime(600), fri('20:00'), sat('06:00')],
  ])('%s', (_, resolution, start, dueAt) => {
    const policy: SlaPolicy = { ...standard, targets: { resolution } };
    const sla = derive([created(start)], start, [policy]);
    expect(sla.targets.resolution?.dueAt).toBe(dueAt);
  });

  it('counts business minutes across a daylight-saving change in Europe/Berlin', () => {
    const berlin: BusinessCalendar = { ...WORKWEEK, timeZone: 'Europe/Berlin' };
    const policy: SlaPolicy = {
      ...standard,
      calendar: berlin,
      targets: { resolution: business(120) },
    };
    // Friday 28 March 16:00 CET (15:00Z); clocks go forward on Sunday; Monday 10:00 CEST is 08:00Z.
    const sla = derive([created(utc('2025-03-28T15:00'))], utc('2025-03-28T15:00'), [policy]);
    expect(sla.targets.resolution?.dueAt).toBe(utc('2025-03-31T08:00'));
  });

  it('measures elapsed minutes in the target’s own kind of time', () => {
    const sla = derive([created(fri('16:00'), { channel: 'phone' })], sat('10:00'));
    expect(sla.policy?.id).toBe('round-the-clock');
    expect(sla.targets.resolution).toMatchObject({
      elapsedMinutes: 18 * 60,
      dueAt: sat('02:00'),
      state: 'breached',
      breachedAt: sat('02:00'),
    });
    const business = derive([created(fri('16:00'))], sat('10:00'));
    expect(business.targets.resolution).toMatchObject({ elapsedMinutes: 60, state: 'running' });
  });
});

describe('deriveSlaState: met or breached', () => {
  it.each([
    ['replied before the due time', [reply(mon('09:59'))], tue('12:00'), 'met', undefined],
    ['replied exactly at the due time', [reply(mon('10:00'))], tue('12:00'), 'met', undefined],
    ['replied 1 ms late', [reply(mon('10:00') + 1)], tue('12:00'), 'breached', mon('10:00')],
    ['replied the next morning', [reply(tue('09:00'))], tue('12:00'), 'breached', mon('10:00')],
    ['no reply, now is the due time', [], mon('10:00'), 'breached', mon('10:00')],
    ['no reply, 1 ms before the due time', [], mon('10:00') - 1, 'running', undefined],
    ['internal note only', [reply(mon('09:10'), 'internal')], mon('09:30'), 'running', undefined],
    [
      'customer wrote in',
      [reply(mon('09:10'), 'from_customer')],
      mon('09:30'),
      'running',
      undefined,
    ],
  ] as const)('first response: %s', (_, later, now, state, breachedAt) => {
    const sla = derive([created(mon('09:00')), ...later], now);
    expect(sla.targets.first_response).toMatchObject({ dueAt: mon('10:00'), state, breachedAt });
  });

  it('keeps the late reply time alongside the breach', () => {
    const sla = derive([created(mon('09:00')), reply(mon('11:00'))], mon('12:00'));
    expect(sla.targets.first_response).toMatchObject({
      state: 'breached',
      breachedAt: mon('10:00'),
      metAt: mon('11:00'),
      elapsedMinutes: 120,
    });
  });

  it('a reply outside business hours before the due time is on time', () => {
    const sla = derive([created(mon('16:30')), reply(mon('20:00'))], tue('12:00'));
    expect(sla.targets.first_response).toMatchObject({
      dueAt: tue('09:30'),
      state: 'met',
      metAt: mon('20:00'),
      elapsedMinutes: 30,
    });
  });
});

describe('deriveSlaState: pauses', () => {
  const pausedHistory = [
    created(mon('09:00')),
    reply(mon('09:30')),
    status(mon('10:00'), 'pending_customer', 'Asked for logs'),
  ];

  it('moves due times by the paused business minutes and keeps the reason', () => {
    const sla = derive([...pausedHistory, status(mon('13:00'), 'open')], mon('14:00'));
    const pause = {
      from: mon('10:00'),
      to: mon('13:00'),
      status: 'pending_customer',
      reason: 'Asked for logs',
    };
    expect(sla.pauses).toEqual([pause]);
    expect(sla.pause).toBeUndefined();
    expect(sla.targets.resolution).toMatchObject({
      dueAt: tue('12:00'), // Monday 17:00 without the pause, plus 180 business minutes
      elapsedMinutes: 120,
      remainingMinutes: 360,
      pausedMinutes: 180,
      pauses: [{ ...pause, minutes: 180 }],
      state: 'running',
    });
    expect(sla.targets.next_update).toMatchObject({
      startedAt: mon('09:30'),
      dueAt: mon('14:30'),
      warnings: [
        { percent: 75, at: mon('14:00') },
        { percent: 90, at: mon('14:18') },
      ],
      elapsedMinutes: 90,
      pausedMinutes: 180,
      state: 'running',
    });
    expect(sla.targets.first_response).toMatchObject({ state: 'met', pausedMinutes: 0 });
  });

  it('while paused, reports the pause and projects the due time from now', () => {
    const sla = derive(pausedHistory, mon('11:00'));
    expect(sla.pause).toEqual({
      from: mon('10:00'),
      to: undefined,
      status: 'pending_customer',
      reason: 'Asked for logs',
    });
    expect(sla.targets.resolution).toMatchObject({
      state: 'paused',
      elapsedMinutes: 60,
      pausedMinutes: 60,
      dueAt: tue('10:00'),
    });
    expect(sla.targets.next_update).toMatchObject({ state: 'paused', dueAt: mon('12:30') });
  });

  it('uses the policy’s reason when none was given, and keeps each pause status apart', () => {
    const sla = derive(
      [
        created(mon('09:00')),
        status(mon('10:00'), 'pending_customer'),
        status(mon('11:00'), 'pending_third_party', 'Vendor RMA'),
        status(mon('12:00'), 'open'),
      ],
      mon('12:00'),
    );
    expect(sla.targets.resolution?.pauses).toEqual([
      {
        from: mon('10:00'),
        to: mon('11:00'),
        status: 'pending_customer',
        reason: 'Waiting for the customer',
        minutes: 60,
      },
      {
        from: mon('11:00'),
        to: mon('12:00'),
        status: 'pending_third_party',
        reason: 'Vendor RMA',
        minutes: 60,
      },
    ]);
  });

  it('pauses on custom statuses and not on others', () => {
    const policy: SlaPolicy = {
      ...standard,
      pauseStatuses: [{ status: 'awaiting_parts', reason: 'Waiting for parts' }],
    };
    const events = [
      created(mon('09:00')),
      status(mon('10:00'), 'awaiting_parts'),
      status(mon('11:00'), 'pending_customer'),
      status(mon('12:00'), 'open'),
    ];
    const sla = derive(events, mon('12:00'), [policy]);
    expect(sla.targets.resolution).toMatchObject({ pausedMinutes: 60, elapsedMinutes: 120 });
    expect(sla.pauses).toEqual([
      {
        from: mon('10:00'),
        to: mon('11:00'),
        status: 'awaiting_parts',
        reason: 'Waiting for parts',
      },
    ]);
  });

  it('pauses only the targets the policy names', () => {
    const policy: SlaPolicy = { ...standard, pauseTargets: ['resolution'] };
    const events = [
      created(mon('09:00')),
      status(mon('09:30'), 'pending_customer'),
      status(mon('10:30'), 'open'),
    ];
    const sla = derive(events, mon('10:30'), [policy]);
    expect(sla.targets.first_response).toMatchObject({
      state: 'breached',
      breachedAt: mon('10:00'),
      pausedMinutes: 0,
    });
    expect(sla.targets.resolution).toMatchObject({ elapsedMinutes: 30, pausedMinutes: 60 });
  });

  it('counts only business minutes of a pause that spans the night', () => {
    const events = [
      created(mon('09:00')),
      status(mon('16:00'), 'pending_customer'),
      status(tue('10:00'), 'open'),
    ];
    const sla = derive(events, tue('10:00'));
    expect(sla.targets.resolution).toMatchObject({
      pausedMinutes: 120,
      elapsedMinutes: 420,
      dueAt: tue('11:00'),
    });
  });

  it('a ticket created in a pause status starts paused', () => {
    const sla = derive([created(mon('09:00'), { status: 'pending_customer' })], mon('10:00'));
    expect(sla.targets.resolution).toMatchObject({ state: 'paused', elapsedMinutes: 0 });
  });

  it('a pause that starts after the due time does not undo the breach', () => {
    const events = [created(mon('09:00')), status(mon('11:00'), 'pending_customer')];
    const sla = derive(events, mon('12:00'));
    expect(sla.targets.first_response).toMatchObject({
      state: 'breached',
      breachedAt: mon('10:00'),
    });
  });
});

describe('deriveSlaState: next update', () => {
  it('starts at the first response and restarts at every customer-facing reply', () => {
    const events = [
      created(mon('09:00')),
      reply(mon('09:20')),
      reply(mon('11:00')),
      reply(mon('12:00'), 'internal'),
      reply(mon('12:30'), 'from_customer'),
    ];
    const sla = derive(events, mon('13:30'));
    expect(sla.targets.next_update).toMatchObject({
      cycle: 2,
      startedAt: mon('11:00'),
      dueAt: mon('13:00'),
      state: 'breached',
      breachedAt: mon('13:00'),
    });
    expect(sla.nextUpdateHistory).toHaveLength(1);
    expect(sla.nextUpdateHistory[0]).toMatchObject({
      cycle: 1,
      startedAt: mon('09:20'),
      dueAt: mon('11:20'),
      state: 'met',
      metAt: mon('11:00'),
    });
  });

  it('a new period that starts during a pause starts paused', () => {
    const events = [
      created(mon('09:00')),
      reply(mon('09:20')),
      status(mon('10:00'), 'pending_customer'),
      reply(mon('10:30')),
    ];
    const sla = derive(events, mon('11:00'));
    expect(sla.targets.next_update).toMatchObject({
      cycle: 2,
      state: 'paused',
      elapsedMinutes: 0,
      pausedMinutes: 30,
    });
  });
});

describe('deriveSlaState: resolve and reopen', () => {
  it('resolving meets resolution, and counts as the first response when none was given', () => {
    const sla = derive([created(mon('09:00')), status(mon('09:40'), 'resolved')], tue('09:00'));
    expect(sla.ticket?.done).toBe(true);
    expect(sla.targets.first_response).toMatchObject({ state: 'met', metAt: mon('09:40') });
    expect(sla.targets.resolution).toMatchObject({
      state: 'met',
      metAt: mon('09:40'),
      elapsedMinutes: 40,
    });
  });

  it('closing after resolving keeps the resolution time', () => {
    const events = [
      created(mon('09:00')),
      status(mon('11:00'), 'resolved'),
      status(mon('12:00'), 'closed'),
    ];
    expect(derive(events, tue('09:00')).targets.resolution).toMatchObject({
      state: 'met',
      metAt: mon('11:00'),
    });
  });

  it('a reopen continues the resolution clock without the resolved stretch', () => {
    const events = [
      created(mon('09:00')),
      reply(mon('09:30')),
      status(mon('11:00'), 'resolved'),
      status(mon('12:00'), 'closed'),
      status(tue('09:00'), 'open', 'Customer says it is back'),
    ];
    const sla = derive(events, tue('10:00'));
    expect(sla.ticket).toMatchObject({ status: 'open', done: false });
    expect(sla.targets.resolution).toMatchObject({
      state: 'running',
      metAt: undefined,
      elapsedMinutes: 180,
      pausedMinutes: 360,
      dueAt: tue('15:00'),
      pauses: [
        {
          from: mon('11:00'),
          to: tue('09:00'),
          status: 'resolved',
          reason: 'Resolved, then reopened',
          minutes: 360,
        },
      ],
    });
    expect(sla.targets.next_update).toMatchObject({
      cycle: 2,
      startedAt: tue('09:00'),
      dueAt: tue('11:00'),
    });
    expect(sla.nextUpdateHistory[0]).toMatchObject({ cycle: 1, state: 'met', metAt: mon('11:00') });
    expect(sla.targets.first_response).toMatchObject({ state: 'met', metAt: mon('09:30') });
  });

  it('a reopened ticket can breach resolution and then be resolved late', () => {
    const events = [
      created(mon('09:00')),
      status(mon('16:00'), 'resolved'),
      status(tue('09:00'), 'open'),
      status(tue('12:00'), 'resolved'),
    ];
    expect(derive(events, tue('13:00')).targets.resolution).toMatchObject({
      state: 'breached',
      breachedAt: tue('10:00'),
      metAt: tue('12:00'),
    });
  });
});

describe('deriveSlaState: policy changes mid-life', () => {
  const history = [
    created(mon('09:00')),
    reply(mon('09:45')),
    status(mon('10:00'), 'pending_customer'),
    status(mon('11:00'), 'open'),
  ];

  it('raising priority re-selects the policy and recomputes from creation, keeping pauses', () => {
    const before = derive(history, mon('12:30'));
    expect(before.targets.resolution?.dueAt).toBe(tue('10:00'));

    const sla = derive([...history, priority(mon('12:00'), 'P1')], mon('12:30'));
    expect(sla.policy?.id).toBe('urgent');
    expect(sla.targets.resolution).toMatchObject({
      targetMinutes: 240,
      dueAt: mon('14:00'),
      warnings: [
        { percent: 75, at: mon('13:00') },
        { percent: 90, at: mon('13:36') },
      ],
      elapsedMinutes: 150,
      pausedMinutes: 60,
      state: 'running',
    });
    // A met target keeps the verdict it had under the policy of the time.
    expect(sla.targets.first_response).toMatchObject({
      targetMinutes: 60,
      state: 'met',
      metAt: mon('09:45'),
    });
    // The running update period is recomputed: under 60 minutes it was already due at 11:45.
    expect(sla.targets.next_update).toMatchObject({
      targetMinutes: 60,
      dueAt: mon('11:45'),
      state: 'breached',
      breachedAt: mon('11:45'),
    });
  });

  it('a breach recomputed into the past is dated at the new due time', () => {
    const sla = derive([created(mon('09:00')), priority(mon('15:00'), 'P1')], mon('15:00'));
    expect(sla.targets.resolution).toMatchObject({ state: 'breached', breachedAt: mon('13:00') });
  });

  it('lowering priority moves the due time later', () => {
    const events = [created(mon('09:00'), { priority: 'P1' }), priority(mon('10:00'), 'P3')];
    expect(derive(events, mon('14:00')).targets.resolution).toMatchObject({
      dueAt: mon('17:00'),
      state: 'running',
    });
  });

  it('a category change re-selects the policy', () => {
    const sla = derive([created(mon('09:00')), category(mon('09:30'), 'outage')], mon('10:00'));
    expect(sla.policy?.id).toBe('outage');
    expect(sla.targets.resolution?.dueAt).toBe(mon('11:00'));
    expect(sla.targets.first_response).toBeUndefined();
  });

  it('a pinned policy applies whatever the conditions, until unpinned', () => {
    const pinned = derive([...history, pin(mon('12:00'), 'round-the-clock')], mon('12:00'));
    expect(pinned.policy?.id).toBe('round-the-clock');
    // Calendar time: 09:00 + 600 minutes + the 60-minute pause.
    expect(pinned.targets.resolution).toMatchObject({ mode: 'calendar', dueAt: mon('20:00') });

    const unpinned = derive(
      [...history, pin(mon('12:00'), 'round-the-clock'), pin(mon('12:10'), null)],
      mon('12:30'),
    );
    expect(unpinned.policy?.id).toBe('standard');
    expect(unpinned.targets.resolution?.dueAt).toBe(tue('10:00'));
  });

  it('a policy without the current pause status ends the pause but keeps what accrued', () => {
    const events = [
      created(mon('09:00')),
      status(mon('10:00'), 'pending_customer'),
      pin(mon('11:00'), 'round-the-clock'),
    ];
    const sla = derive(events, mon('12:00'));
    expect(sla.pause).toBeUndefined();
    expect(sla.targets.resolution).toMatchObject({
      state: 'running',
      pausedMinutes: 60,
      elapsedMinutes: 120,
      dueAt: mon('20:00'),
    });
  });
});

describe('deriveSlaState: order and time', () => {
  it('folds the same events the same way whatever order they arrive in', () => {
    const events = [
      created(mon('09:00')),
      reply(mon('09:30')),
      status(mon('10:00'), 'pending_customer'),
      status(mon('10:00'), 'open'),
      priority(mon('11:00'), 'P1'),
      status(mon('12:00'), 'resolved'),
    ];
    const expected = derive(events, mon('13:00'));
    expect(derive([...events].reverse(), mon('13:00'))).toEqual(expected);
    expect(
      derive(
        [events[3]!, events[0]!, events[5]!, events[1]!, events[4]!, events[2]!],
        mon('13:00'),
      ),
    ).toEqual(expected);
  });

  it('breaks ties by id and treats events before creation as happening at creation', () => {
    const early = reply(mon('08:00'));
    const sla = derive([early, created(mon('09:00'))], mon('09:30'));
    expect(sla.targets.first_response).toMatchObject({ state: 'met', metAt: mon('09:00') });
  });

  it('ignores events after now', () => {
    const events = [created(mon('09:00')), reply(mon('09:30')), status(mon('11:00'), 'resolved')];
    expect(derive(events, mon('10:00'))).toEqual(derive(events.slice(0, 2), mon('10:00')));
  });
});

describe('slaTargetInstant', () => {
  const events = [
    created(mon('09:00')),
    status(mon('10:00'), 'pending_customer'),
    status(mon('11:00'), 'open'),
  ];

  it.each([
    [10, mon('09:48')],
    [12.5, mon('10:00')], // exactly the hour before the pause: reached as it began, not at 11:00
    [25, mon('12:00')], // 120 minutes: one hour before the pause, one after

    [50, mon('14:00')],
    [100, tue('10:00')],
  ])('finds the instant %i%% of resolution is consumed', (percent, at) => {
    const sla = derive(events, mon('12:00'));
    expect(slaTargetInstant(sla.targets.resolution!, percent, sla.calendar)).toBe(at);
  });

  it('cannot foresee instants beyond a pause that is still going on', () => {
    const sla = derive(events.slice(0, 2), mon('10:30'));
    expect(slaTargetInstant(sla.targets.resolution!, 10, sla.calendar)).toBe(mon('09:48'));
    expect(slaTargetInstant(sla.targets.resolution!, 50, sla.calendar)).toBeUndefined();
  });
});

describe('deriveSlaState: properties', () => {
  const STEP_KINDS = [
    'reply',
    'internal',
    'open',
    'pending_customer',
    'pending_third_party',
    'resolved',
    'closed',
    'P1',
    'P3',
    'outage',
    'pin',
    'unpin',
  ] as const;
  type StepKind = (typeof STEP_KINDS)[number];

  const eventFor = (kind: StepKind, at: number, id: string): TicketEvent => {
    const common = { id, ticketId: 'T1', at };
    switch (kind) {
      case 'reply':
        return { ...common, type: 'reply', direction: 'to_customer' };
      case 'internal':
        return { ...common, type: 'reply', direction: 'internal' };
      case 'P1':
      case 'P3':
        return { ...common, type: 'priority_changed', to: kind };
      case 'outage':
        return { ...common, type: 'category_changed', to: 'outage' };
      case 'pin':
        return { ...common, type: 'policy_changed', policyId: 'round-the-clock' };
      case 'unpin':
        return { ...common, type: 'policy_changed', policyId: null };
      default:
        return { ...common, type: 'status_changed', to: kind };
    }
  };

  /** A ticket's history with distinct event times over about two weeks, and a `now` after it. */
  const ticketHistory = fc
    .record({
      start: fc.integer({ min: 0, max: 7 * 24 * 60 }),
      channel: fc.constantFrom('email', 'phone'),
      steps: fc.array(
        fc.record({
          kind: fc.constantFrom(...STEP_KINDS),
          gapSeconds: fc.integer({ min: 1, max: 12 * 3600 }),
        }),
        { maxLength: 12 },
      ),
      tailSeconds: fc.integer({ min: 0, max: 3 * 24 * 3600 }),
    })
    .map(({ start, channel, steps, tailSeconds }) => {
      let at = mon('00:00') + start * 60_000;
      const events: TicketEvent[] = [created(at, { channel })];
      steps.forEach((step, index) => {
        at += step.gapSeconds * 1000;
        events.push(eventFor(step.kind, at, `p${String(index).padStart(2, '0')}`));
      });
      return { events, now: at + tailSeconds * 1000 };
    });

  const withoutPauses = (events: TicketEvent[]) =>
    events.map((event) =>
      event.type === 'status_changed' && event.to.startsWith('pending_')
        ? { ...event, to: 'open' }
        : event,
    );

  it('is deterministic whatever the order of events with distinct times', () => {
    fc.assert(
      fc.property(ticketHistory, fc.func(fc.integer()), ({ events, now }, rank) => {
        const shuffled = [...events].sort((a, b) => rank(a.id) - rank(b.id));
        expect(derive(shuffled, now)).toEqual(derive(events, now));
      }),
    );
  });

  it('pauses never bring a due time or a breach earlier', () => {
    fc.assert(
      fc.property(ticketHistory, ({ events, now }) => {
        const paused = derive(events, now);
        const unpaused = derive(withoutPauses(events), now);
        for (const name of ['first_response', 'next_update', 'resolution'] as const) {
          const p = paused.targets[name];
          const u = unpaused.targets[name];
          expect(p === undefined).toBe(u === undefined);
          if (p === undefined || u === undefined) continue;
          expect(p.cycle).toBe(u.cycle);
          expect(p.dueAt).toBeGreaterThanOrEqual(u.dueAt);
          if (p.breachedAt !== undefined) {
            expect(u.breachedAt).toBeDefined();
            expect(p.breachedAt).toBeGreaterThanOrEqual(u.breachedAt!);
          }
        }
      }),
    );
  });

  it('accounts for every minute: elapsed plus paused is the time since the clock started', () => {
    fc.assert(
      fc.property(ticketHistory, ({ events, now }) => {
        const sla = derive(events, now);
        for (const target of Object.values(sla.targets)) {
          const end = target.metAt ?? now;
          const total =
            target.mode === 'business'
              ? businessMinutesBetween(WORKWEEK, target.startedAt, end)
              : (end - target.startedAt) / 60_000;
          expect(target.elapsedMinutes + target.pausedMinutes).toBeCloseTo(total, 6);
          expect(target.remainingMinutes).toBeCloseTo(
            target.targetMinutes - target.elapsedMinutes,
            6,
          );
          const times = [...target.warnings.map((warning) => warning.at), target.dueAt];
          expect(times).toEqual([...times].sort((a, b) => a - b));
        }
      }),
    );
  });

  it('depends only on the events up to now', () => {
    fc.assert(
      fc.property(ticketHistory, fc.integer({ min: 0, max: 14 * 24 * 3600 }), ({ events }, s) => {
        const now = events[0]!.at + s * 1000;
        const past = events.filter((event) => event.at <= now);
        expect(derive(events, now)).toEqual(derive(past, now));
      }),
    );
  });
});
