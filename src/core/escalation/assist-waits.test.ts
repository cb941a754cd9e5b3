import { describe, expect, it } from 'vitest';
import {
  assistLevelWarnings,
  levelRangeText,
  rowsWaitingOn,
  waitingLevelsText,
  type AssistTriggerFeature,
} from './assist-waits';
import type { EscalationLevel, EscalationMatrix, EscalationTrigger } from './matrix';

const level = (id: string, trigger: EscalationTrigger): EscalationLevel => ({
  id,
  type: 'automatic',
  trigger,
  actions: [{ kind: 'reassign' }],
  repeat: { kind: 'none' },
});
const RISK: EscalationTrigger = { kind: 'risk_above', score: 60 };
const MOOD: EscalationTrigger = { kind: 'sentiment_below', score: -0.4 };
const LATER: EscalationTrigger = { kind: 'after_minutes', minutes: 60, mode: 'business' };
const SLA: EscalationTrigger = { kind: 'sla_percent', target: 'resolution', percent: 50 };

/** VIP: L1 risk, L2 60 minutes later, L3 sentiment. Fallback: L1 SLA, L2 risk. Calm: SLA only. */
const MATRIX: EscalationMatrix = {
  rows: [
    {
      id: 'vip',
      name: 'VIP customers',
      criteria: { tiers: ['enterprise'] },
      levels: [level('v1', RISK), level('v2', LATER), level('v3', MOOD)],
    },
    {
      id: 'fallback',
      name: 'Everything else',
      criteria: {},
      levels: [level('f1', SLA), level('f2', RISK)],
    },
    { id: 'calm', name: '', criteria: {}, levels: [level('c1', SLA)] },
  ],
};

describe('which matrix levels wait while an assist feature is off', () => {
  it.each<[AssistTriggerFeature, string | undefined]>([
    ['risk', "4 levels in 2 rows (L1–L3 of row 'VIP customers', L2 of row 'Everything else')"],
    ['sentiment', "1 level in 1 row (L3 of row 'VIP customers')"],
  ])('%s off: %s', (feature, text) => {
    expect(waitingLevelsText(rowsWaitingOn(MATRIX, feature))).toBe(text);
  });

  it('says nothing for a matrix with no risk or sentiment level', () => {
    expect(rowsWaitingOn({ rows: [MATRIX.rows[2]!] }, 'risk')).toEqual([]);
    expect(waitingLevelsText([])).toBeUndefined();
  });

  it.each([
    [0, 0, 'L1'],
    [1, 3, 'L2–L4'],
  ])('levels %i to %i read %s', (from, to, text) => {
    expect(levelRangeText(from, to)).toBe(text);
  });
});

describe('assistLevelWarnings: the warning on each level whose feature is off', () => {
  it.each<[string, { risk: boolean; sentiment: boolean }, [string, number, string][]]>([
    ['both on: none', { risk: true, sentiment: true }, []],
    [
      'risk off: each risk level, with the levels it holds back',
      { risk: false, sentiment: true },
      [
        [
          'vip',
          0,
          'Escalation risk is switched off in Settings: this level and the levels after it in this row (L2–L3) will not fire until it is switched on.',
        ],
        [
          'fallback',
          1,
          'Escalation risk is switched off in Settings: this level will not fire until it is switched on.',
        ],
      ],
    ],
    [
      'sentiment off: the last level of its row',
      { risk: true, sentiment: false },
      [
        [
          'vip',
          2,
          'Customer sentiment is switched off in Settings: this level will not fire until it is switched on.',
        ],
      ],
    ],
  ])('%s', (_, on, expected) => {
    expect(assistLevelWarnings(MATRIX, on).map((w) => [w.rowId, w.index, w.message])).toEqual(
      expected,
    );
  });

  it('names the one level after it in the singular', () => {
    const matrix: EscalationMatrix = {
      rows: [{ id: 'r', name: 'R', criteria: {}, levels: [level('a', MOOD), level('b', LATER)] }],
    };
    expect(assistLevelWarnings(matrix, { risk: true, sentiment: false })[0]?.message).toBe(
      'Customer sentiment is switched off in Settings: this level and the level after it in this row (L2) will not fire until it is switched on.',
    );
  });
});
