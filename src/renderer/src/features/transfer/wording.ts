import type { ImportProblem } from '@core/transfer';

const numberFormat = new Intl.NumberFormat();

/** "1 row", "1,234 rows": a count with its noun. */
export function count(value: number, noun: string, plural = `${noun}s`): string {
  return `${numberFormat.format(value)} ${value === 1 ? noun : plural}`;
}

const LIST_LABELS = { customers: 'Customer', tickets: 'Ticket', events: 'Event' } as const;

/** Where a problem is, as the problems table says it: "7" (a row), "Ticket 3", "File". */
export function problemPlace(problem: ImportProblem): string {
  if (problem.row === 0) return 'File';
  return problem.list ? `${LIST_LABELS[problem.list]} ${problem.row}` : String(problem.row);
}

/** The prefix of ids made for imported rows without one: IMP-20250630-1405-. */
export function newIdPrefix(now: number): string {
  const date = new Date(now);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `IMP-${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}-`;
}

/** The machine's IANA time zone. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Every IANA time zone the platform knows, with `current` in it. */
export function timeZoneChoices(current: string): string[] {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}
