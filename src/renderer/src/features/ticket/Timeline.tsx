import { useMemo } from 'react';
import {
  analyzeSentiment,
  customerMessagesOf,
  statusLabel,
  type DeskEvent,
  type Sentiment,
} from '@core/index';
import { SENTIMENT_TONES, sentimentText } from '../assist/RiskBadge';
import { formatDateTime } from '../../format';
import { ESCALATION_TYPE_LABELS, ROOT_CAUSE_LABELS, TARGET_LABELS, levelLabel } from './labels';

/** How people are named in the timeline (id → name). */
export type NameOf = (id: string | undefined) => string;

/** One line describing an event, in the desk's words. */
export function describeEvent(event: DeskEvent, nameOf: NameOf): { title: string; body?: string } {
  switch (event.type) {
    case 'created':
      return {
        title: `Logged as ${event.priority} via ${event.channel}`,
        body: `Category ${event.category}`,
      };
    case 'status_changed':
      return {
        title: `Status → ${statusLabel(event.to)}`,
        ...(event.reason ? { body: event.reason } : {}),
      };
    case 'reply':
      return event.direction === 'to_customer'
        ? { title: 'Update sent to the customer', ...(event.body ? { body: event.body } : {}) }
        : event.direction === 'from_customer'
          ? { title: 'Message from the customer', ...(event.body ? { body: event.body } : {}) }
          : { title: 'Internal reply', ...(event.body ? { body: event.body } : {}) };
    case 'priority_changed':
      return { title: `Priority → ${event.to}` };
    case 'category_changed':
      return { title: `Category → ${event.to}` };
    case 'policy_changed':
      return {
        title: event.policyId
          ? `SLA policy pinned: ${event.policyId}`
          : 'SLA policy chosen automatically',
      };
    case 'assigned':
      return {
        title: `Assigned to ${[event.toOwnerId && nameOf(event.toOwnerId), event.toTeamId && nameOf(event.toTeamId)].filter(Boolean).join(' · ') || 'nobody'}`,
      };
    case 'escalated':
      return {
        title: `${ESCALATION_TYPE_LABELS[event.escalationType]} escalation ${levelLabel(event.fromLevel)} → ${levelLabel(event.toLevel)}${event.toOwnerId || event.toTeamId ? ` to ${[event.toOwnerId && nameOf(event.toOwnerId), event.toTeamId && nameOf(event.toTeamId)].filter(Boolean).join(' · ')}` : ''}`,
        body: event.reason,
      };
    case 'de_escalated':
      return {
        title: `De-escalated ${levelLabel(event.fromLevel)} → ${levelLabel(event.toLevel)}`,
        body: event.reason,
      };
    case 'note':
      return { title: 'Internal note', body: event.body };
    case 'sla_warning':
      return { title: `SLA warning: ${TARGET_LABELS[event.target]} at ${event.percent}%` };
    case 'sla_breached':
      return { title: `SLA breached: ${TARGET_LABELS[event.target]}` };
    case 'root_cause':
      return { title: `Root cause: ${ROOT_CAUSE_LABELS[event.rootCause]}`, body: event.notes };
    case 'csat':
      return { title: `CSAT ${event.score}/5`, ...(event.comment ? { body: event.comment } : {}) };
  }
}

/** The ticket's full activity log, newest first. */
export function Timeline({
  events,
  nameOf,
  now,
  showSentiment = false,
}: {
  events: DeskEvent[];
  nameOf: NameOf;
  now: number;
  /** Score each customer message's sentiment (computed here, on this computer). */
  showSentiment?: boolean;
}) {
  const newestFirst = [...events].reverse();
  // Scored once per log, not on every tick of the page's clock.
  const moods = useMemo(() => {
    const scored = new Map<string, Sentiment>();
    if (!showSentiment) return scored;
    // The customer's own words, as the risk reads them: not a quoted reply or a signature.
    for (const message of customerMessagesOf(events)) {
      scored.set(message.id, analyzeSentiment(message.body));
    }
    return scored;
  }, [events, showSentiment]);
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ol className="timeline">
        {newestFirst.map((event) => {
          const { title, body } = describeEvent(event, nameOf);
          const mood = moods.get(event.id);
          return (
            <li key={event.id} className={`timeline-item kind-${event.type}`}>
              <div className="timeline-head">
                <strong>
                  {title}
                  {mood ? (
                    <span
                      className={`chip sentiment-chip${SENTIMENT_TONES[mood.label]}`}
                      data-sentiment={mood.score.toFixed(2)}
                    >
                      <span className="visually-hidden">Sentiment: </span>
                      {sentimentText(mood.score)}
                      {mood.terms.length ? (
                        <span className="sentiment-terms">
                          {/* A no-break space: a chip's items lose their leading spaces. */}
                          {'\u00a0· '}
                          {mood.terms.map((term) => term.text).join(', ')}
                        </span>
                      ) : null}
                    </span>
                  ) : null}
                </strong>
                <span className="muted">
                  {event.by === 'system' ? 'Desk' : nameOf(event.by)} ·{' '}
                  <time dateTime={new Date(event.at).toISOString()}>
                    {formatDateTime(event.at, now)}
                  </time>
                </span>
              </div>
              {body ? <p className="timeline-body">{body}</p> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
