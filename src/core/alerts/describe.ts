import type { Alert } from '../contracts/alerts';
import { targetName } from '../sla/policy';

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A span of time in words: "under a minute", "25 min", "3 h 5 min", "4 days". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest ? `${hours} h ${rest} min` : `${hours} h`;
  }
  return `${Math.floor(hours / 24)} days`;
}

/** What happened, in a few words for the alert centre: "75% of first response used". */
export function describeAlert(
  alert: Pick<Alert, 'kind' | 'target' | 'percent' | 'level' | 'to' | 'repeat'>,
): string {
  switch (alert.kind) {
    case 'sla_warning':
      return `${alert.percent ?? 0}% of ${targetName(alert.target)} time used`;
    case 'sla_breach':
      return `${capitalized(targetName(alert.target))} breached`;
    case 'escalation':
      return `Escalated to L${alert.level ?? '?'}${alert.to ? ` — ${alert.to}` : ''}`;
    case 'escalation_repeat':
      return `Reminder${alert.repeat ? ` ${alert.repeat}` : ''}: L${alert.level ?? '?'} not acknowledged`;
  }
}

/** A number as the engine writes it into a key (`${n}`); NaN for anything else ("", "07", "x"). */
function keyNumber(text: string | undefined): number {
  const number = Number(text);
  return text !== undefined && String(number) === text ? number : NaN;
}

/** The facts an alert key spells (`T1:resolution:warn:75`, `T1:level:2:repeat:1`); undefined if none. */
export function alertFromKey(
  key: string,
): Pick<Alert, 'ticketId' | 'kind' | 'target' | 'percent' | 'level' | 'repeat'> | undefined {
  const parts = key.split(':');
  const [ticketId, first, second, third, fourth] = parts;
  if (!ticketId || !first) return undefined;
  if (first === 'level') {
    const level = keyNumber(second);
    if (!Number.isInteger(level) || level < 1) return undefined;
    if (parts.length === 3) return { ticketId, kind: 'escalation', level };
    const repeat = keyNumber(fourth);
    if (parts.length !== 5 || third !== 'repeat' || !Number.isInteger(repeat) || repeat < 1) {
      return undefined;
    }
    return { ticketId, kind: 'escalation_repeat', level, repeat };
  }
  const target = first.split('.')[0];
  if (target !== 'first_response' && target !== 'next_update' && target !== 'resolution') {
    return undefined;
  }
  if (second === 'breach' && parts.length === 3) return { ticketId, kind: 'sla_breach', target };
  const percent = keyNumber(third);
  if (second === 'warn' && parts.length === 4 && Number.isFinite(percent)) {
    return { ticketId, kind: 'sla_warning', target, percent };
  }
  return undefined;
}
