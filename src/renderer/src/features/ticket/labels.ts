import type { EscalationType, RootCause, SlaTargetName } from '@core/index';

export const TARGET_LABELS: Record<SlaTargetName, string> = {
  first_response: 'First response',
  next_update: 'Next update',
  resolution: 'Resolution',
};

export const ESCALATION_TYPE_LABELS: Record<EscalationType, string> = {
  functional: 'Functional',
  hierarchical: 'Hierarchical',
  automatic: 'Automatic',
};

export const ROOT_CAUSE_LABELS: Record<RootCause, string> = {
  product_defect: 'Product defect',
  configuration: 'Configuration',
  documentation_gap: 'Documentation gap',
  process_gap: 'Process gap',
  third_party: 'Third party',
  billing_error: 'Billing error',
  user_error: 'User error',
  capacity: 'Capacity',
  other: 'Other',
};

/** "L0 · First line", "L2". */
export function levelLabel(level: number): string {
  return level === 0 ? 'L0 · First line' : `L${level}`;
}
