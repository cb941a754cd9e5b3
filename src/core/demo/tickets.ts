import { addBusinessMinutes, isBusinessTime, type BusinessCalendar } from '../calendar';
import {
  escalationKey,
  evaluateEscalation,
  matchEscalationRow,
  slaBreachKey,
  slaWarningKey,
  type EscalationLevel,
  type EscalationType,
} from '../escalation';
import {
  addMinutesSkippingGaps,
  clockAddMinutes,
  clockMinutesBetween,
  deriveSlaState,
  MINUTE_MS,
  policyCalendar,
  selectPolicy,
  slaTargetInstant,
  summarizeSla,
  type CalendarLookup,
  type SlaClock,
  type SlaPolicy,
  type SlaState,
  type SlaSummary,
  type SlaTargetName,
  type SlaTargetState,
} from '../sla';
import {
  CHANNELS,
  isDoneStatus,
  type Channel,
  type Customer,
  type CustomerTier,
  type DeskEvent,
  type Person,
  type Priority,
  type RootCause,
  type Ticket,
  type TicketEvent,
  type TicketStatus,
} from '../tickets';
import { DemoRandom } from './random';
import {
  BUSINESS_CALENDAR_ID,
  FRONTLINE_TEAM_ID,
  MANAGEMENT_TEAM_ID,
  teamIdOf,
  type DemoReference,
} from './reference';
import {
  acknowledgementMessage,
  categoryTexts,
  csatComment,
  customerMessage,
  deEscalationReason,
  hierarchicalReason,
  pendingCustomerReason,
  reopenReason,
  rootCauseNotes,
  ticketText,
  updateMessage,
  type DemoCategory,
} from './texts';

/** An alert key the desk should treat as already fired, so loading the demo raises no old alerts. */
export interface DemoFiredAlert {
  key: string;
  ticketId: string;
  firedAt: number;
}

/** The queue's SLA summary of one ticket; `open` is 1 while the ticket is open. */
export interface DemoTicketSla extends SlaSummary {
  ticketId: string;
  open?: 1;
}

/** One generated ticket with everything stored about it. */
export interface DemoTicket {
  ticket: Ticket;
  /** Its activity log, in time order. */
  events: DeskEvent[];
  sla: DemoTicketSla;
  /** For open tickets: the alert keys of past warnings, breaches and escalations. */
  firedAlerts: DemoFiredAlert[];
}

/** Consecutive tickets, ready to be written together. */
export interface DemoBatch {
  /** Index of the first ticket in the batch; `to` is one past the last. */
  from: number;
  to: number;
  tickets: Ticket[];
  events: DeskEvent[];
  ticketSla: DemoTicketSla[];
  firedAlerts: DemoFiredAlert[];
}

const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The id of the ticket at an index: ESC-10001, ESC-10002, … */
export function demoTicketId(index: number): string {
  return `ESC-${10_001 + index}`;
}

/** Lookups shared by all tickets of one desk, built once per reference. */
interface DeskContext {
  reference: DemoReference;
  lookup: CalendarLookup;
  business: BusinessCalendar;
  customersByTier: Record<CustomerTier, Customer[]>;
  agents: Person[];
  specialists: Map<string, Person[]>;
  managers: Person[];
  arrivalStart: number;
  /** Cumulative arrival weight at the end of each hour of the history. */
  arrivalCumulative: Float64Array;
}

const contexts = new WeakMap<DemoReference, DeskContext>();

function contextOf(reference: DemoReference): DeskContext {
  const cached = contexts.get(reference);
  if (cached !== undefined) return cached;
  const calendars = new Map(reference.calendars.map((row) => [row.id, row.calendar]));
  const business = calendars.get(BUSINESS_CALENDAR_ID)!;
  const customersByTier: Record<CustomerTier, Customer[]> = {
    enterprise: [],
    business: [],
    standard: [],
  };
  for (const customer of reference.customers) customersByTier[customer.tier].push(customer);
  const specialists = new Map<string, Person[]>();
  for (const person of reference.people) {
    if (person.role !== 'specialist' || person.teamId === undefined) continue;
    const list = specialists.get(person.teamId) ?? [];
    list.push(person);
    specialists.set(person.teamId, list);
  }
  // Tickets arrive mostly in office hours, and the desk has grown over the period.
  const hours = Math.max(1, Math.round(reference.days * 24));
  const arrivalStart = reference.now - hours * HOUR_MS;
  const arrivalCumulative = new Float64Array(hours);
  let total = 0;
  for (let h = 0; h < hours; h++) {
    const at = arrivalStart + h * HOUR_MS + 30 * MINUTE_MS;
    const office = isBusinessTime(business, at);
    const weekend = [0, 6].includes(new Date(at).getUTCDay());
    const weight = (office ? 1 : weekend ? 0.06 : 0.14) * (0.2 + (1.6 * h) / hours);
    total += weight;
    arrivalCumulative[h] = total;
  }
  const context: DeskContext = {
    reference,
    lookup: (id) => calendars.get(id),
    business,
    customersByTier,
    agents: reference.people.filter((p) => p.role === 'agent'),
    specialists,
    managers: reference.people.filter((p) => p.role === 'manager'),
    arrivalStart,
    arrivalCumulative,
  };
  contexts.set(reference, context);
  return context;
}

