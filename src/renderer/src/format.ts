const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const dateTimeWithYear = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** A local date and time people read at a glance ("Mon 3 Nov, 14:05"); the year when it differs. */
export function formatDateTime(ms: number, now: number = Date.now()): string {
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? dateTime : dateTimeWithYear).format(ms);
}

/** A full local date and time with the year ("27 Nov 2026, 21:28"), for records such as saved versions. */
export function formatFullDateTime(ms: number): string {
  return dateTimeWithYear.format(ms);
}

/** A duration in minutes as "2 d 3 h", "3 h 20 min" or "45 min" (sign dropped). */
export function formatMinutes(minutes: number): string {
  const total = Math.round(Math.abs(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}

/** "in 2 h 5 min" or "3 h ago", for a due time relative to now. */
export function formatRelative(targetMs: number, now: number): string {
  const minutes = (targetMs - now) / 60_000;
  return minutes >= 0 ? `in ${formatMinutes(minutes)}` : `${formatMinutes(minutes)} ago`;
}
