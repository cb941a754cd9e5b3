import { useLiveQuery } from 'dexie-react-hooks';
import { Inbox } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { db } from '../../db/database';
import { LoadDemoDesk, useDemoLoading } from '../demo/LoadDemoDesk';
import { UrgentList } from './UrgentList';

const CLOSED_STATUSES = ['resolved', 'closed'];

/** The escalation queue: every open escalation with its SLA clock. */
export function QueueView() {
  const openCount = useLiveQuery(
    () => db.tickets.where('status').noneOf(CLOSED_STATUSES).count(),
    [],
  );
  const loadingDemo = useDemoLoading();
  return (
    <>
      <PageHeader
        title="Escalation queue"
        subtitle={
          openCount === undefined
            ? 'Reading the local database…'
            : `${openCount} open escalation${openCount === 1 ? '' : 's'}`
        }
      />
      {openCount === 0 || loadingDemo ? (
        <EmptyState icon={Inbox} title="No open escalations" actions={<LoadDemoDesk />}>
          <p>
            Every escalation that is still open will be listed here with its level, owner and a live
            SLA clock, so nothing falls through the cracks.
          </p>
          <p className="muted">
            The desk keeps its data in this computer&apos;s local database and works with no network
            connection.
          </p>
        </EmptyState>
      ) : null}
      {openCount ? <UrgentList /> : null}
    </>
  );
}
