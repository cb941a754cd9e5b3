import './reports.css';
import type { ReportFilter } from '@core/metrics/types';
import { useLiveQuery } from 'dexie-react-hooks';
import { ChartColumn, FileDown, RotateCw } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useSaveAsPdf } from '../../components/save-as-pdf';
import { db } from '../../db/database';
import { hrefFor } from '../../router';
import { withEveryChartDrawn } from './chart-visibility';
import { FigureCard } from './FigureCard';
import { KpiCards } from './KpiCards';
import { reportKpis } from './kpis';
import { ReportFilters } from './ReportFilters';
import {
  breachesByLevel,
  breachesByTeam,
  complianceByTarget,
  complianceOverTime,
  csatDistribution,
  droppedByReason,
  escalationsOverTime,
  personBreakdown,
  resolutionHistogram,
  teamBreakdown,
  timeAtLevel,
  topRootCauses,
  type FigureContext,
} from './report-figures';
import {
  channelName,
  fileRange,
  formatCount,
  formatRange,
  levelName,
  tierName,
} from './report-format';
import type { ReportProgress, ReportResult } from './report-query';
import { localTimeZone, queryOf, rangeDays, useReportQueryStore, useToday } from './report-store';
import { useReport } from './reports-client';
import { useDrill } from './use-drill';

/** A report's filters in words, for the header line and drill-down titles: ["P1", "Enterprise"]. */
function scopeWords(filter: ReportFilter, teamName: (id: string | null) => string): string[] {
  return [
    ...(filter.priorities ?? []),
    ...(filter.teams ?? []).map(teamName),
    ...(filter.levels ?? []).map((level) => `highest level ${levelName(level)}`),
    ...(filter.categories ?? []),
    ...(filter.tiers ?? []).map(tierName),
    ...(filter.channels ?? []).map(channelName),
  ];
}

function useNames(table: 'teams' | 'people', unassigned: string) {
  const rows = useLiveQuery(
    (): Promise<{ id: string; name: string }[]> => db[table].toArray(),
    [table],
  );
  return useMemo(() => {
    const names = new Map((rows ?? []).map((row) => [row.id, row.name]));
    return (id: string | null) => (id === null ? unassigned : (names.get(id) ?? id));
  }, [rows, unassigned]);
}

function ProgressBar(props: { progress: ReportProgress | undefined }) {
  const { progress } = props;
  const label = progress
    ? `${progress.label} ${formatCount(progress.done)} of ${formatCount(progress.total)}`
    : 'Computing the report…';
  const percent =
    progress && progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : 0;
  return (
    <div className="report-progress">
      <div
        className="report-progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={progress?.total}
        aria-valuenow={progress?.done}
      >
        <div
          className={`report-progress-bar${progress ? '' : ' indeterminate'}`}
          style={progress ? { width: `${percent}%` } : undefined}
        />
      </div>
      <p className="report-progress-label" aria-hidden="true">
        {label}
      </p>
    </div>
  );
}

