import {
  mergeHolidays,
  type BusinessCalendar,
  type CalendarProblem,
  type HolidayPack,
} from '@core/index';
import type { IcsProblem } from '@core/calendar/ics';
import { CalendarPlus, Plus, Upload, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { FormDialog } from '../../components/FormDialog';
import { loadHolidayPacks } from './bundled-holiday-packs';
import {
  addHoliday,
  calendarProblemsAt,
  packHolidays,
  removeHoliday,
  setHoliday,
} from './calendar-draft';
import { describedBy, FieldErrors } from './fields';

/** What the last pack or file import did, for the person to read. */
interface ImportReport {
  message: string;
  problems: IcsProblem[];
}

/** How many years ahead a repeating iCalendar event (other than a plain yearly one) is expanded. */
const ICS_YEARS_AHEAD = 4;

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What merging some holidays did, e.g. "Added 9 holidays …; 2 already in the calendar were skipped." */
function mergeReport(source: string, offered: number, added: number): string {
  const skipped = offered - added;
  return (
    `Added ${count(added, 'holiday', 'holidays')} from ${source}` +
    (skipped
      ? `; ${count(skipped, 'date was', 'dates were')} already in the calendar and skipped.`
      : '.')
  );
}

/** The calendar's holidays: a table to edit, plus bundled country packs and iCalendar import. */
export function HolidaysEditor(props: {
  calendar: BusinessCalendar;
  problems: readonly CalendarProblem[];
  onChange: (change: (calendar: BusinessCalendar) => BusinessCalendar) => void;
}) {
  const { calendar, onChange } = props;
  const id = useId();
  const holidays = calendar.holidays ?? [];
  const [report, setReport] = useState<ImportReport>();
  const [choosingPack, setChoosingPack] = useState(false);
  // Set when a holiday is added: its date field takes focus once it is rendered.
  const focusPending = useRef(false);
  const lastDateRef = useRef<HTMLInputElement>(null);
  const at = (path: string) => calendarProblemsAt(props.problems, path).map((p) => p.message);

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    lastDateRef.current?.focus();
  });

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const text = await file.text();
      // ical.js is large and only needed here: loaded on the first import.
      const { holidaysFromIcs } = await import('@core/calendar/ics');
      const year = new Date().getFullYear();
      const result = holidaysFromIcs(text, { from: year, to: year + ICS_YEARS_AHEAD });
      const { added } = mergeHolidays(holidays, result.holidays);
      onChange((c) => ({
        ...c,
        holidays: mergeHolidays(c.holidays ?? [], result.holidays).holidays,
      }));
      setReport({
        message:
          result.holidays.length === 0
            ? `No holidays found in ${file.name}.`
            : mergeReport(file.name, result.holidays.length, added),
        problems: result.problems,
      });
    } catch (error) {
      setReport({
        message: `Could not read ${file.name}: ${error instanceof Error ? error.message : String(error)}`,
        problems: [],
      });
    } finally {
      input.value = '';
    }
  };

  const holidaysErrors = at('holidays');
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card-heading-row">
        <h2 id={`${id}-title`}>Holidays</h2>
        <div className="toolbar">
          <button
            type="button"
            className="button"
            onClick={() => {
              onChange((c) => addHoliday(c, { date: '' }));
              focusPending.current = true;
            }}
          >
            <Plus size={16} aria-hidden="true" />
            Add holiday
          </button>
          <button type="button" className="button" onClick={() => setChoosingPack(true)}>
            <CalendarPlus size={16} aria-hidden="true" />
            Add holiday pack…
          </button>
          <label className="button file-button">
            <Upload size={16} aria-hidden="true" />
            Import .ics…
            <input
              type="file"
              accept=".ics,text/calendar"
              className="visually-hidden"
              aria-label="Import holidays from iCalendar file"
              onChange={(event) => void importFile(event)}
            />
          </label>
        </div>
      </div>
      <p className="field-hint">
        No business time on these days. A holiday marked every year repeats on its month and day.
      </p>
      {report ? (
        <div role="status" className="holiday-report">
          <p>{report.message}</p>
          {report.problems.length ? (
            <>
              <p>{count(report.problems.length, 'event was', 'events were')} left out:</p>
              <ul>
                {report.problems.map((problem, i) => (
                  <li key={i}>
                    {problem.event ? `Event ${problem.event}` : 'The file'}
                    {problem.summary ? ` (${problem.summary})` : ''} {problem.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <FieldErrors id={`${id}-holidays-error`} messages={holidaysErrors} />
      {holidays.length === 0 ? (
        <p className="muted">No holidays.</p>
      ) : (
        <div className="holiday-scroll">
          <table className="data-table holiday-table">
            <caption className="visually-hidden">Holidays</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Name</th>
                <th scope="col">Every year</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {holidays.map((holiday, index) => {
                const base = `holidays[${index}]`;
                const dateErrors = at(`${base}.date`).map((message) =>
                  holiday.date === '' ? 'Choose the date.' : message,
                );
                const errors = [
                  ...dateErrors,
                  ...at(base),
                  ...at(`${base}.name`),
                  ...at(`${base}.recurring`),
                ];
                const errorId = `${id}-${index}-error`;
                const label = `Holiday ${index + 1}`;
                return (
                  <tr key={index}>
                    <td>
                      <input
                        ref={index === holidays.length - 1 ? lastDateRef : undefined}
                        type="date"
                        aria-label={`${label} date`}
                        value={holiday.date}
                        onChange={(event) => {
                          const date = event.target.value;
                          onChange((c) => setHoliday(c, index, { date }));
                        }}
                        aria-invalid={dateErrors.length ? true : undefined}
                        aria-describedby={describedBy(errors.length > 0 && errorId)}
                      />
                      <FieldErrors id={errorId} messages={errors} />
                    </td>
                    <td>
                      <input
                        type="text"
                        aria-label={`${label} name`}
                        value={holiday.name ?? ''}
                        onChange={(event) => {
                          const name = event.target.value;
                          onChange((c) => setHoliday(c, index, { name }));
                        }}
                      />
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${label} every year`}
                        checked={holiday.recurring ?? false}
                        onChange={(event) => {
                          const recurring = event.target.checked;
                          onChange((c) => setHoliday(c, index, { recurring }));
                        }}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Remove holiday ${holiday.name || holiday.date || index + 1}`}
                        onClick={() => onChange((c) => removeHoliday(c, index))}
                      >
                        <X size={16} aria-hidden="true" />
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <HolidayPackDialog
        open={choosingPack}
        onOpenChange={setChoosingPack}
        onAdd={(pack, from, to) => {
          const offered = packHolidays(pack, from, to);
          const { added } = mergeHolidays(holidays, offered);
          onChange((c) => ({ ...c, holidays: mergeHolidays(c.holidays ?? [], offered).holidays }));
          const years = from === to ? `${from}` : `${from}–${to}`;
          setReport({
            message: mergeReport(`${pack.name} ${years}`, offered.length, added),
            problems: [],
          });
        }}
      />
    </section>
  );
}

function HolidayPackDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onAdd: (pack: HolidayPack, from: number, to: number) => void;
}) {
  const id = useId();
  const [packs, setPacks] = useState<HolidayPack[]>();
  const [loadError, setLoadError] = useState<string>();
  const [packId, setPackId] = useState<string>();
  const [years, setYears] = useState<{ from?: number; to?: number }>({});

  useEffect(() => {
    if (!props.open || packs) return;
    let current = true;
    loadHolidayPacks().then(
      (loaded) => current && setPacks(loaded),
      (error: unknown) =>
        current && setLoadError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      current = false;
    };
  }, [props.open, packs]);

  const pack = packs?.find((p) => p.id === packId) ?? packs?.[0];
  const thisYear = new Date().getFullYear();
  const first = pack?.years.from ?? thisYear;
  const last = pack?.years.to ?? thisYear;
  const clamp = (year: number) => Math.min(last, Math.max(first, year));
  const from = clamp(years.from ?? thisYear);
  const to = Math.max(from, clamp(years.to ?? thisYear + 1));
  const yearOptions = Array.from({ length: last - first + 1 }, (_, i) => first + i);

  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title="Add holiday pack"
      description="Public holidays shipped with the app, so no network is needed. Dates already in the calendar are skipped."
      submitLabel="Add holidays"
      onSubmit={async () => {
        if (!pack) throw new Error('Choose a country first.');
        props.onAdd(pack, from, to);
      }}
    >
      {loadError ? (
        <p className="form-error">The holiday packs could not be read: {loadError}</p>
      ) : null}
      {!packs && !loadError ? <p className="muted">Reading the holiday packs…</p> : null}
      {packs ? (
        <div className="form-grid">
          <label htmlFor={`${id}-pack`}>Country</label>
          <select
            id={`${id}-pack`}
            value={pack?.id}
            onChange={(event) => setPackId(event.target.value)}
          >
            {packs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-from`}>From year</label>
          <select
            id={`${id}-from`}
            value={from}
            onChange={(event) => setYears((y) => ({ ...y, from: Number(event.target.value) }))}
          >
            {yearOptions.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-to`}>To year</label>
          <select
            id={`${id}-to`}
            value={to}
            onChange={(event) => setYears((y) => ({ ...y, to: Number(event.target.value) }))}
          >
            {yearOptions
              .filter((year) => year >= from)
              .map((year) => (
                <option key={year} value={year}>
                  {year}
                </option>
              ))}
          </select>
        </div>
      ) : null}
      {pack ? (
        <p className="muted small-text">
          {count(packHolidays(pack, from, to).length, 'holiday', 'holidays')} in {pack.name}{' '}
          {from === to ? from : `${from}–${to}`}. Source: {pack.source}.
        </p>
      ) : null}
    </FormDialog>
  );
}
