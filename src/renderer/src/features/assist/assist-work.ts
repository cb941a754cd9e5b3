import {
  addToSimilarIndex,
  buildSimilarIndex,
  DEFAULT_RECURRENCE_DAYS,
  recurrenceOf,
  emptyRoutingModel,
  findSimilarEscalations,
  isDoneStatus,
  learnRouting,
  MIN_ROUTING_EXAMPLES,
  type RoutingExample,
  routingExampleOf,
  type RoutingModel,
  routingModelSize,
  type SimilarEscalation,
  type SimilarIndex,
  suggestTeams,
  type Ticket,
} from '@core/index';
import type { DeskDatabase } from '../../db/database';
import { firstEscalationAt } from '../../db/ticket-writes';
import type { Recurrence, TeamSuggestionsResult } from './assist-work-protocol';

/** Tickets read per slice when reading the whole desk (as the reports do). */
const READ_CHUNK = 2_000;
/** Teams suggested at most. */
export const TEAM_SUGGESTION_LIMIT = 3;
/** Similar escalations shown at most. */
export const SIMILAR_LIMIT = 5;

/** The routing model and, per ticket learned, the team it was learned for. */
interface RoutingState {
  model: RoutingModel;
  learned: Map<string, string>;
}

type Parts = { routing?: boolean; similar?: boolean };

/** What a ticket's new state asks of a part: nothing more, or to be built again from the desk. */
type Outcome = 'kept' | 'rebuild';

/**
 * Learns a resolved or closed ticket's team. Naive-Bayes counts cannot be taken back, so each
 * ticket is learned once: a ticket reopened and resolved again to the same team is not counted
 * twice, and one resolved again to another team asks for the model to be learned again from the
 * desk (rare: it needs a reopening and a new team). A reopened ticket stays learned: its team did
 * resolve it once. Its words are those it had when learned.
 */
function learnTicket(routing: RoutingState, ticket: Ticket): Outcome {
  if (!isDoneStatus(ticket.status) || !ticket.teamId) return 'kept';
  const learnedTeam = routing.learned.get(ticket.id);
  if (learnedTeam === ticket.teamId) return 'kept';
  if (learnedTeam !== undefined) return 'rebuild';
  learnRouting(routing.model, routingExampleOf(ticket), ticket.teamId);
  routing.learned.set(ticket.id, ticket.teamId);
  return 'kept';
}

/**
 * The assist features' desk-wide data, kept between requests: the routing model learned from
 * every resolved or closed ticket with a team, and the index of every escalated ticket. Each is
 * built on first use, reading the desk in id-ordered slices; writers' changes (`invalidate`) mark
 * tickets stale and the next request reads only those again.
 */
export class AssistWork {
  private routing: RoutingState | undefined;
  private similar: SimilarIndex | undefined;
  /** Whether a part must be built again from the whole desk. */
  private readonly rebuild = { routing: true, similar: true };
  private readonly stale = { routing: new Set<string>(), similar: new Set<string>() };
  /** One read at a time: a request made during a read waits for it rather than reading twice. */
  private reading: Promise<unknown> = Promise.resolve();

  constructor(private readonly database: DeskDatabase) {}

  /** Some tickets changed, or (`'all'`) anything may have. */
  invalidate(ticketIds: readonly string[] | 'all'): void {
    if (ticketIds === 'all') {
      this.rebuild.routing = true;
      this.rebuild.similar = true;
      return;
    }
    // A part waiting to be built from the whole desk will read these anyway.
    for (const part of ['routing', 'similar'] as const) {
      if (this.rebuild[part]) continue;
      for (const id of ticketIds) this.stale[part].add(id);
    }
  }

  /**
   * Up to three teams for an example, best first, leaving out `exclude`; none while the model has
   * learned fewer than MIN_ROUTING_EXAMPLES tickets.
   */
  async suggestTeams(
    example: RoutingExample,
    exclude: readonly string[],
  ): Promise<TeamSuggestionsResult> {
    await this.ensure({ routing: true });
    const { model } = this.routing!;
    const learnedFrom = routingModelSize(model);
    const suggestions =
      learnedFrom < MIN_ROUTING_EXAMPLES
        ? []
        : suggestTeams(model, example, { limit: TEAM_SUGGESTION_LIMIT, exclude });
    return { suggestions, learnedFrom };
  }

  /** Up to five past escalations most like the ticket, never the ticket itself. */
  async similarTo(ticketId: string): Promise<SimilarEscalation[]> {
    await this.ensure({ similar: true });
    const ticket = await this.database.tickets.get(ticketId);
    if (!ticket) return [];
    return findSimilarEscalations(this.similar!, ticket, { limit: SIMILAR_LIMIT + 1 })
      .filter((escalation) => escalation.ticketId !== ticketId)
      .slice(0, SIMILAR_LIMIT);
  }

