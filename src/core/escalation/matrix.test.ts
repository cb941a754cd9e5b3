import { describe, expect, it } from 'vitest';
import type { TicketFacts } from '../tickets';
import { EscalationMatrixSchema, matchEscalationRow, type EscalationRow } from './matrix';

const row = (id: string, criteria: EscalationRow['criteria']): EscalationRow => ({
  id,
  name: id,
  criteria,
  levels: [
    {
      id: 'l1',
      type: 'automatic',
      owner: { kind: 'role', id: 'supervisor', name: 'Supervisor', contacts: [] },
      trigger: { kind: 'after_minutes', minutes: 30, mode: 'business' },
      actions: [{ kind: 'notify', roles: ['supervisor'] }, { kind: 'raise_priority' }],
      repeat: { kind: 'every', minutes: 15, maxTimes: 2 },
    },
  ],
});

const MATRIX = {
  rows: [
    row('p1-enterprise', { priorities: ['P1'], tiers: ['enterprise'] }),
    row('store-outage', { categories: ['outage'], channels: ['store'] }),
    row('p1', { priorities: ['P1'] }),
    row('fallback', {}),
  ],
};

const facts = (overrides: Partial<TicketFacts>): TicketFacts => ({
  priority: 'P3',
  category: 'billing',
  tier: 'standard',
  channel: 'email',
  ...overrides,
});

describe('matchEscalationRow', () => {
  it.each<[string, Partial<TicketFacts>, string]>([
    ['P1 enterprise', { priority: 'P1', tier: 'enterprise' }, 'p1-enterprise'],
    [
      'P1 store outage: listed order, not specificity',
      { priority: 'P1', category: 'outage', channel: 'store' },
      'store-outage',
    ],
    ['P1 standard', { priority: 'P1' }, 'p1'],
    ['P2 enterprise', { priority: 'P2', tier: 'enterprise' }, 'fallback'],
    ['outage by email', { category: 'outage' }, 'fallback'],
  ])('%s: row %s', (_, overrides, rowId) => {
    expect(matchEscalationRow(MATRIX, facts(overrides))?.id).toBe(rowId);
  });

  it('matches nothing when no row fits and there is no fallback', () => {
    expect(matchEscalationRow({ rows: MATRIX.rows.slice(0, 3) }, facts({}))).toBeUndefined();
  });
});

describe('EscalationMatrixSchema', () => {
  it('accepts a stored matrix, including levels still missing an owner or trigger', () => {
    expect(EscalationMatrixSchema.safeParse(MATRIX).success).toBe(true);
    const draft = {
      rows: [
        {
          ...row('r', {}),
          levels: [{ ...row('r', {}).levels[0], owner: undefined, trigger: undefined }],
        },
      ],
    };
    expect(EscalationMatrixSchema.safeParse(draft).success).toBe(true);
  });

  it.each([
    ['an unknown trigger kind', { kind: 'at_noon' }],
    ['an unknown time mode', { kind: 'after_minutes', minutes: 5, mode: 'lunar' }],
    ['an unknown SLA target', { kind: 'sla_percent', target: 'closure', percent: 50 }],
  ])('rejects %s', (_, trigger) => {
    const bad = { rows: [{ ...row('r', {}), levels: [{ ...row('r', {}).levels[0], trigger }] }] };
    expect(EscalationMatrixSchema.safeParse(bad).success).toBe(false);
  });
});
