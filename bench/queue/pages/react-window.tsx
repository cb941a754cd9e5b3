// The react-window peer: the same open tickets (raw IndexedDB), sorted by SLA due time, in a
// react-window List of 36 px rows with the queue's columns. The List is the scroll container and
// carries the grid's role and name, so the probe measures it like the app's grid.
import { createRoot } from 'react-dom/client';
import { List, type RowComponentProps } from 'react-window';
import type { Ticket } from '@core/index';
import { DESK, type ReactWindowPhases } from '../protocol';
import { openDesk, readQueue, type QueueData } from './open-tickets';

const ROW_HEIGHT = 36;
const COLUMNS = [
  'ID',
  'Priority',
  'Title',
  'Customer',
  'Status',
  'Level',
  'Owner',
  'SLA due',
  'Age',
  'Channel',
  'Category',
];
const TEMPLATE = '96px 56px minmax(200px, 1fr) 160px 120px 48px 120px 120px 64px 72px 96px';

const dueFormat = new Intl.DateTimeFormat('en', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

function age(createdAt: number): string {
  const hours = Math.max(0, Math.floor((DESK.now - createdAt) / 3_600_000));
  return hours < 48 ? `${hours}h` : `${Math.floor(hours / 24)}d`;
}

interface RowProps {
  tickets: Ticket[];
  data: QueueData;
}

function QueueRow({ index, style, tickets, data }: RowComponentProps<RowProps>) {
  const ticket = tickets[index]!;
  const due = data.sla.get(ticket.id)?.dueAt;
  const cells = [
    ticket.id,
    ticket.priority,
    ticket.title,
    data.customers.get(ticket.customerId)?.name ?? ticket.customerId,
    ticket.status.replaceAll('_', ' '),
    `L${ticket.level}`,
    ticket.ownerId ? (data.people.get(ticket.ownerId)?.name ?? ticket.ownerId) : 'Unassigned',
    due === undefined ? '—' : dueFormat.format(due),
    age(ticket.createdAt),
    ticket.channel,
    ticket.category,
  ];
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-ticket-id={ticket.id}
      className="row"
      style={style}
    >
      {cells.map((text, column) => (
        <span role="gridcell" key={column}>
          {text}
        </span>
      ))}
    </div>
  );
}

function Queue({ data }: { data: QueueData }) {
  const dueOf = (ticket: Ticket) => data.sla.get(ticket.id)?.dueAt ?? Infinity;
  const tickets = [...data.tickets].sort((a, b) => dueOf(a) - dueOf(b));
  return (
    <>
      <div role="row" className="row header">
        {COLUMNS.map((name) => (
          <span role="columnheader" key={name}>
            {name}
          </span>
        ))}
      </div>
      <List
        role="grid"
        aria-label="Escalation queue"
        aria-rowcount={tickets.length + 1}
        rowComponent={QueueRow}
        rowCount={tickets.length}
        rowHeight={ROW_HEIGHT}
        rowProps={{ tickets, data }}
        style={{ height: `calc(100vh - ${ROW_HEIGHT}px)` }}
      />
    </>
  );
}

document.documentElement.style.setProperty('--columns', TEMPLATE);
const database = await openDesk();
const opened = performance.now();
const data = await readQueue(database);
database.close();
const phases: ReactWindowPhases = { opened, read: performance.now(), sla: data.sla.size };
(window as unknown as { __benchPhases: ReactWindowPhases }).__benchPhases = phases;
createRoot(document.getElementById('root')!).render(<Queue data={data} />);
