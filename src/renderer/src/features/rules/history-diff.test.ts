import { describe, expect, it } from 'vitest';
import { RULES_TEMPLATES, type EscalationMatrix } from '@core/index';
import { ALL_DAY_CALENDAR, EVERYTHING_POLICY } from '../../db/test-desk';
import { describeChanges, describeValue } from './history-diff';

const matrix = RULES_TEMPLATES.find((template) => template.id === 'three-level')!.matrix;

function edit(change: (copy: EscalationMatrix) => void): EscalationMatrix {
  const copy = structuredClone(matrix) as EscalationMatrix;
  change(copy);
  return copy;
}

const asMatrix = (value: EscalationMatrix) => ({ kind: 'matrix' as const, matrix: value });

describe('describeChanges', () => {
  const firstRow = matrix.rows[0]!;
  it.each([
    [
      'a changed trigger, by row name and level',
      edit((m) => {
        m.rows[0]!.levels[1]!.trigger = { kind: 'sla_percent', target: 'resolution', percent: 60 };
      }),
      {
        where: `Row '${firstRow.name}' › L2 (${firstRow.levels[1]!.name}) › trigger › percent`,
        kind: 'changed',
      },
    ],
    [
      'an added level',
      edit((m) => {
        m.rows[0]!.levels.push({ ...m.rows[0]!.levels[0]!, id: 'new', name: 'Extra' });
      }),
      {
        where: `Row '${firstRow.name}' › L${firstRow.levels.length + 1} (Extra)`,
        kind: 'added',
        after: 'Extra',
      },
    ],
    [
      'a removed row, named from the older version',
      edit((m) => {
        m.rows.shift();
      }),
      { where: `Row '${firstRow.name}'`, kind: 'removed', before: firstRow.name },
    ],
  ])('names %s', (_, after, expected) => {
    expect(describeChanges(asMatrix(matrix), asMatrix(after))).toContainEqual(
      expect.objectContaining(expected),
    );
  });

  it('reports a reordered row as one move, not every field changed', () => {
    const twoRows = edit((m) =>
      m.rows.unshift({
        ...m.rows[0]!,
        id: 'p1',
        name: 'P1 only',
        criteria: { priorities: ['P1'] },
      }),
    );
    const swapped = structuredClone(twoRows);
    swapped.rows.reverse();
    const lines = describeChanges(asMatrix(twoRows), asMatrix(swapped));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.kind === 'moved')).toBe(true);
  });

  it('names policies and holidays in words', () => {
    const before = { kind: 'policies' as const, policies: [EVERYTHING_POLICY] };
    const after = {
      kind: 'policies' as const,
      policies: [{ ...EVERYTHING_POLICY, warningPercents: [50, 75] }],
    };
    expect(describeChanges(before, after)).toEqual([
      {
        where: "Policy 'Everything' › warning thresholds",
        kind: 'changed',
        before: '[75]',
        after: '[50,75]',
      },
    ]);
    const calendar = { kind: 'calendar' as const, name: '24/7', calendar: ALL_DAY_CALENDAR };
    const withHoliday = {
      ...calendar,
      calendar: { ...ALL_DAY_CALENDAR, holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] },
    };
    expect(describeChanges(calendar, withHoliday)).toEqual([
      { where: 'holidays', kind: 'added', after: expect.stringContaining('2026-12-25') },
    ]);
    const later = {
      ...calendar,
      calendar: { ...ALL_DAY_CALENDAR, holidays: [{ date: '2026-12-25', name: 'Xmas' }] },
    };
    expect(describeChanges(withHoliday, later)).toEqual([
      {
        where: 'Holiday 2026-12-25 (Xmas) › name',
        kind: 'changed',
        before: 'Christmas Day',
        after: 'Xmas',
      },
    ]);
  });
});

describe('describeValue', () => {
  it.each([
    [undefined, '—'],
    [42, '42'],
    ['Europe/Paris', 'Europe/Paris'],
    [{ kind: 'after_minutes', minutes: 30, mode: 'business' }, 'after 30 business minutes'],
    [{ id: 'x', name: 'Duty manager' }, 'Duty manager'],
    [{ a: 'x'.repeat(200) }, expect.stringMatching(/…$/)],
  ])('%j reads as %s', (value, expected) => {
    expect(describeValue(value)).toEqual(expected);
  });
});
