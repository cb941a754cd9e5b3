import { describe, expect, it } from 'vitest';
import { riskSignalsOf } from '../assist/signals';
import type { BusinessCalendar } from '../calendar';
import type { EscalationMatrix } from '../escalation/matrix';
import type { SlaPolicy } from '../sla/policy';
import type { DeskEvent } from '../tickets/desk';
import { createTicket } from '../tickets/workflow';
import { whatIf, type DeskRules, type WhatIfTicket } from './what-if';

const T0 = Date.UTC(2026, 10, 2, 9, 0);
const ASSIST = { risk: true, sentiment: true };
const MIN = 60_000;

const ALL_DAY: BusinessCalendar = {
  timeZone: 'UTC',
  week: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
      d,
      [{ from: '00:00', to: '24:00' }],
    ]),
  ),
};
const policy = (firstResponse: number, resolution: number): SlaPolicy => ({
  id: 'p-all',
  name: 'Everything',
  calendar: 'cal-247',
  targets: {
    first_response: { minutes: firstResponse, mode: 'calendar' },
    resolution: { minutes: resolution, mode: 'calendar' },
  },
  pauseStatuses: [],
  warningPercents: [75],
});
const matrixAt = (percent: number): EscalationMatrix => ({
  rows: [
    {
      id: 'all',
      name: 'Everything',
      criteria: {},
      levels: [
        {
          id: 'l1',
          type: 'automatic',
          owner: { kind: 'team', id: 't-2', name: 'Tier 2', contacts: [] },
          trigger: { kind: 'sla_percent', target: 'resolution', percent },
          actions: [{ kind: 'reassign' }],
          repeat: { kind: 'none' },
        },
      ],
    },
  ],
});
const rules = (firstResponse: number, resolution: number, percent: number): DeskRules => ({
  policies: [policy(firstResponse, resolution)],
  calendars: new Map([['cal-247', ALL_DAY]]),
  matrix: matrixAt(percent),
});

/** Open tickets created 0, 30, 90 and 200 minutes before `now`. */
function openTickets(now: number): WhatIfTicket[] {
  return [0, 30, 90, 200].map((age, i) => {
    let n = 0;
    const change = createTicket(
      {
        id: `ESC-${i + 1}`,
        title: 'Card terminal fails',
        description: '',
        customerId: 'c-1',
        tier: 'standard',
        channel: 'store',
        category: 'billing',
        priority: 'P2',
      },
      { now: now - age * MIN, by: 'agent', newId: () => `e-${i}-${n++}` },
    );
    return { ticket: change.ticket, events: change.events, fired: [] };
  });
}

describe('the what-if preview of new rules', () => {
  const now = T0 + 300 * MIN;
  const tickets = openTickets(now);

  it('changes nothing when the rules are the same', () => {
    const same = whatIf(tickets, rules(60, 480, 50), rules(60, 480, 50), now, ASSIST);
    expect(same).toEqual({
      openTickets: 4,
      dueChanges: [],
      ticketsWithNewDueTimes: 0,
      newlyBreached: [],
      noLongerBreached: [],
      levelsFiring: [],
    });
  });

  // Now: the tickets are 0, 30, 90 and 200 minutes old, none answered. Current rules: first
  // response in 60 min (ESC-3 and ESC-4 breached), resolution in 480, L1 at 50% of it (240 min).
  it.each([
    ['a shorter first response breaches one more ticket', [20, 480, 50], ['ESC-2'], [], []],
    ['a longer first response ends a breach', [120, 480, 50], [], ['ESC-3'], []],
    ['an earlier L1 fires at once for the ticket past it', [60, 480, 30], [], [], ['ESC-4']],
    [
      'a longer first response clears a breach; a shorter resolution keeps the oldest breached and fires its L1',
      [300, 180, 90],
      [],
      ['ESC-3'],
      ['ESC-4'],
    ],
  ] as const)('%s', (_name, [first, resolution, percent], newly, noLonger, firing) => {
    const result = whatIf(
      tickets,
      rules(60, 480, 50),
      rules(first, resolution, percent),
      now,
      ASSIST,
    );
    expect(result.newlyBreached).toEqual(newly);
    expect(result.noLongerBreached).toEqual(noLonger);
    expect(result.levelsFiring.map((f) => f.ticketId)).toEqual(firing);
  });

  it('lists every moved due time, with before and after', () => {
    const result = whatIf(tickets, rules(60, 480, 50), rules(60, 600, 50), now, ASSIST);
    expect(result.ticketsWithNewDueTimes).toBe(4);
    expect(result.dueChanges.filter((c) => c.target === 'resolution')).toHaveLength(4);
    const first = result.dueChanges.find((c) => c.ticketId === 'ESC-1')!;
    expect(first).toEqual({
      ticketId: 'ESC-1',
      target: 'resolution',
      before: now + 480 * MIN,
      after: now + 600 * MIN,
    });
  });
});

