import './rules.css';
import { FlaskConical } from 'lucide-react';
import { useEffect, useId, useMemo, useState } from 'react';
import { targetName } from '@core/index';
import { formatDateTime } from '../../format';
import { hrefFor } from '../../router';
import type { ProposedRules, WhatIfSummary, WorkProgress } from './rules-work';
import type { PreviewState } from './impact-confirm';
import { rulesWork, type RulesWork } from './rules-work-client';
import { useSlaRefresh } from './sla-refresh';

/** How long the draft must stay still before the preview is recomputed. */
const PREVIEW_DELAY_MS = 400;

const count = new Intl.NumberFormat();

function plural(n: number, one: string, many: string): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

function TicketLink({ id, title }: { id: string; title: string }) {
  return (
    <a href={hrefFor({ view: 'ticket', ticketId: id })}>
      {id}
      {title ? <span className="muted"> · {title}</span> : null}
    </a>
  );
}

/** How long after an editor opens the open tickets are read for its first preview. */
const WARM_DELAY_MS = 1_000;

/**
 * Reads the open tickets into the rules worker soon after an editor opens, so the first preview
 * of a draft compares at once instead of reading the whole desk first.
 */
export function useWarmPreview(work?: RulesWork): void {
  useEffect(() => {
    const timer = window.setTimeout(() => {
      (work ?? rulesWork()).warm().catch(() => undefined);
    }, WARM_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [work]);
}

/** The background recompute of open tickets' clocks after a save, as a progress bar. */
export function SlaRefreshStatus() {
  const { running, progress, error } = useSlaRefresh();
  if (error) {
    return (
      <p className="form-error" role="alert">
        The SLA clocks of open tickets could not be updated: {error}
      </p>
    );
  }
  if (!running) return null;
  const label = progress
    ? `Updating the SLA clocks of open tickets: ${count.format(progress.done)} of ${count.format(progress.total)}`
    : 'Updating the SLA clocks of open tickets…';
  return (
    <div className="rules-progress" role="status">
      <span>{label}</span>
      <progress
        aria-label="SLA clocks updated"
        max={progress?.total || 1}
        value={progress?.done ?? 0}
      />
    </div>
  );
}

function Results({ summary }: { summary: WhatIfSummary }) {
  const byLevel = Object.entries(summary.levelsFiringByLevel)
    .map(([level, n]) => `L${level}: ${count.format(n)}`)
    .join(', ');
  return (
    <>
      <ul className="what-if-figures">
        <li data-testid="what-if-due">
          <strong>{count.format(summary.ticketsWithNewDueTimes)}</strong> of{' '}
          {plural(summary.openTickets, 'open ticket', 'open tickets')} get a new due time
        </li>
        <li data-testid="what-if-breached">
          <strong>{count.format(summary.newlyBreached)}</strong> would be breached right now
          {summary.noLongerBreached
            ? ` (${count.format(summary.noLongerBreached)} breached now would not be)`
            : ''}
        </li>
        <li data-testid="what-if-levels">
          <strong>{count.format(summary.levelsFiring)}</strong>{' '}
          {summary.levelsFiring === 1 ? 'escalation level' : 'escalation levels'} would fire at once
          {byLevel ? ` (${byLevel})` : ''}
        </li>
      </ul>
      {summary.newlyBreachedTickets.length ? (
        <details>
          <summary>Tickets that would be breached</summary>
          <ul className="what-if-list">
            {summary.newlyBreachedTickets.map((ticket) => (
              <li key={ticket.id}>
                <TicketLink {...ticket} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {summary.levelsFiringTickets.length ? (
        <details>
          <summary>Levels that would fire</summary>
          <ul className="what-if-list">
            {summary.levelsFiringTickets.map((ticket) => (
              <li key={`${ticket.id}:${ticket.level}`}>
                L{ticket.level} on <TicketLink {...ticket} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {summary.dueChanges.length ? (
        <details>
          <summary>New due times</summary>
          <ul className="what-if-list">
            {summary.dueChanges.map((change) => (
              <li key={`${change.ticketId}:${change.target}`}>
                <TicketLink id={change.ticketId} title={change.title} />:{' '}
                {targetName(change.target)}{' '}
                {change.before === undefined
                  ? 'newly due'
                  : `from ${formatDateTime(change.before)}`}{' '}
                {change.after === undefined
                  ? 'no longer tracked'
                  : `to ${formatDateTime(change.after)}`}
              </li>
            ))}
          </ul>
          {summary.ticketsWithNewDueTimes > summary.dueChanges.length ? (
            <p className="muted small-text">The first {summary.dueChanges.length} are listed.</p>
          ) : null}
        </details>
      ) : null}
    </>
  );
}

/**
 * The what-if preview of a draft: over every open ticket (in the rules worker), how many would get
 * a new due time, which would be breached right now and which escalation levels would fire the
 * moment the draft is saved. Recomputed shortly after the draft stops changing.
 */
export function WhatIfPanel(props: {
  proposed: ProposedRules;
  /** The draft has errors: nothing is computed. */
  disabled?: boolean;
  /** Tests pass their own. */
  work?: RulesWork;
  /** Hears how the preview of the current draft stands (see useImpactConfirm). */
  onPreview?(state: PreviewState): void;
}) {
  const headingId = useId();
  const key = useMemo(() => JSON.stringify(props.proposed), [props.proposed]);
  const [summary, setSummary] = useState<WhatIfSummary>();
  const [progress, setProgress] = useState<WorkProgress>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const { disabled, work, onPreview } = props;

  useEffect(() => {
    if (disabled) return;
    onPreview?.('pending');
    let current = true;
    const timer = window.setTimeout(() => {
      setBusy(true);
      setProgress(undefined);
      const proposed = JSON.parse(key) as ProposedRules;
      (work ?? rulesWork())
        .preview(proposed, Date.now(), (next) => current && setProgress(next))
        .then(
          (result) => {
            if (!current || result === undefined) return;
            setSummary(result);
            onPreview?.(result);
            setError(undefined);
            setBusy(false);
          },
          (caught: unknown) => {
            if (!current) return;
            setError(caught instanceof Error ? caught.message : String(caught));
            setBusy(false);
            onPreview?.('failed');
          },
        );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [key, disabled, work, onPreview]);

  return (
    <section className="card what-if" aria-labelledby={headingId} aria-busy={busy}>
      <h2 id={headingId} className="card-title">
        <FlaskConical size={18} aria-hidden="true" /> What saving would change
      </h2>
      <SlaRefreshStatus />
      {disabled ? (
        <p className="muted">Fix the problems marked above to see what saving would change.</p>
      ) : (
        <>
          <div role="status" className="what-if-status">
            {busy
              ? progress
                ? `Checking open tickets: ${count.format(progress.done)} of ${count.format(progress.total)}`
                : 'Checking open tickets…'
              : summary
                ? `Checked ${plural(summary.openTickets, 'open ticket', 'open tickets')} at ${formatDateTime(summary.at)}.`
                : ''}
          </div>
          {busy ? (
            <progress
              aria-label="Open tickets checked"
              max={progress?.total || 1}
              value={progress?.done ?? 0}
            />
          ) : null}
          {error ? (
            <p className="form-error" role="alert">
              The preview failed: {error}
            </p>
          ) : null}
          {summary ? <Results summary={summary} /> : null}
        </>
      )}
    </section>
  );
}
