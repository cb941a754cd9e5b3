import type { EscalationType } from '@core/index';
import type {
  BreakdownRow,
  DrillDown,
  DropReason,
  Report,
  Segment,
  TrendPoint,
} from '@core/metrics/types';
import { ESCALATION_TYPE_LABELS, ROOT_CAUSE_LABELS, TARGET_LABELS } from '../ticket/labels';
import { dayKey } from './report-store';
import { countCell, rateCell, type DrillTarget, type Figure, type FigureCell } from './figure';
import {
  bucketLabel,
  bucketTitle,
  formatDuration,
  formatRange,
  formatScore,
  levelName,
} from './report-format';

/** What building the figures needs besides the report. */
export interface FigureContext {
  report: Report;
  /** The filters in words ("P1", "Enterprise"), added to every drill-down title. */
  scope: string[];
  teamName(id: string | null): string;
  personName(id: string | null): string;
}

const ESCALATION_TYPES: EscalationType[] = ['functional', 'hierarchical', 'automatic'];

/** Series colours: CSS variables set in reports.css for the light and the dark theme. */
export const CHART_COLORS = {
  functional: 'var(--chart-functional)',
  hierarchical: 'var(--chart-hierarchical)',
  automatic: 'var(--chart-automatic)',
  notEscalated: 'var(--chart-neutral)',
  met: 'var(--chart-met)',
  breached: 'var(--chart-breached)',
  open: 'var(--chart-neutral)',
  primary: 'var(--chart-primary)',
  secondary: 'var(--chart-secondary)',
} as const;

export const DROP_REASON_LABELS: Record<DropReason, string> = {
  breached_without_action: 'Breached without action',
  de_escalated_unresolved: 'De-escalated, unresolved',
};

/** A drill-down with its title: "Functional escalations · week of 2 Nov 2026 · P1". */
export function drillTarget(
  context: FigureContext,
  label: string,
  segment: Segment,
  point?: Pick<TrendPoint, 'start' | 'end'>,
): DrillTarget {
  const { report } = context;
  const when = point
    ? bucketTitle(point.start, report.options.bucket)
    : formatRange(report.filter.from, report.filter.to);
  const drill: DrillDown = point
    ? { segment, bucket: { from: point.start, to: point.end } }
    : { segment };
  return { title: [label, when, ...context.scope].join(' · '), drill };
}

function durationCell(ms: number | null): FigureCell {
  return {
    value: ms,
    text: formatDuration(ms),
    csv: ms === null ? '' : String(Math.round(ms / 60_000)),
  };
}

function textCell(text: string, value: number | null = null): FigureCell {
  return { value, text, csv: value === null ? '' : String(value) };
}

/** Escalated tickets per day or week, stacked by type of first escalation, and the rest. */
export function escalationsOverTime(context: FigureContext): Figure {
  const { report } = context;
  const bucket = report.options.bucket;
  return {
    id: 'escalations-over-time',
    title: 'Escalations over time',
    note: `Tickets created per ${bucket}, by the type of their first escalation.`,
    rowHeader: bucket === 'day' ? 'Day' : 'Week',
    columns: [
      ...ESCALATION_TYPES.map((type) => ({ label: ESCALATION_TYPE_LABELS[type] })),
      { label: 'Not escalated' },
      { label: 'Tickets' },
    ],
    rows: report.trend.map((point) => ({
      key: String(point.start),
      label: bucketLabel(point.start, bucket),
      csvLabel: dayKey(point.start),
      cells: [
        ...ESCALATION_TYPES.map((type) =>
          countCell(
            point.escalated[type],
            drillTarget(
              context,
              `${ESCALATION_TYPE_LABELS[type]} escalations`,
              { kind: 'escalated', type },
              point,
            ),
          ),
        ),
        countCell(
          point.notEscalated,
          drillTarget(context, 'Not escalated', { kind: 'not_escalated' }, point),
        ),
        countCell(point.tickets, drillTarget(context, 'Tickets', { kind: 'tickets' }, point)),
      ],
    })),
    chart: {
      kind: 'bar',
      stacked: true,
      format: 'count',
      series: [
        { column: 0, color: CHART_COLORS.functional },
        { column: 1, color: CHART_COLORS.hierarchical },
        { column: 2, color: CHART_COLORS.automatic },
        { column: 3, color: CHART_COLORS.notEscalated },
      ],
    },
  };
}