describe('the what-if preview of risk and sentiment levels', () => {
  const now = T0 + 300 * MIN;
  const moodMatrix: EscalationMatrix = {
    rows: [
      {
        ...matrixAt(50).rows[0]!,
        levels: [
          {
            ...matrixAt(50).rows[0]!.levels[0]!,
            trigger: { kind: 'sentiment_below', score: -0.5 },
          },
        ],
      },
    ],
  };
  const angry = {
    reassignments: 0,
    reopenings: 0,
    pastEscalations: 0,
    sentiment: { latest: -0.8, average: -0.8, change: 0, direction: 'steady', messages: 1 },
  } as const;

  it('counts a sentiment level firing for tickets whose stored mood is below it', () => {
    const tickets = openTickets(now).map((item, index) =>
      index === 1
        ? { ...item, risk: angry }
        : { ...item, risk: { ...angry, sentiment: undefined } },
    );
    const proposed = { ...rules(60, 480, 50), matrix: moodMatrix };
    const result = whatIf(tickets, rules(60, 480, 50), proposed, now, ASSIST);
    expect(result.levelsFiring).toEqual([{ ticketId: 'ESC-2', level: 1 }]);
  });

  it('counts none without signals (risk and sentiment both off), as the desk would fire none', () => {
    const proposed = { ...rules(60, 480, 50), matrix: moodMatrix };
    const off = { risk: false, sentiment: false };
    expect(whatIf(openTickets(now), rules(60, 480, 50), proposed, now, off).levelsFiring).toEqual(
      [],
    );
  });

  // The signals as the live desk reads them from the log (deskRiskSignals): the mood while
  // sentiment is on, even with risk off; the levels judged with the desk's switches.
  const withAngryCustomer = (assist: { risk: boolean; sentiment: boolean }): WhatIfTicket[] =>
    openTickets(now).map((item, index) => {
      if (index !== 1) return item;
      const events: DeskEvent[] = [
        ...item.events,
        {
          id: 'm-1',
          ticketId: item.ticket.id,
          at: now - 10 * MIN,
          by: 'customer',
          type: 'reply',
          direction: 'from_customer',
          body: 'This is terrible, still not working and nobody answers! Worst service ever.',
        },
      ];
      const risk =
        assist.risk || assist.sentiment
          ? riskSignalsOf(events, 0, { sentiment: assist.sentiment })
          : undefined;
      return { ...item, events, ...(risk ? { risk } : {}) };
    });

  it.each([
    ['risk off, sentiment on: the sentiment level fires', false, true, ['ESC-2']],
    ['both on: it fires', true, true, ['ESC-2']],
    ['sentiment off: it waits', true, false, []],
  ])('%s', (_, risk, sentiment, firing) => {
    const assist = { risk, sentiment };
    const proposed = { ...rules(60, 480, 50), matrix: moodMatrix };
    const result = whatIf(withAngryCustomer(assist), rules(60, 480, 50), proposed, now, assist);
    expect(result.levelsFiring.map((f) => f.ticketId)).toEqual(firing);
  });

  it('a risk level waits in the preview while risk is off, as on the desk', () => {
    const riskMatrix: EscalationMatrix = {
      rows: [
        {
          ...moodMatrix.rows[0]!,
          levels: [
            { ...moodMatrix.rows[0]!.levels[0]!, trigger: { kind: 'risk_above', score: 0 } },
          ],
        },
      ],
    };
    const proposed = { ...rules(60, 480, 50), matrix: riskMatrix };
    const on = { risk: true, sentiment: true };
    const off = { risk: false, sentiment: true };
    expect(
      whatIf(withAngryCustomer(on), rules(60, 480, 50), proposed, now, on).levelsFiring,
    ).not.toEqual([]);
    expect(
      whatIf(withAngryCustomer(off), rules(60, 480, 50), proposed, now, off).levelsFiring,
    ).toEqual([]);
  });
});