/** When ticket `index` arrived: quantile `(index + jitter) / count` of the arrival weights. */
function arrivalOf(context: DeskContext, index: number, jitter: number): number {
  const cumulative = context.arrivalCumulative;
  const hours = cumulative.length;
  const count = Math.max(1, context.reference.ticketCount);
  const target = ((index + jitter) / count) * cumulative[hours - 1]!;
  let low = 0;
  let high = hours - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cumulative[mid]! < target) low = mid + 1;
    else high = mid;
  }
  const before = low === 0 ? 0 : cumulative[low - 1]!;
  const within = (target - before) / (cumulative[low]! - before);
  const at = context.arrivalStart + (low + within) * HOUR_MS;
  return Math.min(context.reference.now - 1000, Math.floor(at / 1000) * 1000);
}

const TICKET_TIER_SHARE: readonly (readonly [CustomerTier, number])[] = [
  ['enterprise', 30],
  ['business', 35],
  ['standard', 35],
];

const PRIORITY_BY_TIER: Record<CustomerTier, readonly (readonly [Priority, number])[]> = {
  enterprise: [
    ['P1', 7],
    ['P2', 28],
    ['P3', 45],
    ['P4', 20],
  ],
  business: [
    ['P1', 3],
    ['P2', 20],
    ['P3', 47],
    ['P4', 30],
  ],
  standard: [
    ['P1', 1],
    ['P2', 10],
    ['P3', 49],
    ['P4', 40],
  ],
};

const CATEGORY_WEIGHTS: Record<CustomerTier, readonly (readonly [DemoCategory, number])[]> = {
  enterprise: [
    ['billing', 14],
    ['network', 24],
    ['hardware', 14],
    ['accounts', 16],
    ['returns', 6],
    ['platform', 26],
  ],
  business: [
    ['billing', 22],
    ['network', 22],
    ['hardware', 18],
    ['accounts', 16],
    ['returns', 10],
    ['platform', 12],
  ],
  standard: [
    ['billing', 28],
    ['network', 14],
    ['hardware', 16],
    ['accounts', 20],
    ['returns', 20],
    ['platform', 2],
  ],
};

const CHANNEL_WEIGHTS: Record<Channel, number> = {
  email: 30,
  phone: 22,
  chat: 18,
  web: 15,
  store: 10,
  social: 5,
};
const CHANNEL_ENTRIES = CHANNELS.map((channel) => [channel, CHANNEL_WEIGHTS[channel]] as const);

const EFFORT_BY_PRIORITY: Record<Priority, number> = { P1: 0.8, P2: 1, P3: 1, P4: 1.25 };

/** Categories whose tickets often wait for a carrier, supplier or warehouse. */
const THIRD_PARTY_HEAVY: ReadonlySet<string> = new Set(['network', 'hardware', 'returns']);

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

type WithoutMeta<E> = E extends unknown ? Omit<E, 'id' | 'ticketId' | 'by' | 'at'> : never;
type EventBody = WithoutMeta<DeskEvent>;

/** Who did something: the ticket's owner at that moment, the desk itself, or a named person. */
type Actor = { kind: 'owner' } | { kind: 'system' } | { kind: 'person'; id: string };
const OWNER: Actor = { kind: 'owner' };
const SYSTEM: Actor = { kind: 'system' };

interface Draft {
  at: number;
  /** Orders drafts at the same instant: the order they were made in. */
  order: number;
  actor: Actor;
  event: EventBody;
}

const SLA_EVENT_TYPES: ReadonlySet<string> = new Set([
  'created',
  'status_changed',
  'reply',
  'priority_changed',
  'category_changed',
  'policy_changed',
]);

/** The history as it is drafted, in time order; nothing after `now` is kept. */
class History {
  readonly drafts: Draft[] = [];
  /** Set once something would happen after `now`: the rest of the story has not happened yet. */
  stopped = false;
  private order = 0;

  constructor(private readonly now: number) {}

  add(at: number, actor: Actor, event: EventBody): boolean {
    if (this.stopped) return false;
    const last = this.drafts.at(-1);
    const when = Math.round(Math.max(at, last?.at ?? at) / 1000) * 1000;
    if (when > this.now) {
      this.stopped = true;
      return false;
    }
    this.drafts.push({ at: when, order: this.order++, actor, event });
    return true;
  }

  /** The time of the last drafted event. */
  get last(): number {
    return this.drafts.at(-1)!.at;
  }
}

