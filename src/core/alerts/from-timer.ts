import type { Alert, AlertTicket } from '../contracts/alerts';
import type { DeskTimer, EscalationContext } from '../escalation/evaluate';
import type { EscalationRow } from '../escalation/matrix';
import type { Customer, DeskEvent, Team, Ticket } from '../tickets/desk';

/** The alert the host schedules for one of a ticket's timers; `row` names the level's owner. */
export function alertOfTimer(timer: DeskTimer, row: EscalationRow | undefined): Alert {
  const base = { key: timer.key, at: timer.at, ticketId: timer.ticketId, kind: timer.kind };
  switch (timer.kind) {
    case 'sla_warning':
      return { ...base, target: timer.target, percent: timer.percent, dueAt: timer.dueAt };
    case 'sla_breach':
      return { ...base, target: timer.target };
    case 'escalation':
    case 'escalation_repeat': {
      const owner = row?.levels[timer.level - 1]?.owner?.name;
      return {
        ...base,
        level: timer.level,
        ...(owner ? { to: owner } : {}),
        ...(timer.kind === 'escalation_repeat' ? { repeat: timer.repeat } : {}),
      };
    }
  }
}

/** What an alert's notification says about its ticket. */
export function alertTicketOf(
  ticket: Ticket,
  customer: Pick<Customer, 'name'> | undefined,
  team: Pick<Team, 'name'> | undefined,
): AlertTicket {
  return {
    id: ticket.id,
    title: ticket.title.slice(0, 500),
    customer: (customer?.name ?? ticket.customerId).slice(0, 200),
    priority: ticket.priority,
    ...(ticket.teamId ? { teamId: ticket.teamId } : {}),
    ...(team ? { team: team.name.slice(0, 200) } : {}),
  };
}

/** A fired alert as the desk keeps it: its key and whether it has been acknowledged (or resolved). */
export interface FiredKeyState {
  key: string;
  state: 'new' | 'acknowledged' | 'resolved';
}

/**
 * The escalation context of a ticket from its record: its level and since when (its last
 * escalation or de-escalation), the keys already fired and those acknowledged.
 */
export function escalationContextOf(
  ticket: Pick<Ticket, 'level' | 'createdAt'>,
  events: readonly DeskEvent[],
  fired: readonly FiredKeyState[],
): EscalationContext {
  let since: number | undefined;
  for (const event of events) {
    if (event.type === 'escalated' || event.type === 'de_escalated') {
      since = Math.max(since ?? event.at, event.at);
    }
  }
  return {
    ...(since !== undefined || ticket.level > 0
      ? { level: { number: ticket.level, since: since ?? ticket.createdAt } }
      : {}),
    firedKeys: new Set(fired.map((row) => row.key)),
    acknowledgedKeys: new Set(fired.filter((row) => row.state !== 'new').map((row) => row.key)),
  };
}
