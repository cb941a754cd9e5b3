import type { EscalationMatrix, EscalationTrigger } from './matrix';
import { rowLabel } from './validate-matrix';

/** The assist features (Settings › Assist) a level's trigger can depend on. */
export const ASSIST_TRIGGER_FEATURES = ['risk', 'sentiment'] as const;
export type AssistTriggerFeature = (typeof ASSIST_TRIGGER_FEATURES)[number];

/** Each feature as Settings names it. */
export const ASSIST_FEATURE_NAMES: Readonly<Record<AssistTriggerFeature, string>> = {
  risk: 'Escalation risk',
  sentiment: 'Customer sentiment',
};

/** The assist feature a trigger is judged with; undefined for time and SLA triggers. */
export function triggerFeature(
  trigger: EscalationTrigger | undefined,
): AssistTriggerFeature | undefined {
  if (trigger?.kind === 'risk_above') return 'risk';
  if (trigger?.kind === 'sentiment_below') return 'sentiment';
  return undefined;
}

/**
 * The levels of one row that wait while a feature is off: the first level judged with it never
 * fires, and levels fire in order, so it and every level after it wait (0-based, `to` the last).
 */
export interface WaitingRow {
  rowId: string;
  /** "Row 'VIP customers'". */
  label: string;
  from: number;
  to: number;
}

/** The rows of a matrix with levels that wait while `feature` is switched off, in row order. */
export function rowsWaitingOn(
  matrix: EscalationMatrix,
  feature: AssistTriggerFeature,
): WaitingRow[] {
  return matrix.rows.flatMap((row, index) => {
    const from = row.levels.findIndex((level) => triggerFeature(level.trigger) === feature);
    return from < 0
      ? []
      : [{ rowId: row.id, label: rowLabel(row, index), from, to: row.levels.length - 1 }];
  });
}

/** "L2" or "L2–L4" (1-based, as the grid's columns). */
export function levelRangeText(from: number, to: number): string {
  return from === to ? `L${from + 1}` : `L${from + 1}–L${to + 1}`;
}

const levelsText = (count: number) => `${count} ${count === 1 ? 'level' : 'levels'}`;
const rowsText = (count: number) => `${count} ${count === 1 ? 'row' : 'rows'}`;

/**
 * How many levels in which rows wait while a feature is off, e.g. "3 levels in 2 rows (L2–L3 of
 * row 'VIP customers', L1 of row 'Everything else')"; undefined when none do.
 */
export function waitingLevelsText(rows: readonly WaitingRow[]): string | undefined {
  if (rows.length === 0) return undefined;
  const levels = rows.reduce((sum, row) => sum + row.to - row.from + 1, 0);
  const where = rows
    .map((row) => `${levelRangeText(row.from, row.to)} of ${row.label.replace(/^Row /, 'row ')}`)
    .join(', ');
  return `${levelsText(levels)} in ${rowsText(rows.length)} (${where})`;
}

/** A level whose trigger needs an assist feature that is switched off. */
export interface AssistLevelWarning {
  rowId: string;
  /** The level's index in its row (0-based). */
  index: number;
  feature: AssistTriggerFeature;
  /** Names the feature and what waits, for the level's cell. */
  message: string;
}

/**
 * A warning for each level whose trigger needs a feature switched off in `on`: the level never
 * fires, and it holds back the levels after it in its row, until the feature is on again.
 */
export function assistLevelWarnings(
  matrix: EscalationMatrix,
  on: Readonly<Record<AssistTriggerFeature, boolean>>,
): AssistLevelWarning[] {
  const warnings: AssistLevelWarning[] = [];
  for (const row of matrix.rows) {
    const last = row.levels.length - 1;
    row.levels.forEach((level, index) => {
      const feature = triggerFeature(level.trigger);
      if (feature === undefined || on[feature]) return;
      const waits =
        index === last
          ? 'this level will not fire'
          : `this level and the ${index + 1 === last ? 'level' : 'levels'} after it in this row (${levelRangeText(index + 1, last)}) will not fire`;
      warnings.push({
        rowId: row.id,
        index,
        feature,
        message: `${ASSIST_FEATURE_NAMES[feature]} is switched off in Settings: ${waits} until it is switched on.`,
      });
    });
  }
  return warnings;
}