interface TicketPlan {
  id: string;
  createdAt: number;
  priority: Priority;
  category: DemoCategory;
  tier: CustomerTier;
  channel: Channel;
  customer: Customer;
  agent: Person;
  /** How long the work takes, as a share of the resolution target. */
  effort: number;
}

function policyFor(context: DeskContext, plan: TicketPlan, priority: Priority): SlaPolicy {
  return selectPolicy(context.reference.policies, {
    priority,
    category: plan.category,
    tier: plan.tier,
    channel: plan.channel,
  })!;
}

function clockOf(context: DeskContext, policy: SlaPolicy, target: SlaTargetName): SlaClock {
  return {
    mode: policy.targets[target]?.mode ?? 'calendar',
    calendar: policyCalendar(policy, context.lookup),
  };
}

/** When someone working desk hours (round the clock for P1) has spent `minutes` after `from`. */
function deskTime(context: DeskContext, priority: Priority, from: number, minutes: number): number {
  if (priority === 'P1') return from + minutes * MINUTE_MS;
  return addBusinessMinutes(context.business, from, minutes);
}

const RAISE: Partial<Record<Priority, Priority>> = { P4: 'P3', P3: 'P2' };
const LOWER: Partial<Record<Priority, Priority>> = { P1: 'P2', P2: 'P3' };

/**
 * Drafts the ticket's own story: creation, assignment, first response, updates, customer
 * messages, notes, pauses, a possible priority change, resolution, closing and a possible reopen.
 * Escalations, SLA alerts, root causes and CSAT come later, once the SLA fold has run.
 */
