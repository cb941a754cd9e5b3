import type { SlaState, SlaTargetState } from '@core/index';
import { formatDateTime, formatMinutes, formatRelative } from '../../format';
import { TARGET_LABELS } from './labels';

function clockTone(
  target: SlaTargetState,
  now: number,
): 'ok' | 'risk' | 'breached' | 'met' | 'paused' {
  if (target.state === 'breached') return 'breached';
  if (target.state === 'met') return 'met';
  if (target.state === 'paused') return 'paused';
  const warning = target.warnings[0];
  return warning && warning.at <= now ? 'risk' : 'ok';
}

const STATE_TEXT = {
  ok: 'On track',
  risk: 'At risk',
  breached: 'Breached',
  met: 'Met',
  paused: 'Paused',
};

function Clock({ target, now }: { target: SlaTargetState; now: number }) {
  const tone = clockTone(target, now);
  const consumed = target.targetMinutes > 0 ? target.elapsedMinutes / target.targetMinutes : 1;
  const label = `${TARGET_LABELS[target.target]}${target.target === 'next_update' && target.cycle > 1 ? ` (#${target.cycle})` : ''}`;
  let detail: string;
  if (target.state === 'met') detail = `Met ${formatDateTime(target.metAt ?? target.dueAt, now)}`;
  else if (target.state === 'breached')
    detail = `Breached ${formatDateTime(target.breachedAt ?? target.dueAt, now)}${target.metAt ? `, met late ${formatDateTime(target.metAt, now)}` : ''}`;
  else detail = `Due ${formatDateTime(target.dueAt, now)} (${formatRelative(target.dueAt, now)})`;
  return (
    <li
      className={`sla-clock tone-${tone}`}
      aria-label={`${label}: ${STATE_TEXT[tone]}. ${detail}`}
    >
      <div className="sla-clock-head">
        <strong>{label}</strong>
        <span className={`chip tone-${tone}`}>{STATE_TEXT[tone]}</span>
      </div>
      <div className="sla-clock-detail">{detail}</div>
      <div className="sla-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, Math.max(0, consumed * 100))}%` }} />
      </div>
      <div className="sla-clock-foot muted">
        {formatMinutes(target.elapsedMinutes)} of {formatMinutes(target.targetMinutes)}{' '}
        {target.mode === 'business' ? 'business' : 'calendar'} time used
        {target.pausedMinutes > 0 ? ` · paused ${formatMinutes(target.pausedMinutes)}` : ''}
      </div>
    </li>
  );
}

/** Every SLA target of the ticket with its due time, state and pause history. */
export function SlaClocks({ sla, now }: { sla: SlaState; now: number }) {
  const targets = Object.values(sla.targets).filter((t): t is SlaTargetState => t !== undefined);
  return (
    <section className="card" aria-labelledby="sla-title">
      <h2 id="sla-title">SLA</h2>
      {sla.policy ? (
        <p className="muted">
          Policy <strong>{sla.policy.name}</strong>
          {sla.pause ? ` · paused: ${sla.pause.reason}` : ''}
        </p>
      ) : (
        <p className="muted">No SLA policy applies to this ticket.</p>
      )}
      {targets.length ? (
        <ul className="sla-clocks">
          {targets.map((target) => (
            <Clock key={`${target.target}-${target.cycle}`} target={target} now={now} />
          ))}
        </ul>
      ) : null}
      {sla.pauses.length ? (
        <>
          <h3>Pauses</h3>
          <ul className="pause-list">
            {sla.pauses.map((pause) => (
              <li key={pause.from}>
                {formatDateTime(pause.from, now)} –{' '}
                {pause.to ? formatDateTime(pause.to, now) : 'now'}: {pause.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
