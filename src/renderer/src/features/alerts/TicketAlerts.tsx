import { useLiveQuery } from 'dexie-react-hooks';
import { BellRing } from 'lucide-react';
import { useId, useState } from 'react';
import { db } from '../../db/database';
import { formatDateTime, formatRelative } from '../../format';
import { describeRow, KIND_ICONS, STATE_LABELS } from './alert-rows';
import { acknowledgeAlerts } from './alert-writes';

/** How many of a ticket's alerts the card lists (newest first). */
const SHOWN = 8;

/**
 * A ticket's alerts beside its SLA clocks: what fired, when, and whether anyone has acknowledged
 * it; new ones can be acknowledged here (which stops a level's reminders).
 */
export function TicketAlerts({ ticketId, now }: { ticketId: string; now: number }) {
  const id = useId();
  const [status, setStatus] = useState('');
  const rows = useLiveQuery(
    async () =>
      (await db.firedAlerts.where('ticketId').equals(ticketId).toArray()).sort(
        (a, b) => b.firedAt - a.firedAt || (a.key < b.key ? 1 : -1),
      ),
    [ticketId],
  );
  if (!rows || rows.length === 0) return null;
  const fresh = rows.filter((row) => row.state === 'new');

  const acknowledge = async (keys: string[], what: string) => {
    const changed = await acknowledgeAlerts(keys, Date.now());
    setStatus(changed > 0 ? `Acknowledged ${what}.` : 'Already acknowledged.');
  };

  return (
    <section className="card ticket-alerts" aria-labelledby={`${id}-title`}>
      <div className="card-heading-row">
        <h2 id={`${id}-title`}>
          <BellRing size={16} aria-hidden="true" /> Alerts
        </h2>
        {fresh.length > 1 ? (
          <button
            type="button"
            className="button small"
            onClick={() =>
              void acknowledge(
                fresh.map((row) => row.key),
                `${fresh.length} alerts of ${ticketId}`,
              )
            }
          >
            Acknowledge all ({fresh.length})
          </button>
        ) : null}
      </div>
      <ul className="ticket-alert-list">
        {rows.slice(0, SHOWN).map((row) => {
          const { kind, description } = describeRow(row);
          const Icon = kind ? KIND_ICONS[kind] : BellRing;
          return (
            <li key={row.key} className={`ticket-alert state-${row.state}`}>
              <span className={`alert-what kind-${kind ?? 'unknown'}`}>
                <Icon size={16} aria-hidden="true" />
                <span>{description}</span>
              </span>
              <span className="muted small-text">
                <span className={`chip alert-state-${row.state}`}>{STATE_LABELS[row.state]}</span>{' '}
                <time
                  dateTime={new Date(row.firedAt).toISOString()}
                  title={formatDateTime(row.firedAt, now)}
                >
                  {formatRelative(row.firedAt, now)}
                </time>
                {row.late ? ' · came due while the desk was closed' : ''}
              </span>
              {row.state === 'new' ? (
                <button
                  type="button"
                  className="button small"
                  aria-label={`Acknowledge: ${description}`}
                  onClick={() => void acknowledge([row.key], description)}
                >
                  Acknowledge
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {rows.length > SHOWN ? (
        <p className="muted small-text">
          {rows.length - SHOWN} older alerts are in the <a href="#/alerts">alert centre</a>.
        </p>
      ) : null}
      <p className="visually-hidden" role="status">
        {status}
      </p>
    </section>
  );
}
