import type { AlertPreferences } from '../contracts/alerts';

const formats = new Map<string, Intl.DateTimeFormat>();

function minutesOfDay(now: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((part) => part.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

function parseClock(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * Whether `now` falls in the quiet hours, read in `timeZone`. The window may run over midnight
 * (22:00–07:00); a window that starts and ends at the same time is empty.
 */
export function inQuietHours(
  quiet: AlertPreferences['quietHours'],
  now: number,
  timeZone: string,
): boolean {
  if (!quiet.enabled) return false;
  const from = parseClock(quiet.from);
  const to = parseClock(quiet.to);
  if (from === to) return false;
  const time = minutesOfDay(now, timeZone);
  return from < to ? time >= from && time < to : time >= from || time < to;
}
