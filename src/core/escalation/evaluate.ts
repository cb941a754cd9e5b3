import {
  addMinutesSkippingGaps,
  MINUTE_MS,
  SLA_TARGETS,
  slaTargetInstant,
  type SlaState,
  type SlaTargetName,
  type SlaTargetState,
} from '../sla';
import type { RiskInput } from '../assist/risk';
import {
  matchEscalationRow,
  type EscalationLevel,
  type EscalationMatrix,
  type EscalationRow,
  type EscalationTrigger,
} from './matrix';

/** The kinds of instants the scheduler is given. */
export const DESK_TIMER_KINDS = [
  'sla_warning',
  'sla_breach',
  'escalation',
  'escalation_repeat',
] as const;
export type DeskTimerKind = (typeof DESK_TIMER_KINDS)[number];

interface DeskTimerBase {
  /** Stable across re-derivations from the same data; the scheduler upserts by it. */
  key: string;
  at: number;
  ticketId: string;
}

export interface SlaWarningTimer extends DeskTimerBase {
  kind: 'sla_warning';
  target: SlaTargetName;
  cycle: number;
  percent: number;
  /** When the target is due. */
  dueAt: number;
}

export interface SlaBreachTimer extends DeskTimerBase {
  kind: 'sla_breach';
  target: SlaTargetName;
  cycle: number;
}

export interface EscalationTimer extends DeskTimerBase {
  kind: 'escalation';
  rowId: string;
  /** The level number, 1-based (L1 = 1). */
  level: number;
  levelId: string;
  /**
   * What a risk or sentiment level is judged on, for the escalation's reason; set only on a level
   * that is due (an upcoming one is measured again when it comes due).
   */
  measured?: LevelMeasure;
}

/**
 * What a due `risk_above` level's score is computed from (the score itself depends on when the
 * step is recorded), or the sentiment a `sentiment_below` level fired on.
 */
export type LevelMeasure =
  { kind: 'risk'; input: RiskInput } | { kind: 'sentiment'; score: number };

export interface EscalationRepeatTimer extends DeskTimerBase {
  kind: 'escalation_repeat';
  rowId: string;
  level: number;
  levelId: string;
  /** 1 for the first repeat. */
  repeat: number;
}

/** An instant at which something is due for a ticket. */
export type DeskTimer = SlaWarningTimer | SlaBreachTimer | EscalationTimer | EscalationRepeatTimer;

/** What the desk knows about a ticket's escalation beyond its SLA events. */
export interface EscalationContext {
  /** The level the ticket is at (1-based) and since when; absent: not escalated. */
  level?: { number: number; since: number };
  /** Escalation-risk score 0–100 at `now`, for `risk_above` triggers (when `riskAbove` is absent). */
  riskScore?: number;
  /**
   * When the ticket's risk score is first above `score`, at or after `now`; undefined when that is
   * not foreseeable. Lets a `risk_above` level be scheduled for the moment it is crossed.
   */
  riskAbove?: (score: number) => number | undefined;
  /** What the ticket's risk score is computed from, to record it when a `risk_above` level fires. */
  riskInput?: RiskInput;
  /** The sentiment of the customer's last message (-1..1), for `sentiment_below` triggers. */
  sentiment?: number;
  /** Keys already fired; they are never returned again. */
  firedKeys?: ReadonlySet<string>;
  /** Keys acknowledged; acknowledging a level or any of its repeats stops its repeats. */
  acknowledgedKeys?: ReadonlySet<string>;
}

export interface EscalationEvaluation {
  /** The row that applies to the ticket. */
  row: EscalationRow | undefined;
  /** The level after the ticket's current one, to suggest for a manual escalation. */
  nextLevel: { number: number; level: EscalationLevel } | undefined;
  /** Not fired yet and due at `now` (possibly late), by time. */
  due: DeskTimer[];
  /** Everything that will be due after `now`, by time. */
  upcoming: DeskTimer[];
}

const NO_KEYS: ReadonlySet<string> = new Set();

function targetLabel(target: SlaTargetName, cycle: number): string {
  return target === 'next_update' ? `next_update.${cycle}` : target;
}

/** Key of an SLA warning, e.g. `T1:resolution:warn:75` or `T1:next_update.2:warn:75`. */
export function slaWarningKey(
  ticketId: string,
  target: SlaTargetName,
  cycle: number,
  percent: number,
): string {
  return `${ticketId}:${targetLabel(target, cycle)}:warn:${percent}`;
}

