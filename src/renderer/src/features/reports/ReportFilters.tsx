import { PRIORITIES, isPriority } from '@core/index';
import { RotateCcw } from 'lucide-react';
import { useState } from 'react';
import type { ReportDimensions } from './report-query';
import { channelName, levelName, tierName } from './report-format';
import {
  PERIOD_LABELS,
  PERIOD_PRESETS,
  useReportQueryStore,
  type PeriodPreset,
  type TimeBasis,
} from './report-store';

const ANY = '';
const MAX_RECURRENCE_DAYS = 365;

/**
 * The recurrence window in days. What is typed stays as typed; a value that is not 1…365 whole
 * days is named as the problem and leaves the report as it is.
 */
function RecurrenceField(props: { days: number; onChange(days: number): void }) {
  const [text, setText] = useState(String(props.days));
  // A reset (or any change from elsewhere) shows the report's value again.
  const [shown, setShown] = useState(props.days);
  if (shown !== props.days) {
    setShown(props.days);
    setText(String(props.days));
  }
  const days = Number(text);
  const valid = /^\d+$/.test(text.trim()) && days >= 1 && days <= MAX_RECURRENCE_DAYS;
  return (
    <div className="report-field narrow">
      <label htmlFor="report-recurrence">Recurs within (days)</label>
      <input
        id="report-recurrence"
        type="number"
        min={1}
        max={MAX_RECURRENCE_DAYS}
        step={1}
        value={text}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : 'report-recurrence-error'}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const value = Number(next);
          if (/^\d+$/.test(next.trim()) && value >= 1 && value <= MAX_RECURRENCE_DAYS) {
            setShown(value);
            props.onChange(value);
          }
        }}
      />
      {valid ? null : (
        <p id="report-recurrence-error" className="field-error">
          Whole days from 1 to {MAX_RECURRENCE_DAYS}; the report still uses {props.days}.
        </p>
      )}
    </div>
  );
}
const UNASSIGNED = '\u0000unassigned';

/** The values to offer: what the desk has, plus the one chosen (so it stays visible). */
function withChosen(values: readonly string[], chosen: string | undefined): string[] {
  return chosen === undefined || values.includes(chosen) ? [...values] : [...values, chosen];
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="report-field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The period, grouping, filters and settings of the report. */
export function ReportFilters(props: {
  dimensions: ReportDimensions | undefined;
  teamName(id: string | null): string;
}) {
  const state = useReportQueryStore();
  const { filters } = state;
  const dimensions = props.dimensions;
  const maxLevel = Math.max(dimensions?.maxLevel ?? 0, filters.level ?? 0, 3);
  const teamIds = withChosen(dimensions?.teamIds ?? [], filters.team ?? undefined).sort((a, b) =>
    props.teamName(a).localeCompare(props.teamName(b)),
  );
  const any = (label: string) => ({ value: ANY, label });
  const optional = (value: string) => (value === ANY ? undefined : value);

  return (
    <div className="report-filters" role="group" aria-label="Report period and filters">
      <Select
        id="report-period"
        label="Period"
        value={state.preset}
        onChange={(value) => state.set({ preset: value as PeriodPreset })}
        options={PERIOD_PRESETS.map((preset) => ({ value: preset, label: PERIOD_LABELS[preset] }))}
      />
      {state.preset === 'custom' ? (
        <>
          <div className="report-field">
            <label htmlFor="report-from">From</label>
            <input
              id="report-from"
              type="date"
              value={state.customFrom}
              max={state.customTo}
              onChange={(e) => e.target.value && state.set({ customFrom: e.target.value })}
            />
          </div>
          <div className="report-field">
            <label htmlFor="report-to">To (last day)</label>
            <input
              id="report-to"
              type="date"
              value={state.customTo}
              min={state.customFrom}
              onChange={(e) => e.target.value && state.set({ customTo: e.target.value })}
            />
          </div>
        </>
      ) : null}
      <Select
        id="report-bucket"
        label="Group by"
        value={state.bucket}
        onChange={(value) => state.set({ bucket: value === 'week' ? 'week' : 'day' })}
        options={[
          { value: 'day', label: 'Day' },
          { value: 'week', label: 'Week' },
        ]}
      />
      <Select
        id="report-team"
        label="Team"
        value={filters.team === null ? UNASSIGNED : (filters.team ?? ANY)}
        onChange={(value) => state.setFilter('team', value === UNASSIGNED ? null : optional(value))}
        options={[
          any('All teams'),
          ...teamIds.map((id) => ({ value: id, label: props.teamName(id) })),
          { value: UNASSIGNED, label: 'No team' },
        ]}
      />
      <Select
        id="report-level"
        label="Highest level"
        value={filters.level === undefined ? ANY : String(filters.level)}
        onChange={(value) => state.setFilter('level', value === ANY ? undefined : Number(value))}
        options={[
          any('Any level'),
          ...Array.from({ length: maxLevel + 1 }, (_, level) => ({
            value: String(level),
            label: levelName(level),
          })),
        ]}
      />
      <Select
        id="report-priority"
        label="Priority"
        value={filters.priority ?? ANY}
        onChange={(value) => state.setFilter('priority', isPriority(value) ? value : undefined)}
        options={[any('Any priority'), ...PRIORITIES.map((p) => ({ value: p, label: p }))]}
      />
      <Select
        id="report-category"
        label="Category"
        value={filters.category ?? ANY}
        onChange={(value) => state.setFilter('category', optional(value))}
        options={[
          any('All categories'),
          ...withChosen(dimensions?.categories ?? [], filters.category).map((category) => ({
            value: category,
            label: category,
          })),
        ]}
      />
      <Select
        id="report-tier"
        label="Customer tier"
        value={filters.tier ?? ANY}
        onChange={(value) => state.setFilter('tier', optional(value))}
        options={[
          any('All tiers'),
          ...withChosen(dimensions?.tiers ?? [], filters.tier).map((tier) => ({
            value: tier,
            label: tierName(tier),
          })),
        ]}
      />
      <Select
        id="report-channel"
        label="Channel"
        value={filters.channel ?? ANY}
        onChange={(value) => state.setFilter('channel', optional(value))}
        options={[
          any('All channels'),
          ...withChosen(dimensions?.channels ?? [], filters.channel).map((channel) => ({
            value: channel,
            label: channelName(channel),
          })),
        ]}
      />
      <Select
        id="report-time-basis"
        label="Durations in"
        value={state.timeBasis}
        onChange={(value) => state.set({ timeBasis: value as TimeBasis })}
        options={[
          { value: 'business', label: 'Business hours' },
          { value: 'calendar', label: 'Calendar time' },
        ]}
      />
      <RecurrenceField
        days={state.recurrenceDays}
        onChange={(days) => state.set({ recurrenceDays: days })}
      />
      <button type="button" className="button report-reset" onClick={state.reset}>
        <RotateCcw size={14} aria-hidden="true" />
        Reset
      </button>
    </div>
  );
}
