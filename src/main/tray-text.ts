import type { BadgeCounts } from '@core/contracts';

/** The tray tooltip: the app's name and, when there is anything, what needs attention. */
export function trayTooltip(counts: BadgeCounts): string {
  const parts: string[] = [];
  if (counts.breached > 0) parts.push(`${counts.breached} breached`);
  if (counts.atRisk > 0) parts.push(`${counts.atRisk} at risk`);
  return parts.length
    ? `Escalation Desk — ${parts.join(', ')}`
    : 'Escalation Desk — all SLAs on track';
}

/** The dock/taskbar badge: every ticket that needs attention now. */
export function badgeCount(counts: BadgeCounts): number {
  return counts.breached + counts.atRisk;
}
