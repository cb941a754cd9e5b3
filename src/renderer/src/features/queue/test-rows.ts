import type { Ticket } from '@core/index';
import type { QueueRow } from './queue-rows';

/** Monday 2 November 2026, 09:00 UTC: the queue tests' "now". */
export const ROW_T = Date.UTC(2026, 10, 2, 9);
const MIN = 60_000;

/**
 * A queue row for tests: ticket ESC-n created n minutes before ROW_T, optionally with an SLA
 * clock due `dueIn` minutes after it (warning 15 minutes before), for customer `name`.
 */
export function queueRow(
  n: number,
  over: Partial<Ticket> = {},
  dueIn?: number,
  name = `Customer ${n}`,
): QueueRow {
  const ticket: Ticket = {
    id: `ESC-${n}`,
    title: `Ticket ${n}`,
    description: '',
    customerId: `c-${n}`,
    tier: 'standard',
    channel: 'email',
    category: 'billing',
    priority: 'P3',
    status: 'open',
    level: 0,
    escalated: false,
    breached: false,
    createdAt: ROW_T - n * MIN,
    updatedAt: ROW_T,
    ...over,
  } as Ticket;
  return {
    ticket,
    sla:
      dueIn === undefined
        ? undefined
        : {
            ticketId: ticket.id,
            state: 'running',
            target: 'resolution',
            dueAt: ROW_T + dueIn * MIN,
            warnAt: ROW_T + (dueIn - 15) * MIN,
          },
    customer: name,
    owner: ticket.ownerId ? `Person ${ticket.ownerId}` : '',
    team: ticket.teamId ? `Team ${ticket.teamId}` : '',
  };
}
