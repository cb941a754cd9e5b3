import { useCallback } from 'react';
import { useDeskStore } from '../../store';
import { openDrillDown } from '../queue/drill-down';
import type { DrillTarget } from './figure';
import type { ReportQuery } from './report-query';
import { drillDownTickets } from './reports-client';

/** Opens the tickets behind a figure in the queue; `query` is the shown report's own query. */
export function useDrill(query: ReportQuery | undefined): (target: DrillTarget) => Promise<void> {
  const pushToast = useDeskStore((state) => state.pushToast);
  return useCallback(
    async (target: DrillTarget) => {
      if (!query) return;
      try {
        const ticketIds = await drillDownTickets({ query, drill: target.drill });
        openDrillDown({ title: target.title, ticketIds });
      } catch (error) {
        pushToast({
          tone: 'danger',
          title: 'The tickets could not be listed',
          body: error instanceof Error ? error.message : String(error),
        });
      }
    },
    [query, pushToast],
  );
}