function draftLifecycle(context: DeskContext, plan: TicketPlan, random: DemoRandom): History {
  const now = context.reference.now;
  const history = new History(now);
  const texts = categoryTexts(plan.category);
  let priority = plan.priority;
  let policy = policyFor(context, plan, priority);
  const receivedByAgent =
    plan.channel === 'phone' || plan.channel === 'store' || plan.channel === 'chat';

  history.add(plan.createdAt, receivedByAgent ? { kind: 'person', id: plan.agent.id } : SYSTEM, {
    type: 'created',
    priority,
    category: plan.category,
    tier: plan.tier,
    channel: plan.channel,
    status: 'new',
  });
  const assignAt = deskTime(context, priority, plan.createdAt, random.int(2, 25));
  history.add(assignAt, SYSTEM, {
    type: 'assigned',
    toOwnerId: plan.agent.id,
    toTeamId: FRONTLINE_TEAM_ID,
  });
  history.add(assignAt, OWNER, { type: 'status_changed', to: 'open' });

  const firstResponse = policy.targets.first_response!;
  const responseShare = random.chance(0.05) ? random.between(1.05, 2.5) : random.between(0.1, 0.85);
  const respondAt = clockAddMinutes(
    clockOf(context, policy, 'first_response'),
    plan.createdAt,
    Math.round(firstResponse.minutes * responseShare),
  );
  history.add(Math.max(respondAt, history.last + MINUTE_MS), OWNER, {
    type: 'reply',
    direction: 'to_customer',
    body: acknowledgementMessage(random),
  });

  let cursor = history.last;
  let resolution = policy.targets.resolution!;
  let remaining =
    resolution.minutes * plan.effort -
    clockMinutesBetween(clockOf(context, policy, 'resolution'), plan.createdAt, cursor);
  let priorityChanged = false;
  let reopened = false;

  for (;;) {
    let resolveNow = false;
    while (remaining > 0 && !history.stopped && !resolveNow) {
      const clock = clockOf(context, policy, 'resolution');
      const nextUpdate = policy.targets.next_update!.minutes;
      const share = random.chance(0.015) ? random.between(1.05, 1.8) : random.between(0.3, 0.8);
      const step = Math.max(1, Math.min(Math.round(nextUpdate * share), Math.ceil(remaining)));
      const from = cursor;
      const to = Math.round(clockAddMinutes(clock, from, step));
      cursor = to;
      const between: [number, EventBody][] = [];
      if (random.chance(0.12)) {
        between.push([
          from + (to - from) * random.next(),
          { type: 'reply', direction: 'from_customer', body: customerMessage(random) },
        ]);
      }
      if (random.chance(0.15)) {
        between.push([
          from + (to - from) * random.next(),
          { type: 'note', body: random.pick(texts.notes) },
        ]);
      }
      between.sort((a, b) => a[0] - b[0]);
      for (const [at, event] of between) history.add(at, OWNER, event);
      remaining -= step;
      if (remaining <= 0) break;

      const roll = random.next();
      const thirdPartyOdds =
        priority === 'P1' ? 0 : THIRD_PARTY_HEAVY.has(plan.category) ? 0.12 : 0.06;
      if (roll < 0.16) {
        const { reason, message } = pendingCustomerReason(random);
        history.add(to, OWNER, { type: 'reply', direction: 'to_customer', body: message });
        history.add(to, OWNER, { type: 'status_changed', to: 'pending_customer', reason });
        const wait = random.chance(0.35)
          ? random.between(3, 30) * DAY_MS
          : clamp(random.logNormal(10, 1.1), 0.5, 12 * 24) * HOUR_MS;
        cursor = to + wait;
        if (random.chance(0.08)) {
          // The customer never came back: resolved while waiting.
          history.add(to + wait, OWNER, { type: 'note', body: 'No reply from the customer.' });
          resolveNow = true;
        } else {
          history.add(to + wait, OWNER, {
            type: 'reply',
            direction: 'from_customer',
            body: customerMessage(random),
          });
          history.add(to + wait, OWNER, { type: 'status_changed', to: 'open' });
        }
      } else if (roll < 0.16 + thirdPartyOdds) {
        const reason = random.pick(texts.thirdParty);
        history.add(to, OWNER, {
          type: 'reply',
          direction: 'to_customer',
          body: 'We are waiting for our partner and will come back to you.',
        });
        history.add(to, OWNER, { type: 'status_changed', to: 'pending_third_party', reason });
        const wait = random.chance(0.3)
          ? random.between(7, 45) * DAY_MS
          : clamp(random.logNormal(30, 0.9), 2, 20 * 24) * HOUR_MS;
        cursor = to + wait;
        history.add(to + wait, OWNER, {
          type: 'note',
          body: 'Partner has answered; work resumes.',
        });
        history.add(to + wait, OWNER, { type: 'status_changed', to: 'open' });
      } else if (roll < 0.16 + thirdPartyOdds + 0.04 && !priorityChanged) {
        priorityChanged = true;
        const raise = random.chance(0.6);
        const next = (raise ? RAISE : LOWER)[priority];
        const nextPolicy = next === undefined ? undefined : policyFor(context, plan, next);
        const used = clockMinutesBetween(
          clockOf(context, policy, 'resolution'),
          plan.createdAt,
          to,
        );
        // Raising is only realistic while the tighter target has not already run out.
        if (
          next !== undefined &&
          nextPolicy !== undefined &&
          (!raise || used < 0.4 * nextPolicy.targets.resolution!.minutes)
        ) {
          history.add(to, OWNER, { type: 'priority_changed', to: next });
          remaining *= nextPolicy.targets.resolution!.minutes / resolution.minutes;
          priority = next;
          policy = nextPolicy;
          resolution = policy.targets.resolution!;
        }
        history.add(to, OWNER, {
          type: 'reply',
          direction: 'to_customer',
          body: updateMessage(random),
        });
      } else {
        history.add(to, OWNER, {
          type: 'reply',
          direction: 'to_customer',
          body: updateMessage(random),
        });
      }
    }
    if (history.stopped) break;

    const resolvedAt = Math.max(cursor, history.last);
    history.add(resolvedAt, OWNER, { type: 'status_changed', to: 'resolved' });

    const confirmed = random.chance(0.55);
    const closeAt = confirmed
      ? deskTime(context, priority, resolvedAt, random.int(30, 1_200))
      : resolvedAt + 5 * DAY_MS;
    const reopenAt =
      !reopened && random.chance(0.05) ? resolvedAt + random.between(2, 144) * HOUR_MS : undefined;
    if (reopenAt === undefined || closeAt < reopenAt) {
      history.add(closeAt, confirmed ? OWNER : SYSTEM, {
        type: 'status_changed',
        to: 'closed',
        ...(confirmed ? {} : { reason: 'Closed automatically after 5 days without reply' }),
      });
    }
    if (reopenAt === undefined || history.stopped) break;
    reopened = true;
    const { reason, message } = reopenReason(random);
    history.add(reopenAt, OWNER, { type: 'reply', direction: 'from_customer', body: message });
    history.add(reopenAt, OWNER, { type: 'status_changed', to: 'open', reason });
    cursor = reopenAt;
    remaining = resolution.minutes * random.between(0.05, 0.3);
  }
  return history;
}

interface PlannedAction {
  at: number;
  kind: 'functional' | 'hierarchical' | 'de_escalate';
}

interface LevelChange {
  at: number;
  toLevel: number;
  escalationType: EscalationType | undefined;
  actor: Actor;
  toOwnerId: string;
  toTeamId: string;
  reason: string;
}

/** The instant a matrix level's trigger is reached per the SLA state; undefined if never. */
function triggerInstant(
  level: EscalationLevel,
  sla: SlaState,
  previousAt: number,
): number | undefined {
  const trigger = level.trigger;
  if (trigger === undefined) return undefined;
  if (trigger.kind === 'sla_percent') {
    const target = sla.targets[trigger.target];
    return target === undefined
      ? undefined
      : slaTargetInstant(target, trigger.percent, sla.calendar);
  }
  if (trigger.kind === 'after_minutes') {
    return addMinutesSkippingGaps(
      { mode: trigger.mode, calendar: sla.calendar },
      previousAt,
      trigger.minutes,
      sla.pauses,
    );
  }
  return undefined;
}

