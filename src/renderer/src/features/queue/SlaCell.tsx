import { liveSlaState, type SlaSummary } from '@core/index';
import { formatDateTime } from '../../format';
import { TARGET_LABELS } from '../ticket/labels';
import { useSecondClock } from './live-clock';
import { SLA_STATE_LABELS } from './queue-table';

/** A countdown: "2 d 3 h", "3 h 20 min", or minutes and seconds under an hour ("12:05"). */
export function formatClock(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The words of a live SLA clock: "Resolution · 1 h 5 min" (left), "Next update · 12:05 over". */
export function slaClockText(sla: SlaSummary | undefined, now: number): string {
  const state = liveSlaState(sla, now);
  if (!sla || sla.dueAt === undefined || !sla.target || state === 'none') return 'No SLA';
  const label = TARGET_LABELS[sla.target];
  if (state === 'met') return `${label} · met`;
  const left = sla.dueAt - now;
  const clock = formatClock(left);
  // A paused clock's due time is a projection from when it was last computed: no countdown.
  if (state === 'paused') return `${label} · paused`;
  return left >= 0 ? `${label} · ${clock}` : `${label} · ${clock} over`;
}

/** The SLA clock of the nearest target, ticking each second on its own (not the whole table). */
export function SlaCell({ sla }: { sla: SlaSummary | undefined }) {
  const now = useSecondClock();
  const state = liveSlaState(sla, now);
  return (
    <span className={`queue-sla state-${state}`} data-sla-state={state}>
      <span className="visually-hidden">{SLA_STATE_LABELS[state]}: </span>
      {slaClockText(sla, now)}
    </span>
  );
}

/** Every target of a ticket's SLA, for the SLA cell's tooltip. */
export function SlaTargetsList({ sla }: { sla: SlaSummary | undefined }) {
  const now = useSecondClock();
  const targets = sla?.targets ?? [];
  if (targets.length === 0) return <p>No SLA policy applies.</p>;
  return (
    <ul className="sla-targets">
      {targets.map((target) => {
        const live = liveSlaState(
          {
            state: target.state,
            dueAt: target.dueAt,
            ...(target.warnAt === undefined ? {} : { warnAt: target.warnAt }),
          },
          now,
        );
        let text: string;
        if (target.state === 'met' || (target.metAt !== undefined && target.state === 'breached')) {
          text = `${target.metAt && target.metAt > target.dueAt ? 'met late' : 'met'} ${formatDateTime(target.metAt ?? target.dueAt, now)}`;
        } else if (live === 'breached') {
          text = `breached, due ${formatDateTime(target.dueAt, now)} (${formatClock(now - target.dueAt)} ago)`;
        } else if (live === 'paused') {
          text = 'paused';
        } else {
          text = `due ${formatDateTime(target.dueAt, now)} (in ${formatClock(target.dueAt - now)})${live === 'at_risk' ? ', at risk' : ''}`;
        }
        return (
          <li key={target.target} className={`state-${live}`}>
            <strong>{TARGET_LABELS[target.target]}</strong>: {text}
          </li>
        );
      })}
    </ul>
  );
}