/** Share of tickets with no breached target per day or week. */
export function complianceOverTime(context: FigureContext): Figure {
  const { report } = context;
  const bucket = report.options.bucket;
  return {
    id: 'compliance-over-time',
    title: 'SLA compliance over time',
    note: 'Tickets with no breached target, of tickets with at least one target met or breached.',
    rowHeader: bucket === 'day' ? 'Day' : 'Week',
    columns: [
      { label: 'Compliance', csvLabel: 'Compliance (%)' },
      { label: 'Decided tickets' },
      { label: 'Breached tickets' },
    ],
    rows: report.trend.map((point) => ({
      key: String(point.start),
      label: bucketLabel(point.start, bucket),
      csvLabel: dayKey(point.start),
      cells: [
        rateCell(point.compliance.rate),
        countCell(point.compliance.of),
        countCell(
          point.compliance.of - point.compliance.count,
          drillTarget(context, 'Breached tickets', { kind: 'breached' }, point),
        ),
      ],
    })),
    chart: {
      kind: 'line',
      format: 'percent',
      series: [{ column: 0, color: CHART_COLORS.primary }],
      clickColumn: 2,
    },
  };
}

/** A bin's bounds, short enough for a chart axis: "< 1 h", "1–4 h", "8 h – 1 d", "≥ 7 d". */
export function binLabel(fromMs: number, toMs: number | null): string {
  if (toMs === null) return `≥ ${formatDuration(fromMs)}`;
  if (fromMs === 0) return `< ${formatDuration(toMs)}`;
  const [from, to] = [formatDuration(fromMs), formatDuration(toMs)];
  const unit = /^\d+ (min|h|d)$/.exec(to)?.[1];
  return unit && from.endsWith(` ${unit}`) && /^\d+ /.test(from)
    ? `${from.slice(0, -unit.length - 1)}–${to}`
    : `${from} – ${to}`;
}

/** A bin in words for a drill-down title: "under 1 h", "1–4 h", "7 d or more". */
function binWords(fromMs: number, toMs: number | null): string {
  if (toMs === null) return `${formatDuration(fromMs)} or more`;
  if (fromMs === 0) return `under ${formatDuration(toMs)}`;
  return binLabel(fromMs, toMs);
}

/** Resolved tickets by calendar time to resolve. */
export function resolutionHistogram(context: FigureContext): Figure {
  const { report } = context;
  return {
    id: 'resolution-time',
    title: 'Time to resolve',
    note: 'Resolved tickets by calendar time from creation to resolution.',
    rowHeader: 'Time to resolve',
    columns: [{ label: 'Resolved tickets' }],
    rows: report.resolutionHistogram.map((bin) => {
      const label = binLabel(bin.fromMs, bin.toMs);
      return {
        key: String(bin.fromMs),
        label,
        cells: [
          countCell(
            bin.count,
            drillTarget(context, `Resolved in ${binWords(bin.fromMs, bin.toMs)}`, {
              kind: 'resolution_time',
              fromMs: bin.fromMs,
              toMs: bin.toMs,
            }),
          ),
        ],
      };
    }),
    chart: { kind: 'bar', format: 'count', series: [{ column: 0, color: CHART_COLORS.primary }] },
  };
}

/** Each SLA target: met, breached and still open. */
export function complianceByTarget(context: FigureContext): Figure {
  const { report } = context;
  return {
    id: 'compliance-by-target',
    title: 'SLA compliance per target',
    note: 'Tickets whose policy runs the target: met, breached, or not decided yet.',
    rowHeader: 'Target',
    columns: [
      { label: 'Met' },
      { label: 'Breached' },
      { label: 'Open' },
      { label: 'Compliance', csvLabel: 'Compliance (%)' },
    ],
    rows: report.compliance.map((row) => {
      const name = TARGET_LABELS[row.target];
      const cell = (outcome: 'met' | 'breached' | 'open', count: number, words: string) =>
        countCell(
          count,
          drillTarget(context, `${name} ${words}`, { kind: 'sla', target: row.target, outcome }),
        );
      return {
        key: row.target,
        label: name,
        cells: [
          cell('met', row.met, 'met'),
          cell('breached', row.breached, 'breached'),
          cell('open', row.open, 'open'),
          rateCell(row.rate),
        ],
      };
    }),
    chart: {
      kind: 'bar',
      horizontal: true,
      stacked: true,
      format: 'count',
      series: [
        { column: 0, color: CHART_COLORS.met },
        { column: 1, color: CHART_COLORS.breached },
        { column: 2, color: CHART_COLORS.open },
      ],
    },
  };
}