/** Key of an SLA breach, e.g. `T1:resolution:breach`. */
export function slaBreachKey(ticketId: string, target: SlaTargetName, cycle: number): string {
  return `${ticketId}:${targetLabel(target, cycle)}:breach`;
}

/** Key of reaching a matrix level, e.g. `T1:level:2`. */
export function escalationKey(ticketId: string, level: number): string {
  return `${ticketId}:level:${level}`;
}

/** Key of a level's n-th repeated alert, e.g. `T1:level:2:repeat:1`. */
export function escalationRepeatKey(ticketId: string, level: number, repeat: number): string {
  return `${ticketId}:level:${level}:repeat:${repeat}`;
}

function isAcknowledged(
  acknowledged: ReadonlySet<string>,
  ticketId: string,
  level: number,
): boolean {
  const key = escalationKey(ticketId, level);
  if (acknowledged.has(key)) return true;
  const repeatPrefix = `${key}:repeat:`;
  for (const ack of acknowledged) if (ack.startsWith(repeatPrefix)) return true;
  return false;
}

/** The warnings and breach of a target, in time order, or none once the target is met. */
function targetTimers(ticketId: string, target: SlaTargetState, now: number): DeskTimer[] {
  if (target.metAt !== undefined) return [];
  const { target: name, cycle } = target;
  const timers: DeskTimer[] = target.warnings.map((warning) => ({
    kind: 'sla_warning',
    key: slaWarningKey(ticketId, name, cycle, warning.percent),
    at: warning.at,
    ticketId,
    target: name,
    cycle,
    percent: warning.percent,
    dueAt: target.dueAt,
  }));
  timers.push({
    kind: 'sla_breach',
    key: slaBreachKey(ticketId, name, cycle),
    at: target.dueAt,
    ticketId,
    target: name,
    cycle,
  });
  // A paused clock's future instants are projections that move with `now`: nothing to schedule.
  return target.state === 'paused' ? timers.filter((timer) => timer.at <= now) : timers;
}

/** When a trigger fires given the time the previous level was reached; undefined: not foreseeable. */
function triggerInstant(
  trigger: EscalationTrigger | undefined,
  previousAt: number,
  sla: SlaState,
  context: EscalationContext,
  now: number,
): number | undefined {
  if (trigger === undefined) return undefined;
  switch (trigger.kind) {
    case 'after_minutes': {
      if (!Number.isFinite(trigger.minutes) || trigger.minutes < 0) return undefined;
      const clock = { mode: trigger.mode, calendar: sla.calendar };
      return addMinutesSkippingGaps(clock, previousAt, trigger.minutes, sla.pauses);
    }
    case 'sla_percent': {
      const target = sla.targets[trigger.target];
      if (target === undefined || !(trigger.percent > 0)) return undefined;
      return slaTargetInstant(target, trigger.percent, sla.calendar);
    }
    case 'risk_above':
      if (context.riskAbove !== undefined) return context.riskAbove(trigger.score);
      return context.riskScore !== undefined && context.riskScore > trigger.score ? now : undefined;
    case 'sentiment_below':
      return context.sentiment !== undefined && context.sentiment < trigger.score ? now : undefined;
  }
}

/** What a due risk or sentiment level is judged on, when the context says. */
function levelMeasure(
  trigger: EscalationTrigger | undefined,
  context: EscalationContext,
): LevelMeasure | undefined {
  if (trigger?.kind === 'sentiment_below' && context.sentiment !== undefined) {
    return { kind: 'sentiment', score: context.sentiment };
  }
  if (trigger?.kind === 'risk_above' && context.riskInput !== undefined) {
    return { kind: 'risk', input: context.riskInput };
  }
  return undefined;
}

/**
 * The timers of one ticket at `now`: SLA warnings and breaches of its running clocks, the matrix
 * levels above its current one, and the repeats of its level alerts.
 *
 * The scheduler replaces the ticket's timers with `upcoming` (upsert by key, cancel keys no longer
 * listed): when a change moves a due time, the key stays and its `at` changes. Each key fires at
 * most once: fired keys are never returned again. Of several past-due instants of one SLA clock
 * (or of one level's repeats) only the latest is due; the earlier ones are stale.
 * Levels fire in order, each no earlier than the one above; a level whose time cannot be foreseen
 * (no trigger, risk not above its score, a clock that is paused) holds back the levels below it.
 * Repeats of a level stop when it or a repeat is acknowledged and when the next level is reached.
 * A resolved or closed ticket has no timers; one that no row matches has only its SLA timers.
 */
