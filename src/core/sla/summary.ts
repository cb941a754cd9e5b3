import type { SlaTargetName } from './policy';
import type { SlaClockState, SlaState, SlaTargetState } from './state';

/** One target's clock in brief, for the queue's tooltip. */
export interface SlaTargetBrief {
  target: SlaTargetName;
  state: SlaClockState;
  dueAt: number;
  /** The first warning (a projection while paused). */
  warnAt?: number;
  /** When it was met (also when met late). */
  metAt?: number;
}

/** What the queue shows of a ticket's SLA: the clock that matters most right now. */
export interface SlaSummary {
  /** The target shown: the nearest running one, else the breached one, else the last met. */
  target?: SlaTargetName;
  dueAt?: number;
  /** The shown target's first warning, so the queue can turn it "at risk" live. */
  warnAt?: number;
  /**
   * none: no policy or no clock; running / paused: on track; at_risk: past its first warning;
   * breached: any target breached; met: every target met.
   */
  state: 'none' | 'running' | 'paused' | 'at_risk' | 'breached' | 'met';
  /** Every target's clock, in the order the policy runs them. */
  targets?: SlaTargetBrief[];
}

/** The live state of a summarised SLA: breached or at risk as time passes, without a new fold. */
export type LiveSlaState = 'none' | 'running' | 'paused' | 'at_risk' | 'breached' | 'met';

function brief(target: SlaTargetState): SlaTargetBrief {
  const warnAt = target.warnings[0]?.at;
  return {
    target: target.target,
    state: target.state,
    dueAt: target.dueAt,
    ...(warnAt === undefined ? {} : { warnAt }),
    ...(target.metAt === undefined ? {} : { metAt: target.metAt }),
  };
}

/** The queue's one-line view of a ticket's SLA state at `now`. */
export function summarizeSla(sla: SlaState, now: number): SlaSummary {
  const targets = Object.values(sla.targets).filter((t): t is SlaTargetState => t !== undefined);
  if (targets.length === 0) return { state: 'none' };
  const briefs = targets.map(brief);
  const breached = targets.filter((t) => t.state === 'breached');
  const open = targets
    .filter((t) => t.state === 'running' || t.state === 'paused')
    .sort((a, b) => a.dueAt - b.dueAt);
  const nearest = open[0];
  const shown = (target: SlaTargetState, state: SlaSummary['state']): SlaSummary => {
    const warnAt = target.warnings[0]?.at;
    return {
      target: target.target,
      dueAt: target.dueAt,
      ...(warnAt === undefined ? {} : { warnAt }),
      state,
      targets: briefs,
    };
  };
  if (breached.length > 0) return shown(nearest ?? breached[0]!, 'breached');
  if (!nearest) return shown(targets[targets.length - 1]!, 'met');
  if (nearest.state === 'paused') return shown(nearest, 'paused');
  const firstWarning = nearest.warnings[0];
  const atRisk = firstWarning !== undefined && firstWarning.at <= now;
  return shown(nearest, atRisk ? 'at_risk' : 'running');
}

/**
 * The state of a stored summary at a later `now`: a running clock whose due time has passed is
 * breached, one past its first warning is at risk. Paused, met and breached stay as stored.
 */
export function liveSlaState(
  summary: Pick<SlaSummary, 'state' | 'dueAt' | 'warnAt'> | undefined,
  now: number,
): LiveSlaState {
  if (!summary) return 'none';
  const { state, dueAt, warnAt } = summary;
  if (state !== 'running' && state !== 'at_risk') return state;
  if (dueAt !== undefined && dueAt <= now) return 'breached';
  if (state === 'at_risk' || (warnAt !== undefined && warnAt <= now)) return 'at_risk';
  return 'running';
}
