import type { EscalationLevel, EscalationMatrix, EscalationRow } from '@core/index';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_DRAFT,
  hasUnsavedChanges,
  matrixDraftReducer,
  newId,
  type DraftAction,
  type MatrixDraft,
} from './matrix-draft';

const level = (id: string): EscalationLevel => ({
  id,
  type: 'functional',
  trigger: { kind: 'after_minutes', minutes: 30, mode: 'business' },
  actions: [{ kind: 'reassign' }],
  repeat: { kind: 'none' },
});

const row = (id: string, levels: string[], criteria: EscalationRow['criteria'] = {}) => ({
  id,
  name: id,
  criteria,
  levels: levels.map(level),
});

/** a (P1, levels a1 a2 a3), b (P2, level b1), fallback (no criteria, level f1). */
const MATRIX: EscalationMatrix = {
  rows: [
    row('a', ['a1', 'a2', 'a3'], { priorities: ['P1'] }),
    row('b', ['b1'], { priorities: ['P2'] }),
    row('fallback', ['f1']),
  ],
};

const loaded = matrixDraftReducer(EMPTY_DRAFT, { kind: 'load', matrix: MATRIX, version: 3 });

/** The matrix in short: row ids with their level ids, "a:a1,a2 b:b1". */
function shape(matrix: EscalationMatrix): string {
  return matrix.rows.map((r) => `${r.id}:${r.levels.map((l) => l.id).join(',')}`).join(' ');
}

describe('matrixDraftReducer', () => {
  const cases: [string, DraftAction, string][] = [
    [
      'adds a row before the fallback',
      { kind: 'add_row', row: row('c', [], { tiers: ['vip'] }) },
      'a:a1,a2,a3 b:b1 c: fallback:f1',
    ],
    [
      'adds a second fallback at the end',
      { kind: 'add_row', row: row('c', []) },
      'a:a1,a2,a3 b:b1 fallback:f1 c:',
    ],
    ['removes a row', { kind: 'remove_row', rowId: 'b' }, 'a:a1,a2,a3 fallback:f1'],
    ['moves a row down', { kind: 'move_row', rowId: 'a', by: 1 }, 'b:b1 a:a1,a2,a3 fallback:f1'],
    [
      'moves a row up',
      { kind: 'move_row', rowId: 'fallback', by: -2 },
      'fallback:f1 a:a1,a2,a3 b:b1',
    ],
    [
      'keeps the first row first when moved up',
      { kind: 'move_row', rowId: 'a', by: -1 },
      'a:a1,a2,a3 b:b1 fallback:f1',
    ],
    [
      'keeps the last row last when moved down',
      { kind: 'move_row', rowId: 'fallback', by: 1 },
      'a:a1,a2,a3 b:b1 fallback:f1',
    ],
    [
      'adds a level after the last',
      { kind: 'add_level', rowId: 'b', level: level('b2') },
      'a:a1,a2,a3 b:b1,b2 fallback:f1',
    ],
    ['removes a level', { kind: 'remove_level', rowId: 'a', index: 1 }, 'a:a1,a3 b:b1 fallback:f1'],
    [
      'ignores a level that is not there',
      { kind: 'remove_level', rowId: 'a', index: 5 },
      'a:a1,a2,a3 b:b1 fallback:f1',
    ],
    [
      'moves a level right',
      { kind: 'move_level', rowId: 'a', index: 0, by: 1 },
      'a:a2,a1,a3 b:b1 fallback:f1',
    ],
    [
      'moves a level left',
      { kind: 'move_level', rowId: 'a', index: 2, by: -1 },
      'a:a1,a3,a2 b:b1 fallback:f1',
    ],
    [
      'keeps L1 first when moved left',
      { kind: 'move_level', rowId: 'a', index: 0, by: -1 },
      'a:a1,a2,a3 b:b1 fallback:f1',
    ],
    [
      'replaces a level',
      { kind: 'update_level', rowId: 'b', index: 0, level: level('b9') },
      'a:a1,a2,a3 b:b9 fallback:f1',
    ],
    [
      'ignores an unknown row',
      { kind: 'add_level', rowId: 'zzz', level: level('z1') },
      'a:a1,a2,a3 b:b1 fallback:f1',
    ],
  ];

  it.each(cases)('%s', (_name, action, expected) => {
    const next = matrixDraftReducer(loaded, action);
    expect(shape(next.matrix)).toBe(expected);
    // The stored matrix is never changed in place.
    expect(shape(loaded.matrix)).toBe('a:a1,a2,a3 b:b1 fallback:f1');
  });

  it('returns the same draft for a step that changes nothing', () => {
    expect(matrixDraftReducer(loaded, { kind: 'move_row', rowId: 'a', by: -1 })).toBe(loaded);
    expect(matrixDraftReducer(loaded, { kind: 'remove_row', rowId: 'zzz' })).toBe(loaded);
  });

  it('updates a row’s name and criteria and keeps its levels', () => {
    const next = matrixDraftReducer(loaded, {
      kind: 'update_row',
      rowId: 'b',
      changes: { name: 'P2 retail', criteria: { priorities: ['P2'], channels: ['store'] } },
    });
    expect(next.matrix.rows[1]).toMatchObject({
      id: 'b',
      name: 'P2 retail',
      criteria: { priorities: ['P2'], channels: ['store'] },
      levels: [{ id: 'b1' }],
    });
  });

  it('tracks unsaved changes, their origin, discard and save', () => {
    expect(hasUnsavedChanges(loaded)).toBe(false);
    const edited = matrixDraftReducer(loaded, { kind: 'remove_row', rowId: 'b' });
    expect(hasUnsavedChanges(edited)).toBe(true);
    // Undoing by hand is no change.
    const back = matrixDraftReducer(edited, { kind: 'add_row', row: MATRIX.rows[1]! });
    expect(shape(back.matrix)).toBe(shape(MATRIX));
    expect(hasUnsavedChanges(back)).toBe(false);

    const replaced = matrixDraftReducer(edited, {
      kind: 'replace',
      matrix: { rows: [row('t', ['t1'])] },
      origin: 'Started from template Three-level escalation',
    });
    expect(replaced.origin).toBe('Started from template Three-level escalation');
    expect(replaced.baseVersion).toBe(3);

    const discarded = matrixDraftReducer(replaced, { kind: 'discard' });
    expect(discarded.matrix).toBe(MATRIX);
    expect(discarded.origin).toBeUndefined();

    const saved: MatrixDraft = matrixDraftReducer(replaced, {
      kind: 'saved',
      matrix: replaced.matrix,
      version: 4,
    });
    expect(hasUnsavedChanges(saved)).toBe(false);
    expect(saved).toMatchObject({ baseVersion: 4, origin: undefined });
  });

  it('makes distinct ids', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newId('level')));
    expect(ids.size).toBe(50);
    expect([...ids][0]).toMatch(/^level-[0-9a-f]{8}$/);
  });
});
