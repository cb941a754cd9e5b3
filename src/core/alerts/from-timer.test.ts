import { describe, expect, it } from 'vitest';
import type { DeskTimer } from '../escalation/evaluate';
import type { EscalationLevel, EscalationRow } from '../escalation/matrix';
import type { DeskEvent, Ticket } from '../tickets/desk';
import { alertOfTimer, alertTicketOf, escalationContextOf, type FiredKeyState } from './from-timer';

const T0 = Date.parse('2025-01-15T09:00Z');
const HOUR = 3_600_000;

const level = (id: string, ownerName?: string): EscalationLevel => ({
  id,
  type: 'hierarchical',
  ...(ownerName ? { owner: { kind: 'person', id: `p-${id}`, name: ownerName, contacts: [] } } : {}),
  actions: [],
  repeat: { kind: 'every', minutes: 60, maxTimes: 3 },
});
const ROW: EscalationRow = {
  id: 'row',
  name: 'Everything',
  criteria: {},
  levels: [level('l1', 'Tier 2 Support'), level('l2', 'Dana Smith'), level('l3')],
};

const ticket = (fields: Partial<Ticket> = {}): Ticket => ({
  id: 'ESC-1',
  title: 'VPN down',
  description: '',
  customerId: 'c-acme',
  tier: 'enterprise',
  channel: 'phone',
  category: 'network',
  priority: 'P1',
  status: 'open',
  level: 0,
  createdAt: T0,
  updatedAt: T0,
  escalated: false,
  breached: false,
  ...fields,
});

describe('alertOfTimer', () => {
  it('a warning carries its target, share and due time', () => {
    const timer: DeskTimer = {
      kind: 'sla_warning',
      key: 'ESC-1:next_update.2:warn:75',
      at: T0,
      ticketId: 'ESC-1',
      target: 'next_update',
      cycle: 2,
      percent: 75,
      dueAt: T0 + HOUR,
    };
    expect(alertOfTimer(timer, ROW)).toEqual({
      key: 'ESC-1:next_update.2:warn:75',
      at: T0,
      ticketId: 'ESC-1',
      kind: 'sla_warning',
      target: 'next_update',
      percent: 75,
      dueAt: T0 + HOUR,
    });
  });

  it('a breach carries its target', () => {
    const timer: DeskTimer = {
      kind: 'sla_breach',
      key: 'ESC-1:resolution:breach',
      at: T0,
      ticketId: 'ESC-1',
      target: 'resolution',
      cycle: 0,
    };
    expect(alertOfTimer(timer, ROW)).toEqual({
      key: 'ESC-1:resolution:breach',
      at: T0,
      ticketId: 'ESC-1',
      kind: 'sla_breach',
      target: 'resolution',
    });
  });

  const escalation = (number: number): DeskTimer => ({
    kind: 'escalation',
    key: `ESC-1:level:${number}`,
    at: T0,
    ticketId: 'ESC-1',
    rowId: 'row',
    level: number,
    levelId: `l${number}`,
  });

  it.each([
    [1, ROW, { to: 'Tier 2 Support' }],
    [2, ROW, { to: 'Dana Smith' }],
    [3, ROW, {}],
    [2, undefined, {}],
  ])('an escalation to level %i names its owner when known', (number, row, to) => {
    expect(alertOfTimer(escalation(number), row)).toEqual({
      key: `ESC-1:level:${number}`,
      at: T0,
      ticketId: 'ESC-1',
      kind: 'escalation',
      level: number,
      ...to,
    });
  });

  it('a reminder carries its level, its owner and which reminder it is', () => {
    const timer: DeskTimer = {
      kind: 'escalation_repeat',
      key: 'ESC-1:level:2:repeat:3',
      at: T0,
      ticketId: 'ESC-1',
      rowId: 'row',
      level: 2,
      levelId: 'l2',
      repeat: 3,
    };
    expect(alertOfTimer(timer, ROW)).toEqual({
      key: 'ESC-1:level:2:repeat:3',
      at: T0,
      ticketId: 'ESC-1',
      kind: 'escalation_repeat',
      level: 2,
      to: 'Dana Smith',
      repeat: 3,
    });
  });
});

