import type { EscalationContext } from '../escalation/evaluate';
import { liveSlaState, type SlaSummary } from '../sla/summary';
import type { DeskEvent, Ticket } from '../tickets/desk';
import { inFoldOrder } from '../tickets/events';
import { isDoneStatus } from '../tickets/ticket';
import { analyzeSentiment, sentimentTrend, type SentimentTrend } from './sentiment';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The factors of the escalation-risk score, in the order "why this score" lists them. */
export const RISK_FACTORS = [
  'sentiment',
  'sla',
  'reassignments',
  'reopenings',
  'tier',
  'age',
  'customer_history',
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];

/** The most points each factor can add; they sum to 100. */
export const RISK_FACTOR_MAX: Readonly<Record<RiskFactor, number>> = {
  sentiment: 25,
  sla: 25,
  reassignments: 10,
  reopenings: 10,
  tier: 10,
  age: 10,
  customer_history: 10,
};

/** From this score on, a ticket is high risk (the queue's "High risk" view). */
export const HIGH_RISK_SCORE = 60;
/** From this score on, a ticket is at medium risk. */
export const MEDIUM_RISK_SCORE = 30;
/** How far back a customer's other escalations count. */
export const CUSTOMER_HISTORY_DAYS = 90;

/**
 * What the risk score knows of a ticket besides its record and SLA: read from its activity log and
 * the customer's other tickets. None of it changes with time, so the desk keeps it with the
 * ticket's SLA summary and the queue scores it live.
 */
export interface RiskSignals {
  /** The mood of the customer's messages; absent when the customer has not written (or it is off). */
  sentiment?: SentimentTrend;
  /** How often the ticket changed hands after its first owner. */
  reassignments: number;
  /** How often it was reopened after being resolved or closed. */
  reopenings: number;
  /** The customer's other escalated tickets created in the CUSTOMER_HISTORY_DAYS before this one. */
  pastEscalations: number;
}

/** Everything the score reads. */
export interface RiskInput {
  ticket: Pick<Ticket, 'tier' | 'createdAt' | 'status'>;
  /** The ticket's SLA summary (the nearest running target); absent without a policy. */
  sla: Pick<SlaSummary, 'state' | 'dueAt' | 'warnAt'> | undefined;
  signals: RiskSignals;
}

/** One factor's share of a score, with why in words. */
export interface RiskReason {
  factor: RiskFactor;
  points: number;
  max: number;
  detail: string;
}

export type RiskLevel = 'low' | 'medium' | 'high';

/** A score 0–100 and its reasons, one per factor in RISK_FACTORS order; the points add up to it. */
export interface RiskAssessment {
  score: number;
  level: RiskLevel;
  reasons: RiskReason[];
}