/**
 * Plays the ticket's escalations forward in time: the people's planned escalations and
 * de-escalations, and each matrix level that fires by itself when its trigger passes (as the
 * desk's scheduler would), each level at most once.
 */
function playEscalations(
  context: DeskContext,
  plan: TicketPlan,
  sla: SlaState,
  random: DemoRandom,
): { changes: LevelChange[]; reached: Map<number, number>; level: number; since: number } {
  const now = context.reference.now;
  const row =
    sla.ticket === undefined ? undefined : matchEscalationRow(context.reference.matrix, sla.ticket);
  const levels = row?.levels ?? [];
  const resolution = sla.targets.resolution;
  const instantAt = (percent: number) => {
    if (resolution === undefined) return undefined;
    const at = slaTargetInstant(resolution, percent, sla.calendar);
    return at !== undefined && at <= now ? Math.round(at) : undefined;
  };

  const actions: PlannedAction[] = [];
  const hard = plan.effort > 0.45;
  let functionalShare: number | undefined;
  if ((hard && random.chance(0.5)) || random.chance(0.08)) {
    functionalShare = random.between(8, 45);
    const at = instantAt(functionalShare);
    if (at !== undefined) actions.push({ at, kind: 'functional' });
  }
  if ((plan.tier === 'enterprise' && random.chance(0.08)) || (hard && random.chance(0.15))) {
    const at = instantAt(random.between(15, 70));
    if (at !== undefined) actions.push({ at, kind: 'hierarchical' });
  }
  if (functionalShare !== undefined && random.chance(0.15)) {
    const at = instantAt(Math.min(70, functionalShare + random.between(5, 20)));
    if (at !== undefined) actions.push({ at, kind: 'de_escalate' });
  }
  actions.sort((a, b) => a.at - b.at);

  const teamId = teamIdOf(plan.category);
  const specialists = context.specialists.get(teamId) ?? [];
  const ownerOfLevel = (number: number): { toOwnerId: string; toTeamId: string } => {
    const owner = levels[number - 1]?.owner;
    if (owner?.kind === 'person') return { toOwnerId: owner.id, toTeamId: teamId };
    if (owner?.kind === 'role') {
      return { toOwnerId: random.pick(context.managers).id, toTeamId: MANAGEMENT_TEAM_ID };
    }
    return { toOwnerId: random.pick(specialists).id, toTeamId: teamId };
  };

  const changes: LevelChange[] = [];
  /** Each level ever reached, with when it was first reached. */
  const reached = new Map<number, number>();
  let level = 0;
  let since = plan.createdAt;
  const reach = (change: LevelChange) => {
    for (let n = 1; n <= change.toLevel; n++) if (!reached.has(n)) reached.set(n, change.at);
    changes.push(change);
    level = change.toLevel;
    since = change.at;
  };
  const fireUntil = (limit: number) => {
    for (;;) {
      let previous = since;
      let due: { number: number; at: number } | undefined;
      for (let number = level + 1; number <= levels.length; number++) {
        const instant = triggerInstant(levels[number - 1]!, sla, previous);
        if (instant === undefined) break;
        const at = Math.max(Math.round(instant), previous);
        if (!reached.has(number)) {
          if (at <= limit) due = { number, at };
          break;
        }
        previous = at;
      }
      if (due === undefined) return;
      const trigger = levels[due.number - 1]!.trigger;
      const percent = trigger?.kind === 'sla_percent' ? trigger.percent : undefined;
      reach({
        at: due.at,
        toLevel: due.number,
        escalationType: 'automatic',
        actor: SYSTEM,
        ...ownerOfLevel(due.number),
        reason:
          percent === undefined
            ? `Matrix level L${due.number} reached its trigger`
            : `${percent}% of the resolution time used`,
      });
    }
  };

  for (const action of actions) {
    fireUntil(action.at);
    const at = Math.max(action.at, since);
    if (action.kind === 'functional' && level < 1) {
      reach({
        at,
        toLevel: 1,
        escalationType: 'functional',
        actor: OWNER,
        toOwnerId: random.pick(specialists).id,
        toTeamId: teamId,
        reason: random.pick(categoryTexts(plan.category).functionalReasons),
      });
    } else if (action.kind === 'hierarchical' && level < 2) {
      reach({
        at,
        toLevel: 2,
        escalationType: 'hierarchical',
        actor: OWNER,
        ...ownerOfLevel(2),
        reason: hierarchicalReason(random),
      });
    } else if (action.kind === 'de_escalate' && level === 1 && !reached.has(2)) {
      changes.push({
        at,
        toLevel: 0,
        escalationType: undefined,
        actor: OWNER,
        toOwnerId: plan.agent.id,
        toTeamId: FRONTLINE_TEAM_ID,
        reason: deEscalationReason(random),
      });
      level = 0;
      since = at;
    }
  }
  fireUntil(now);
  return { changes, reached, level, since };
}

