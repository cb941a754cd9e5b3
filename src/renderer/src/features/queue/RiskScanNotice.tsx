import { isDoneStatus } from '@core/index';
import { useId, useMemo } from 'react';
import { useDeskScan } from '../alerts/desk-scan';
import type { QueueRow } from './queue-rows';

/** Open tickets whose escalation risk has not been scored yet. */
export function unscoredCount(rows: readonly QueueRow[]): number {
  let count = 0;
  for (const row of rows) {
    if (row.sla && row.sla.risk === undefined && !isDoneStatus(row.ticket.status)) count++;
  }
  return count;
}

/**
 * While the desk's whole-desk pass scores a fresh desk (a demo load, an import), says so with its
 * progress: until then those tickets' risk reads "—" and the "High risk" view misses them.
 */
export function RiskScanNotice({ rows }: { rows: readonly QueueRow[] }) {
  const scan = useDeskScan((state) => state.scan);
  const labelId = useId();
  const scanning = scan !== undefined;
  const unscored = useMemo(() => (scanning ? unscoredCount(rows) : 0), [scanning, rows]);
  if (!scan || unscored === 0) return null;
  return (
    <div className="queue-notice risk-scan" role="note">
      <span id={labelId}>
        Scoring escalation risk: {unscored.toLocaleString()} open{' '}
        {unscored === 1 ? 'ticket has' : 'tickets have'} no score yet (shown as “—”).
      </span>
      <progress
        aria-labelledby={labelId}
        max={Math.max(1, scan.total)}
        value={Math.min(scan.done, scan.total)}
      />
    </div>
  );
}
