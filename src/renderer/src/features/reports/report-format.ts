import type { TrendBucket } from '@core/metrics/types';
import { formatMinutes } from '../../format';
import { CHANNEL_OPTIONS, TIER_LABELS } from '../new-escalation/form';
import { dayKey } from './report-store';

const counts = new Intl.NumberFormat();
const oneDecimal = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const dayWithYear = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const dayShort = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayWithWeekday = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});

/** "1,234". */
export function formatCount(value: number): string {
  return counts.format(value);
}

/** A rate 0…1 as "93.5%"; "—" when there is none. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${oneDecimal.format(rate * 100)}%`;
}

/** A duration in ms as "3 h 20 min"; "—" when there is none. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms > 0 && ms < 60_000) return '< 1 min';
  return formatMinutes(ms / 60_000);
}

/** A CSAT average as "4.2"; "—" when nobody rated. */
export function formatScore(average: number | null): string {
  return average === null ? '—' : oneDecimal.format(average);
}

/** The days a range [from, to) shows: "28 Oct – 26 Nov 2026" (`to` is the day after the last). */
export function formatRange(from: number, to: number): string {
  return dayWithYear.formatRange(from, Math.max(from, to - 1));
}

/** A range for a file name: "2026-10-28 to 2026-11-26". */
export function fileRange(from: number, to: number): string {
  return `${dayKey(from)} to ${dayKey(Math.max(from, to - 1))}`;
}

/** A trend bucket's row label: "Mon 2 Nov" or "Week of 2 Nov". */
export function bucketLabel(start: number, bucket: TrendBucket): string {
  return bucket === 'day' ? dayWithWeekday.format(start) : `Week of ${dayShort.format(start)}`;
}

/** A trend bucket in a drill-down title: "2 Nov 2026" or "week of 2 Nov 2026". */
export function bucketTitle(start: number, bucket: TrendBucket): string {
  return bucket === 'day' ? dayWithYear.format(start) : `week of ${dayWithYear.format(start)}`;
}

/** "First line", "L1", "L2" … (the level a ticket reached). */
export function levelName(level: number): string {
  return level === 0 ? 'First line' : `L${level}`;
}

/** A customer tier in words ("Enterprise"); an unknown one as it is. */
export function tierName(tier: string): string {
  return (TIER_LABELS as Record<string, string>)[tier] ?? tier;
}

/** A channel in words ("Web form"); an unknown one as it is. */
export function channelName(channel: string): string {
  return CHANNEL_OPTIONS.find((option) => option.value === channel)?.label ?? channel;
}

/** How a figure moved against the previous period, in words, and whether that is good. */
export interface Change {
  direction: 'up' | 'down' | 'same' | 'none';
  verdict: 'better' | 'worse' | 'neutral';
  /** "up 2.1 points vs previous period". */
  text: string;
}

const VS = 'vs previous period';

function changeOf(
  delta: number | null,
  amount: string,
  /** true: up is better; false: down is better; null: neither. */
  upIsBetter: boolean | null,
): Change {
  if (delta === null) return { direction: 'none', verdict: 'neutral', text: `No data ${VS}` };
  if (delta === 0) return { direction: 'same', verdict: 'neutral', text: `No change ${VS}` };
  const direction = delta > 0 ? 'up' : 'down';
  const verdict = upIsBetter === null ? 'neutral' : delta > 0 === upIsBetter ? 'better' : 'worse';
  return { direction, verdict, text: `${direction === 'up' ? 'Up' : 'Down'} ${amount} ${VS}` };
}

/** A rate's change in percentage points: "Up 2.1 points vs previous period". */
export function rateChange(
  current: number | null,
  previous: number | null,
  upIsBetter: boolean | null,
): Change {
  if (current === null || previous === null) return changeOf(null, '', upIsBetter);
  const points = Math.round((current - previous) * 1000) / 10;
  return changeOf(
    points,
    `${oneDecimal.format(Math.abs(points))} point${Math.abs(points) === 1 ? '' : 's'}`,
    upIsBetter,
  );
}

/** A count's change in per cent: "Up 12% vs previous period"; previous none: "Up from none". */
export function countChange(current: number, previous: number, upIsBetter: boolean | null): Change {
  if (previous === 0) {
    if (current === 0) return changeOf(0, '', upIsBetter);
    return { ...changeOf(current, '', upIsBetter), text: `Up from none ${VS}` };
  }
  const percent = Math.round(((current - previous) / previous) * 100);
  if (percent === 0 && current !== previous) {
    return changeOf(current - previous, `${formatCount(Math.abs(current - previous))}`, upIsBetter);
  }
  return changeOf(percent, `${Math.abs(percent)}%`, upIsBetter);
}

/** A duration's change: "Down 1 h 20 min vs previous period" (shorter is better). */
export function durationChange(current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return changeOf(null, '', false);
  const minutes = Math.round((current - previous) / 60_000);
  return changeOf(minutes, formatMinutes(minutes), false);
}

/** A score's change: "Up 0.2 vs previous period" (higher is better). */
export function scoreChange(current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return changeOf(null, '', true);
  const delta = Math.round((current - previous) * 10) / 10;
  return changeOf(delta, oneDecimal.format(Math.abs(delta)), true);
}
