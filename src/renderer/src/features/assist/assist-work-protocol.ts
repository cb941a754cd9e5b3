import type { RoutingExample, RoutingSuggestion } from '@core/index';
import type { SimilarEscalation } from '@core/index';

/** A request to the assist worker. */
export type AssistWorkRequest =
  | { id: number; type: 'suggest-teams'; example: RoutingExample; exclude: string[] }
  | { id: number; type: 'similar'; ticketId: string }
  | { id: number; type: 'recurrence'; ticketId: string };

/** A notice with no reply: tickets changed, so the worker reads them again before answering. */
export interface AssistWorkInvalidate {
  type: 'invalidate';
  ticketIds: readonly string[] | 'all';
}

/** The routing suggestions for an example, and how many resolved tickets the model learned. */
export interface TeamSuggestionsResult {
  suggestions: RoutingSuggestion[];
  learnedFrom: number;
}

/**
 * The escalation a ticket recurs by the reports' rule (same customer and category, escalated at
 * most `windowDays` before); what the ticket page says about it.
 */
export interface Recurrence {
  ticketId: string;
  title: string;
  /** When the earlier ticket was first escalated. */
  escalatedAt: number;
  /** How long before this ticket's first escalation. */
  beforeMs: number;
  windowDays: number;
}

export type { RoutingExample, RoutingSuggestion, SimilarEscalation };