/** Breached tickets by the level they were at when they first breached. */
export function breachesByLevel(context: FigureContext): Figure {
  const { report } = context;
  return {
    id: 'breaches-by-level',
    title: 'Breaches by level',
    note: 'Tickets with a breached target, by their level at the first breach.',
    rowHeader: 'Level',
    columns: [{ label: 'Breached tickets' }],
    rows: report.breachesByLevel.map((row) => ({
      key: String(row.level),
      label: levelName(row.level),
      cells: [
        countCell(
          row.count,
          drillTarget(context, `Breached at ${levelName(row.level)}`, {
            kind: 'breached',
            level: row.level,
          }),
        ),
      ],
    })),
    chart: { kind: 'bar', format: 'count', series: [{ column: 0, color: CHART_COLORS.breached }] },
  };
}

/** Breached tickets by their team at the first breach. */
export function breachesByTeam(context: FigureContext): Figure {
  const { report } = context;
  return {
    id: 'breaches-by-team',
    title: 'Breaches by team',
    note: 'Tickets with a breached target, by their team at the first breach.',
    rowHeader: 'Team',
    columns: [{ label: 'Breached tickets' }],
    rows: report.breachesByTeam.map((row) => {
      const name = context.teamName(row.teamId);
      return {
        key: String(row.teamId),
        label: name,
        cells: [
          countCell(
            row.count,
            drillTarget(context, `Breached in ${name}`, { kind: 'breached', teamId: row.teamId }),
          ),
        ],
      };
    }),
    chart: {
      kind: 'bar',
      horizontal: true,
      format: 'count',
      series: [{ column: 0, color: CHART_COLORS.breached }],
    },
  };
}

/** How long tickets spent at each level (calendar time). */
export function timeAtLevel(context: FigureContext): Figure {
  const { report } = context;
  return {
    id: 'time-at-level',
    title: 'Time at each level',
    note: 'Calendar time tickets spent at each level, until they left it or were resolved.',
    rowHeader: 'Level',
    columns: [
      { label: 'Median', csvLabel: 'Median (minutes)' },
      { label: '90th percentile', csvLabel: '90th percentile (minutes)' },
      { label: 'Tickets' },
    ],
    rows: report.levelTime.map((row) => ({
      key: String(row.level),
      label: levelName(row.level),
      cells: [
        durationCell(row.time.medianMs),
        durationCell(row.time.p90Ms),
        countCell(
          row.tickets,
          drillTarget(context, `Time at ${levelName(row.level)}`, {
            kind: 'level_time',
            level: row.level,
          }),
        ),
      ],
    })),
    chart: {
      kind: 'bar',
      format: 'duration',
      series: [{ column: 0, color: CHART_COLORS.primary }],
    },
  };
}

/** CSAT ratings 1…5 of escalated and of other tickets. */
export function csatDistribution(context: FigureContext): Figure {
  const { csat } = context.report;
  const scores = [1, 2, 3, 4, 5];
  const groups = [
    { stats: csat.escalated, escalated: true, name: 'escalated' },
    { stats: csat.notEscalated, escalated: false, name: 'not escalated' },
  ] as const;
  const drill = (score: number, group: (typeof groups)[number]) =>
    drillTarget(context, `CSAT ${score} · ${group.name}`, {
      kind: 'csat',
      score,
      escalated: group.escalated,
    });
  return {
    id: 'csat-distribution',
    title: 'CSAT, escalated vs not',
    note:
      `Share of each group's ratings. Average ${formatScore(csat.escalated.average)} from ` +
      `${csat.escalated.responses.toLocaleString()} escalated, ${formatScore(csat.notEscalated.average)} ` +
      `from ${csat.notEscalated.responses.toLocaleString()} other ratings.`,
    rowHeader: 'Score',
    columns: [
      { label: 'Escalated (%)' },
      { label: 'Not escalated (%)' },
      { label: 'Escalated' },
      { label: 'Not escalated' },
    ],
    rows: scores.map((score) => ({
      key: String(score),
      label: `${score} of 5`,
      cells: [
        // The two groups differ in size: shares compare them, counts open the tickets.
        ...groups.map((group) => {
          const count = group.stats.distribution[score - 1] ?? 0;
          return {
            ...rateCell(group.stats.responses ? count / group.stats.responses : null),
            ...(count ? { drill: drill(score, group) } : {}),
          };
        }),
        ...groups.map((group) =>
          countCell(group.stats.distribution[score - 1] ?? 0, drill(score, group)),
        ),
      ],
    })),
    chart: {
      kind: 'bar',
      format: 'percent',
      series: [
        { column: 0, color: CHART_COLORS.functional },
        { column: 1, color: CHART_COLORS.notEscalated },
      ],
    },
  };
}

