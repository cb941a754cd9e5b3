import type { DrillDown } from '@core/metrics/types';
import { formatCsv, protectFormula } from '@core/transfer';

/** A clickable figure: the tickets behind it, and the title the queue shows above them. */
export interface DrillTarget {
  title: string;
  drill: DrillDown;
}

export interface FigureCell {
  /** What the chart plots (a count, a per cent 0…100, or ms); null = no value. */
  value: number | null;
  /** What the table shows: "93.5%", "3 h 20 min". */
  text: string;
  /** What the CSV holds, when not the plain value (e.g. minutes for a duration). */
  csv?: string;
  drill?: DrillTarget;
}

export interface FigureColumn {
  label: string;
  /** The CSV header when it needs a unit the table shows in its cells: "Median (minutes)". */
  csvLabel?: string;
}

export interface FigureRow {
  key: string;
  label: string;
  /** The CSV's first cell when not the label: a day as "2026-11-02" for spreadsheets. */
  csvLabel?: string;
  cells: FigureCell[];
}

/** How a figure is drawn; a figure without one is a table only. */
export interface ChartSpec {
  kind: 'bar' | 'line';
  /** Bars along the vertical axis (long category names such as root causes or teams). */
  horizontal?: boolean;
  stacked?: boolean;
  /** The columns drawn, each in a colour (a CSS colour, usually a variable). */
  series: { column: number; color: string }[];
  format: 'count' | 'percent' | 'duration';
  /** A line chart's click opens this column's tickets of the clicked row. */
  clickColumn?: number;
}

/**
 * One chart or table of the report: the numbers (which the table view, the CSV and the chart all
 * read), each count with the tickets it counts.
 */
export interface Figure {
  id: string;
  title: string;
  /** A sentence under the title: what is counted. */
  note?: string;
  /** The first column's header: "Week", "Team". */
  rowHeader: string;
  columns: FigureColumn[];
  rows: FigureRow[];
  chart?: ChartSpec;
}

/** A count cell that opens its tickets. */
export function countCell(count: number, drill?: DrillTarget): FigureCell {
  return { value: count, text: count.toLocaleString(), csv: String(count), drill };
}

/** A rate cell: per cent with one decimal ("93.5%" shown, "93.5" in the CSV). */
export function rateCell(rate: number | null): FigureCell {
  if (rate === null) return { value: null, text: '—', csv: '' };
  const percent = Math.round(rate * 1000) / 10;
  return { value: percent, text: `${percent.toFixed(1)}%`, csv: percent.toFixed(1) };
}

/** The figure's numbers as CSV: a header row, then a row per table row; labels formula-safe. */
export function figureCsv(figure: Figure): string {
  const header = [figure.rowHeader, ...figure.columns.map((c) => c.csvLabel ?? c.label)];
  const rows = figure.rows.map((row) => [
    row.csvLabel ?? row.label,
    ...row.cells.map((cell) => cell.csv ?? (cell.value === null ? '' : String(cell.value))),
  ]);
  // Numbers are written by us; only the texts (names a user typed, such as a team or category)
  // could start a formula.
  const safe = [header, ...rows].map((cells, r) =>
    cells.map((cell, c) => (r === 0 || c === 0 ? protectFormula(cell) : cell)),
  );
  return `${formatCsv(safe)}\r\n`;
}
