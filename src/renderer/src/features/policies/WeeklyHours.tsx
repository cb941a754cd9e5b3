import { WEEKDAYS, type BusinessCalendar, type CalendarProblem } from '@core/index';
import { Copy, Plus, X } from 'lucide-react';
import { useId } from 'react';
import {
  addRange,
  calendarProblemsAt,
  copyMondayToWeekdays,
  isOvernight,
  removeRange,
  setRange,
  WEEKDAY_NAMES,
} from './calendar-draft';
import { describedBy, FieldErrors } from './fields';

/** The weekly opening hours: for each weekday its time ranges, with the engine's problems at each. */
export function WeeklyHours(props: {
  calendar: BusinessCalendar;
  problems: readonly CalendarProblem[];
  onChange: (change: (calendar: BusinessCalendar) => BusinessCalendar) => void;
}) {
  const { calendar, onChange } = props;
  const id = useId();
  const at = (path: string) => calendarProblemsAt(props.problems, path).map((p) => p.message);
  const weekErrors = at('week');
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card-heading-row">
        <h2 id={`${id}-title`}>Weekly hours</h2>
        <button type="button" className="button" onClick={() => onChange(copyMondayToWeekdays)}>
          <Copy size={16} aria-hidden="true" />
          Copy Monday to weekdays
        </button>
      </div>
      <p className="field-hint">
        Local times as HH:MM. A range whose end is earlier than its start runs past midnight; 24:00
        means until midnight.
      </p>
      <FieldErrors id={`${id}-week-error`} messages={weekErrors} />
      <div className="week-grid">
        {WEEKDAYS.map((day) => {
          const dayName = WEEKDAY_NAMES[day];
          const ranges = calendar.week[day] ?? [];
          const dayErrors = at(`week.${day}`);
          return (
            <div
              key={day}
              role="group"
              aria-labelledby={`${id}-${day}`}
              className="week-day"
              aria-describedby={describedBy(dayErrors.length > 0 && `${id}-${day}-error`)}
            >
              <h3 id={`${id}-${day}`} className="week-day-name">
                {dayName}
              </h3>
              <div className="week-ranges">
                {ranges.length === 0 ? <p className="muted">Closed</p> : null}
                {ranges.map((range, index) => {
                  const base = `week.${day}[${index}]`;
                  const label = `${dayName} range ${index + 1}`;
                  const rangeErrors = at(base);
                  const fromErrors = at(`${base}.from`);
                  const toErrors = at(`${base}.to`);
                  const errorId = `${id}-${day}-${index}-error`;
                  const anyErrors = rangeErrors.length + fromErrors.length + toErrors.length > 0;
                  return (
                    <div key={index} className="week-range">
                      <div className="week-range-inputs">
                        <input
                          type="text"
                          inputMode="numeric"
                          placeholder="HH:MM"
                          size={6}
                          aria-label={`${label} from`}
                          value={range.from}
                          onChange={(event) => {
                            const from = event.target.value;
                            onChange((c) => setRange(c, day, index, { from }));
                          }}
                          aria-invalid={fromErrors.length || rangeErrors.length ? true : undefined}
                          aria-describedby={describedBy(anyErrors && errorId)}
                        />
                        <span aria-hidden="true">–</span>
                        <input
                          type="text"
                          inputMode="numeric"
                          placeholder="HH:MM"
                          size={6}
                          aria-label={`${label} to`}
                          value={range.to}
                          onChange={(event) => {
                            const to = event.target.value;
                            onChange((c) => setRange(c, day, index, { to }));
                          }}
                          aria-invalid={toErrors.length || rangeErrors.length ? true : undefined}
                          aria-describedby={describedBy(anyErrors && errorId)}
                        />
                        {isOvernight(range) ? (
                          <span className="muted small-text">(overnight, ends next day)</span>
                        ) : null}
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Remove ${label}`}
                          onClick={() => onChange((c) => removeRange(c, day, index))}
                        >
                          <X size={16} aria-hidden="true" />
                        </button>
                      </div>
                      <FieldErrors
                        id={errorId}
                        messages={[...fromErrors, ...toErrors, ...rangeErrors]}
                      />
                    </div>
                  );
                })}
                <FieldErrors id={`${id}-${day}-error`} messages={dayErrors} />
                <button
                  type="button"
                  className="button small add-range"
                  onClick={() => onChange((c) => addRange(c, day))}
                >
                  <Plus size={14} aria-hidden="true" />
                  Add range
                </button>
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
}