/** Root causes of resolved escalations, most first. */
export function topRootCauses(context: FigureContext): Figure {
  return {
    id: 'root-causes',
    title: 'Top root causes',
    note: 'Root causes recorded on resolved escalated tickets.',
    rowHeader: 'Root cause',
    columns: [{ label: 'Escalated tickets' }],
    rows: context.report.rootCauses.map((row) => {
      const name = ROOT_CAUSE_LABELS[row.rootCause];
      return {
        key: row.rootCause,
        label: name,
        cells: [
          countCell(
            row.count,
            drillTarget(context, `Root cause: ${name}`, {
              kind: 'root_cause',
              rootCause: row.rootCause,
            }),
          ),
        ],
      };
    }),
    chart: {
      kind: 'bar',
      horizontal: true,
      format: 'count',
      series: [{ column: 0, color: CHART_COLORS.secondary }],
    },
  };
}

/** Dropped escalations by why they count as dropped. */
export function droppedByReason(context: FigureContext): Figure {
  const { dropped } = context.report;
  const reasons = Object.keys(DROP_REASON_LABELS) as DropReason[];
  return {
    id: 'dropped',
    title: 'Dropped escalations',
    note: 'Escalations that breached with nobody acting, or were de-escalated and left unresolved.',
    rowHeader: 'Reason',
    columns: [{ label: 'Tickets' }],
    rows: reasons.map((reason) => ({
      key: reason,
      label: DROP_REASON_LABELS[reason],
      cells: [
        countCell(
          dropped[reason],
          drillTarget(context, `Dropped: ${DROP_REASON_LABELS[reason].toLowerCase()}`, {
            kind: 'dropped',
            reason,
          }),
        ),
      ],
    })),
    chart: {
      kind: 'bar',
      horizontal: true,
      format: 'count',
      series: [{ column: 0, color: CHART_COLORS.breached }],
    },
  };
}

function breakdownFigure(
  context: FigureContext,
  id: string,
  title: string,
  rowHeader: string,
  rows: BreakdownRow[],
  name: (id: string | null) => string,
  segment: (id: string | null) => Segment,
): Figure {
  return {
    id,
    title,
    note: 'By current assignment. Compliance: tickets with no breached target, of decided ones.',
    rowHeader,
    columns: [
      { label: 'Tickets' },
      { label: 'Escalated' },
      { label: 'Escalation rate', csvLabel: 'Escalation rate (%)' },
      { label: 'SLA compliance', csvLabel: 'SLA compliance (%)' },
      { label: 'CSAT' },
      { label: 'Ratings' },
      { label: 'Median time to resolve', csvLabel: 'Median time to resolve (minutes)' },
    ],
    rows: rows.map((row) => {
      const label = name(row.id);
      return {
        key: String(row.id),
        label,
        cells: [
          countCell(row.tickets, drillTarget(context, label, segment(row.id))),
          countCell(row.escalated),
          rateCell(row.tickets === 0 ? null : row.escalated / row.tickets),
          rateCell(row.compliance.rate),
          textCell(
            formatScore(row.csat.average),
            row.csat.average === null ? null : Math.round(row.csat.average * 100) / 100,
          ),
          countCell(row.csat.responses),
          durationCell(row.resolutionMs.medianMs),
        ],
      };
    }),
  };
}

/** Each team's volume, escalations, compliance, CSAT and resolution time. */
export function teamBreakdown(context: FigureContext): Figure {
  return breakdownFigure(
    context,
    'teams',
    'Teams',
    'Team',
    context.report.teams,
    context.teamName,
    (teamId) => ({ kind: 'team', teamId }),
  );
}

/** Each person's volume, escalations, compliance, CSAT and resolution time. */
export function personBreakdown(context: FigureContext): Figure {
  return breakdownFigure(
    context,
    'people',
    'People',
    'Owner',
    context.report.people,
    context.personName,
    (ownerId) => ({ kind: 'owner', ownerId }),
  );
}

/** The charts of the report, in the order the page shows them. */
export function reportCharts(context: FigureContext): Figure[] {
  return [
    escalationsOverTime(context),
    complianceOverTime(context),
    resolutionHistogram(context),
    complianceByTarget(context),
    breachesByLevel(context),
    breachesByTeam(context),
    timeAtLevel(context),
    csatDistribution(context),
    topRootCauses(context),
    droppedByReason(context),
  ];
}
