import type { BusinessCalendar } from '../calendar';
import {
  inFoldOrder,
  isDoneStatus,
  type TicketCreated,
  type TicketEvent,
  type TicketFacts,
  type TicketStatus,
} from '../tickets';
import {
  clockAddMinutes,
  clockMinutesBetween,
  instantAtMinutes,
  type ClockSegment,
  type SlaClock,
} from './clock';
import {
  pauseStatusOf,
  pausesTarget,
  policyCalendar,
  selectPolicy,
  type CalendarLookup,
  type PauseStatus,
  type SlaPolicy,
  type SlaTargetName,
  type TimeMode,
} from './policy';

/** Where a target's clock stands: counting, paused, stopped in time, or past its due time. */
export const SLA_CLOCK_STATES = ['running', 'paused', 'met', 'breached'] as const;
export type SlaClockState = (typeof SLA_CLOCK_STATES)[number];

/** Time during which clocks did not run, and why. */
export interface SlaPause {
  from: number;
  /** Undefined while the pause lasts. */
  to: number | undefined;
  /** The status that paused the clock (`resolved`/`closed` for the time before a reopen). */
  status: TicketStatus;
  /** The agent's reason when given, else the policy's reason for the status. */
  reason: string;
}

/** A pause as one target saw it, with its length in that target's kind of minutes. */
export interface SlaTargetPause extends SlaPause {
  minutes: number;
}

export interface SlaWarning {
  percent: number;
  at: number;
}

/**
 * One target's clock. While it is paused, `dueAt` and the warnings not yet reached are projections
 * that assume the clock resumes at `now`; for a stopped clock they are what they were at the stop.
 */
export interface SlaTargetState {
  target: SlaTargetName;
  /** 1 for first response and resolution; the n-th period for next update. */
  cycle: number;
  mode: TimeMode;
  targetMinutes: number;
  startedAt: number;
  dueAt: number;
  /** One per warning threshold of the policy, in increasing order. */
  warnings: SlaWarning[];
  /** Minutes the clock has counted (business or calendar per `mode`), up to now or the stop. */
  elapsedMinutes: number;
  /** `targetMinutes - elapsedMinutes`; negative once overdue. */
  remainingMinutes: number;
  pausedMinutes: number;
  pauses: SlaTargetPause[];
  /** The stretches in which the clock ran. */
  segments: ClockSegment[];
  state: SlaClockState;
  /** When the target was fulfilled (also set when fulfilled late, with state `breached`). */
  metAt: number | undefined;
  /** The due time, once it has passed unfulfilled. */
  breachedAt: number | undefined;
}

/** The ticket as the fold last saw it. */
export interface SlaTicket extends TicketFacts {
  id: string;
  createdAt: number;
  status: TicketStatus;
  /** Resolved or closed. */
  done: boolean;
}

/** A ticket's SLA state at `now`, derived from its events. */
export interface SlaState {
  /** Undefined when the events hold no `created` event at or before `now`. */
  ticket: SlaTicket | undefined;
  policy: SlaPolicy | undefined;
  /** The policy's calendar, resolved. */
  calendar: BusinessCalendar | undefined;
  /** The pause in force at `now`, if any. */
  pause: SlaPause | undefined;
  /** Every pause of the ticket (pause statuses, and resolved stretches that ended in a reopen). */
  pauses: SlaPause[];
  /** The targets the policy sets; next update appears once the first response is given. */
  targets: Partial<Record<SlaTargetName, SlaTargetState>>;
  /** Completed next-update periods, oldest first; the current one is `targets.next_update`. */
  nextUpdateHistory: SlaTargetState[];
}

export interface DeriveSlaOptions {
  /** Resolves a policy's calendar id. */
  resolveCalendar?: CalendarLookup;
}

const REOPEN_REASON = 'Resolved, then reopened';

/** One run of a target's clock, as recorded while folding. */
interface ClockRun {
  target: SlaTargetName;
  cycle: number;
  startedAt: number;
  pauses: SlaPause[];
  stoppedAt: number | undefined;
  /** The state computed when the run stopped, under the policy in force then. */
  frozen: SlaTargetState | undefined;
}

function newRun(target: SlaTargetName, cycle: number, startedAt: number): ClockRun {
  return { target, cycle, startedAt, pauses: [], stoppedAt: undefined, frozen: undefined };
}

/** Closes the open pause of a list at `at`, dropping it when it lasted no time. */
function closePause(pauses: SlaPause[], at: number): void {
  const open = pauses.at(-1);
  if (open === undefined || open.to !== undefined) return;
  if (open.from >= at) pauses.pop();
  else open.to = at;
}

