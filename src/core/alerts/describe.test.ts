import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escalationKey,
  escalationRepeatKey,
  slaBreachKey,
  slaWarningKey,
} from '../escalation/evaluate';
import { SLA_TARGETS } from '../sla/policy';
import { targetName } from '../sla/policy';
import { alertFromKey, describeAlert, formatDuration } from './describe';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('describeAlert', () => {
  it.each([
    [
      'a warning',
      { kind: 'sla_warning', target: 'first_response', percent: 75 },
      '75% of first response time used',
    ],
    ['a breach', { kind: 'sla_breach', target: 'next_update' }, 'Next update breached'],
    ['a breach without target', { kind: 'sla_breach' }, 'SLA breached'],
    [
      'an escalation',
      { kind: 'escalation', level: 2, to: 'Dana Smith' },
      'Escalated to L2 — Dana Smith',
    ],
    ['an escalation to nobody named', { kind: 'escalation', level: 1 }, 'Escalated to L1'],
    [
      'a reminder',
      { kind: 'escalation_repeat', level: 3, repeat: 2 },
      'Reminder 2: L3 not acknowledged',
    ],
    [
      'a reminder without number',
      { kind: 'escalation_repeat', level: 3 },
      'Reminder: L3 not acknowledged',
    ],
  ] as const)('describes %s', (_, alert, text) => {
    expect(describeAlert(alert)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, 'under a minute'],
    [59_999, 'under a minute'],
    [MINUTE, '1 min'],
    [20 * MINUTE + 30_000, '20 min'],
    [59 * MINUTE, '59 min'],
    [HOUR, '1 h'],
    [3 * HOUR + 5 * MINUTE, '3 h 5 min'],
    [47 * HOUR + 59 * MINUTE, '47 h 59 min'],
    [48 * HOUR, '2 days'],
    [4 * 24 * HOUR + 5 * HOUR, '4 days'],
    [-25 * MINUTE, '25 min'],
  ])('%i ms reads "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('targetName', () => {
  it.each([
    ['first_response', 'first response'],
    ['next_update', 'next update'],
    ['resolution', 'resolution'],
    [undefined, 'SLA'],
  ] as const)('%s reads "%s"', (target, text) => {
    expect(targetName(target)).toBe(text);
  });
});

describe('alertFromKey', () => {
  it.each([
    [
      'T1:resolution:warn:75',
      { ticketId: 'T1', kind: 'sla_warning', target: 'resolution', percent: 75 },
    ],
    [
      'T1:next_update.2:warn:90',
      { ticketId: 'T1', kind: 'sla_warning', target: 'next_update', percent: 90 },
    ],
    [
      'ESC-9:first_response:breach',
      { ticketId: 'ESC-9', kind: 'sla_breach', target: 'first_response' },
    ],
    ['T1:level:2', { ticketId: 'T1', kind: 'escalation', level: 2 }],
    ['T1:level:2:repeat:1', { ticketId: 'T1', kind: 'escalation_repeat', level: 2, repeat: 1 }],
  ])('reads %s', (key, facts) => {
    expect(alertFromKey(key)).toEqual(facts);
  });

  it.each([
    '',
    'T1',
    ':resolution:breach',
    'T1:',
    'T1:resolution',
    'T1:resolution:warn',
    'T1:resolution:warn:',
    'T1:resolution:warn:lots',
    'T1:resolution:warn:75:again',
    'T1:resolution:breach:now',
    'T1:resolution:late',
    'T1:uptime:breach',
    'T1:uptime:warn:75',
    'T1:level',
    'T1:level:',
    'T1:level:0',
    'T1:level:-1',
    'T1:level:1.5',
    'T1:level:two',
    'T1:level:2:again:1',
    'T1:level:2:repeat',
    'T1:level:2:repeat:',
    'T1:level:2:repeat:0',
    'T1:level:2:repeat:x',
  ])('gives nothing for the junk key %j', (key) => {
    expect(alertFromKey(key)).toBeUndefined();
  });

  const ticketIdArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
  const targetArb = fc.constantFrom(...SLA_TARGETS);
  const cycleArb = fc.integer({ min: 0, max: 50 });
  // Policies warn at any share of the time, 75 or 87.5 (never 0 or 100).
  const percentArb = fc.oneof(
    fc.integer({ min: 1, max: 99 }),
    fc.double({ min: 0.001, max: 99.999, noNaN: true }),
  );
  const keyed = fc.oneof(
    fc
      .record({ ticketId: ticketIdArb, target: targetArb, cycle: cycleArb, percent: percentArb })
      .map(({ ticketId, target, cycle, percent }) => ({
        key: slaWarningKey(ticketId, target, cycle, percent),
        facts: { ticketId, kind: 'sla_warning', target, percent },
      })),
    fc
      .record({ ticketId: ticketIdArb, target: targetArb, cycle: cycleArb })
      .map(({ ticketId, target, cycle }) => ({
        key: slaBreachKey(ticketId, target, cycle),
        facts: { ticketId, kind: 'sla_breach', target },
      })),
    fc
      .record({ ticketId: ticketIdArb, level: fc.integer({ min: 1, max: 50 }) })
      .map(({ ticketId, level }) => ({
        key: escalationKey(ticketId, level),
        facts: { ticketId, kind: 'escalation', level },
      })),
    fc
      .record({
        ticketId: ticketIdArb,
        level: fc.integer({ min: 1, max: 50 }),
        repeat: fc.integer({ min: 1, max: 1000 }),
      })
      .map(({ ticketId, level, repeat }) => ({
        key: escalationRepeatKey(ticketId, level, repeat),
        facts: { ticketId, kind: 'escalation_repeat', level, repeat },
      })),
  );

  it('reads back every key the SLA engine builds', () => {
    fc.assert(
      fc.property(keyed, ({ key, facts }) => {
        expect(alertFromKey(key)).toEqual(facts);
      }),
    );
  });

  it('gives nothing for an engine key cut short or with a part added', () => {
    const extra = fc.string({ maxLength: 8 }).filter((text) => !text.includes(':'));
    fc.assert(
      fc.property(keyed, extra, ({ key }, part) => {
        expect(alertFromKey(key.slice(0, key.lastIndexOf(':')))).toBeUndefined();
        expect(alertFromKey(`${key}:${part}`)).toBeUndefined();
      }),
    );
  });
});
