import { DEFAULT_RECURRENCE_DAYS, type Priority } from '@core/index';
import type { ReportFilter, TrendBucket } from '@core/metrics/types';
import { useSyncExternalStore } from 'react';
import { create } from 'zustand';
import type { ReportQuery } from './report-query';

export const PERIOD_PRESETS = [
  'last_7',
  'last_30',
  'last_90',
  'this_month',
  'last_month',
  'custom',
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PERIOD_LABELS: Record<PeriodPreset, string> = {
  last_7: 'Last 7 days',
  last_30: 'Last 30 days',
  last_90: 'Last 90 days',
  this_month: 'This month',
  last_month: 'Last month',
  custom: 'Custom range',
};

/** Which time the duration figures use: the SLA calendar's working time or plain elapsed time. */
export type TimeBasis = 'business' | 'calendar';

/** One value per filter; undefined = any. `team` null = unassigned. */
export interface ReportFilterChoice {
  team?: string | null;
  level?: number;
  priority?: Priority;
  category?: string;
  tier?: string;
  channel?: string;
}

export interface ReportQueryState {
  preset: PeriodPreset;
  /** The custom range's first and last day shown, "YYYY-MM-DD" (local). */
  customFrom: string;
  customTo: string;
  bucket: TrendBucket;
  filters: ReportFilterChoice;
  timeBasis: TimeBasis;
  recurrenceDays: number;
  /** Figures whose table view is open. */
  tablesShown: string[];
}

interface ReportQueryActions {
  set(change: Partial<ReportQueryState>): void;
  setFilter<K extends keyof ReportFilterChoice>(key: K, value: ReportFilterChoice[K]): void;
  /** Back to the default period, grouping and filters (open tables stay open). */
  reset(): void;
  toggleTable(figureId: string): void;
}

const DAY_MS = 86_400_000;

/** A local date as "YYYY-MM-DD". */
export function dayKey(ms: number): string {
  const date = new Date(ms);
  return [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('-');
}

/** Local midnight of a "YYYY-MM-DD" day; undefined when the text is not a date. */
export function parseDayKey(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const date = new Date(year, month, day);
  return date.getFullYear() === year && date.getMonth() === month && date.getDate() === day
    ? date.getTime()
    : undefined;
}

/** Local midnight `days` days after the local day of `ms` (DST-safe: counts calendar days). */
function midnightAfter(ms: number, days: number): number {
  const date = new Date(ms);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days).getTime();
}

export function initialQueryState(now: number = Date.now()): ReportQueryState {
  return {
    preset: 'last_30',
    customFrom: dayKey(midnightAfter(now, -29)),
    customTo: dayKey(now),
    bucket: 'day',
    filters: {},
    timeBasis: 'business',
    recurrenceDays: DEFAULT_RECURRENCE_DAYS,
    tablesShown: [],
  };
}

/**
 * The range [from, to) of a period: local midnights, `to` exclusive (the day after the last day
 * shown). "Last N days" and "This month" end with today; a custom range whose days are the wrong
 * way round is swapped.
 */
export function periodRange(
  state: Pick<ReportQueryState, 'preset' | 'customFrom' | 'customTo'>,
  now: number,
): { from: number; to: number } {
  const tomorrow = midnightAfter(now, 1);
  const today = new Date(now);
  switch (state.preset) {
    case 'last_7':
      return { from: midnightAfter(now, -6), to: tomorrow };
    case 'last_30':
      return { from: midnightAfter(now, -29), to: tomorrow };
    case 'last_90':
      return { from: midnightAfter(now, -89), to: tomorrow };
    case 'this_month':
      return {
        from: new Date(today.getFullYear(), today.getMonth(), 1).getTime(),
        to: tomorrow,
      };
    case 'last_month':
      return {
        from: new Date(today.getFullYear(), today.getMonth() - 1, 1).getTime(),
        to: new Date(today.getFullYear(), today.getMonth(), 1).getTime(),
      };
    case 'custom': {
      const first = parseDayKey(state.customFrom) ?? midnightAfter(now, -29);
      const last = parseDayKey(state.customTo) ?? midnightAfter(now, 0);
      const [low, high] = first <= last ? [first, last] : [last, first];
      return { from: low, to: midnightAfter(high, 1) };
    }
  }
}

/** The whole days a range covers (rounded: a DST change makes one day 23 or 25 hours). */
export function rangeDays(range: { from: number; to: number }): number {
  return Math.max(1, Math.round((range.to - range.from) / DAY_MS));
}

/** The query the state asks for, with the range taken at `now`. */
export function queryOf(state: ReportQueryState, now: number, timeZone: string): ReportQuery {
  const { filters } = state;
  const filter: ReportFilter = periodRange(state, now);
  if (filters.team !== undefined) filter.teams = [filters.team];
  if (filters.level !== undefined) filter.levels = [filters.level];
  if (filters.priority !== undefined) filter.priorities = [filters.priority];
  if (filters.category !== undefined) filter.categories = [filters.category];
  if (filters.tier !== undefined) filter.tiers = [filters.tier];
  if (filters.channel !== undefined) filter.channels = [filters.channel];
  return {
    filter,
    options: { bucket: state.bucket, timeZone, recurrenceDays: state.recurrenceDays },
  };
}

/** The zone trend buckets fall in: the one this computer is set to. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The report page's query for the session (not persisted), so coming back from a drill-down
 * shows the same report.
 */
export const useReportQueryStore = create<ReportQueryState & ReportQueryActions>()((set) => ({
  ...initialQueryState(),
  set: (change) => set(change),
  setFilter: (key, value) => set((state) => ({ filters: { ...state.filters, [key]: value } })),
  reset: () => set(({ tablesShown }) => ({ ...initialQueryState(), tablesShown })),
  toggleTable: (figureId) =>
    set(({ tablesShown }) => ({
      tablesShown: tablesShown.includes(figureId)
        ? tablesShown.filter((id) => id !== figureId)
        : [...tablesShown, figureId],
    })),
}));

function subscribeToMidnight(onChange: () => void): () => void {
  const timer = window.setTimeout(onChange, midnightAfter(Date.now(), 1) - Date.now() + 1000);
  return () => window.clearTimeout(timer);
}

/** Local midnight today, changing (and re-rendering the caller) when the day does. */
export function useToday(): number {
  return useSyncExternalStore(subscribeToMidnight, () => midnightAfter(Date.now(), 0));
}