export function evaluateEscalation(
  context: EscalationContext,
  matrix: EscalationMatrix,
  sla: SlaState,
  now: number,
): EscalationEvaluation {
  const ticket = sla.ticket;
  if (ticket === undefined) return { row: undefined, nextLevel: undefined, due: [], upcoming: [] };
  const row = matchEscalationRow(matrix, ticket);
  const levels = row?.levels ?? [];
  const current = Math.max(0, Math.trunc(context.level?.number ?? 0));
  const following = levels[current];
  const nextLevel = following === undefined ? undefined : { number: current + 1, level: following };
  if (ticket.done) return { row, nextLevel, due: [], upcoming: [] };

  const ticketId = ticket.id;
  const families: DeskTimer[][] = [];
  for (const name of SLA_TARGETS) {
    const target = sla.targets[name];
    if (target !== undefined) families.push(targetTimers(ticketId, target, now));
  }
  if (row !== undefined) families.push(...levelTimers(row, current, context, sla, now));
  return splitDue(families, context.firedKeys ?? NO_KEYS, now, { row, nextLevel });
}

/** The level steps above the ticket's current level, one family each, then each level's repeats. */
function levelTimers(
  row: EscalationRow,
  current: number,
  context: EscalationContext,
  sla: SlaState,
  now: number,
): DeskTimer[][] {
  const ticket = sla.ticket!;
  const ticketId = ticket.id;
  const levels = row.levels;
  const families: DeskTimer[][] = [];

  // reachedAt[n]: when level n is (or will be) reached; undefined when not foreseeable.
  const since = context.level?.since ?? ticket.createdAt;
  const reachedAt: (number | undefined)[] = [];
  reachedAt[current] = since;
  for (let number = current + 1; number <= levels.length; number++) {
    const previousAt = reachedAt[number - 1]!;
    const level = levels[number - 1]!;
    const at = triggerInstant(level.trigger, previousAt, sla, context, now);
    if (at === undefined) break;
    reachedAt[number] = Math.max(at, previousAt);
    // Only once due: a desk derives many upcoming levels, and few of them come due.
    const measured = reachedAt[number]! <= now ? levelMeasure(level.trigger, context) : undefined;
    families.push([
      {
        kind: 'escalation',
        key: escalationKey(ticketId, number),
        at: reachedAt[number]!,
        ticketId,
        rowId: row.id,
        level: number,
        levelId: level.id,
        ...(measured ? { measured } : {}),
      },
    ]);
  }

  const acknowledged = context.acknowledgedKeys ?? NO_KEYS;
  for (let number = Math.max(1, current); number <= levels.length; number++) {
    const base = reachedAt[number];
    if (base === undefined) break;
    const level = levels[number - 1]!;
    const repeat = level.repeat;
    if (repeat.kind !== 'every' || !(repeat.minutes > 0)) continue;
    if (isAcknowledged(acknowledged, ticketId, number)) continue;
    const until = reachedAt[number + 1] ?? Infinity;
    const family: DeskTimer[] = [];
    for (let n = 1; n <= repeat.maxTimes; n++) {
      const at = base + n * repeat.minutes * MINUTE_MS;
      if (at >= until) break;
      family.push({
        kind: 'escalation_repeat',
        key: escalationRepeatKey(ticketId, number, n),
        at,
        ticketId,
        rowId: row.id,
        level: number,
        levelId: level.id,
        repeat: n,
      });
    }
    families.push(family);
  }
  return families;
}

/**
 * Splits timers into due and upcoming, leaving out fired keys. Within a family (one SLA clock, one
 * level's repeats) only the latest past-due timer is due: the earlier ones are stale.
 */
function splitDue(
  families: readonly DeskTimer[][],
  fired: ReadonlySet<string>,
  now: number,
  evaluation: Pick<EscalationEvaluation, 'row' | 'nextLevel'>,
): EscalationEvaluation {
  const due: DeskTimer[] = [];
  const upcoming: DeskTimer[] = [];
  for (const family of families) {
    let latestPast = -1;
    family.forEach((timer, index) => {
      if (timer.at <= now) latestPast = index;
    });
    family.forEach((timer, index) => {
      if (fired.has(timer.key)) return;
      if (timer.at > now) upcoming.push(timer);
      else if (index === latestPast) due.push(timer);
    });
  }
  const byTime = (a: DeskTimer, b: DeskTimer) =>
    a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return { ...evaluation, due: due.sort(byTime), upcoming: upcoming.sort(byTime) };
}
