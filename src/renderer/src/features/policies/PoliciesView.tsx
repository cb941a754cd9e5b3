import { Gauge } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

/** SLA policies and business calendars. */
export function PoliciesView() {
  return (
    <>
      <PageHeader
        title="SLA policies"
        subtitle="Response, update and resolution targets, business calendars and pause rules."
      />
      <EmptyState icon={Gauge} title="No SLA policies defined">
        <p>
          A policy sets the first-response, next-update and resolution targets for the tickets it
          matches, counted in business hours of its calendar, with pauses while waiting on the
          customer.
        </p>
        <p className="muted">Without a policy, tickets carry no SLA clock.</p>
      </EmptyState>
    </>
  );
}
