import type { SlaTargetName } from './policy';
import type { SlaState, SlaTargetState } from './state';

/** What the queue shows of a ticket's SLA: the clock that matters most right now. */
export interface SlaSummary {
  /** The target shown: the nearest running one, else the breached one, else the last met. */
  target?: SlaTargetName;
  dueAt?: number;
  /**
   * none: no policy or no clock; running / paused: on track; at_risk: past its first warning;
   * breached: any target breached; met: every target met.
   */
  state: 'none' | 'running' | 'paused' | 'at_risk' | 'breached' | 'met';
}

/** The queue's one-line view of a ticket's SLA state at `now`. */
export function summarizeSla(sla: SlaState, now: number): SlaSummary {
  const targets = Object.values(sla.targets).filter((t): t is SlaTargetState => t !== undefined);
  if (targets.length === 0) return { state: 'none' };
  const breached = targets.filter((t) => t.state === 'breached');
  const open = targets
    .filter((t) => t.state === 'running' || t.state === 'paused')
    .sort((a, b) => a.dueAt - b.dueAt);
  const nearest = open[0];
  if (breached.length > 0) {
    const shown = nearest ?? breached[0]!;
    return { target: shown.target, dueAt: shown.dueAt, state: 'breached' };
  }
  if (!nearest) {
    const last = targets[targets.length - 1]!;
    return { target: last.target, dueAt: last.dueAt, state: 'met' };
  }
  if (nearest.state === 'paused')
    return { target: nearest.target, dueAt: nearest.dueAt, state: 'paused' };
  const firstWarning = nearest.warnings[0];
  const atRisk = firstWarning !== undefined && firstWarning.at <= now;
  return { target: nearest.target, dueAt: nearest.dueAt, state: atRisk ? 'at_risk' : 'running' };
}
