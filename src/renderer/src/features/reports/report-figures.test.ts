import { describe, expect, it } from 'vitest';
import { figureCsv } from './figure';
import { dayKey } from './report-store';
import {
  binLabel,
  csatDistribution,
  escalationsOverTime,
  resolutionHistogram,
} from './report-figures';
import { testReport } from './test-report';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const report = testReport(
  { from: Date.UTC(2026, 10, 2), to: Date.UTC(2026, 10, 16) },
  { bucket: 'week', timeZone: 'UTC', recurrenceDays: 30 },
);
const context = { report, scope: ['P1'], teamName: String, personName: String };

describe('report figures', () => {
  it.each([
    [0, HOUR, '< 1 h'],
    [HOUR, 4 * HOUR, '1–4 h'],
    [8 * HOUR, DAY, '8 h – 1 d'],
    [DAY, 3 * DAY, '1–3 d'],
    [7 * DAY, null, '≥ 7 d'],
  ])('labels the resolution bin %i–%s as %s', (fromMs, toMs, label) => {
    expect(binLabel(fromMs, toMs)).toBe(label);
  });

  it('titles a bin’s drill-down in words', () => {
    const rows = resolutionHistogram(context).rows;
    expect(rows.map((row) => row.cells[0]!.drill!.title.split(' · ')[0])).toEqual([
      'Resolved in under 1 h',
      'Resolved in 1–4 h',
      'Resolved in 7 d or more',
    ]);
    expect(rows[2]!.cells[0]!.drill!.drill).toEqual({
      segment: { kind: 'resolution_time', fromMs: 7 * DAY, toMs: null },
    });
  });

  it('writes a trend’s CSV with one row per week and the tickets column', () => {
    const lines = figureCsv(escalationsOverTime(context)).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Week,Functional,Hierarchical,Automatic,Not escalated,Tickets');
    // Weeks by their first day as a date a spreadsheet reads (here in UTC, the report's zone).
    expect(lines.slice(1).map((line) => line.split(','))).toEqual([
      [dayKey(Date.UTC(2026, 10, 2)), '17', '9', '4', '90', '120'],
      [dayKey(Date.UTC(2026, 10, 9)), '13', '6', '1', '60', '80'],
    ]);
  });
  it('compares CSAT as each group’s share of its ratings, with the counts beside', () => {
    const figure = csatDistribution(context);
    expect(figure.columns.map((column) => column.label)).toEqual([
      'Escalated (%)',
      'Not escalated (%)',
      'Escalated',
      'Not escalated',
    ]);
    // Score 4: 7 of 20 escalated ratings, 28 of 80 others: the same share, 35%.
    const four = figure.rows[3]!;
    expect(four.cells.map((cell) => cell.text)).toEqual(['35.0%', '35.0%', '7', '28']);
    expect(four.cells[0]!.drill!.drill.segment).toEqual({
      kind: 'csat',
      score: 4,
      escalated: true,
    });
    // No rating of 1 among the others: nothing to open.
    expect(figure.rows[0]!.cells[1]!.drill).toBeUndefined();
    expect(figure.chart).toMatchObject({
      format: 'percent',
      series: [{ column: 0 }, { column: 1 }],
    });
  });
});
