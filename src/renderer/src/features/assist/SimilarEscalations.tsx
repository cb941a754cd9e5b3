import type { SimilarEscalation } from '@core/index';
import { statusLabel } from '@core/index';
import { useId } from 'react';
import { formatDateTime, formatMinutes } from '../../format';
import { hrefFor, useRoute } from '../../router';
import { ROOT_CAUSE_LABELS } from '../ticket/labels';
import { useSimilarEscalations, type SimilarEscalationsState } from './assist-client';
import type { Recurrence } from './assist-work-protocol';
import './assist.css';

/** Past escalations like this ticket, for the ticket page: how they ended and what caused them. */
export function SimilarEscalations({ ticketId }: { ticketId: string }) {
  const state = useSimilarEscalations(ticketId);
  return <SimilarEscalationsCard state={state} />;
}

/** The "Similar escalations" card as the state stands (see SimilarEscalations). */
export function SimilarEscalationsCard({ state }: { state: SimilarEscalationsState }) {
  const id = useId();
  return (
    <section className="card assist-similar" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Similar escalations</h2>
      <SimilarBody state={state} />
    </section>
  );
}

function SimilarBody({ state }: { state: SimilarEscalationsState }) {
  switch (state.status) {
    case 'off':
      return (
        <p className="muted">
          {state.reason === 'setting'
            ? 'Similar escalations are switched off in Settings.'
            : 'No ticket to compare.'}
        </p>
      );
    case 'loading':
      return (
        <p className="muted" role="status">
          Looking for similar escalations…
        </p>
      );
    case 'error':
      return (
        <p className="field-error" role="alert">
          Could not look for similar escalations: {state.message}
        </p>
      );
    case 'ready':
      return (
        <>
          {state.recurrence ? <RecurrenceNote recurrence={state.recurrence} /> : null}
          {state.escalations.length === 0 ? (
            <p className="muted">No similar escalation yet.</p>
          ) : (
            <ol className="assist-similar-list">
              {state.escalations.map((escalation) => (
                <SimilarItem key={escalation.ticketId} escalation={escalation} />
              ))}
            </ol>
          )}
        </>
      );
  }
}

/** Where a ticket opens from here: beside the queue in its split view, else on its own page. */
function useTicketHref(ticketId: string): string {
  const route = useRoute();
  return hrefFor(
    route.view === 'queue' ? { view: 'queue', ticketId } : { view: 'ticket', ticketId },
  );
}

/** "Recurring escalation": the reports count this ticket as a recurrence of an earlier one. */
function RecurrenceNote({ recurrence }: { recurrence: Recurrence }) {
  const href = useTicketHref(recurrence.ticketId);
  return (
    <p className="assist-recurrence" data-recurrence-of={recurrence.ticketId}>
      <strong>Recurring escalation:</strong> the same customer had{' '}
      <a href={href}>
        {recurrence.ticketId} {recurrence.title}
      </a>{' '}
      escalated in this category {formatMinutes(recurrence.beforeMs / 60_000)} before (the reports
      count a recurrence within {recurrence.windowDays} days).
    </p>
  );
}

function SimilarItem({ escalation }: { escalation: SimilarEscalation }) {
  const href = useTicketHref(escalation.ticketId);
  const resolved =
    escalation.resolutionMs !== undefined
      ? `Resolved in ${formatMinutes(escalation.resolutionMs / 60_000)}`
      : escalation.resolvedAt === undefined
        ? 'Not resolved yet'
        : 'Resolved';
  return (
    <li className="assist-similar-item">
      <div className="assist-similar-head">
        <a href={href} className="assist-similar-title">
          {escalation.title}
        </a>
        <span className="assist-score">{Math.round(escalation.similarity * 100)}% similar</span>
      </div>
      <div className="assist-badges">
        <span className={`chip status-${escalation.status}`}>{statusLabel(escalation.status)}</span>
        {escalation.sameCustomer ? <span className="chip assist-badge">Same customer</span> : null}
        {escalation.sameCategory ? <span className="chip assist-badge">Same category</span> : null}
      </div>
      <p className="muted small-text">
        {escalation.ticketId} · {resolved}
        {escalation.resolvedAt !== undefined ? ` · ${formatDateTime(escalation.resolvedAt)}` : ''}
      </p>
      {escalation.rootCause ? (
        <p className="assist-root-cause small-text">
          <strong>Root cause: {ROOT_CAUSE_LABELS[escalation.rootCause]}</strong>
          {escalation.rootCauseNotes ? ` — ${escalation.rootCauseNotes}` : ''}
        </p>
      ) : null}
      {escalation.sharedTerms.length > 0 ? (
        <p className="muted small-text">
          Why: both mention {escalation.sharedTerms.map((term) => `“${term}”`).join(', ')}
        </p>
      ) : null}
    </li>
  );
}
