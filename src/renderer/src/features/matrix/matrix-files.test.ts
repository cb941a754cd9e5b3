import { RULES_TEMPLATES } from '@core/index';
import { matrixToCsv } from '@core/escalation/matrix-csv';
import { describe, expect, it } from 'vitest';
import { matrixFileName, matrixJson, readMatrixFile } from './matrix-files';

describe('matrix files', () => {
  it.each(RULES_TEMPLATES.map((template) => [template.id, template.matrix] as const))(
    'reads back the %s template from CSV and from JSON',
    (_id, matrix) => {
      expect(readMatrixFile('matrix.csv', matrixToCsv(matrix))).toEqual({ matrix, issues: [] });
      expect(readMatrixFile('matrix.json', matrixJson(matrix))).toEqual({ matrix, issues: [] });
    },
  );

  it('names each CSV problem by line and column and loads nothing', () => {
    const csv = matrixToCsv(RULES_TEMPLATES[0]!.matrix)
      .split('\n')
      .map((line, index) =>
        index === 2 ? line.replace('at 75% of resolution', 'whenever it feels right') : line,
      )
      .join('\n');
    const read = readMatrixFile('matrix.csv', csv);
    expect(read.matrix).toBeUndefined();
    expect(read.issues).toHaveLength(1);
    expect(read.issues[0]).toMatchObject({ place: 'Line 3, column “trigger”', severity: 'error' });
    expect(read.issues[0]!.message).toMatch(/whenever it feels right/);
  });

  it('refuses a file whose matrix has errors, naming the line', () => {
    const matrix = structuredClone(RULES_TEMPLATES[0]!.matrix);
    matrix.rows[0]!.criteria = { priorities: ['P1'] };
    matrix.rows[0]!.levels[1]!.trigger = {
      kind: 'sla_percent',
      target: 'resolution',
      percent: 140,
    };
    const read = readMatrixFile('no-fallback.csv', matrixToCsv(matrix));
    expect(read.matrix).toBeUndefined();
    expect(read.issues).toEqual([
      expect.objectContaining({ place: 'Line 1', message: expect.stringMatching(/no fallback/) }),
      expect.objectContaining({ place: 'Line 3', message: expect.stringMatching(/140%/) }),
    ]);
  });

  it('loads a file with warnings only, and lists them', () => {
    const matrix = structuredClone(RULES_TEMPLATES[0]!.matrix);
    matrix.rows.at(-1)!.levels[0]!.actions = [];
    const read = readMatrixFile('warned.json', matrixJson(matrix));
    expect(read.matrix).toEqual(matrix);
    expect(read.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/no actions/),
      }),
    ]);
  });

  it('says where a JSON file has the wrong shape', () => {
    const read = readMatrixFile(
      'bad.json',
      JSON.stringify({
        rows: [
          {
            id: 'a',
            name: 'Everything',
            criteria: {},
            levels: [{ id: 'l', type: 'sideways', actions: [], repeat: { kind: 'none' } }],
          },
        ],
      }),
    );
    expect(read.matrix).toBeUndefined();
    expect(read.issues[0]!.place).toBe("Row 1 'Everything', L1, type");
    expect(readMatrixFile('x.json', '{ nope').issues[0]!.message).toMatch(/^is not JSON/);
  });

  it('dates file names in local time', () => {
    expect(matrixFileName('csv', new Date(2026, 10, 2, 9).getTime())).toBe(
      'escalation-matrix-2026-11-02.csv',
    );
  });
});
