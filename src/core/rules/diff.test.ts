import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffRules } from './diff';
import { RULES_TEMPLATES } from './templates';

const matrix = RULES_TEMPLATES[0]!.matrix;

describe('the difference between two versions', () => {
  it('is empty for equal versions (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(diffRules(value, structuredClone(value))).toEqual([]);
      }),
    );
  });

  it.each([
    [
      'a changed trigger, by row and level id',
      (m: typeof matrix) => {
        m.rows[0]!.levels[1]!.trigger = { kind: 'sla_percent', target: 'resolution', percent: 60 };
      },
      [
        {
          path: 'rows["all"].levels["all-l2"].trigger.percent',
          kind: 'changed',
          before: 75,
          after: 60,
        },
      ],
    ],
    [
      'a level added at the end',
      (m: typeof matrix) => {
        m.rows[0]!.levels.push({
          id: 'new',
          type: 'automatic',
          actions: [],
          repeat: { kind: 'none' },
        });
      },
      [
        {
          path: 'rows["all"].levels["new"]',
          kind: 'added',
          after: { id: 'new', type: 'automatic', actions: [], repeat: { kind: 'none' } },
        },
      ],
    ],
    [
      'two levels swapped: moves, not field changes',
      (m: typeof matrix) => {
        const levels = m.rows[0]!.levels;
        [levels[0], levels[1]] = [levels[1]!, levels[0]!];
      },
      [
        { path: 'rows["all"].levels["all-l2"]', kind: 'moved', before: 2, after: 1 },
        { path: 'rows["all"].levels["all-l1"]', kind: 'moved', before: 1, after: 2 },
      ],
    ],
    [
      'a level removed: the others keep their place',
      (m: typeof matrix) => {
        m.rows[0]!.levels.splice(0, 1);
      },
      [
        {
          path: 'rows["all"].levels["all-l1"]',
          kind: 'removed',
          before: matrix.rows[0]!.levels[0],
        },
      ],
    ],
    [
      'a criteria list changed as a whole',
      (m: typeof matrix) => {
        m.rows[0]!.criteria = { priorities: ['P1', 'P2'] };
      },
      [{ path: 'rows["all"].criteria.priorities', kind: 'added', after: ['P1', 'P2'] }],
    ],
  ])('%s', (_name, edit, changes) => {
    const next = structuredClone(matrix);
    edit(next);
    expect(diffRules(matrix, next)).toEqual(changes);
  });

  it('matches holidays by date', () => {
    const before = { holidays: [{ date: '2026-12-25', name: 'Christmas' }] };
    const after = {
      holidays: [
        { date: '2026-12-25', name: 'Christmas Day' },
        { date: '2026-12-26', name: 'Boxing Day' },
      ],
    };
    expect(diffRules(before, after)).toEqual([
      {
        path: 'holidays["2026-12-25"].name',
        kind: 'changed',
        before: 'Christmas',
        after: 'Christmas Day',
      },
      {
        path: 'holidays["2026-12-26"]',
        kind: 'added',
        after: { date: '2026-12-26', name: 'Boxing Day' },
      },
    ]);
  });
});