function openPause(pauses: SlaPause[]): SlaPause | undefined {
  const last = pauses.at(-1);
  return last !== undefined && last.to === undefined ? last : undefined;
}

/** When the clock reaches `minutes`; beyond its segments (paused or stopped), as if it resumed at `end`. */
function projectedInstant(
  clock: SlaClock,
  segments: readonly ClockSegment[],
  minutes: number,
  end: number,
  consumed: number,
): number {
  return (
    instantAtMinutes(clock, segments, minutes) ?? clockAddMinutes(clock, end, minutes - consumed)
  );
}

/** Computes a run's target state at `now` under a policy; undefined when the policy lacks the target. */
function measureRun(
  run: ClockRun,
  policy: SlaPolicy | undefined,
  calendar: BusinessCalendar | undefined,
  warningPercents: readonly number[],
  now: number,
): SlaTargetState | undefined {
  const spec = policy?.targets[run.target];
  if (spec === undefined) return undefined;
  const clock: SlaClock = { mode: spec.mode, calendar };
  const stopped = run.stoppedAt !== undefined;
  const end = run.stoppedAt ?? now;

  const segments: ClockSegment[] = [];
  const pauses: SlaTargetPause[] = [];
  let consumed = 0;
  let pausedMinutes = 0;
  let cursor = run.startedAt;
  for (const pause of run.pauses) {
    const from = Math.min(pause.from, end);
    if (from > cursor) {
      const minutes = clockMinutesBetween(clock, cursor, from);
      segments.push({ from: cursor, to: from, minutesBefore: consumed, minutes });
      consumed += minutes;
    }
    const to = pause.to === undefined ? end : Math.min(pause.to, end);
    const minutes = clockMinutesBetween(clock, from, to);
    pausedMinutes += minutes;
    pauses.push({
      from: pause.from,
      to: pause.to,
      status: pause.status,
      reason: pause.reason,
      minutes,
    });
    cursor = Math.max(cursor, to);
  }
  const paused = !stopped && openPause(run.pauses) !== undefined;
  if (!stopped && !paused) {
    const minutes = clockMinutesBetween(clock, cursor, end);
    segments.push({ from: cursor, to: undefined, minutesBefore: consumed, minutes });
    consumed += minutes;
  } else if (stopped && end > cursor) {
    const minutes = clockMinutesBetween(clock, cursor, end);
    segments.push({ from: cursor, to: end, minutesBefore: consumed, minutes });
    consumed += minutes;
  }

  const dueAt = projectedInstant(clock, segments, spec.minutes, end, consumed);
  const warnings: SlaWarning[] = [];
  for (const percent of warningPercents) {
    const minutes = (spec.minutes * percent) / 100;
    warnings.push({ percent, at: projectedInstant(clock, segments, minutes, end, consumed) });
  }

  let state: SlaClockState;
  if (stopped) state = end <= dueAt ? 'met' : 'breached';
  else if (dueAt <= now) state = 'breached';
  else state = paused ? 'paused' : 'running';

  return {
    target: run.target,
    cycle: run.cycle,
    mode: spec.mode,
    targetMinutes: spec.minutes,
    startedAt: run.startedAt,
    dueAt,
    warnings,
    elapsedMinutes: consumed,
    remainingMinutes: spec.minutes - consumed,
    pausedMinutes,
    pauses,
    segments,
    state,
    metAt: run.stoppedAt,
    breachedAt: state === 'breached' ? dueAt : undefined,
  };
}

/** The policy's warning thresholds that make sense (0 < p < 100), unique, ascending. */
function usableWarningPercents(policy: SlaPolicy | undefined): number[] {
  if (policy === undefined) return [];
  const usable = policy.warningPercents.filter((p) => Number.isFinite(p) && p > 0 && p < 100);
  return [...new Set(usable)].sort((a, b) => a - b);
}

/** The fold over one ticket's events; see `deriveSlaState` for the rules. */
class SlaFold {
  private readonly policies: readonly SlaPolicy[];
  private readonly lookup: CalendarLookup | undefined;
  readonly ticketId: string;
  readonly createdAt: number;
  readonly facts: TicketFacts;
  status: TicketStatus;
  private statusReason: string | undefined = undefined;
  private pinnedPolicyId: string | null = null;
  policy: SlaPolicy | undefined = undefined;
  calendar: BusinessCalendar | undefined = undefined;
  private warningPercents: number[] = [];
  private doneAt: number | undefined = undefined;
  private doneStatus: TicketStatus | undefined = undefined;
  readonly firstResponse: ClockRun;
  readonly resolution: ClockRun;
  nextUpdate: ClockRun | undefined = undefined;
  readonly nextUpdateHistory: SlaTargetState[] = [];
  readonly pauses: SlaPause[] = [];

