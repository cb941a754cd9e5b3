import type { EscalationType } from '../escalation/matrix';
import type { SlaTargetName } from '../sla/policy';
import type { RootCause } from '../tickets/desk';
import type { Priority } from '../tickets/ticket';

/** Why an escalation counts as dropped. */
export const DROP_REASONS = ['breached_without_action', 'de_escalated_unresolved'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** How one SLA target of a ticket ended up (open: still running or paused, not yet decided). */
export type TargetOutcome = 'met' | 'breached' | 'open';

/** A breach of one SLA target, with where the ticket stood when it happened. */
export interface ReportBreach {
  target: SlaTargetName;
  at: number;
  /** The ticket's level at the breach (0 = first line). */
  level: number;
  /** The ticket's team at the breach, when it had one. */
  teamId?: string;
  ownerId?: string;
}

/**
 * What reports know about one ticket, derived once from the ticket, its events and its cached SLA
 * summary (`deriveReportFacts`). Every KPI is an aggregate over these; nothing reads events again.
 */
export interface ReportFacts {
  id: string;
  createdAt: number;
  customerId: string;
  /** The ticket's current values (what the queue shows and filters on). */
  priority: Priority;
  category: string;
  tier: string;
  channel: string;
  teamId?: string;
  ownerId?: string;
  status: string;
  /** Resolved or closed now. */
  done: boolean;
  /** When it last became resolved or closed, while it is done. */
  resolvedAt?: number;
  /** Current level (0 = first line). */
  level: number;
  /** Highest level it ever reached (0 = never escalated). */
  maxLevel: number;
  /** Ever escalated (level above 0), by an `escalated` event or the ticket's own flag. */
  escalated: boolean;
  /** The first escalation. */
  escalatedAt?: number;
  /** The type of the first escalation (the ticket's type when there is no event). */
  escalationType?: EscalationType;
  /** `escalated` events. */
  escalations: number;
  /** `de_escalated` events. */
  deEscalations: number;
  /** Times it went from resolved or closed back to an open status. */
  reopens: number;
  /** Resolved or closed at least once (the reopen rate's denominator). */
  everResolved: boolean;
  /** The first reply to the customer. */
  firstResponseAt?: number;
  /** created → first reply to the customer, ms. */
  firstResponseMs?: number;
  /** The same in the business time of the ticket's SLA calendar, ms (elapsed time without one). */
  firstResponseBusinessMs?: number;
  /** created → resolvedAt, ms, while done. */
  resolveMs?: number;
  resolveBusinessMs?: number;
  /**
   * Calendar ms spent at each level, index = level: from entering it until leaving it, until the
   * ticket was resolved, or until `now` while open. Levels never visited are 0.
   */
  levelMs: number[];
  /**
   * Each SLA target the ticket's policy runs, and how it ended up: breached once a breach is
   * recorded (or a running clock is past due at `now`), even if the target was met later.
   */
  sla: Partial<Record<SlaTargetName, TargetOutcome>>;
  /** Each target's first breach (one per target). */
  breaches: ReportBreach[];
  /** 1…5, the last rating given. */
  csat?: number;
  rootCause?: RootCause;
  /** Set when the escalation was dropped (the first reason found, in DROP_REASONS order). */
  dropped?: DropReason;
}

/**
 * Which tickets a report covers: created in [from, to), matching every filter given. An empty or
 * absent list means "any". `levels` matches the highest level reached; `teams`/`owners` the current
 * team/owner, with null meaning "none".
 */
export interface ReportFilter {
  from: number;
  to: number;
  teams?: (string | null)[];
  levels?: number[];
  priorities?: Priority[];
  categories?: string[];
  tiers?: string[];
  channels?: string[];
}

export type TrendBucket = 'day' | 'week';

/** How a report is cut: trend buckets in a time zone (weeks start on Monday), recurrence window. */
export interface ReportOptions {
  bucket: TrendBucket;
  /** IANA zone the day and week boundaries fall in. */
  timeZone: string;
  /** An escalation recurs when the same customer had one in the same category this many days before. */
  recurrenceDays: number;
}

/** `count` of `of`; `rate` = count / of, null when `of` is 0. */
export interface Rate {
  count: number;
  of: number;
  rate: number | null;
}

/** Durations of a set of tickets, ms; null when there are none. Percentiles are nearest-rank. */
export interface DurationStats {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
  meanMs: number | null;
}

/** CSAT ratings: how many, their mean, and how many of each score (index 0 = score 1). */
export interface CsatStats {
  responses: number;
  average: number | null;
  distribution: [number, number, number, number, number];
}

export interface ComplianceRow {
  target: SlaTargetName;
  met: number;
  breached: number;
  open: number;
  /** met / (met + breached); null when none is decided. */
  rate: number | null;
}

/** One bucket of the trend: tickets created in [start, end). */
export interface TrendPoint {
  start: number;
  end: number;
  tickets: number;
  notEscalated: number;
  /** Escalated tickets by the type of their first escalation (sums to the escalated count). */
  escalated: Record<EscalationType, number>;
  /** Tickets with no breached target, of tickets with at least one decided target. */
  compliance: Rate;
  resolutionMs: DurationStats;
}

/** One bar of the resolution-time histogram: done tickets with fromMs ≤ resolveMs < toMs. */
export interface HistogramBin {
  fromMs: number;
  /** null: no upper bound. */
  toMs: number | null;
  count: number;
}

/** A team's or a person's figures (by current team / owner; id null = unassigned). */
export interface BreakdownRow {
  id: string | null;
  tickets: number;
  escalated: number;
  compliance: Rate;
  csat: { responses: number; average: number | null };
  resolutionMs: DurationStats;
}

/** Every KPI of the tickets a filter selects. */
export interface Report {
  filter: ReportFilter;
  options: ReportOptions;
  tickets: number;
  /** Escalated tickets of all tickets; by type of first escalation (sums to escalated.count). */
  escalation: { escalated: Rate; byType: Record<EscalationType, number> };
  firstResponse: { calendar: DurationStats; business: DurationStats };
  resolution: { calendar: DurationStats; business: DurationStats };
  /** Per target, in SLA_TARGETS order, only targets some ticket runs. */
  compliance: ComplianceRow[];
  /** Tickets with no breached target, of tickets with at least one decided target. */
  overallCompliance: Rate;
  /** Breached tickets by the level they were at when it (first) breached; ascending level. */
  breachesByLevel: { level: number; count: number }[];
  /** Breached tickets by their team at the first breach; most first, then by id. */
  breachesByTeam: { teamId: string | null; count: number }[];
  /** Per level 0…max: tickets that spent time there, and how long (calendar). */
  levelTime: { level: number; tickets: number; time: DurationStats }[];
  /** Tickets de-escalated at least once, and the number of de-escalations. */
  deEscalations: { tickets: number; events: number };
  /** Tickets reopened at least once, of tickets resolved at least once. */
  reopens: Rate;
  csat: { all: CsatStats; escalated: CsatStats; notEscalated: CsatStats };
  /** Recurring escalations of escalated tickets. */
  recurrence: Rate & { windowDays: number };
  dropped: { total: number } & Record<DropReason, number>;
  /** Root causes of done, escalated tickets: most first, then by name. */
  rootCauses: { rootCause: RootCause; count: number }[];
  trend: TrendPoint[];
  /** Calendar resolution time of done tickets, fixed bins (RESOLUTION_BINS_MS). */
  resolutionHistogram: HistogramBin[];
  /** Most tickets first, then by id. */
  teams: BreakdownRow[];
  people: BreakdownRow[];
}

/**
 * A part of a report a user can click to see its tickets. `drillTickets` returns exactly the
 * tickets the report counted for it.
 */
export type Segment =
  | { kind: 'tickets' }
  | { kind: 'escalated'; type?: EscalationType }
  | { kind: 'not_escalated' }
  /** Tickets with a first response (first-response stats) or done (resolution stats). */
  | { kind: 'responded' }
  | { kind: 'resolved' }
  | { kind: 'sla'; target: SlaTargetName; outcome: TargetOutcome }
  /** Tickets with a breached target (overall compliance's misses). */
  | { kind: 'breached'; level?: number; teamId?: string | null }
  | { kind: 'level_time'; level: number }
  | { kind: 'de_escalated' }
  | { kind: 'reopened' }
  | { kind: 'csat'; score?: number; escalated?: boolean }
  | { kind: 'recurring' }
  | { kind: 'dropped'; reason?: DropReason }
  | { kind: 'root_cause'; rootCause: RootCause }
  | { kind: 'resolution_time'; fromMs: number; toMs: number | null }
  | { kind: 'team'; teamId: string | null }
  | { kind: 'owner'; ownerId: string | null };

/** A segment, optionally within one trend bucket [from, to) of creation time. */
export interface DrillDown {
  segment: Segment;
  bucket?: { from: number; to: number };
}
