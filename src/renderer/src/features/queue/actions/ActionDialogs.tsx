import {
  assignTicket,
  changePriority,
  PRIORITIES,
  raisePriority,
  resolveTicket,
  ROOT_CAUSES,
  rootCauseRequired,
  type Person,
  type Priority,
  type RootCause,
  type Team,
  type Ticket,
} from '@core/index';
import { useId, useRef, useState } from 'react';
import { FormDialog } from '../../../components/FormDialog';
import { EscalationTeamSuggestions } from '../../assist/TeamSuggestions';
import { ROOT_CAUSE_LABELS, levelLabel } from '../../ticket/labels';
import {
  EscalationTypeChoice,
  HIGHER_ROLES,
  PersonOptions,
  type ManualEscalationType,
} from '../../ticket/TicketDialogs';
import {
  applyWorkflowToMany,
  describeActionResult,
  escalateEach,
  HIGHEST_LEVEL,
  type BulkResult,
  type EscalationTarget,
  type QueueAction,
  type WorkflowStep,
} from './bulk-writes';

export interface QueueActionDialogProps {
  action: QueueAction;
  tickets: Ticket[];
  people: Person[];
  teams: Team[];
  open: boolean;
  onOpenChange(open: boolean): void;
  /** After the action is written: what was done and what was skipped (for a toast). */
  onDone?(result: BulkResult): void;
}

type FormProps = Omit<QueueActionDialogProps, 'action'>;

/** "ESC-1042" for one ticket, "20 tickets" for many. */
function subject(tickets: readonly Ticket[]): string {
  return tickets.length === 1 ? tickets[0]!.id : `${tickets.length} tickets`;
}

/**
 * Runs the step over the tickets. When every ticket was refused, nothing changed: the refusal is
 * shown in the dialog (which stays open) instead of as a result.
 */
async function run(action: QueueAction, props: FormProps, step: WorkflowStep): Promise<void> {
  if (props.tickets.length === 0) throw new Error('Select one or more tickets first.');
  const result = await applyWorkflowToMany(
    props.tickets.map((ticket) => ticket.id),
    step,
    Date.now(),
  );
  if (result.done.length === 0 && result.skipped.length > 0) {
    throw new Error(
      result.skipped.length === 1
        ? result.skipped[0]!.reason
        : describeActionResult(action, result),
    );
  }
  props.onDone?.(result);
}

/**
 * Assign, escalate, change priority or resolve the selected (or focused) tickets in one write.
 * Tickets the step does not apply to are skipped and reported through `onDone`. The fields start
 * empty each time the dialog opens.
 */
export function QueueActionDialog({ action, ...props }: QueueActionDialogProps) {
  const [session, setSession] = useState(0);
  const [wasOpen, setWasOpen] = useState(props.open);
  if (props.open !== wasOpen) {
    setWasOpen(props.open);
    if (props.open) setSession(session + 1);
  }
  switch (action) {
    case 'assign':
      return <AssignForm key={session} {...props} />;
    case 'escalate':
      return <EscalateForm key={session} {...props} />;
    case 'priority':
      return <PriorityForm key={session} {...props} />;
    case 'resolve':
      return <ResolveForm key={session} {...props} />;
  }
}

function TeamOptions({ teams }: { teams: Team[] }) {
  return (
    <>
      {teams.map((team) => (
        <option key={team.id} value={team.id}>
          {team.name}
        </option>
      ))}
    </>
  );
}

