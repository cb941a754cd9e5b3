import { Network } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

/** The escalation matrix: who a ticket goes to, when, and what happens. */
export function MatrixView() {
  return (
    <>
      <PageHeader
        title="Escalation matrix"
        subtitle="Criteria, levels, owners and triggers for functional, hierarchical and automatic escalation."
      />
      <EmptyState icon={Network} title="No escalation matrix defined">
        <p>
          The matrix decides where an escalation goes next: to a team with the expertise, to a
          higher role, or automatically when an SLA is running out.
        </p>
        <p className="muted">Until a matrix is defined, escalations are routed by hand.</p>
      </EmptyState>
    </>
  );
}