  constructor(
    created: TicketCreated,
    policies: readonly SlaPolicy[],
    lookup: CalendarLookup | undefined,
  ) {
    this.policies = policies;
    this.lookup = lookup;
    this.ticketId = created.ticketId;
    this.createdAt = created.at;
    this.facts = {
      priority: created.priority,
      category: created.category,
      tier: created.tier,
      channel: created.channel,
    };
    this.status = created.status;
    this.firstResponse = newRun('first_response', 1, created.at);
    this.resolution = newRun('resolution', 1, created.at);
    this.reselectPolicy();
    if (isDoneStatus(created.status)) this.finish(created.at, created.status);
    else this.syncPauses(created.at);
  }

  apply(event: TicketEvent, at: number): void {
    switch (event.type) {
      case 'status_changed':
        this.changeStatus(event.to, event.reason, at);
        return;
      case 'reply':
        if (event.direction === 'to_customer') this.customerFacingReply(at);
        return;
      case 'priority_changed':
        this.facts.priority = event.to;
        this.reselectPolicy(at);
        return;
      case 'category_changed':
        this.facts.category = event.to;
        this.reselectPolicy(at);
        return;
      case 'policy_changed':
        this.pinnedPolicyId = event.policyId;
        this.reselectPolicy(at);
        return;
      case 'created':
        return;
    }
  }

  private reselectPolicy(at?: number): void {
    const policy = selectPolicy(this.policies, this.facts, this.pinnedPolicyId);
    if (policy === this.policy) return;
    this.policy = policy;
    this.calendar = policy === undefined ? undefined : policyCalendar(policy, this.lookup);
    this.warningPercents = usableWarningPercents(policy);
    if (at !== undefined && this.doneAt === undefined) this.syncPauses(at);
  }

  /** Opens or closes pauses so that they match the current status and policy. */
  private syncPauses(at: number): void {
    const rule = this.policy === undefined ? undefined : pauseStatusOf(this.policy, this.status);
    const reason = this.statusReason ?? rule?.reason ?? '';
    this.syncPauseList(this.pauses, rule !== undefined, reason, at);
    this.syncRunPauses(this.firstResponse, rule, reason, at);
    this.syncRunPauses(this.resolution, rule, reason, at);
    if (this.nextUpdate !== undefined) this.syncRunPauses(this.nextUpdate, rule, reason, at);
  }

  private syncRunPauses(
    run: ClockRun,
    rule: PauseStatus | undefined,
    reason: string,
    at: number,
  ): void {
    if (run.stoppedAt !== undefined) return;
    const wanted = rule !== undefined && pausesTarget(this.policy!, run.target);
    this.syncPauseList(run.pauses, wanted, reason, at);
  }

  private syncPauseList(pauses: SlaPause[], wanted: boolean, reason: string, at: number): void {
    const open = openPause(pauses);
    if (open !== undefined && (!wanted || open.status !== this.status)) closePause(pauses, at);
    if (wanted && openPause(pauses) === undefined) {
      pauses.push({ from: at, to: undefined, status: this.status, reason });
    }
  }

  private stop(run: ClockRun, at: number): void {
    closePause(run.pauses, at);
    run.stoppedAt = at;
    run.frozen = measureRun(run, this.policy, this.calendar, this.warningPercents, at);
  }

  private startNextUpdate(at: number): void {
    if (this.nextUpdate !== undefined) {
      if (this.nextUpdate.frozen !== undefined) this.nextUpdateHistory.push(this.nextUpdate.frozen);
    }
    this.nextUpdate = newRun('next_update', (this.nextUpdate?.cycle ?? 0) + 1, at);
    this.syncPauses(at);
  }

  private customerFacingReply(at: number): void {
    if (this.doneAt !== undefined) return;
    if (this.firstResponse.stoppedAt === undefined) this.stop(this.firstResponse, at);
    else if (this.nextUpdate !== undefined) this.stop(this.nextUpdate, at);
    this.startNextUpdate(at);
  }

  private changeStatus(to: TicketStatus, reason: string | undefined, at: number): void {
    if (to === this.status) return;
    const wasDone = isDoneStatus(this.status);
    this.status = to;
    this.statusReason = reason;
    if (isDoneStatus(to)) {
      if (!wasDone) this.finish(at, to);
      return;
    }
    if (wasDone) this.reopen(at);
    this.syncPauses(at);
  }