  /**
   * The escalation this ticket recurs, by the reports' rule and their default window: the same
   * customer's escalation in the same category just before this one's first escalation, at most
   * DEFAULT_RECURRENCE_DAYS before. Reads only the customer's tickets and their escalations.
   */
  async recurrenceOf(ticketId: string): Promise<Recurrence | undefined> {
    const ticket = await this.database.tickets.get(ticketId);
    if (!ticket?.escalated) return undefined;
    const candidates = await this.database.tickets
      .where('customerId')
      .equals(ticket.customerId)
      .filter((other) => other.escalated && other.category === ticket.category)
      .toArray();
    const instants = await Promise.all(
      candidates.map(async (other) => {
        const escalatedAt = await firstEscalationAt(other.id, this.database);
        return escalatedAt === undefined ? undefined : { id: other.id, escalatedAt };
      }),
    );
    const known = instants.filter((instant) => instant !== undefined);
    const own = known.find((instant) => instant.id === ticketId);
    if (own === undefined) return undefined;
    const previous = recurrenceOf(own, known, DEFAULT_RECURRENCE_DAYS);
    if (previous === undefined) return undefined;
    return {
      ticketId: previous.id,
      title: candidates.find((other) => other.id === previous.id)?.title ?? previous.id,
      escalatedAt: previous.escalatedAt,
      beforeMs: own.escalatedAt - previous.escalatedAt,
      windowDays: DEFAULT_RECURRENCE_DAYS,
    };
  }

  private ensure(parts: Parts): Promise<void> {
    const run = this.reading.then(() => this.refresh(parts));
    this.reading = run.catch(() => undefined);
    return run;
  }

  private async refresh(parts: Parts): Promise<void> {
    // A second round only when re-reading changed tickets asked for a part to be built again.
    for (let round = 0; round < 2; round++) {
      const routing = parts.routing === true && (this.rebuild.routing || !this.routing);
      const similar = parts.similar === true && (this.rebuild.similar || !this.similar);
      if (routing || similar) await this.readAll({ routing, similar });
      const ids = new Set<string>();
      if (parts.routing) for (const id of this.stale.routing) ids.add(id);
      if (parts.similar) for (const id of this.stale.similar) ids.add(id);
      if (ids.size === 0) return;
      const rebuilt = await this.readSome(parts, [...ids]);
      if (!rebuilt) return;
    }
  }

  /** Builds the asked parts from every ticket on the desk. */
  private async readAll(parts: Parts): Promise<void> {
    // Marked before reading: a change announced during the read is read again next time; a read
    // that fails leaves the part to be built again, and what was held before in place.
    for (const part of ['routing', 'similar'] as const) {
      if (!parts[part]) continue;
      this.rebuild[part] = false;
      this.stale[part].clear();
    }
    const routing: RoutingState = { model: emptyRoutingModel(), learned: new Map() };
    // The index is built in one go: its IDF is taken over all escalations at once.
    const escalated: Ticket[] = [];
    try {
      let after: string | undefined;
      for (;;) {
        const tickets =
          after === undefined
            ? await this.database.tickets.orderBy(':id').limit(READ_CHUNK).toArray()
            : await this.database.tickets.where(':id').above(after).limit(READ_CHUNK).toArray();
        if (tickets.length === 0) break;
        for (const ticket of tickets) {
          if (parts.routing) learnTicket(routing, ticket);
          if (parts.similar && ticket.escalated) escalated.push(ticket);
        }
        after = tickets[tickets.length - 1]!.id;
      }
    } catch (error) {
      if (parts.routing) this.rebuild.routing = true;
      if (parts.similar) this.rebuild.similar = true;
      throw error;
    }
    if (parts.routing) this.routing = routing;
    if (parts.similar) this.similar = buildSimilarIndex(escalated);
  }

  /**
   * Brings the asked parts up to date with some tickets as they are now. Returns whether a part
   * has to be built again (a ticket left it, or was resolved again to another team).
   */
  private async readSome(parts: Parts, ids: string[]): Promise<boolean> {
    const forRouting = parts.routing === true;
    const forSimilar = parts.similar === true;
    for (const id of ids) {
      if (forRouting) this.stale.routing.delete(id);
      if (forSimilar) this.stale.similar.delete(id);
    }
    let tickets: (Ticket | undefined)[];
    try {
      tickets = [];
      for (let start = 0; start < ids.length; start += READ_CHUNK) {
        tickets.push(
          ...(await this.database.tickets.bulkGet(ids.slice(start, start + READ_CHUNK))),
        );
      }
    } catch (error) {
      for (const id of ids) {
        if (forRouting) this.stale.routing.add(id);
        if (forSimilar) this.stale.similar.add(id);
      }
      throw error;
    }
    let rebuilt = false;
    ids.forEach((id, index) => {
      const ticket = tickets[index];
      if (forRouting && this.routing) {
        const outcome = ticket
          ? learnTicket(this.routing, ticket)
          : this.routing.learned.has(id)
            ? 'rebuild'
            : 'kept';
        if (outcome === 'rebuild') this.rebuild.routing = rebuilt = true;
      }
      if (forSimilar && this.similar) {
        // Adding again replaces the ticket's entry (and takes out one no longer escalated).
        if (ticket) addToSimilarIndex(this.similar, ticket);
        else if (this.similar.slotOf.has(id)) this.rebuild.similar = rebuilt = true;
      }
    });
    return rebuilt;
  }
}
