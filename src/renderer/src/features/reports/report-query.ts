import type { DrillDown, Report, ReportFilter, ReportOptions } from '@core/index';

/** What a report is asked for: which tickets, and how they are cut. */
export interface ReportQuery {
  filter: ReportFilter;
  options: ReportOptions;
}

/** The values the desk's tickets actually have, for the filter menus. */
export interface ReportDimensions {
  categories: string[];
  channels: string[];
  tiers: string[];
  /** Team ids tickets are (or were, at a breach) assigned to. */
  teamIds: string[];
  /** Highest level any ticket reached. */
  maxLevel: number;
  /** The oldest and newest creation time on the desk (undefined on an empty desk). */
  firstCreatedAt?: number;
  lastCreatedAt?: number;
}

/** A computed report, with the previous period of the same length for the change figures. */
export interface ReportResult {
  query: ReportQuery;
  current: Report;
  previous: Report;
  dimensions: ReportDimensions;
  /** Tickets on the desk (before any filter). */
  deskTickets: number;
  /** How long the computation took, ms (reading included when it had to read). */
  ms: number;
}

/** How far reading and computing has come. */
export interface ReportProgress {
  done: number;
  total: number;
  /** What it is doing, e.g. "Reading tickets". */
  label: string;
}

/** A request for the tickets behind one part of a report. */
export interface DrillRequest {
  query: ReportQuery;
  drill: DrillDown;
}
