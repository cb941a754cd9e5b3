import type { EscalationContext } from '../escalation/evaluate';
import { liveSlaState, type SlaSummary } from '../sla/summary';
import type { DeskEvent, Ticket } from '../tickets/desk';
import { isDoneStatus } from '../tickets/ticket';
import { formatDuration } from '../alerts/describe';
import type { AssistSettings } from './settings';
import { formatScore, sentimentLabel, type SentimentTrend } from './mood';
import { customerWords } from './customer-words';

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
/** How long before a ticket was opened a customer's other escalations start to count. */
export const CUSTOMER_HISTORY_DAYS = 90;

/**
 * What the risk score knows of a ticket besides its record and SLA: read from its activity log and
 * the customer's other tickets. None of it changes with time, so the desk keeps it with the
 * ticket's SLA summary and the queue scores it live.
 */
export interface RiskSignals {
  /** The mood of the customer's messages; absent when the customer has not written (or it is off). */
  sentiment?: SentimentTrend;
  /** Set when customer sentiment is switched off, so the mood is not read. */
  sentimentOff?: true;
  /** How often the ticket was handed over (to another person or team) after its first owner. */
  reassignments: number;
  /** How many of those moved it to another team; absent when none did (or stored before). */
  teamMoves?: number;
  /** How often it was reopened after being resolved or closed. */
  reopenings: number;
  /** The customer's other tickets escalated since CUSTOMER_HISTORY_DAYS before this one opened. */
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

const TIER_POINTS: Readonly<Record<string, number>> = { enterprise: 10, business: 5 };
const POINTS_PER_REASSIGNMENT = 3;
const POINTS_PER_REOPENING = 5;
const POINTS_PER_PAST_ESCALATION = 4;

function sentimentPoints(trend: SentimentTrend | undefined): number {
  if (trend === undefined) return 0;
  const negativity = Math.max(0, -trend.latest);
  const worsening = Math.min(1, Math.max(0, -trend.change));
  return Math.min(RISK_FACTOR_MAX.sentiment, Math.round(15 * negativity + 10 * worsening));
}

/** The live SLA state and its points: breached 25; due within 1 h 20, 4 h 12, a day 5; past warning at least 15. */
function slaPoints(sla: RiskInput['sla'], done: boolean, now: number): number {
  if (done) return 0;
  const state = liveSlaState(sla, now);
  if (state === 'breached') return RISK_FACTOR_MAX.sla;
  if (state !== 'running' && state !== 'at_risk') return 0;
  const left = (sla?.dueAt ?? Infinity) - now;
  const near = left <= HOUR_MS ? 20 : left <= 4 * HOUR_MS ? 12 : left <= DAY_MS ? 5 : 0;
  return state === 'at_risk' ? Math.max(15, near) : near;
}

const capped = (factor: RiskFactor, points: number) =>
  Math.min(RISK_FACTOR_MAX[factor], Math.max(0, points));

function agePoints(createdAt: number, now: number): number {
  return capped('age', Math.floor(Math.max(0, now - createdAt) / DAY_MS));
}

/** The score alone, without the words: for sorting, filtering and counting many tickets. */
export function riskScore(input: RiskInput, now: number): number {
  const { ticket, signals } = input;
  return (
    sentimentPoints(signals.sentiment) +
    slaPoints(input.sla, isDoneStatus(ticket.status), now) +
    capped('reassignments', POINTS_PER_REASSIGNMENT * signals.reassignments) +
    capped('reopenings', POINTS_PER_REOPENING * signals.reopenings) +
    (TIER_POINTS[ticket.tier] ?? 0) +
    agePoints(ticket.createdAt, now) +
    capped('customer_history', POINTS_PER_PAST_ESCALATION * signals.pastEscalations)
  );
}

function sentimentDetail(signals: RiskSignals): string {
  const trend = signals.sentiment;
  if (signals.sentimentOff) return 'Customer sentiment is switched off in Settings.';
  if (trend === undefined) return 'No message from the customer yet.';
  const label = sentimentLabel(trend.latest);
  const mood = label === 'negative' && trend.latest <= -0.5 ? 'very negative' : label;
  const direction =
    trend.messages < 2
      ? ''
      : trend.direction === 'angrier'
        ? `, angrier than before (${formatScore(trend.change)})`
        : trend.direction === 'calmer'
          ? `, calmer than before (${formatScore(trend.change)})`
          : ', about as before';
  return `Last customer message ${mood} (${formatScore(trend.latest)})${direction}.`;
}

function reassignmentDetail({ reassignments, teamMoves = 0 }: RiskSignals): string {
  if (reassignments === 0) return 'Has stayed with its owner.';
  const teams = teamMoves === 0 ? '' : ` (${teamMoves} between teams)`;
  return `${plural(reassignments, 'hand-over')}${teams}.`;
}

function slaDetail(sla: RiskInput['sla'], done: boolean, now: number): string {
  if (done) return 'Resolved: no SLA clock running.';
  const state = liveSlaState(sla, now);
  if (state === 'breached') return 'An SLA target is breached.';
  if (state === 'none') return 'No SLA policy applies.';
  if (state === 'met') return 'Every SLA target is met.';
  if (state === 'paused') return 'The SLA clock is paused.';
  const left = (sla?.dueAt ?? Infinity) - now;
  const due = Number.isFinite(left) ? `Due in ${formatDuration(left)}` : 'Running';
  return state === 'at_risk' ? `${due}, past its first warning.` : `${due}.`;
}

/**
 * The escalation-risk score of a ticket at `now`, 0–100, with a reason per factor whose points add
 * up to it. It never falls as time passes with nothing else changing (the ticket ages, its SLA
 * clock runs down), so `nextRiskAbove` can say when it crosses a threshold.
 */
export function assessRisk(input: RiskInput, now: number): RiskAssessment {
  const { ticket, signals } = input;
  const done = isDoneStatus(ticket.status);
  const days = Math.floor(Math.max(0, now - ticket.createdAt) / DAY_MS);
  const reason = (factor: RiskFactor, points: number, detail: string): RiskReason => ({
    factor,
    points,
    max: RISK_FACTOR_MAX[factor],
    detail,
  });
  const reasons: RiskReason[] = [
    reason('sentiment', sentimentPoints(signals.sentiment), sentimentDetail(signals)),
    reason('sla', slaPoints(input.sla, done, now), slaDetail(input.sla, done, now)),
    reason(
      'reassignments',
      capped('reassignments', POINTS_PER_REASSIGNMENT * signals.reassignments),
      reassignmentDetail(signals),
    ),
    reason(
      'reopenings',
      capped('reopenings', POINTS_PER_REOPENING * signals.reopenings),
      signals.reopenings === 0
        ? 'Never reopened.'
        : `Reopened ${plural(signals.reopenings, 'time')}.`,
    ),
    reason(
      'tier',
      TIER_POINTS[ticket.tier] ?? 0,
      `${ticket.tier.charAt(0).toUpperCase()}${ticket.tier.slice(1)} customer.`,
    ),
    reason(
      'age',
      agePoints(ticket.createdAt, now),
      days === 0 ? 'Opened less than a day ago.' : `Open for ${plural(days, 'day')}.`,
    ),
    reason(
      'customer_history',
      capped('customer_history', POINTS_PER_PAST_ESCALATION * signals.pastEscalations),
      signals.pastEscalations === 0
        ? `No other escalation of this customer since ${CUSTOMER_HISTORY_DAYS} days before this ticket.`
        : `${plural(signals.pastEscalations, 'other escalation')} of this customer since ${CUSTOMER_HISTORY_DAYS} days before this ticket.`,
    ),
  ];
  const score = reasons.reduce((sum, entry) => sum + entry.points, 0);
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
  if (riskScore(input, now) > threshold) return now;
  const instants: number[] = [];
  const { createdAt } = input.ticket;
  for (let day = 1; day <= RISK_FACTOR_MAX.age; day++) instants.push(createdAt + day * DAY_MS);
  const sla = input.sla;
  if (sla && (sla.state === 'running' || sla.state === 'at_risk')) {
    if (sla.warnAt !== undefined) instants.push(sla.warnAt);
    const { dueAt } = sla;
    if (dueAt !== undefined)
      for (const before of [DAY_MS, 4 * HOUR_MS, HOUR_MS, 0]) instants.push(dueAt - before);
  }
  const future = instants.filter((at) => at > now).sort((a, b) => a - b);
  return future.find((at) => riskScore(input, at) > threshold);
}

/** A customer message: a reply from the customer with the words they wrote in it. */
export interface CustomerMessage {
  id: string;
  at: number;
  /** The customer's own words (see customerWords): no quoted reply, signature or sign-off. */
  body: string;
}

/** The customer's messages in a ticket's log that say something of their own, oldest first. */
export function customerMessagesOf(events: readonly DeskEvent[]): CustomerMessage[] {
  const messages: CustomerMessage[] = [];
  for (const event of events) {
    if (event.type !== 'reply' || event.direction !== 'from_customer' || !event.body) continue;
    const body = customerWords(event.body);
    if (body) messages.push({ id: event.id, at: event.at, body });
  }
  return messages.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * One of the customer's tickets as their escalation history reads it. `escalatedAt` is when it was
 * first escalated (its first `escalated` event); a ticket flagged escalated without it counts from
 * its creation, the earliest it can have been escalated.
 */
export type EscalationRecord = Pick<Ticket, 'createdAt' | 'escalated'> & { escalatedAt?: number };

const escalationTimeOf = (ticket: EscalationRecord): number =>
  ticket.escalatedAt ?? ticket.createdAt;

/** When a customer's tickets were escalated, in order: what `pastEscalationsOf` counts in. */
export function escalationTimesOf(customerTickets: Iterable<EscalationRecord>): number[] {
  const times: number[] = [];
  for (const ticket of customerTickets) if (ticket.escalated) times.push(escalationTimeOf(ticket));
  return times.sort((a, b) => a - b);
}

/** The first index of sorted `times` after `at`, or at or after it when `inclusive`. */
function firstAfter(times: readonly number[], at: number, inclusive: boolean): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! < at || (!inclusive && times[middle] === at)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * How many of the customer's other tickets were escalated from CUSTOMER_HISTORY_DAYS before this
 * one was created up to `now` (by default, all recorded so far): escalations while it is open
 * count too, so the count only grows as time passes. `escalationTimes` are of all the customer's
 * tickets, this one's included (escalationTimesOf); its own escalation is left out. Binary
 * searches, so a customer with thousands of tickets costs no more than one with ten.
 */
export function pastEscalationsOf(
  ticket: EscalationRecord,
  escalationTimes: readonly number[],
  now = Number.POSITIVE_INFINITY,
): number {
  const from = ticket.createdAt - CUSTOMER_HISTORY_DAYS * DAY_MS;
  const until = firstAfter(escalationTimes, now, false);
  const inWindow = until - firstAfter(escalationTimes, from, true);
  if (!ticket.escalated) return inWindow;
  const own = escalationTimeOf(ticket);
  const listed =
    own >= from && own <= now && escalationTimes[firstAfter(escalationTimes, own, true)] === own;
  return inWindow - (listed ? 1 : 0);
}

/**
 * What the escalation matrix needs of a ticket for `risk_above` and `sentiment_below` levels: when
 * its risk score first goes above a threshold, and its last customer message's mood; each only
 * while that feature is on (a level whose trigger cannot be judged waits).
 */
export function assistContextOf(
  input: RiskInput,
  now: number,
  on: Pick<AssistSettings, 'risk' | 'sentiment'>,
): Pick<EscalationContext, 'riskAbove' | 'sentiment'> {
  const latest = on.sentiment ? input.signals.sentiment?.latest : undefined;
  return {
    ...(on.risk ? { riskAbove: (score: number) => nextRiskAbove(input, score, now) } : {}),
    ...(latest === undefined ? {} : { sentiment: latest }),
  };
}
