import {
  assignTicket,
  changePriority,
  changeStatus,
  evaluateEscalation,
  PRIORITIES,
  STATUS_TRANSITIONS,
  statusLabel,
  type BuiltInStatus,
  type Person,
  type Priority,
  type Team,
  type Ticket,
} from '@core/index';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  ArrowDownCircle,
  ArrowUpCircle,
  CheckCircle2,
  FileSearch,
  RotateCcw,
  TicketCheck,
  XCircle,
} from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { Facts } from '../../components/Facts';
import { PageHeader } from '../../components/PageHeader';
import { db } from '../../db/database';
import {
  applyWorkflow,
  deriveTicketSla,
  loadSlaConfig,
  ticketEvents,
} from '../../db/ticket-writes';
import { formatDateTime } from '../../format';
import { useNow } from '../../hooks';
import { hrefFor, navigate, parseHash } from '../../router';
import { isTypingTarget } from '../../shortcuts';
import { renamedTicketId } from '../sync/desk-ids';
import { useDeskStore } from '../../store';
import { Composer } from './Composer';
import { levelLabel } from './labels';
import { SlaClocks } from './SlaClocks';
import { TicketAlerts } from '../alerts/TicketAlerts';
import {
  CloseDialog,
  DeEscalateDialog,
  EscalateDialog,
  ReopenDialog,
  ResolveDialog,
  type TicketDialog,
} from './TicketDialogs';
import { Timeline } from './Timeline';
import { SimilarEscalations } from '../assist/SimilarEscalations';
import { TicketRisk } from '../assist/TicketRisk';
import { useSetting } from '../../db/settings';

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

const NO_PEOPLE: Person[] = [];
const NO_TEAMS: Team[] = [];

const PAUSE_AND_OPEN: BuiltInStatus[] = ['open', 'pending_customer', 'pending_third_party'];

/** Runs a quick workflow step from a control, reporting a refusal as an alert. */
function useQuickStep() {
  const pushToast = useDeskStore((state) => state.pushToast);
  return (ticketId: string, step: Parameters<typeof applyWorkflow>[1]) =>
    applyWorkflow(ticketId, step, Date.now()).catch((error: unknown) =>
      pushToast({
        tone: 'danger',
        title: 'Not changed',
        body: error instanceof Error ? error.message : String(error),
      }),
    );
}

