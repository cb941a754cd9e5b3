import { daysInMonth } from '../calendar/civil-date';
import {
  isKnownTimeZone,
  MAX_INSTANT_MS,
  MIN_INSTANT_MS,
  offsetPieces,
  zoneClock,
} from '../calendar/zone-clock';
import { quoted } from './problems';

/** How to read a date written with slashes: 04/03/2025 is 4 March (`dmy`) or April 3 (`mdy`). */
export type SlashDateOrder = 'dmy' | 'mdy';

/** How imported dates without a zone are read. */
export interface DateReading {
  /** IANA zone for times written without a zone, e.g. "Europe/Berlin" (the machine's, usually). */
  timeZone: string;
  /** Order of day and month in dates with slashes; dates with dots (04.03.2025) are always day first. */
  slashDates?: SlashDateOrder;
}

export type DateParse = { ok: true; at: number } | { ok: false; reason: string };

/** Examples shown when a date cannot be read. */
export const DATE_FORMAT_EXAMPLES =
  '2025-03-04 09:30, 2025-03-04T09:30:00Z, 2025-03-04T09:30+01:00, 04/03/2025 09:30 or 04.03.2025';

const TIME = String.raw`(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?`;
const ZONE = String.raw`\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})${TIME}${ZONE}$`, 'i');
const SLASHED = new RegExp(
  String.raw`^(\d{1,2})([/.])(\d{1,2})\2(\d{4})${TIME.replace('[T ]', '[ ]+')}$`,
);

const MINUTE = 60_000;
const DAY = 86_400_000;

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

function fraction(digits: string | undefined): number {
  return digits ? Number(digits.slice(0, 3).padEnd(3, '0')) : 0;
}

function civilProblem(text: string, civil: Civil): string | undefined {
  if (
    civil.month < 1 ||
    civil.month > 12 ||
    civil.day < 1 ||
    civil.day > daysInMonth(civil.year, civil.month)
  ) {
    return `${quoted(text)} is not a real date.`;
  }
  if (civil.hour > 23 || civil.minute > 59 || civil.second > 59) {
    return `${quoted(text)} is not a real time of day.`;
  }
  return undefined;
}

/** Offset in minutes of a "+01:00" / "-0530" / "+02" zone designator; 0 for Z/UTC/GMT. */
function zoneOffsetMinutes(zone: string): number | undefined {
  if (/^(z|utc|gmt)$/i.test(zone)) return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 14 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * The instant a wall-clock time has in a zone. A time that occurs twice (when clocks go back) is
 * read as the first of the two; a time that never occurs (when clocks go forward) has no instant.
 */
export function localToInstant(wallMs: number, timeZone: string): number | undefined {
  // The zone's offsets over the day either side (cached per zone), then each offset that is in
  // force at the instant it gives; offsets are within ±14 h, so those instants fall in that span.
  const { starts, offsets } = offsetPieces(zoneClock(timeZone), wallMs - DAY, wallMs + DAY);
  const offsetAtInstant = (instant: number) => {
    let index = 0;
    while (index + 1 < starts.length && starts[index + 1]! <= instant) index++;
    return offsets[index]!;
  };
  let earliest: number | undefined;
  for (const offset of new Set(offsets)) {
    const instant = wallMs - offset;
    if (offsetAtInstant(instant) === offset && (earliest === undefined || instant < earliest)) {
      earliest = instant;
    }
  }
  return earliest;
}

/**
 * Reads an imported date and time. Accepted (time optional, seconds and fractions optional):
 * ISO 8601 "2025-03-04T09:30:15.250" or with a space for the T; with "Z", "UTC", "±hh:mm",
 * "±hhmm" or "±hh" it is exact, without a zone it is a wall-clock time in `reading.timeZone`;
 * "04/03/2025 09:30" (day first, or month first with `slashDates: 'mdy'`) and "04.03.2025 09:30"
 * (day first), always wall-clock times in that zone. A date without a time is local midnight.
 */
export function parseImportDate(text: string, reading: DateReading): DateParse {
  const value = text.trim();
  let civil: Civil;
  let zone: string | undefined;
  const iso = ISO.exec(value);
  const slashed = iso ? null : SLASHED.exec(value);
  if (iso) {
    civil = {
      year: Number(iso[1]),
      month: Number(iso[2]),
      day: Number(iso[3]),
      hour: Number(iso[4] ?? '0'),
      minute: Number(iso[5] ?? '0'),
      second: Number(iso[6] ?? '0'),
      ms: fraction(iso[7]),
    };
    zone = iso[8];
    if (zone !== undefined && iso[4] === undefined) {
      return { ok: false, reason: `${quoted(value)} has a zone but no time of day.` };
    }
  } else if (slashed) {
    const first = Number(slashed[1]);
    const second = Number(slashed[3]);
    const dayFirst = slashed[2] === '.' || (reading.slashDates ?? 'dmy') === 'dmy';
    civil = {
      year: Number(slashed[4]),
      month: dayFirst ? second : first,
      day: dayFirst ? first : second,
      hour: Number(slashed[5] ?? '0'),
      minute: Number(slashed[6] ?? '0'),
      second: Number(slashed[7] ?? '0'),
      ms: fraction(slashed[8]),
    };
  } else {
    return {
      ok: false,
      reason: `${quoted(value)} is not a date and time (use ${DATE_FORMAT_EXAMPLES}).`,
    };
  }
  const problem = civilProblem(value, civil);
  if (problem) {
    const order = slashed && slashed[2] === '/' ? (reading.slashDates ?? 'dmy') : undefined;
    const hint =
      order === 'dmy'
        ? ' Dates with slashes are read day first (DD/MM/YYYY).'
        : order === 'mdy'
          ? ' Dates with slashes are read month first (MM/DD/YYYY).'
          : '';
    return { ok: false, reason: problem + hint };
  }
  const wallMs = Date.UTC(
    civil.year,
    civil.month - 1,
    civil.day,
    civil.hour,
    civil.minute,
    civil.second,
    civil.ms,
  );
  let at: number | undefined;
  if (zone !== undefined) {
    const offset = zoneOffsetMinutes(zone);
    if (offset === undefined) {
      return {
        ok: false,
        reason: `${quoted(value)} has an impossible zone offset “${zone}”.`,
      };
    }
    at = wallMs - offset * MINUTE;
  } else {
    if (!isKnownTimeZone(reading.timeZone)) {
      return { ok: false, reason: `“${reading.timeZone}” is not a known time zone.` };
    }
    at = localToInstant(wallMs, reading.timeZone);
    if (at === undefined) {
      return {
        ok: false,
        reason: `${quoted(value)} does not exist in ${reading.timeZone} (the clocks skip that hour); write the time with its offset, e.g. +01:00.`,
      };
    }
  }
  if (at < MIN_INSTANT_MS || at > MAX_INSTANT_MS) {
    return { ok: false, reason: `${quoted(value)} is outside the years 1900–2199.` };
  }
  return { ok: true, at };
}

/** How exported times are written: ISO 8601 in UTC with milliseconds, read back exactly. */
export function formatExportDate(at: number): string {
  return new Date(at).toISOString();
}