/** The report itself: overview, charts and breakdowns of one computed result. */
function ReportBody(props: {
  result: ReportResult;
  busy: boolean;
  teamName(id: string | null): string;
  personName(id: string | null): string;
}) {
  const { result, teamName, personName } = props;
  const timeBasis = useReportQueryStore((state) => state.timeBasis);
  const onDrill = useDrill(result.query);
  const { from, to } = result.query.filter;
  const { current, previous } = result;
  const scope = useMemo(
    () => scopeWords(result.query.filter, teamName),
    [result.query.filter, teamName],
  );
  const context: FigureContext = useMemo(
    () => ({ report: current, scope, teamName, personName }),
    [current, scope, teamName, personName],
  );
  const kpis = useMemo(
    () => reportKpis(context, previous, timeBasis),
    [context, previous, timeBasis],
  );
  const figures = useMemo(
    () => ({
      trends: [escalationsOverTime(context), complianceOverTime(context)],
      service: [
        complianceByTarget(context),
        resolutionHistogram(context),
        breachesByLevel(context),
        breachesByTeam(context),
      ],
      escalations: [
        timeAtLevel(context),
        droppedByReason(context),
        topRootCauses(context),
        csatDistribution(context),
      ],
      breakdowns: [teamBreakdown(context), personBreakdown(context)],
    }),
    [context],
  );
  const days = rangeDays({ from, to });
  const rangeText = formatRange(from, to);
  const files = fileRange(from, to);
  const drill = useCallback(
    (target: Parameters<typeof onDrill>[0]) => void onDrill(target),
    [onDrill],
  );
  const card = (figure: (typeof figures.trends)[number], wide = false) => (
    <FigureCard
      key={figure.id}
      figure={figure}
      fileRange={files}
      rangeText={rangeText}
      onDrill={drill}
      wide={wide}
    />
  );

  return (
    <div className={`report-body${props.busy ? ' busy' : ''}`} aria-busy={props.busy}>
      <p className="report-summary">
        <strong>
          {formatCount(current.tickets)} ticket{current.tickets === 1 ? '' : 's'}
        </strong>{' '}
        created {rangeText}, compared with the previous {days} day{days === 1 ? '' : 's'}
        {scope.length > 0 ? ` · ${scope.join(' · ')}` : ''}
      </p>
      {current.tickets === 0 ? (
        <p className="report-none" role="status">
          No tickets were created in this period with these filters. Try a longer period or fewer
          filters.
        </p>
      ) : null}
      <section className="report-section" aria-labelledby="report-overview">
        <h2 id="report-overview">Overview</h2>
        <KpiCards kpis={kpis} onDrill={drill} />
      </section>
      <section className="report-section" aria-labelledby="report-trends">
        <h2 id="report-trends">Trends</h2>
        <div className="figure-grid">{figures.trends.map((figure) => card(figure, true))}</div>
      </section>
      <section className="report-section" aria-labelledby="report-service">
        <h2 id="report-service">Service levels</h2>
        <div className="figure-grid">{figures.service.map((figure) => card(figure))}</div>
      </section>
      <section className="report-section" aria-labelledby="report-escalations">
        <h2 id="report-escalations">Escalations and satisfaction</h2>
        <div className="figure-grid">{figures.escalations.map((figure) => card(figure))}</div>
      </section>
      <section className="report-section" aria-labelledby="report-breakdowns">
        <h2 id="report-breakdowns">Teams and people</h2>
        <div className="figure-stack">{figures.breakdowns.map((figure) => card(figure, true))}</div>
      </section>
    </div>
  );
}

/** Escalation KPIs: rate, resolution time, SLA compliance, CSAT, recurrence, root causes. */
export function ReportsView() {
  const ticketCount = useLiveQuery(() => db.tickets.count(), []);
  const queryState = useReportQueryStore();
  const [retry, setRetry] = useState(0);
  const today = useToday();
  const query = queryOf(queryState, today, localTimeZone());
  const report = useReport(query, retry);
  const teamName = useNames('teams', 'No team');
  const personName = useNames('people', 'Unassigned');
  const pdf = useSaveAsPdf('Report saved as PDF', withEveryChartDrawn);
  const result = report.result;
  const exportPdf = () => {
    if (!result) return;
    const { from, to } = result.query.filter;
    void pdf.save({ fileName: `Escalation report ${fileRange(from, to)}.pdf`, landscape: false });
  };

  return (
    <div
      className="reports-page"
      data-print-page
      data-report-status={report.status}
      data-report-tickets={result?.current.tickets}
    >
      <PageHeader
        title="Reports"
        subtitle="Escalation rate, resolution time, SLA compliance, CSAT, recurrence and root causes."
        actions={
          ticketCount === 0 ? undefined : (
            <button
              type="button"
              className="button"
              disabled={!result || pdf.saving}
              onClick={exportPdf}
            >
              <FileDown size={16} aria-hidden="true" />
              Export PDF…
            </button>
          )
        }
      />
      {ticketCount === 0 ? (
        <EmptyState
          icon={ChartColumn}
          title="Nothing to report on yet"
          actions={
            <a className="button" href={hrefFor({ view: 'queue' })}>
              Go to the queue
            </a>
          }
        >
          <p>Reports are computed from the desk&apos;s own escalations once there are some.</p>
        </EmptyState>
      ) : ticketCount === undefined ? null : (
        <>
          <ReportFilters dimensions={result?.dimensions} teamName={teamName} />
          {report.status === 'loading' ? <ProgressBar progress={report.progress} /> : null}
          {report.status === 'error' ? (
            <div className="report-error" role="alert">
              <p>
                <strong>The report could not be computed.</strong> {report.message}
              </p>
              <button type="button" className="button" onClick={() => setRetry((n) => n + 1)}>
                <RotateCw size={14} aria-hidden="true" />
                Retry
              </button>
            </div>
          ) : null}
          {result ? (
            <ReportBody
              result={result}
              busy={report.status === 'loading'}
              teamName={teamName}
              personName={personName}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