/** Every clock run of the ticket: first response, all next-update periods, resolution. */
function targetRuns(sla: SlaState): SlaTargetState[] {
  const runs: SlaTargetState[] = [];
  if (sla.targets.first_response) runs.push(sla.targets.first_response);
  runs.push(...sla.nextUpdateHistory);
  if (sla.targets.next_update) runs.push(sla.targets.next_update);
  if (sla.targets.resolution) runs.push(sla.targets.resolution);
  return runs;
}

/** The warnings reached and the breach of each clock run, as the fold computes them at `now`. */
function slaAlerts(
  sla: SlaState,
  now: number,
): { at: number; run: SlaTargetState; percent: number | undefined }[] {
  const alerts: { at: number; run: SlaTargetState; percent: number | undefined }[] = [];
  for (const run of targetRuns(sla)) {
    const end = run.metAt ?? now;
    for (const warning of run.warnings) {
      if (warning.at < end)
        alerts.push({ at: Math.round(warning.at), run, percent: warning.percent });
    }
    if (run.state === 'breached')
      alerts.push({ at: Math.round(run.dueAt), run, percent: undefined });
  }
  return alerts;
}

function satisfaction(
  random: DemoRandom,
  breached: boolean,
  escalated: boolean,
  reopened: boolean,
): number {
  const weights: readonly (readonly [number, number])[] = breached
    ? [
        [1, 25],
        [2, 30],
        [3, 25],
        [4, 15],
        [5, 5],
      ]
    : escalated
      ? [
          [1, 5],
          [2, 10],
          [3, 25],
          [4, 35],
          [5, 25],
        ]
      : [
          [1, 2],
          [2, 5],
          [3, 13],
          [4, 35],
          [5, 45],
        ];
  const score = random.weighted(weights);
  return reopened && random.chance(0.5) ? Math.max(1, score - 1) : score;
}

function pickCustomer(context: DeskContext, tier: CustomerTier, random: DemoRandom): Customer {
  const list = context.customersByTier[tier];
  // A few customers file many tickets, most file a few.
  return list[Math.floor(list.length * random.next() ** 1.8)]!;
}

/**
 * Ticket number `index` of a demo desk, with its whole history up to `reference.now`. The same
 * reference and index always give the same ticket, whatever was generated before.
 */
