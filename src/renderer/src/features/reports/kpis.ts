import type { DurationStats, Report } from '@core/metrics/types';
import { ESCALATION_TYPE_LABELS } from '../ticket/labels';
import type { DrillTarget } from './figure';
import { DROP_REASON_LABELS, drillTarget, type FigureContext } from './report-figures';
import {
  countChange,
  durationChange,
  formatCount,
  formatDuration,
  formatRate,
  formatScore,
  rateChange,
  scoreChange,
  type Change,
} from './report-format';
import type { TimeBasis } from './report-store';

/** One headline figure: its value, what it is made of, and how it moved. */
export interface Kpi {
  id: string;
  label: string;
  value: string;
  detail: string;
  change: Change;
  /** The tickets the card opens. */
  target: DrillTarget;
}

const BASIS_WORDS: Record<TimeBasis, string> = {
  business: 'business hours',
  calendar: 'calendar time',
};

function durationKpi(
  context: FigureContext,
  id: string,
  label: string,
  current: DurationStats,
  previous: DurationStats,
  basis: TimeBasis,
  target: DrillTarget,
): Kpi {
  return {
    id,
    label,
    value: formatDuration(current.medianMs),
    detail:
      `Median in ${BASIS_WORDS[basis]} · 90th percentile ${formatDuration(current.p90Ms)} · ` +
      `${formatCount(current.count)} tickets`,
    change: durationChange(current.medianMs, previous.medianMs),
    target,
  };
}

/** The overview's headline figures of `current`, each against `previous`. */
export function reportKpis(context: FigureContext, previous: Report, basis: TimeBasis): Kpi[] {
  const current = context.report;
  const target = (label: string, segment: DrillTarget['drill']['segment']) =>
    drillTarget(context, label, segment);
  const { escalation } = current;
  const typeSplit = (['functional', 'hierarchical', 'automatic'] as const)
    .map((type) => `${ESCALATION_TYPE_LABELS[type]} ${formatCount(escalation.byType[type])}`)
    .join(' · ');
  const breached = current.overallCompliance.of - current.overallCompliance.count;
  return [
    {
      id: 'tickets',
      label: 'Tickets',
      value: formatCount(current.tickets),
      detail: 'Created in the period',
      change: countChange(current.tickets, previous.tickets, null),
      target: target('Tickets', { kind: 'tickets' }),
    },
    {
      id: 'escalation-rate',
      label: 'Escalation rate',
      value: formatRate(escalation.escalated.rate),
      detail: `${formatCount(escalation.escalated.count)} of ${formatCount(escalation.escalated.of)} · ${typeSplit}`,
      change: rateChange(escalation.escalated.rate, previous.escalation.escalated.rate, false),
      target: target('Escalated tickets', { kind: 'escalated' }),
    },
    durationKpi(
      context,
      'first-response',
      'First response',
      current.firstResponse[basis],
      previous.firstResponse[basis],
      basis,
      target('Tickets with a first response', { kind: 'responded' }),
    ),
    durationKpi(
      context,
      'time-to-resolve',
      'Time to resolve',
      current.resolution[basis],
      previous.resolution[basis],
      basis,
      target('Resolved tickets', { kind: 'resolved' }),
    ),
    {
      id: 'sla-compliance',
      label: 'SLA compliance',
      value: formatRate(current.overallCompliance.rate),
      detail: `${formatCount(breached)} breached of ${formatCount(current.overallCompliance.of)} decided`,
      change: rateChange(current.overallCompliance.rate, previous.overallCompliance.rate, true),
      target: target('Breached tickets', { kind: 'breached' }),
    },
    {
      id: 'csat',
      label: 'CSAT average',
      value:
        current.csat.all.average === null ? '—' : `${formatScore(current.csat.all.average)} / 5`,
      detail:
        `${formatCount(current.csat.all.responses)} ratings · escalated ` +
        `${formatScore(current.csat.escalated.average)}, not escalated ` +
        formatScore(current.csat.notEscalated.average),
      change: scoreChange(current.csat.all.average, previous.csat.all.average),
      target: target('Rated tickets', { kind: 'csat' }),
    },
    {
      id: 'reopen-rate',
      label: 'Reopen rate',
      value: formatRate(current.reopens.rate),
      detail: `${formatCount(current.reopens.count)} of ${formatCount(current.reopens.of)} resolved tickets`,
      change: rateChange(current.reopens.rate, previous.reopens.rate, false),
      target: target('Reopened tickets', { kind: 'reopened' }),
    },
    {
      id: 'recurrence',
      label: 'Recurrence',
      value: formatRate(current.recurrence.rate),
      detail:
        `${formatCount(current.recurrence.count)} of ${formatCount(current.recurrence.of)} ` +
        `escalations recurred within ${current.recurrence.windowDays} days`,
      change: rateChange(current.recurrence.rate, previous.recurrence.rate, false),
      target: target('Recurring escalations', { kind: 'recurring' }),
    },
    {
      id: 'dropped',
      label: 'Dropped escalations',
      value: formatCount(current.dropped.total),
      detail: (Object.keys(DROP_REASON_LABELS) as (keyof typeof DROP_REASON_LABELS)[])
        .map(
          (reason) =>
            `${formatCount(current.dropped[reason])} ${DROP_REASON_LABELS[reason].toLowerCase()}`,
        )
        .join(' · '),
      change: countChange(current.dropped.total, previous.dropped.total, false),
      target: target('Dropped escalations', { kind: 'dropped' }),
    },
    {
      id: 'de-escalations',
      label: 'De-escalations',
      value: formatCount(current.deEscalations.tickets),
      detail: `${formatCount(current.deEscalations.events)} de-escalations on these tickets`,
      change: countChange(current.deEscalations.tickets, previous.deEscalations.tickets, null),
      target: target('De-escalated tickets', { kind: 'de_escalated' }),
    },
  ];
}
