import { assessRisk, moodOf, type AssistSettings, type DeskEvent, type Ticket } from '@core/index';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo } from 'react';
import { db } from '../../db/database';
import { moodText, RiskBadge, RiskReasonsList } from './RiskBadge';

/**
 * The ticket page's "Escalation risk" card: the score, the customer's mood and which way it is
 * going, and why the score is what it is. The score is the queue's (the signals the alert engine
 * keeps with the ticket), read live as time passes. A resolved or closed ticket has no risk; its
 * card keeps the customer's mood, for the review of how the escalation went.
 */
export function TicketRisk(props: {
  ticket: Ticket;
  events: readonly DeskEvent[] | undefined;
  settings: AssistSettings;
  now: number;
  /** The ticket is resolved or closed. */
  done?: boolean;
}) {
  const { ticket, events, settings, now } = props;
  if (props.done) {
    return settings.sentiment ? <MoodCard events={events} /> : null;
  }
  return <OpenTicketRisk ticket={ticket} events={events} settings={settings} now={now} />;
}

/** A resolved or closed ticket's card: how the customer's mood went. */
function MoodCard({ events }: { events: readonly DeskEvent[] | undefined }) {
  const id = useId();
  const mood = useMemo(() => (events ? moodOf(events) : undefined), [events]);
  return (
    <section className="card ticket-risk" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Customer mood</h2>
      <p>{mood ? moodText(mood) : 'The customer sent no message.'}</p>
    </section>
  );
}

function OpenTicketRisk(props: {
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