/** Low, medium or high, by HIGH_RISK_SCORE and MEDIUM_RISK_SCORE. */
export function riskLevel(score: number): RiskLevel {
  return score >= HIGH_RISK_SCORE ? 'high' : score >= MEDIUM_RISK_SCORE ? 'medium' : 'low';
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function signed(value: number): string {
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`;
}

function sentimentReason(trend: SentimentTrend | undefined): RiskReason {
  const max = RISK_FACTOR_MAX.sentiment;
  if (trend === undefined) {
    return { factor: 'sentiment', points: 0, max, detail: 'No message from the customer yet.' };
  }
  const negativity = Math.max(0, -trend.latest);
  const worsening = Math.min(1, Math.max(0, -trend.change));
  const points = Math.min(max, Math.round(15 * negativity + 10 * worsening));
  const mood =
    trend.latest <= -0.5
      ? 'very negative'
      : trend.latest <= -0.05
        ? 'negative'
        : trend.latest >= 0.05
          ? 'positive'
          : 'neutral';
  const direction =
    trend.messages < 2
      ? ''
      : trend.direction === 'angrier'
        ? `, angrier than before (${signed(trend.change)})`
        : trend.direction === 'calmer'
          ? `, calmer than before (${signed(trend.change)})`
          : ', about as before';
  return {
    factor: 'sentiment',
    points,
    max,
    detail: `Last customer message ${mood} (${signed(trend.latest)})${direction}.`,
  };
}

function durationText(ms: number): string {
  if (ms < HOUR_MS) return plural(Math.max(1, Math.round(ms / 60_000)), 'minute');
  if (ms < DAY_MS) return plural(Math.round(ms / HOUR_MS), 'hour');
  return plural(Math.round(ms / DAY_MS), 'day');
}

function slaReason(sla: RiskInput['sla'], done: boolean, now: number): RiskReason {
  const max = RISK_FACTOR_MAX.sla;
  const reason = (points: number, detail: string): RiskReason => ({
    factor: 'sla',
    points,
    max,
    detail,
  });
  if (done) return reason(0, 'Resolved: no SLA clock running.');
  const state = liveSlaState(sla, now);
  if (state === 'breached') return reason(max, 'An SLA target is breached.');
  if (state === 'none') return reason(0, 'No SLA policy applies.');
  if (state === 'met') return reason(0, 'Every SLA target is met.');
  if (state === 'paused') return reason(0, 'The SLA clock is paused.');
  const left = (sla?.dueAt ?? Infinity) - now;
  const near = left <= HOUR_MS ? 20 : left <= 4 * HOUR_MS ? 12 : left <= DAY_MS ? 5 : 0;
  const points = state === 'at_risk' ? Math.max(15, near) : near;
  const due = Number.isFinite(left) ? `Due in ${durationText(left)}` : 'Running';
  return reason(points, state === 'at_risk' ? `${due}, past its first warning.` : `${due}.`);
}

function countReason(
  factor: 'reassignments' | 'reopenings' | 'customer_history',
  count: number,
  each: number,
  detail: string,
): RiskReason {
  const max = RISK_FACTOR_MAX[factor];
  return { factor, points: Math.min(max, each * Math.max(0, count)), max, detail };
}

const TIER_POINTS: Readonly<Record<string, number>> = { enterprise: 10, business: 5 };

/**
 * The escalation-risk score of a ticket at `now`, 0–100, with a reason per factor whose points add
 * up to it. It never falls as time passes with nothing else changing (the ticket ages, its SLA
 * clock runs down), so `nextRiskAbove` can say when it crosses a threshold.
 */
export function assessRisk(input: RiskInput, now: number): RiskAssessment {
  const { ticket, signals } = input;
  const done = isDoneStatus(ticket.status);
  const ageMs = Math.max(0, now - ticket.createdAt);
  const days = Math.floor(ageMs / DAY_MS);
  const tierPoints = TIER_POINTS[ticket.tier] ?? 0;
  const reasons: RiskReason[] = [
    sentimentReason(signals.sentiment),
    slaReason(input.sla, done, now),
    countReason(
      'reassignments',
      signals.reassignments,
      3,
      signals.reassignments === 0
        ? 'Has stayed with its owner.'
        : `Changed hands ${plural(signals.reassignments, 'time')}.`,
    ),
    countReason(
      'reopenings',
      signals.reopenings,
      5,
      signals.reopenings === 0
        ? 'Never reopened.'
        : `Reopened ${plural(signals.reopenings, 'time')}.`,
    ),
    {
      factor: 'tier',
      points: tierPoints,
      max: RISK_FACTOR_MAX.tier,
      detail: `${ticket.tier.charAt(0).toUpperCase()}${ticket.tier.slice(1)} customer.`,
    },
    {
      factor: 'age',
      points: Math.min(RISK_FACTOR_MAX.age, days),
      max: RISK_FACTOR_MAX.age,
      detail: ageMs < DAY_MS ? 'Opened less than a day ago.' : `Open for ${plural(days, 'day')}.`,
    },
    countReason(
      'customer_history',
      signals.pastEscalations,
      4,
      signals.pastEscalations === 0
        ? `No other escalation of this customer in the ${CUSTOMER_HISTORY_DAYS} days before.`
        : `${plural(signals.pastEscalations, 'other escalation')} of this customer in the ${CUSTOMER_HISTORY_DAYS} days before.`,
    ),
  ];
  const score = reasons.reduce((sum, reason) => sum + reason.points, 0);
  return { score, level: riskLevel(score), reasons };
}

/**
 * The first instant at or after `now` at which the score is above `threshold`, if that happens
 * with nothing else changing: the score only moves when a day of age passes or the SLA clock
 * reaches its warning or 24, 4 or 1 hours before due, so those instants are all it checks.
 */
export function nextRiskAbove(
  input: RiskInput,
  threshold: number,
  now: number,
): number | undefined {
  if (assessRisk(input, now).score > threshold) return now;
  const instants: number[] = [];
  const { createdAt } = input.ticket;
  for (let day = 1; day <= RISK_FACTOR_MAX.age; day++) instants.push(createdAt + day * DAY_MS);
  const sla = input.sla;
  if (sla && (sla.state === 'running' || sla.state === 'at_risk') && sla.dueAt !== undefined) {
    if (sla.warnAt !== undefined) instants.push(sla.warnAt);
    for (const before of [DAY_MS, 4 * HOUR_MS, HOUR_MS, 0]) instants.push(sla.dueAt - before);
  }
  const future = instants.filter((at) => at > now).sort((a, b) => a - b);
  return future.find((at) => assessRisk(input, at).score > threshold);
}

/** A customer message: a reply from the customer with its text. */
export interface CustomerMessage {
  id: string;
  at: number;
  body: string;
}

/** The customer's messages in a ticket's log, oldest first. */
export function customerMessagesOf(events: readonly DeskEvent[]): CustomerMessage[] {
  const messages: CustomerMessage[] = [];
  for (const event of events) {
    if (event.type === 'reply' && event.direction === 'from_customer' && event.body?.trim()) {
      messages.push({ id: event.id, at: event.at, body: event.body });
    }
  }
  return messages.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * How many of the customer's other tickets were escalated and created in the
 * CUSTOMER_HISTORY_DAYS before this one (the ticket itself and later ones left out).
 */
export function pastEscalationsOf(
  ticket: Pick<Ticket, 'id' | 'createdAt'>,
  customerTickets: Iterable<Pick<Ticket, 'id' | 'createdAt' | 'escalated'>>,
): number {
  const from = ticket.createdAt - CUSTOMER_HISTORY_DAYS * DAY_MS;
  let count = 0;
  for (const other of customerTickets) {
    if (other.id === ticket.id || !other.escalated) continue;
    if (other.createdAt >= from && other.createdAt < ticket.createdAt) count++;
  }
  return count;
}

/**
 * A ticket's risk signals from its activity log (any order): the customer messages' mood (unless
 * `sentiment` is false), assignments away from an owner, and reopenings.
 */
export function riskSignalsOf(
  events: readonly DeskEvent[],
  pastEscalations: number,
  options: { sentiment?: boolean } = {},
): RiskSignals {
  let reassignments = 0;
  let reopenings = 0;
  let owner: string | undefined;
  let done = false;
  for (const event of inFoldOrder(events)) {
    if (event.type === 'assigned' || event.type === 'escalated' || event.type === 'de_escalated') {
      const to = event.toOwnerId;
      if (to === undefined || to === owner) continue;
      // Escalating is a hand-over by design; only assignments between people count.
      if (event.type === 'assigned' && owner !== undefined) reassignments++;
      owner = to;
    } else if (event.type === 'created') {
      done = isDoneStatus(event.status);
    } else if (event.type === 'status_changed') {
      const nowDone = isDoneStatus(event.to);
      if (done && !nowDone) reopenings++;
      done = nowDone;
    }
  }
  const trend =
    options.sentiment === false
      ? undefined
      : sentimentTrend(
          customerMessagesOf(events).map((message) => ({
            at: message.at,
            score: analyzeSentiment(message.body).score,
          })),
        );
  return {
    ...(trend === undefined ? {} : { sentiment: trend }),
    reassignments,
    reopenings,
    pastEscalations,
  };
}

/**
 * What the escalation matrix needs of a ticket's risk for `risk_above` and `sentiment_below`
 * levels: when its score first goes above a threshold, and its last customer message's mood.
 */
export function assistContextOf(
  input: RiskInput,
  now: number,
): Pick<EscalationContext, 'riskAbove' | 'sentiment'> {
  const latest = input.signals.sentiment?.latest;
  return {
    riskAbove: (score) => nextRiskAbove(input, score, now),
    ...(latest === undefined ? {} : { sentiment: latest }),
  };
}