export function generateDemoTicket(reference: DemoReference, index: number): DemoTicket {
  const context = contextOf(reference);
  const now = reference.now;
  const random = new DemoRandom(reference.seed, index + 1);
  const id = demoTicketId(index);
  const createdAt = arrivalOf(context, index, random.next());
  const tier = random.weighted(TICKET_TIER_SHARE);
  const customer = pickCustomer(context, tier, random);
  const category = random.weighted(CATEGORY_WEIGHTS[tier]);
  const channel = random.weighted(CHANNEL_ENTRIES);
  const priority = random.weighted(PRIORITY_BY_TIER[tier]);
  const { title, description } = ticketText(category, random);
  const plan: TicketPlan = {
    id,
    createdAt,
    priority,
    category,
    tier,
    channel,
    customer,
    agent: random.pick(context.agents),
    // Low-priority work waits behind the rest; critical work gets everyone's attention.
    effort: clamp(random.logNormal(0.3, 0.9) * EFFORT_BY_PRIORITY[priority], 0.03, 4),
  };

  const history = draftLifecycle(context, plan, random);
  const drafts = history.drafts;
  const foldEvents: TicketEvent[] = [];
  for (const draft of drafts) {
    if (!SLA_EVENT_TYPES.has(draft.event.type)) continue;
    foldEvents.push({
      ...(draft.event as WithoutMeta<TicketEvent>),
      id: String(draft.order).padStart(6, '0'),
      ticketId: id,
      at: draft.at,
    } as TicketEvent);
  }
  const sla = deriveSlaState(foldEvents, reference.policies, now, {
    resolveCalendar: context.lookup,
  });

  let order = drafts.length;
  const later: Draft[] = [];
  const escalation = playEscalations(context, plan, sla, random);
  escalation.changes.forEach((change, k) => {
    const event: EventBody =
      change.escalationType === undefined
        ? {
            type: 'de_escalated',
            fromLevel: 0,
            toLevel: change.toLevel,
            toOwnerId: change.toOwnerId,
            toTeamId: change.toTeamId,
            reason: change.reason,
          }
        : {
            type: 'escalated',
            escalationType: change.escalationType,
            fromLevel: 0,
            toLevel: change.toLevel,
            toOwnerId: change.toOwnerId,
            toTeamId: change.toTeamId,
            reason: change.reason,
          };
    // A level reached at the very instant the ticket is resolved was reached just before it.
    later.push({ at: change.at, order: k - 1e6, actor: change.actor, event });
  });

  const alerts = slaAlerts(sla, now);
  const breachTimes: number[] = [];
  for (const alert of alerts) {
    const event: EventBody =
      alert.percent === undefined
        ? { type: 'sla_breached', target: alert.run.target, dueAt: Math.round(alert.run.dueAt) }
        : {
            type: 'sla_warning',
            target: alert.run.target,
            percent: alert.percent,
            dueAt: Math.round(alert.run.dueAt),
          };
    if (alert.percent === undefined) breachTimes.push(alert.at);
    later.push({ at: alert.at, order: order++, actor: SYSTEM, event });
  }
  const breached = breachTimes.length > 0;

  // Root cause at each resolution that needs one (or often anyway); CSAT at most closes.
  const firstEscalation = escalation.changes.find((c) => c.escalationType !== undefined)?.at;
  let reopenedBefore = false;
  let previousStatus: TicketStatus = 'new';
  for (const draft of drafts) {
    if (draft.event.type !== 'status_changed') continue;
    if (draft.event.to === 'open' && isDoneStatus(previousStatus)) reopenedBefore = true;
    previousStatus = draft.event.to;
    const at = draft.at;
    const escalatedBy = firstEscalation !== undefined && firstEscalation <= at;
    const breachedBy = breachTimes.some((t) => t <= at);
    if (draft.event.to === 'resolved' && (escalatedBy || breachedBy || random.chance(0.3))) {
      const rootCause: RootCause = random.weighted(categoryTexts(category).rootCauses);
      later.push({
        at,
        order: draft.order + 0.5,
        actor: OWNER,
        event: { type: 'root_cause', rootCause, notes: rootCauseNotes(rootCause) },
      });
    }
    if (draft.event.to === 'closed' && random.chance(0.75)) {
      const score = satisfaction(random, breachedBy, escalatedBy, reopenedBefore);
      const comment = csatComment(score, random);
      later.push({
        at,
        order: draft.order + 0.5,
        actor: SYSTEM,
        event: { type: 'csat', score, ...(comment === undefined ? {} : { comment }) },
      });
    }
  }

  const all = drafts.concat(later).sort((a, b) => a.at - b.at || a.order - b.order);
  const events = finishEvents(id, plan, all);
  const ticket = ticketFromEvents(
    { id, title, description, customerId: customer.id },
    events,
    breached,
  );
  const summary = summarizeSla(sla, now);
  const firedAlerts = isDoneStatus(ticket.status)
    ? []
    : firedAlertsOf(context, id, sla, alerts, escalation);
  const open = isDoneStatus(ticket.status) ? {} : { open: 1 as const };
  return { ticket, events, sla: { ticketId: id, ...summary, ...open }, firedAlerts };
}

/** Gives the drafts ids, resolves who did what, and fills in the levels and owners they change. */
function finishEvents(id: string, plan: TicketPlan, drafts: readonly Draft[]): DeskEvent[] {
  const events: DeskEvent[] = [];
  let owner: string | undefined;
  let level = 0;
  drafts.forEach((draft, index) => {
    const by =
      draft.actor.kind === 'person'
        ? draft.actor.id
        : draft.actor.kind === 'system'
          ? 'system'
          : (owner ?? plan.agent.id);
    let body = draft.event;
    if (body.type === 'escalated') {
      body = { ...body, fromLevel: level, ...(owner === undefined ? {} : { fromOwnerId: owner }) };
    } else if (body.type === 'de_escalated') {
      body = { ...body, fromLevel: level };
    }
    if (body.type === 'assigned' || body.type === 'escalated' || body.type === 'de_escalated') {
      owner = body.toOwnerId ?? owner;
    }
    if (body.type === 'escalated' || body.type === 'de_escalated') level = body.toLevel;
    events.push({
      ...body,
      id: `${id}-${String(index + 1).padStart(3, '0')}`,
      ticketId: id,
      at: draft.at,
      by,
    } as DeskEvent);
  });
  return events;
}

