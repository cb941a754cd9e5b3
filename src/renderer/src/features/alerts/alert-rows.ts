import { alertFromKey, describeAlert, type Alert } from '@core/index';
import { CircleArrowUp, OctagonAlert, Repeat, TriangleAlert, type LucideIcon } from 'lucide-react';
import type { FiredAlertRow } from '../../db/database';

export type AlertState = FiredAlertRow['state'];

export const STATE_LABELS: Record<AlertState, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

export const KIND_ICONS: Record<Alert['kind'], LucideIcon> = {
  sla_breach: OctagonAlert,
  sla_warning: TriangleAlert,
  escalation: CircleArrowUp,
  escalation_repeat: Repeat,
};

/** What a row says happened; rows from before the alert engine carry only their key. */
export function describeRow(row: FiredAlertRow): {
  kind: Alert['kind'] | undefined;
  description: string;
} {
  const facts = row.kind ? row : alertFromKey(row.key);
  if (!facts?.kind) return { kind: undefined, description: 'SLA alert' };
  return { kind: facts.kind, description: describeAlert({ ...facts, kind: facts.kind }) };
}