function TicketDetail({ ticket }: { ticket: Ticket }) {
  const now = useNow();
  const events = useLiveQuery(() => ticketEvents(ticket.id), [ticket.id, ticket.updatedAt]);
  const config = useLiveQuery(() => loadSlaConfig(), []);
  const customer = useLiveQuery(() => db.customers.get(ticket.customerId), [ticket.customerId]);
  const people = useLiveQuery(() => db.people.orderBy('name').toArray(), []) ?? NO_PEOPLE;
  const teams = useLiveQuery(() => db.teams.orderBy('name').toArray(), []) ?? NO_TEAMS;
  const matrix = useLiveQuery(() => db.matrices.get('active'), []);
  const [dialog, setDialog] = useState<TicketDialog>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const quickStep = useQuickStep();
  const ids = useId();
  const assist = useSetting('assist');

  const sla = useMemo(
    () => (events && config ? deriveTicketSla(events, config, now) : undefined),
    [events, config, now],
  );
  const suggestion = useMemo(() => {
    if (!sla || !matrix) return undefined;
    const reachedAt =
      [...(events ?? [])].reverse().find((event) => event.type === 'escalated')?.at ??
      ticket.createdAt;
    return evaluateEscalation(
      { level: { number: ticket.level, since: reachedAt } },
      matrix.matrix,
      sla,
      now,
    ).nextLevel;
  }, [sla, matrix, events, ticket.level, ticket.createdAt, now]);

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const person of people) map.set(person.id, person.name);
    for (const team of teams) map.set(team.id, team.name);
    return map;
  }, [people, teams]);
  const nameOf = (id: string | undefined) => (id ? (names.get(id) ?? id) : '—');

  const done = ticket.status === 'resolved' || ticket.status === 'closed';
  const statusOptions = PAUSE_AND_OPEN.filter((status) =>
    (STATUS_TRANSITIONS[ticket.status as BuiltInStatus] ?? []).includes(status),
  );

  // Ticket shortcuts: e escalate, r resolve, u write an update.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || dialog) return;
      if (event.key === 'e' && !done) setDialog('escalate');
      else if (event.key === 'r' && !done) setDialog('resolve');
      else if (event.key === 'u' && !done) composerRef.current?.focus();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialog, done]);

  const customerName = customer?.name ?? ticket.customerId;
  return (
    <>
      <PageHeader
        title={ticket.title}
        subtitle={
          <>
            {ticket.id} · {customerName} ({ticket.tier}) · {ticket.channel} · {ticket.category}
          </>
        }
        actions={
          <div className="toolbar" role="toolbar" aria-label="Ticket actions">
            {!done ? (
              <>
                <button
                  type="button"
                  className="button primary"
                  onClick={() => setDialog('escalate')}
                  aria-keyshortcuts="e"
                >
                  <ArrowUpCircle size={16} aria-hidden="true" /> Escalate
                </button>
                {ticket.level > 0 ? (
                  <button type="button" className="button" onClick={() => setDialog('de-escalate')}>
                    <ArrowDownCircle size={16} aria-hidden="true" /> De-escalate
                  </button>
                ) : null}
                <button
                  type="button"
                  className="button"
                  onClick={() => setDialog('resolve')}
                  aria-keyshortcuts="r"
                >
                  <CheckCircle2 size={16} aria-hidden="true" /> Resolve
                </button>
              </>
            ) : null}
            {ticket.status === 'resolved' ? (
              <button type="button" className="button primary" onClick={() => setDialog('close')}>
                <XCircle size={16} aria-hidden="true" /> Close
              </button>
            ) : null}
            {done ? (
              <button type="button" className="button" onClick={() => setDialog('reopen')}>
                <RotateCcw size={16} aria-hidden="true" /> Reopen
              </button>
            ) : null}
          </div>
        }
      />
      <div className="ticket-layout">
        <div className="ticket-main">
          <section className="card" aria-labelledby={`${ids}-state`}>
            <h2 id={`${ids}-state`} className="visually-hidden">
              State
            </h2>
            <div className="state-row">
              <span className={`chip status-${ticket.status}`}>{statusLabel(ticket.status)}</span>
              <span className={`chip priority-${ticket.priority}`}>{ticket.priority}</span>
              <span className="chip">{levelLabel(ticket.level)}</span>
              {ticket.breached ? <span className="chip tone-breached">SLA breached</span> : null}
              {ticket.csat ? <span className="chip">CSAT {ticket.csat}/5</span> : null}
            </div>
            <div className="control-row">
              <label htmlFor={`${ids}-status`}>Status</label>
              <select
                id={`${ids}-status`}
                value=""
                disabled={statusOptions.length === 0}
                onChange={(event) => {
                  const to = event.target.value;
                  if (to)
                    void quickStep(ticket.id, (t, ctx) => changeStatus(t, to, undefined, ctx));
                }}
              >
                <option value="">{statusLabel(ticket.status)}</option>
                {statusOptions.map((status) => (
                  <option key={status} value={status}>
                    → {statusLabel(status)}
                  </option>
                ))}
              </select>
              <label htmlFor={`${ids}-priority`}>Priority</label>
              <select
                id={`${ids}-priority`}
                value={ticket.priority}
                disabled={done}
                onChange={(event) =>
                  void quickStep(ticket.id, (t, ctx) =>
                    changePriority(t, event.target.value as Priority, ctx),
                  )
                }
              >
                {PRIORITIES.map((priority) => (
                  <option key={priority} value={priority}>
                    {priority}
                  </option>
                ))}
              </select>
              <label htmlFor={`${ids}-owner`}>Owner</label>
              <select
                id={`${ids}-owner`}
                value={ticket.ownerId ?? ''}
                disabled={done}
                onChange={(event) =>
                  void quickStep(ticket.id, (t, ctx) =>
                    assignTicket(t, { ownerId: event.target.value || undefined }, ctx),
                  )
                }
              >
                <option value="">Unassigned</option>
                {people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </select>
            </div>
            {ticket.description ? <p className="description">{ticket.description}</p> : null}
          </section>
          <Composer
            ref={composerRef}
            ticketId={ticket.id}
            customerName={customerName}
            disabled={ticket.status === 'closed'}
          />
          {events ? (
            <Timeline
              events={events}
              nameOf={nameOf}
              now={now}
              showSentiment={assist?.sentiment ?? false}
            />
          ) : null}
        </div>
        <div className="ticket-side">
          {sla ? <SlaClocks sla={sla} now={now} /> : null}
          {assist ? (
            <TicketRisk ticket={ticket} events={events} settings={assist} now={now} done={done} />
          ) : null}
          <TicketAlerts ticketId={ticket.id} now={now} />
          <SimilarEscalations ticketId={ticket.id} />
          <section className="card" aria-labelledby={`${ids}-details`}>
            <h2 id={`${ids}-details`}>Details</h2>
            <Facts
              rows={[
                ['Customer', customerName],
                ['Tier', ticket.tier],
                ['Contact', [customer?.email, customer?.phone].filter(Boolean).join(' · ') || '—'],
                ['Owner', nameOf(ticket.ownerId)],
                ['Team', nameOf(ticket.teamId)],
                ['Created', formatDateTime(ticket.createdAt, now)],
                ['Last change', formatDateTime(ticket.updatedAt, now)],
                ...(ticket.rootCause
                  ? ([['Root cause', `${ticket.rootCause}: ${ticket.rootCauseNotes ?? ''}`]] as [
                      string,
                      string,
                    ][])
                  : []),
              ]}
            />
          </section>
        </div>
      </div>
      {dialog === 'escalate' ? (
        <EscalateDialog
          ticket={ticket}
          open
          onOpenChange={() => setDialog(null)}
          people={people}
          teams={teams}
          suggestion={suggestion}
        />
      ) : null}
      {dialog === 'de-escalate' ? (
        <DeEscalateDialog
          ticket={ticket}
          open
          onOpenChange={() => setDialog(null)}
          people={people}
          teams={teams}
        />
      ) : null}
      {dialog === 'resolve' ? (
        <ResolveDialog ticket={ticket} open onOpenChange={() => setDialog(null)} />
      ) : null}
      {dialog === 'close' ? (
        <CloseDialog ticket={ticket} open onOpenChange={() => setDialog(null)} />
      ) : null}
      {dialog === 'reopen' ? (
        <ReopenDialog ticket={ticket} open onOpenChange={() => setDialog(null)} />
      ) : null}
    </>
  );
}

/** One escalation: its details, every SLA clock, the workflow actions and the timeline. */
export function TicketView({ ticketId }: { ticketId?: string | undefined }) {
  const found = useLiveQuery(async () => {
    if (!ticketId) return { ticket: null };
    const ticket = await db.tickets.get(ticketId);
    if (ticket) return { ticket };
    // ESC-1001 from before the desk joined a team is ESC-3FA2C1D9-1001 now.
    return { ticket: null, renamed: await renamedTicketId(db, ticketId) };
  }, [ticketId]);
  const ticket = found?.ticket;
  const renamed = found?.renamed;

  useEffect(() => {
    if (!renamed) return;
    // The address names the old id: it is replaced, so Back does not return to it.
    const route = parseHash(window.location.hash);
    if ((route.view === 'ticket' || route.view === 'queue') && route.ticketId === ticketId) {
      window.location.replace(hrefFor({ ...route, ticketId: renamed }));
    }
  }, [renamed, ticketId]);

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
  if (renamed) {
    return (
      <PageHeader
        title={`Ticket ${renamed}`}
        subtitle={`${ticketId} took this desk's code when the desk joined its team. Opening it…`}
      />
    );
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
  return <TicketDetail key={ticket.id} ticket={ticket} />;
}