/** The ticket record that the events add up to. */
function ticketFromEvents(
  base: Pick<Ticket, 'id' | 'title' | 'description' | 'customerId'>,
  events: readonly DeskEvent[],
  breached: boolean,
): Ticket {
  const created = events[0];
  if (created === undefined || created.type !== 'created') {
    throw new Error(`Ticket ${base.id}: the history must start with its creation.`);
  }
  let status: TicketStatus = created.status;
  let priority = created.priority;
  let category = created.category;
  let level = 0;
  let escalationType: EscalationType | undefined;
  let escalated = false;
  let ownerId: string | undefined;
  let teamId: string | undefined;
  let resolvedAt: number | undefined;
  let closedAt: number | undefined;
  let rootCause: { rootCause: RootCause; notes: string; at: number } | undefined;
  let csat: { score: number; at: number } | undefined;
  for (const event of events) {
    switch (event.type) {
      case 'status_changed':
        status = event.to;
        if (event.to === 'resolved') resolvedAt = event.at;
        if (event.to === 'closed') closedAt = event.at;
        break;
      case 'priority_changed':
        priority = event.to;
        break;
      case 'category_changed':
        category = event.to;
        break;
      case 'assigned':
        ownerId = event.toOwnerId ?? ownerId;
        teamId = event.toTeamId ?? teamId;
        break;
      case 'escalated':
        level = event.toLevel;
        escalationType = event.escalationType;
        escalated = true;
        ownerId = event.toOwnerId ?? ownerId;
        teamId = event.toTeamId ?? teamId;
        break;
      case 'de_escalated':
        level = event.toLevel;
        ownerId = event.toOwnerId ?? ownerId;
        teamId = event.toTeamId ?? teamId;
        break;
      case 'root_cause':
        rootCause = { rootCause: event.rootCause, notes: event.notes, at: event.at };
        break;
      case 'csat':
        csat = { score: event.score, at: event.at };
        break;
      default:
        break;
    }
  }
  const done = isDoneStatus(status);
  const closed = status === 'closed';
  const ticket: Ticket = {
    ...base,
    tier: created.tier as CustomerTier,
    channel: created.channel as Channel,
    category,
    priority,
    status,
    level,
    createdAt: created.at,
    updatedAt: events[events.length - 1]!.at,
    escalated,
    breached,
  };
  // Like the workflow, the record keeps the type of the last escalation after a de-escalation.
  if (escalationType !== undefined) ticket.escalationType = escalationType;
  if (teamId !== undefined) ticket.teamId = teamId;
  if (ownerId !== undefined) ticket.ownerId = ownerId;
  if (done && resolvedAt !== undefined) ticket.resolvedAt = resolvedAt;
  if (closed && closedAt !== undefined) ticket.closedAt = closedAt;
  if (done && rootCause !== undefined && resolvedAt !== undefined && rootCause.at >= resolvedAt) {
    ticket.rootCause = rootCause.rootCause;
    ticket.rootCauseNotes = rootCause.notes;
  }
  if (closed && csat !== undefined && closedAt !== undefined && csat.at >= closedAt) {
    ticket.csat = csat.score;
  }
  return ticket;
}

/**
 * The alert keys an open ticket has already used up: its past warnings and breaches, the matrix
 * levels it reached, and whatever else the desk would find overdue at `now` (stale repeats).
 */
function firedAlertsOf(
  context: DeskContext,
  ticketId: string,
  sla: SlaState,
  alerts: readonly { at: number; run: SlaTargetState; percent: number | undefined }[],
  escalation: { reached: Map<number, number>; level: number; since: number },
): DemoFiredAlert[] {
  const fired = new Map<string, number>();
  for (const alert of alerts) {
    const { target, cycle } = alert.run;
    const key =
      alert.percent === undefined
        ? slaBreachKey(ticketId, target, cycle)
        : slaWarningKey(ticketId, target, cycle, alert.percent);
    fired.set(key, alert.at);
  }
  for (const [number, at] of escalation.reached) fired.set(escalationKey(ticketId, number), at);
  const now = context.reference.now;
  const levelContext =
    escalation.level > 0 ? { number: escalation.level, since: escalation.since } : undefined;
  for (let round = 0; round < 4; round++) {
    const { due } = evaluateEscalation(
      {
        ...(levelContext === undefined ? {} : { level: levelContext }),
        firedKeys: new Set(fired.keys()),
      },
      context.reference.matrix,
      sla,
      now,
    );
    if (due.length === 0) break;
    for (const timer of due) fired.set(timer.key, timer.at);
  }
  return [...fired].map(([key, firedAt]) => ({ key, ticketId, firedAt }));
}

/**
 * The tickets of a demo desk in batches of `batchSize`, oldest first, or newest first (so a desk
 * being loaded shows its open, recent tickets first). Each batch is generated on demand, so a desk
 * of any size streams through in constant memory.
 */
export function* generateDemoTickets(
  reference: DemoReference,
  batchSize = 500,
  order: 'oldest_first' | 'newest_first' = 'oldest_first',
): Generator<DemoBatch, void, undefined> {
  const size = Math.max(1, Math.floor(batchSize));
  const total = reference.ticketCount;
  for (let start = 0; start < total; start += size) {
    const from = order === 'oldest_first' ? start : Math.max(0, total - start - size);
    const to = order === 'oldest_first' ? Math.min(total, start + size) : total - start;
    const batch: DemoBatch = { from, to, tickets: [], events: [], ticketSla: [], firedAlerts: [] };
    for (let index = from; index < to; index++) {
      const generated = generateDemoTicket(reference, index);
      batch.tickets.push(generated.ticket);
      for (const event of generated.events) batch.events.push(event);
      batch.ticketSla.push(generated.sla);
      for (const alert of generated.firedAlerts) batch.firedAlerts.push(alert);
    }
    yield batch;
  }
}
