import { Compass } from 'lucide-react';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { hrefFor } from '../router';

/** Shown for an address the desk does not know. */
export function NotFoundView({ path }: { path: string }) {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        icon={Compass}
        title={`There is no page at “${path}”`}
        actions={
          <a className="button primary" href={hrefFor({ view: 'queue' })}>
            Go to the queue
          </a>
        }
      >
        <p>The link may be out of date. Use the navigation on the left to find your way.</p>
      </EmptyState>
    </>
  );
}
