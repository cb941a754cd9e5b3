import { assessRisk, moodOf, type AssistSettings, type DeskEvent, type Ticket } from '@core/index';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo } from 'react';
import { db } from '../../db/database';
import { moodText, RiskBadge, RiskReasonsList } from './RiskBadge';

/**
 * The ticket page's "Escalation risk" card: the score, the customer's mood and which way it is
 * going, and why the score is what it is. The score is the queue's (the signals the alert engine
 * keeps with the ticket), read live as time passes.
 */
export function TicketRisk(props: {
  ticket: Ticket;
  events: readonly DeskEvent[] | undefined;
  settings: AssistSettings;
  now: number;
}) {
  const { ticket, events, settings, now } = props;
  const id = useId();
  const row = useLiveQuery(() => db.ticketSla.get(ticket.id), [ticket.id]);
  const mood = useMemo(
    () => (settings.sentiment && events ? moodOf(events) : undefined),
    [events, settings.sentiment],
  );
  const risk =
    settings.risk && row?.risk
      ? assessRisk({ ticket, sla: row, signals: row.risk }, now)
      : undefined;

  return (
    <section className="card ticket-risk" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Escalation risk</h2>
      {!settings.risk ? (
        <p className="muted">Escalation risk is switched off in Settings.</p>
      ) : risk ? (
        <p className="ticket-risk-score">
          <RiskBadge score={risk.score} />
        </p>
      ) : (
        <p className="muted">Scoring…</p>
      )}
      {settings.sentiment ? (
        <p>
          <span className="muted">Customer mood: </span>
          {mood ? moodText(mood) : 'no message from the customer yet'}
        </p>
      ) : null}
      {risk ? (
        <details className="ticket-risk-why">
          <summary>Why this score</summary>
          <RiskReasonsList risk={risk} />
        </details>
      ) : null}
    </section>
  );
}