  /** Resolution: every clock stops; a first response or update still owed counts as given. */
  private finish(at: number, status: TicketStatus): void {
    closePause(this.pauses, at);
    if (this.firstResponse.stoppedAt === undefined) this.stop(this.firstResponse, at);
    if (this.nextUpdate !== undefined && this.nextUpdate.stoppedAt === undefined) {
      this.stop(this.nextUpdate, at);
    }
    this.stop(this.resolution, at);
    this.doneAt = at;
    this.doneStatus = status;
  }

  /** Reopen: the resolution clock carries on, not counting the time the ticket was resolved. */
  private reopen(at: number): void {
    const doneAt = this.doneAt ?? at;
    const gap: SlaPause = {
      from: doneAt,
      to: at,
      status: this.doneStatus ?? 'resolved',
      reason: REOPEN_REASON,
    };
    this.doneAt = undefined;
    this.doneStatus = undefined;
    if (gap.to! > gap.from) this.pauses.push({ ...gap });
    const run = this.resolution;
    run.stoppedAt = undefined;
    run.frozen = undefined;
    if (gap.to! > gap.from) run.pauses.push(gap);
    if (this.firstResponse.stoppedAt !== undefined) this.startNextUpdate(at);
  }

  result(now: number): SlaState {
    const targets: Partial<Record<SlaTargetName, SlaTargetState>> = {};
    const runs = [this.firstResponse, this.nextUpdate, this.resolution];
    for (const run of runs) {
      if (run === undefined) continue;
      const state =
        run.stoppedAt !== undefined
          ? run.frozen
          : measureRun(run, this.policy, this.calendar, this.warningPercents, now);
      if (state !== undefined) targets[run.target] = state;
    }
    return {
      ticket: {
        id: this.ticketId,
        createdAt: this.createdAt,
        priority: this.facts.priority,
        category: this.facts.category,
        tier: this.facts.tier,
        channel: this.facts.channel,
        status: this.status,
        done: this.doneAt !== undefined,
      },
      policy: this.policy,
      calendar: this.calendar,
      pause: openPause(this.pauses),
      pauses: this.pauses,
      targets,
      nextUpdateHistory: this.nextUpdateHistory,
    };
  }
}

/**
 * A ticket's SLA state at `now`, folding its events in order (by `at`, then id; events after `now`
 * are ignored). Rules:
 * - First response starts at creation and is met by the first customer-facing reply.
 * - Next update starts at the first response and restarts at every customer-facing reply.
 * - Resolution starts at creation and is met when the ticket is resolved or closed, which also
 *   stops the other clocks (an owed response or update counts as given). A reopen continues the
 *   resolution clock, not counting the resolved stretch, and starts a new next-update period.
 * - While the status is one of the policy's pause statuses, the targets in `pauseTargets` (all by
 *   default) do not count time, so their due times move by the paused minutes.
 * - A priority, category or policy change re-selects the policy; running clocks are recomputed
 *   from their start with the new targets and calendar, keeping the pauses recorded so far (a
 *   breach can thus date from before the change). Met targets keep the verdict they had.
 */
export function deriveSlaState(
  events: readonly TicketEvent[],
  policies: readonly SlaPolicy[],
  now: number,
  options: DeriveSlaOptions = {},
): SlaState {
  const ordered = inFoldOrder(events);
  let created: TicketCreated | undefined;
  for (const event of ordered) {
    if (event.type === 'created') {
      created = event;
      break;
    }
  }
  if (created === undefined || created.at > now) {
    return {
      ticket: undefined,
      policy: undefined,
      calendar: undefined,
      pause: undefined,
      pauses: [],
      targets: {},
      nextUpdateHistory: [],
    };
  }
  const fold = new SlaFold(created, policies, options.resolveCalendar);
  for (const event of ordered) {
    if (event.at > now) break;
    if (event === created) continue;
    fold.apply(event, Math.max(event.at, created.at));
  }
  return fold.result(now);
}

/**
 * The instant at which a target reaches `percent` of its minutes; undefined when that depends on a
 * resume that has not happened (paused) or never happened (stopped before getting there).
 */
export function slaTargetInstant(
  target: SlaTargetState,
  percent: number,
  calendar: BusinessCalendar | undefined,
): number | undefined {
  const clock: SlaClock = { mode: target.mode, calendar };
  return instantAtMinutes(clock, target.segments, (target.targetMinutes * percent) / 100);
}