describe('alertTicketOf', () => {
  it('names the customer and team of the ticket', () => {
    const facts = alertTicketOf(
      ticket({ teamId: 'tier2' }),
      { name: 'Acme GmbH' },
      { name: 'Tier 2 Support' },
    );
    expect(facts).toEqual({
      id: 'ESC-1',
      title: 'VPN down',
      customer: 'Acme GmbH',
      priority: 'P1',
      teamId: 'tier2',
      team: 'Tier 2 Support',
    });
  });

  it('falls back to the customer id and leaves out a missing team', () => {
    expect(alertTicketOf(ticket(), undefined, undefined)).toEqual({
      id: 'ESC-1',
      title: 'VPN down',
      customer: 'c-acme',
      priority: 'P1',
    });
  });

  it('cuts long texts to what a notification request accepts', () => {
    const facts = alertTicketOf(
      ticket({ title: 'x'.repeat(600) }),
      { name: 'c'.repeat(300) },
      { name: 't'.repeat(300) },
    );
    expect([facts.title.length, facts.customer.length, facts.team?.length]).toEqual([
      500, 200, 200,
    ]);
  });
});

describe('escalationContextOf', () => {
  let sequence = 0;
  const step = (
    type: 'escalated' | 'de_escalated',
    at: number,
    fromLevel: number,
    toLevel: number,
  ): DeskEvent =>
    type === 'escalated'
      ? {
          id: `e${++sequence}`,
          ticketId: 'ESC-1',
          at,
          by: 'system',
          type,
          escalationType: 'automatic',
          fromLevel,
          toLevel,
          reason: 'test',
        }
      : {
          id: `e${++sequence}`,
          ticketId: 'ESC-1',
          at,
          by: 'p1',
          type,
          fromLevel,
          toLevel,
          reason: 'test',
        };
  const note: DeskEvent = {
    id: 'n1',
    ticketId: 'ESC-1',
    at: T0 + 9 * HOUR,
    by: 'p1',
    type: 'note',
    body: 'Called the customer',
  };

  it.each([
    ['a ticket never escalated has no level', ticket(), [], undefined],
    [
      'the level dates from the last escalation',
      ticket({ level: 2 }),
      [step('escalated', T0 + HOUR, 0, 1), step('escalated', T0 + 3 * HOUR, 1, 2), note],
      { number: 2, since: T0 + 3 * HOUR },
    ],
    [
      'a de-escalation counts as the last step',
      ticket({ level: 1 }),
      [step('escalated', T0 + HOUR, 0, 2), step('de_escalated', T0 + 5 * HOUR, 2, 1)],
      { number: 1, since: T0 + 5 * HOUR },
    ],
    [
      'events out of order: the latest counts',
      ticket({ level: 2 }),
      [step('escalated', T0 + 3 * HOUR, 1, 2), step('escalated', T0 + HOUR, 0, 1)],
      { number: 2, since: T0 + 3 * HOUR },
    ],
    [
      'de-escalated back to first line: level 0 since then',
      ticket({ level: 0 }),
      [step('escalated', T0 + HOUR, 0, 1), step('de_escalated', T0 + 2 * HOUR, 1, 0)],
      { number: 0, since: T0 + 2 * HOUR },
    ],
    [
      'an escalated ticket without escalation events dates from its creation',
      ticket({ level: 2 }),
      [note],
      { number: 2, since: T0 },
    ],
  ])('%s', (_, record, events, expected) => {
    expect(escalationContextOf(record, events, []).level).toEqual(expected);
  });

  it('knows which fired alerts are acknowledged: every state but new', () => {
    const fired: FiredKeyState[] = [
      { key: 'ESC-1:level:1', state: 'acknowledged' },
      { key: 'ESC-1:level:2', state: 'new' },
      { key: 'ESC-1:resolution:breach', state: 'resolved' },
    ];
    const context = escalationContextOf(ticket(), [], fired);
    expect([...(context.firedKeys ?? [])].sort()).toEqual([
      'ESC-1:level:1',
      'ESC-1:level:2',
      'ESC-1:resolution:breach',
    ]);
    expect([...(context.acknowledgedKeys ?? [])].sort()).toEqual([
      'ESC-1:level:1',
      'ESC-1:resolution:breach',
    ]);
  });
});