function AssignForm(props: FormProps) {
  const id = useId();
  const [ownerId, setOwnerId] = useState('');
  const [teamId, setTeamId] = useState('');
  const many = props.tickets.length > 1;
  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={`Assign ${subject(props.tickets)}`}
      description={
        many
          ? 'Hand the tickets to a person, a team or both. Tickets already assigned there are skipped.'
          : 'Hand the ticket to a person, a team or both.'
      }
      submitLabel="Assign"
      onSubmit={() => {
        if (!ownerId && !teamId) throw new Error('Choose a person or a team to assign to.');
        return run('assign', props, (ticket, ctx) =>
          assignTicket(ticket, { ownerId: ownerId || undefined, teamId: teamId || undefined }, ctx),
        );
      }}
    >
      <div className="form-grid">
        <label htmlFor={`${id}-owner`}>Person</label>
        <select id={`${id}-owner`} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
          <option value="">No person change</option>
          <PersonOptions people={props.people} />
        </select>
        <label htmlFor={`${id}-team`}>Team</label>
        <select id={`${id}-team`} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="">No team change</option>
          <TeamOptions teams={props.teams} />
        </select>
      </div>
    </FormDialog>
  );
}

function EscalateForm(props: FormProps) {
  const id = useId();
  const { tickets } = props;
  const [type, setType] = useState<ManualEscalationType>('hierarchical');
  const [toLevel, setToLevel] = useState<EscalationTarget>('next');
  const [teamId, setTeamId] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [reason, setReason] = useState('');
  const [raise, setRaise] = useState(false);
  const teamField = useRef<HTMLSelectElement>(null);

  const single = tickets.length === 1 ? tickets[0] : undefined;
  const lowestLevel = Math.min(HIGHEST_LEVEL, ...tickets.map((ticket) => ticket.level));
  const levels = Array.from({ length: HIGHEST_LEVEL }, (_, n) => n + 1).filter(
    (n) => n > lowestLevel,
  );
  const candidates = props.people.filter((person) =>
    type === 'hierarchical'
      ? HIGHER_ROLES.has(person.role)
      : person.role === 'specialist' && (!teamId || person.teamId === teamId),
  );
  const canRaise = tickets.some((ticket) => ticket.priority !== 'P1');

  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={`Escalate ${subject(tickets)}`}
      description={
        single
          ? `Currently at ${levelLabel(single.level)}. Say why, and to whom.`
          : 'Each ticket goes up from its own level. Say why, and to whom.'
      }
      submitLabel="Escalate"
      onSubmit={() => {
        if (!reason.trim()) throw new Error('A reason for the escalation is required.');
        if (type === 'functional' && !teamId && !ownerId) {
          throw new Error('A functional escalation goes to a team or a specialist: choose one.');
        }
        if (type === 'hierarchical' && !teamId && !ownerId) {
          throw new Error('A hierarchical escalation goes to a named person or role: choose one.');
        }
        return run(
          'escalate',
          props,
          escalateEach({
            type,
            toLevel,
            toOwnerId: ownerId || undefined,
            toTeamId: teamId || undefined,
            reason,
            raisePriority: raise,
          }),
        );
      }}
    >
      <EscalationTypeChoice name={`${id}-type`} value={type} onChange={setType} />
      {/* Routing is learned per ticket: suggested only when one ticket is escalated. */}
      {single && type === 'functional' ? (
        <EscalationTeamSuggestions
          ticket={single}
          teams={props.teams}
          chosenTeamId={teamId}
          onPick={(picked) => {
            setTeamId(picked);
            setOwnerId('');
            teamField.current?.focus();
          }}
        />
      ) : null}
      <div className="form-grid">
        <label htmlFor={`${id}-level`}>To level</label>
        <select
          id={`${id}-level`}
          value={toLevel}
          onChange={(event) =>
            setToLevel(event.target.value === 'next' ? 'next' : Number(event.target.value))
          }
        >
          <option value="next">One level up</option>
          {levels.map((n) => (
            <option key={n} value={n}>
              {levelLabel(n)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-team`}>Team{type === 'functional' ? '' : ' (optional)'}</label>
        <select
          ref={teamField}
          id={`${id}-team`}
          value={teamId}
          onChange={(event) => setTeamId(event.target.value)}
        >
          <option value="">No team change</option>
          <TeamOptions teams={props.teams} />
        </select>
        <label htmlFor={`${id}-owner`}>
          {type === 'hierarchical' ? 'Person' : 'Specialist (optional)'}
        </label>
        <select
          id={`${id}-owner`}
          value={ownerId}
          onChange={(event) => setOwnerId(event.target.value)}
        >
          <option value="">
            {type === 'hierarchical' ? 'Choose a person' : 'Anyone in the team'}
          </option>
          <PersonOptions people={candidates} />
        </select>
        <label htmlFor={`${id}-reason`}>Reason</label>
        <textarea
          id={`${id}-reason`}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          rows={3}
          aria-required="true"
          placeholder="What has been tried, and why it needs to go higher"
        />
      </div>
      {canRaise ? (
        <label className="switch-row">
          <input
            type="checkbox"
            checked={raise}
            onChange={(event) => setRaise(event.target.checked)}
          />
          <span>
            {single
              ? `Raise priority to ${raisePriority(single.priority)}`
              : 'Raise priority one step'}
          </span>
        </label>
      ) : null}
    </FormDialog>
  );
}

function PriorityForm(props: FormProps) {
  const id = useId();
  const [priority, setPriority] = useState<Priority | ''>('');
  const single = props.tickets.length === 1 ? props.tickets[0] : undefined;
  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={`Change priority of ${subject(props.tickets)}`}
      description={
        single
          ? `Currently ${single.priority}. The SLA clocks are recomputed from the ticket’s history.`
          : 'Tickets already at this priority are skipped. The SLA clocks are recomputed from each ticket’s history.'
      }
      submitLabel="Change priority"
      onSubmit={() => {
        if (!priority) throw new Error('Choose a priority.');
        return run('priority', props, (ticket, ctx) => changePriority(ticket, priority, ctx));
      }}
    >
      <div className="form-grid">
        <label htmlFor={`${id}-priority`}>Priority</label>
        <select
          id={`${id}-priority`}
          value={priority}
          onChange={(event) => setPriority(event.target.value as Priority | '')}
          aria-required="true"
        >
          <option value="">Choose a priority</option>
          {PRIORITIES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </div>
    </FormDialog>
  );
}

function ResolveForm(props: FormProps) {
  const id = useId();
  const [rootCause, setRootCause] = useState<RootCause | ''>('');
  const [notes, setNotes] = useState('');
  const needing = props.tickets.filter(rootCauseRequired).length;
  const required = needing > 0;
  const single = props.tickets.length === 1;
  const description = !required
    ? 'Record a root cause if one is known.'
    : single
      ? 'This ticket was escalated or breached an SLA: record its root cause.'
      : `${needing === props.tickets.length ? 'These tickets were' : needing === 1 ? 'One of these tickets was' : `${needing} of these tickets were`} escalated or breached an SLA: record the root cause.`;
  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={`Resolve ${subject(props.tickets)}`}
      description={description}
      submitLabel="Resolve"
      onSubmit={() => {
        if (required && !rootCause) throw new Error('Choose a root cause.');
        if (required && !notes.trim()) throw new Error('Describe the root cause in the notes.');
        return run('resolve', props, (ticket, ctx) =>
          resolveTicket(ticket, { rootCause: rootCause || undefined, notes }, ctx),
        );
      }}
    >
      <div className="form-grid">
        <label htmlFor={`${id}-cause`}>Root cause{required ? '' : ' (optional)'}</label>
        <select
          id={`${id}-cause`}
          value={rootCause}
          onChange={(event) => setRootCause(event.target.value as RootCause | '')}
          aria-required={required}
        >
          <option value="">Choose a category</option>
          {ROOT_CAUSES.map((cause) => (
            <option key={cause} value={cause}>
              {ROOT_CAUSE_LABELS[cause]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-notes`}>Notes{required ? '' : ' (optional)'}</label>
        <textarea
          id={`${id}-notes`}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          rows={3}
          aria-required={required}
          placeholder="What caused it, and what fixed it"
        />
      </div>
    </FormDialog>
  );
}
