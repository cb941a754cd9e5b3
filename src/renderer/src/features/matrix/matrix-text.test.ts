import { RULES_TEMPLATES, validateMatrix, type MatrixProblem } from '@core/index';
import { describe, expect, it } from 'vitest';
import {
  actionsText,
  levelKey,
  levelSummary,
  placeProblems,
  problemCountText,
  problemText,
  repeatText,
} from './matrix-text';

const threeLevel = RULES_TEMPLATES.find((t) => t.id === 'three-level')!.matrix;

describe('matrix wording', () => {
  it('summarises a level in one line', () => {
    expect(levelSummary(threeLevel.rows[0]!.levels[1]!)).toBe(
      'hierarchical · Duty manager (role) · at 75% of resolution · notify manager; raise priority one step · repeat every 30 min, at most 4 times',
    );
    expect(
      levelSummary({ id: 'x', type: 'automatic', actions: [], repeat: { kind: 'none' } }),
    ).toBe('automatic · no owner · no trigger · no actions · no repeat');
  });

  it.each([
    [[], 'No problems'],
    [['error'], '1 error'],
    [['error', 'error', 'warning'], '2 errors, 1 warning'],
    [['warning', 'warning'], '2 warnings'],
  ] as const)('counts %j as "%s"', (severities, text) => {
    expect(problemCountText(severities.map((severity) => ({ severity })))).toBe(text);
  });

  it('says "an empty value" instead of NaN', () => {
    expect(problemText({ message: "Row 'A', level L1: NaN is not a number of minutes." })).toBe(
      "Row 'A', level L1: an empty value is not a number of minutes.",
    );
  });

  it('words actions and repeats', () => {
    expect(
      actionsText([
        { kind: 'raise_priority', to: 'P1' },
        { kind: 'notify', roles: ['admin', 'manager'] },
      ]),
    ).toBe('raise priority to P1; notify admin, manager');
    expect(repeatText({ kind: 'none' })).toBe('no repeat');
  });

  it('places problems on the matrix, a row or a level, errors first', () => {
    const problems: MatrixProblem[] = validateMatrix({
      rows: [
        {
          id: 'r1',
          name: 'P1',
          criteria: { priorities: ['P1'] },
          levels: [{ id: 'l1', type: 'functional', actions: [], repeat: { kind: 'none' } }],
        },
      ],
    });
    const placed = placeProblems(problems);
    expect(placed.general.map((p) => p.code)).toEqual(['no_fallback']);
    expect(placed.byRow.size).toBe(0);
    expect(placed.byLevel.get(levelKey('r1', 0))!.map((p) => p.code)).toEqual([
      'missing_owner',
      'missing_trigger',
      'no_actions',
    ]);
  });
});
