import { statusLabel, type Ticket } from '@core/index';
import { useLiveQuery } from 'dexie-react-hooks';
import { db, type TicketSlaRow } from '../../db/database';
import { formatRelative } from '../../format';
import { useNow } from '../../hooks';
import { hrefFor } from '../../router';
import { TARGET_LABELS, levelLabel } from '../ticket/labels';

const DONE = ['resolved', 'closed'];
const SHOWN = 50;

interface Row {
  ticket: Ticket;
  sla: TicketSlaRow | undefined;
  customer: string;
}

async function mostUrgent(): Promise<Row[]> {
  const open = await db.tickets.where('status').noneOf(DONE).toArray();
  const slas = await db.ticketSla.bulkGet(open.map((ticket) => ticket.id));
  const rows = open.map((ticket, index) => ({ ticket, sla: slas[index] }));
  rows.sort(
    (a, b) =>
      (a.sla?.dueAt ?? Infinity) - (b.sla?.dueAt ?? Infinity) ||
      a.ticket.id.localeCompare(b.ticket.id),
  );
  const top = rows.slice(0, SHOWN);
  const customers = await db.customers.bulkGet(top.map((row) => row.ticket.customerId));
  return top.map((row, index) => ({
    ...row,
    customer: customers[index]?.name ?? row.ticket.customerId,
  }));
}

/** The open escalations whose SLA is due soonest, each linking to its ticket. */
export function UrgentList() {
  const rows = useLiveQuery(mostUrgent, []);
  const now = useNow(30_000);
  if (!rows || rows.length === 0) return null;
  return (
    <section className="card" aria-labelledby="urgent-title">
      <h2 id="urgent-title">Due soonest</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Title</th>
            <th scope="col">Customer</th>
            <th scope="col">Priority</th>
            <th scope="col">Status</th>
            <th scope="col">Level</th>
            <th scope="col">SLA</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ ticket, sla, customer }) => (
            <tr key={ticket.id}>
              <td>
                <a href={hrefFor({ view: 'ticket', ticketId: ticket.id })}>{ticket.id}</a>
              </td>
              <td className="cell-title">{ticket.title}</td>
              <td>
                {customer} <span className="muted">({ticket.tier})</span>
              </td>
              <td>
                <span className={`chip priority-${ticket.priority}`}>{ticket.priority}</span>
              </td>
              <td>{statusLabel(ticket.status)}</td>
              <td>{levelLabel(ticket.level)}</td>
              <td>
                {sla?.dueAt !== undefined && sla.target ? (
                  <span className={`sla-cell state-${sla.state}`}>
                    {TARGET_LABELS[sla.target]} {formatRelative(sla.dueAt, now)}
                  </span>
                ) : (
                  <span className="muted">No SLA</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
