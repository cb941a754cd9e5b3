import {
  escalateTicket,
  isDoneStatus,
  raisePriority,
  WorkflowError,
  type DeskEvent,
  type EscalateInput,
  type Ticket,
  type WorkflowChange,
  type WorkflowContext,
} from '@core/index';
import { db as defaultDb, type DeskDatabase } from '../../../db/database';
import { ticketsChanged } from '../../../db/desk-changes';
import {
  contextFor,
  currentUserId,
  loadSlaConfig,
  refreshTicketSla,
  resolveAlertsOf,
  workflowTables,
} from '../../../db/ticket-writes';

/** The actions the queue offers on selected (or focused) tickets. */
export type QueueAction = 'assign' | 'escalate' | 'priority' | 'resolve';

/** One workflow step from core, applied to each ticket in turn. */
export type WorkflowStep = (ticket: Ticket, ctx: WorkflowContext) => WorkflowChange;

/** A ticket the step was refused for, and why (the workflow's own message). */
export interface SkippedTicket {
  ticketId: string;
  reason: string;
}

/** Which tickets a bulk action changed and which it skipped. */
export interface BulkResult {
  done: string[];
  skipped: SkippedTicket[];
}

/**
 * Applies one workflow step to many tickets in a single transaction. A ticket the step refuses
 * (a `WorkflowError`: already assigned there, already resolved, not found) is skipped with its
 * reason and the others are written; any other error writes nothing at all.
 */
export async function applyWorkflowToMany(
  ticketIds: readonly string[],
  step: WorkflowStep,
  now: number,
  database: DeskDatabase = defaultDb,
): Promise<BulkResult> {
  const ids = [...new Set(ticketIds)];
  const result = await database.transaction('rw', workflowTables(database), async () => {
    const [tickets, by, config] = await Promise.all([
      database.tickets.bulkGet(ids),
      currentUserId(database),
      loadSlaConfig(database),
    ]);
    const ctx = contextFor(now, by);
    const done: string[] = [];
    const skipped: SkippedTicket[] = [];
    const changed: Ticket[] = [];
    const events: DeskEvent[] = [];
    const finished: string[] = [];
    ids.forEach((ticketId, index) => {
      const ticket = tickets[index];
      if (!ticket) {
        skipped.push({ ticketId, reason: 'The ticket was not found.' });
        return;
      }
      let change: WorkflowChange;
      try {
        change = step(ticket, ctx);
      } catch (error) {
        if (!(error instanceof WorkflowError)) throw error;
        skipped.push({ ticketId, reason: error.message });
        return;
      }
      done.push(ticketId);
      changed.push(change.ticket);
      events.push(...change.events);
      if (isDoneStatus(change.ticket.status) && !isDoneStatus(ticket.status)) {
        finished.push(ticketId);
      }
    });
    await database.tickets.bulkPut(changed);
    await database.events.bulkAdd(events);
    await resolveAlertsOf(database, finished, now);
    if (changed.length) await refreshTicketSla(database, changed, now, config);
    return { done, skipped };
  });
  ticketsChanged(result.done);
  return result;
}

/** The highest level the escalate dialogs offer. */
export const HIGHEST_LEVEL = 5;

/** How far a bulk escalation goes: each ticket one level up from its own, or all to one level. */
export type EscalationTarget = 'next' | number;

/**
 * The escalation step for many tickets: each goes to its next level (or to `toLevel`, skipping
 * tickets already there or above), and "raise priority" raises each ticket's own priority a step.
 */
export function escalateEach(
  input: Omit<EscalateInput, 'toLevel' | 'raisePriorityTo'> & {
    toLevel: EscalationTarget;
    raisePriority: boolean;
  },
): WorkflowStep {
  return (ticket, ctx) => {
    if (input.toLevel === 'next' && ticket.level >= HIGHEST_LEVEL) {
      throw new WorkflowError('The ticket is already at the highest level.');
    }
    if (input.toLevel !== 'next' && ticket.level >= input.toLevel) {
      throw new WorkflowError(`The ticket is already at L${input.toLevel} or above.`);
    }
    return escalateTicket(
      ticket,
      {
        type: input.type,
        toLevel: input.toLevel === 'next' ? ticket.level + 1 : input.toLevel,
        toOwnerId: input.toOwnerId,
        toTeamId: input.toTeamId,
        reason: input.reason,
        raisePriorityTo: input.raisePriority ? raisePriority(ticket.priority) : undefined,
      },
      ctx,
    );
  };
}

const OUTCOME: Record<QueueAction, { did: string; none: string }> = {
  assign: { did: 'Assigned', none: 'No tickets assigned' },
  escalate: { did: 'Escalated', none: 'No tickets escalated' },
  priority: { did: 'Changed the priority of', none: 'No priorities changed' },
  resolve: { did: 'Resolved', none: 'No tickets resolved' },
};

/** A workflow message as a short clause: "The ticket is already P2." → "already P2". */
function shortReason(reason: string): string {
  const clause = reason
    .trim()
    .replace(/^The ticket (is |was )?/, '')
    .replace(/\.$/, '');
  return clause.charAt(0).toLowerCase() + clause.slice(1);
}

function ticketsCount(ids: readonly string[]): string {
  return ids.length === 1 ? ids[0]! : `${ids.length} tickets`;
}

/**
 * What a bulk action did, in one line for a toast: "Assigned 18 tickets; 2 skipped: already
 * assigned there". Several reasons are listed most frequent first, each with its count.
 */
export function describeActionResult(action: QueueAction, result: BulkResult): string {
  const outcome = OUTCOME[action];
  const head = result.done.length ? `${outcome.did} ${ticketsCount(result.done)}` : outcome.none;
  if (result.skipped.length === 0) return head;
  const counts = new Map<string, number>();
  for (const { reason } of result.skipped) {
    const clause = shortReason(reason);
    counts.set(clause, (counts.get(clause) ?? 0) + 1);
  }
  const reasons =
    counts.size === 1
      ? [...counts.keys()]
      : [...counts].sort((a, b) => b[1] - a[1]).map(([clause, n]) => `${clause} (${n})`);
  const skipped =
    result.skipped.length === 1 ? result.skipped[0]!.ticketId : String(result.skipped.length);
  return `${head}; ${skipped} skipped: ${reasons.join(', ')}`;
}
