import {
  IMPORT_FIELDS,
  columnLetter,
  mappingProblems,
  type ColumnMapping,
  type ImportFieldKey,
  type SlashDateOrder,
} from '@core/transfer';
import { useId, useMemo } from 'react';
import type { ReadSummary } from './import-session';
import { count, timeZoneChoices } from './wording';

type TableSummary = Extract<ReadSummary, { kind: 'table' }>;

/** How dates without a zone, and dates with slashes, are read. */
export interface DateSettings {
  timeZone: string;
  slashDates: SlashDateOrder;
}

/** Which column fills each ticket field, how dates are read, and the first mapped rows. */
export function MappingStep({
  summary,
  mapping,
  onMappingChange,
  dates,
  onDatesChange,
}: {
  summary: TableSummary;
  mapping: ColumnMapping;
  onMappingChange: (mapping: ColumnMapping) => void;
  dates: DateSettings;
  onDatesChange: (dates: DateSettings) => void;
}) {
  const id = useId();
  const zones = useMemo(() => timeZoneChoices(dates.timeZone), [dates.timeZone]);
  const problems = mappingProblems(mapping);
  const mapped = IMPORT_FIELDS.filter((field) => mapping[field.key] !== undefined);
  const columnName = (index: number) =>
    summary.unit === 'row'
      ? `${summary.columns[index]} (${columnLetter(index)})`
      : summary.columns[index];

  const setField = (key: ImportFieldKey, value: string) => {
    const next: ColumnMapping = { ...mapping };
    if (value === '') delete next[key];
    else next[key] = Number(value);
    onMappingChange(next);
  };

  return (
    <>
      <p>
        {count(summary.rowCount, summary.unit)} with {count(summary.columns.length, 'column')}
        {summary.delimiter
          ? `, separated by ${summary.delimiter === ';' ? 'semicolons' : 'commas'}`
          : ''}
        . Choose the column for each field; suggestions come from the column names.
      </p>
      <div className="mapping-scroll">
        <table className="data-table mapping-table">
          <caption className="visually-hidden">Column for each ticket field</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Column in the file</th>
              <th scope="col">When empty or not in the file</th>
            </tr>
          </thead>
          <tbody>
            {IMPORT_FIELDS.map((field) => {
              const selectId = `${id}-${field.key}`;
              return (
                <tr key={field.key}>
                  <th scope="row">
                    <label htmlFor={selectId}>
                      {field.label}
                      {field.required ? <span className="required-mark"> (required)</span> : null}
                    </label>
                  </th>
                  <td>
                    <select
                      id={selectId}
                      value={mapping[field.key] ?? ''}
                      onChange={(event) => setField(field.key, event.target.value)}
                    >
                      <option value="">— not in the file —</option>
                      {summary.columns.map((_, index) => (
                        <option key={index} value={index}>
                          {columnName(index)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="muted">{field.whenMissing}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <fieldset className="date-settings">
        <legend>Dates</legend>
        <label>
          Times without a zone are in
          <select
            value={dates.timeZone}
            onChange={(event) => onDatesChange({ ...dates, timeZone: event.target.value })}
          >
            {zones.map((zone) => (
              <option key={zone}>{zone}</option>
            ))}
          </select>
        </label>
        <label>
          Dates like 04/03/2025 mean
          <select
            value={dates.slashDates}
            onChange={(event) =>
              onDatesChange({ ...dates, slashDates: event.target.value as SlashDateOrder })
            }
          >
            <option value="dmy">4 March (day first)</option>
            <option value="mdy">April 3 (month first)</option>
          </select>
        </label>
        <p className="muted small-text">
          Accepted: 2025-03-04 09:30, 2025-03-04T09:30:00Z or with an offset (+01:00), 04/03/2025
          09:30 and 04.03.2025 09:30; seconds and the time are optional.
        </p>
      </fieldset>

      {problems.length > 0 ? (
        <ul className="form-error" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}

      <div className="preview-scroll" role="region" aria-labelledby={`${id}-preview`} tabIndex={0}>
        <table className="data-table">
          <caption id={`${id}-preview`}>
            Preview: the first {count(summary.preview.length, summary.unit)} as mapped
          </caption>
          <thead>
            <tr>
              <th scope="col">{summary.unit === 'row' ? 'Row' : 'Item'}</th>
              {mapped.map((field) => (
                <th key={field.key} scope="col">
                  {field.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summary.preview.map((row) => (
              <tr key={row.row}>
                <td>{row.row}</td>
                {mapped.map((field) => (
                  <td key={field.key}>{row.cells[mapping[field.key]!]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
