import type { Alert } from '@core/index';
import { useLiveQuery } from 'dexie-react-hooks';
import { BellRing, CheckCheck, Clock } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { db, type FiredAlertRow } from '../../db/database';
import { formatDateTime, formatRelative } from '../../format';
import { useNow } from '../../hooks';
import { hrefFor } from '../../router';
import { useDeskStore } from '../../store';
import { describeRow, KIND_ICONS, STATE_LABELS, type AlertState } from './alert-rows';
import { acknowledgeAlerts } from './alert-writes';

type AlertFilter = AlertState | 'all';

/** The most rows the centre lists: a large desk keeps tens of thousands of handled alerts. */
const SHOWN = 200;
/** Up to this many alerts in one state are read through the state index and sorted here; more are
 * found by walking the time index newest first, which stops after SHOWN matches. */
const READ_WHOLE_STATE = 2_000;

const FILTERS: { value: AlertFilter; label: string }[] = [
  { value: 'new', label: 'New' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

const EMPTY: Record<AlertFilter, { title: string; body: string }> = {
  new: {
    title: 'No new alerts',
    body: 'Every alert has been acknowledged. SLA warnings, breaches and escalations appear here as they fire.',
  },
  acknowledged: {
    title: 'No acknowledged alerts',
    body: 'Alerts you or a colleague acknowledge are kept here, with who acknowledged them and when.',
  },
  resolved: {
    title: 'No resolved alerts',
    body: 'When a ticket is resolved or closed, its alerts move here.',
  },
  all: {
    title: 'No alerts yet',
    body: 'SLA warnings, breaches and escalations are listed here as they fire, each with a link to its ticket.',
  },
};

const count = new Intl.NumberFormat('en');

interface AlertListItem {
  row: FiredAlertRow;
  kind: Alert['kind'] | undefined;
  description: string;
  title: string | undefined;
  customer: string | undefined;
  acknowledgedByName: string | undefined;
}

interface AlertCentreData {
  filter: AlertFilter;
  counts: Record<AlertFilter, number>;
  items: AlertListItem[];
}

function newestFirst(a: FiredAlertRow, b: FiredAlertRow): number {
  return b.firedAt - a.firedAt || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
}

async function recentRows(filter: AlertFilter, inState: number): Promise<FiredAlertRow[]> {
  const byTime = db.firedAlerts.orderBy('firedAt').reverse();
  if (filter === 'all') return byTime.limit(SHOWN).toArray();
  if (inState <= READ_WHOLE_STATE) {
    const rows = await db.firedAlerts.where('state').equals(filter).toArray();
    return rows.sort(newestFirst).slice(0, SHOWN);
  }
  return byTime
    .filter((row) => row.state === filter)
    .limit(SHOWN)
    .toArray();
}

async function readAlertCentre(filter: AlertFilter): Promise<AlertCentreData> {
  const [fresh, acknowledged, resolved, all] = await Promise.all([
    db.firedAlerts.where('state').equals('new').count(),
    db.firedAlerts.where('state').equals('acknowledged').count(),
    db.firedAlerts.where('state').equals('resolved').count(),
    db.firedAlerts.count(),
  ]);
  const counts = { new: fresh, acknowledged, resolved, all };
  const rows = await recentRows(filter, counts[filter]);
  const tickets = await db.tickets.bulkGet([...new Set(rows.map((row) => row.ticketId))]);
  const ticketById = new Map(tickets.flatMap((ticket) => (ticket ? [[ticket.id, ticket]] : [])));
  const customerIds = [...new Set([...ticketById.values()].map((ticket) => ticket.customerId))];
  const customers = await db.customers.bulkGet(customerIds);
  const customerName = new Map(
    customers.flatMap((customer) => (customer ? [[customer.id, customer.name]] : [])),
  );
  const personIds = [
    ...new Set(rows.flatMap((row) => (row.acknowledgedBy ? [row.acknowledgedBy] : []))),
  ];
  const people = await db.people.bulkGet(personIds);
  const personName = new Map(
    people.flatMap((person) => (person ? [[person.id, person.name]] : [])),
  );
  const items = rows.map((row): AlertListItem => {
    const ticket = ticketById.get(row.ticketId);
    const by = row.acknowledgedBy;
    return {
      row,
      ...describeRow(row),
      title: ticket?.title,
      customer: ticket ? (customerName.get(ticket.customerId) ?? ticket.customerId) : undefined,
      // "local-user" is whoever uses this computer when no desk user is chosen.
      acknowledgedByName: by
        ? (personName.get(by) ?? (by === 'local-user' ? 'you' : by))
        : undefined,
    };
  });
  return { filter, counts, items };
}

/** A past moment: "just now", "25 min ago", with the date and time on hover. */
function When({ at, now }: { at: number; now: number }) {
  // `now` refreshes every half minute, so a moment just recorded may lie slightly ahead of it.
  const ago = now - at < 60_000 ? 'just now' : formatRelative(at, now);
  return (
    <time dateTime={new Date(at).toISOString()} title={formatDateTime(at, now)}>
      {ago}
    </time>
  );
}

/** Who acknowledged an alert and when, and when its ticket was resolved. */
function Handled(props: { row: FiredAlertRow; by: string | undefined; now: number }) {
  const { row, now } = props;
  const acknowledged = row.state !== 'new' && (row.acknowledgedAt !== undefined || props.by);
  if (!acknowledged && row.state !== 'resolved') return <span className="muted">—</span>;
  return (
    <>
      {acknowledged ? (
        <span className="block">
          Acknowledged{props.by ? ` by ${props.by}` : ''}
          {row.acknowledgedAt !== undefined ? (
            <>
              {', '}
              <When at={row.acknowledgedAt} now={now} />
            </>
          ) : null}
        </span>
      ) : null}
      {row.state === 'resolved' ? (
        <span className="block muted">
          Ticket resolved
          {row.resolvedAt !== undefined ? (
            <>
              {', '}
              <When at={row.resolvedAt} now={now} />
            </>
          ) : null}
        </span>
      ) : null}
    </>
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

/** The alert centre: recent alerts with their state, links to their tickets, and acknowledging. */
export function AlertCentreView() {
  const [filter, setFilter] = useState<AlertFilter>('new');
  const data = useLiveQuery(() => readAlertCentre(filter), [filter]);
  const now = useNow(30_000);
  const pushToast = useDeskStore((state) => state.pushToast);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  // After an Acknowledge the row's button goes away: focus moves on once the list shows it.
  const pendingFocus = useRef<{ keys: string[]; index: number } | null>(null);
  const [acknowledgedTimes, setAcknowledgedTimes] = useState(0);
  const tableRef = useRef<HTMLTableElement>(null);
  const filterRef = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    const pending = pendingFocus.current;
    if (!pending || !data) return;
    const stillNew = data.items.some(
      (item) => item.row.state === 'new' && pending.keys.includes(item.row.key),
    );
    if (stillNew) return;
    pendingFocus.current = null;
    const buttons = [
      ...(tableRef.current?.querySelectorAll<HTMLButtonElement>('button[data-row-index]') ?? []),
    ];
    const next =
      buttons.find((button) => Number(button.dataset.rowIndex) >= pending.index) ?? buttons.at(-1);
    (next ?? filterRef.current?.querySelector<HTMLInputElement>('input:checked'))?.focus();
  }, [data, acknowledgedTimes]);

  const acknowledge = async (keys: string[], index: number, done: (changed: number) => string) => {
    setBusy(true);
    try {
      const changed = await acknowledgeAlerts(keys, Date.now());
      setStatus(done(changed));
      pendingFocus.current = { keys, index };
      setAcknowledgedTimes((times) => times + 1);
    } catch (error) {
      pushToast({
        tone: 'danger',
        title: 'Not acknowledged',
        body: error instanceof Error ? error.message : String(error),
      });
    } finally {
      setBusy(false);
    }
  };

  const acknowledgeAllNew = async () => {
    const keys = (await db.firedAlerts.where('state').equals('new').primaryKeys()) as string[];
    await acknowledge(keys, Infinity, (changed) => `Acknowledged ${plural(changed, 'alert')}.`);
  };

  const counts = data?.counts;
  const items = data?.items ?? [];
  const empty = EMPTY[filter];
  const shownOf = counts ? counts[filter] : 0;

  return (
    <>
      <PageHeader
        title="Alerts"
        subtitle={
          counts === undefined
            ? 'Reading the local database…'
            : counts.new === 0
              ? 'No new alerts.'
              : `${plural(counts.new, 'new alert')} to acknowledge.`
        }
        actions={
          counts && counts.new > 0 ? (
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() => void acknowledgeAllNew()}
            >
              <CheckCheck size={16} aria-hidden="true" />
              Acknowledge all new ({count.format(counts.new)})
            </button>
          ) : null
        }
      />
      <div className="alert-toolbar">
        <div className="segmented" role="radiogroup" aria-label="Show alerts" ref={filterRef}>
          {FILTERS.map((entry) => (
            <label
              key={entry.value}
              className={filter === entry.value ? 'segment selected' : 'segment'}
            >
              <input
                type="radio"
                name={`${id}-filter`}
                value={entry.value}
                checked={filter === entry.value}
                aria-label={
                  counts ? `${entry.label}, ${count.format(counts[entry.value])}` : entry.label
                }
                onChange={() => setFilter(entry.value)}
              />
              {entry.label}
              {counts ? (
                <span className="segment-count" aria-hidden="true">
                  {count.format(counts[entry.value])}
                </span>
              ) : null}
            </label>
          ))}
        </div>
        <p className="muted small-text alert-status" role="status">
          {status}
        </p>
      </div>
      {data && items.length === 0 ? (
        <EmptyState icon={filter === 'new' ? CheckCheck : BellRing} title={empty.title}>
          <p>{empty.body}</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <section className="card alert-list">
          <table className="data-table alert-table" ref={tableRef}>
            <caption className="visually-hidden">
              {filter === 'all' ? 'All alerts' : `${STATE_LABELS[filter]} alerts`}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Alert</th>
                <th scope="col">Ticket</th>
                <th scope="col">Fired</th>
                <th scope="col">Handled</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, index) => {
                const { row } = item;
                const Icon = item.kind ? KIND_ICONS[item.kind] : BellRing;
                return (
                  <tr key={row.key} className={`alert-row state-${row.state}`}>
                    <td>
                      <span className={`chip alert-state-${row.state}`}>
                        {STATE_LABELS[row.state]}
                      </span>
                    </td>
                    <td>
                      <span className={`alert-what kind-${item.kind ?? 'unknown'}`}>
                        <Icon size={16} aria-hidden="true" />
                        <span>{item.description}</span>
                      </span>
                      {row.late ? (
                        <span className="alert-late small-text">
                          <Clock size={14} aria-hidden="true" />
                          <span>
                            Late: came due while the desk was closed
                            {row.at !== undefined ? ` (due ${formatDateTime(row.at, now)})` : ''}
                          </span>
                        </span>
                      ) : null}
                    </td>
                    <td className="alert-ticket">
                      <a href={hrefFor({ view: 'ticket', ticketId: row.ticketId })}>
                        {row.ticketId}
                      </a>
                      {item.title !== undefined ? (
                        <span className="block cell-title">{item.title}</span>
                      ) : (
                        <span className="block muted">Ticket not on this computer</span>
                      )}
                      {item.customer ? (
                        <span className="block muted small-text">{item.customer}</span>
                      ) : null}
                    </td>
                    <td className="alert-time">
                      <When at={row.firedAt} now={now} />
                    </td>
                    <td className="small-text">
                      <Handled row={row} by={item.acknowledgedByName} now={now} />
                    </td>
                    <td className="alert-action">
                      {row.state === 'new' ? (
                        <button
                          type="button"
                          className="button small"
                          data-row-index={index}
                          aria-label={`Acknowledge ${row.ticketId}: ${item.description}`}
                          onClick={() =>
                            void acknowledge(
                              [row.key],
                              index,
                              () => `Acknowledged ${row.ticketId}: ${item.description}.`,
                            )
                          }
                        >
                          Acknowledge
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {shownOf > items.length ? (
            <p className="muted small-text alert-more">
              Showing the {count.format(items.length)} most recent of {count.format(shownOf)}.
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
