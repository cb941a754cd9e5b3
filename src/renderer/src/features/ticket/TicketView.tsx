import { useLiveQuery } from 'dexie-react-hooks';
import { FileSearch, TicketCheck } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { Facts } from '../../components/Facts';
import { PageHeader } from '../../components/PageHeader';
import { db } from '../../db/database';
import { hrefFor, navigate } from '../../router';

function OpenById() {
  const inputId = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ticketId = value.trim();
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(ticketId)) {
      setError('A ticket id has only letters, digits, "-" and "_", e.g. ESC-1042.');
      return;
    }
    setError(null);
    navigate({ view: 'ticket', ticketId });
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <label htmlFor={inputId}>Ticket id</label>
      <input
        id={inputId}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        placeholder="ESC-1042"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        autoComplete="off"
      />
      <button type="submit" className="button primary">
        Open
      </button>
      {error ? (
        <p id={`${inputId}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** One escalation: its details, SLA clocks and timeline. */
export function TicketView({ ticketId }: { ticketId?: string | undefined }) {
  const ticket = useLiveQuery(
    async () => (ticketId ? ((await db.tickets.get(ticketId)) ?? null) : null),
    [ticketId],
  );

  if (!ticketId) {
    return (
      <>
        <PageHeader title="Ticket" subtitle="Open an escalation from the queue or by its id." />
        <EmptyState
          icon={TicketCheck}
          title="No ticket open"
          actions={
            <a className="button" href={hrefFor({ view: 'queue' })}>
              Go to the queue
            </a>
          }
        >
          <OpenById />
        </EmptyState>
      </>
    );
  }
  if (ticket === undefined) {
    return <PageHeader title={`Ticket ${ticketId}`} subtitle="Reading the local database…" />;
  }
  if (ticket === null) {
    return (
      <>
        <PageHeader title={`Ticket ${ticketId}`} />
        <EmptyState
          icon={FileSearch}
          title="Ticket not found"
          actions={
            <a className="button" href={hrefFor({ view: 'queue' })}>
              Back to the queue
            </a>
          }
        >
          <p>
            There is no ticket <strong>{ticketId}</strong> in this desk. It may have been typed
            wrongly, or it lives on another desk.
          </p>
          <OpenById />
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader title={ticket.title} subtitle={`${ticket.id} · ${ticket.status}`} />
      <Facts
        rows={[
          ['Status', ticket.status],
          ['Priority', ticket.priority],
          ['Created', new Date(ticket.createdAt).toLocaleString()],
        ]}
      />
    </>
  );
}
