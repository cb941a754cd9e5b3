import {
  closeTicket,
  deEscalateTicket,
  escalateTicket,
  raisePriority,
  reopenTicket,
  resolveTicket,
  ROOT_CAUSES,
  rootCauseRequired,
  type EscalationLevel,
  type EscalationType,
  type Person,
  type RootCause,
  type Team,
  type Ticket,
} from '@core/index';
import { useId, useRef, useState } from 'react';
import { FormDialog } from '../../components/FormDialog';
import { applyWorkflow } from '../../db/ticket-writes';
import { EscalationTeamSuggestions } from '../assist/TeamSuggestions';
import { ESCALATION_TYPE_LABELS, ROOT_CAUSE_LABELS, levelLabel } from './labels';

export type TicketDialog = 'escalate' | 'de-escalate' | 'resolve' | 'close' | 'reopen' | null;

interface DialogProps {
  ticket: Ticket;
  open: boolean;
  onOpenChange(open: boolean): void;
}

/** Roles a hierarchical escalation can go to. */
export const HIGHER_ROLES = new Set(['supervisor', 'manager', 'admin']);

/** The people to pick from, as options ("name · role"). */
export function PersonOptions({ people }: { people: Person[] }) {
  return (
    <>
      {people.map((person) => (
        <option key={person.id} value={person.id}>
          {person.name} · {person.role}
        </option>
      ))}
    </>
  );
}

/** The required "Reason" field every escalation step asks for. */
function ReasonField(props: {
  id: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
}) {
  return (
    <>
      <label htmlFor={props.id}>Reason</label>
      <textarea
        id={props.id}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        rows={3}
        required
        placeholder={props.placeholder}
      />
    </>
  );
}

/** The matrix's next level for this ticket, as a suggestion. */
export interface LevelSuggestion {
  number: number;
  level: EscalationLevel;
}

function SuggestionPanel({ suggestion, onUse }: { suggestion: LevelSuggestion; onUse(): void }) {
  const { level, number } = suggestion;
  return (
    <aside className="suggestion" aria-label="Suggested by the escalation matrix">
      <div>
        <strong>
          Matrix suggests {levelLabel(number)}
          {level.name ? ` · ${level.name}` : ''}: {ESCALATION_TYPE_LABELS[level.type]}
        </strong>
        {level.owner ? (
          <p>
            Owner: {level.owner.name} ({level.owner.kind})
            {level.owner.contacts.length ? (
              <>
                {' · '}
                {level.owner.contacts
                  .map((contact) => `${contact.kind}: ${contact.value}`)
                  .join(' · ')}
              </>
            ) : null}
          </p>
        ) : (
          <p>No owner is set for this level.</p>
        )}
      </div>
      <button type="button" className="button small" onClick={onUse}>
        Use suggestion
      </button>
    </aside>
  );
}

/** The choice between a hierarchical and a functional escalation (radio buttons). */
export function EscalationTypeChoice(props: {
  name: string;
  value: ManualEscalationType;
  onChange(value: ManualEscalationType): void;
}) {
  return (
    <fieldset className="choice-group">
      <legend>Type of escalation</legend>
      {(['hierarchical', 'functional'] as const).map((value) => (
        <label key={value} className={props.value === value ? 'choice selected' : 'choice'}>
          <input
            type="radio"
            name={props.name}
            value={value}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />
          <span>
            {ESCALATION_TYPE_LABELS[value]}
            <span className="muted block small-text">
              {value === 'hierarchical'
                ? 'To a higher role or a named person'
                : 'To a team or specialist with the expertise'}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** An escalation a person makes (automatic ones come from the matrix). */
export type ManualEscalationType = Exclude<EscalationType, 'automatic'>;

/** Escalate functionally (team/specialist) or hierarchically (higher role/person), reason required. */
export function EscalateDialog(
  props: DialogProps & { people: Person[]; teams: Team[]; suggestion: LevelSuggestion | undefined },
) {
  const id = useId();
  const { ticket } = props;
  const [type, setType] = useState<ManualEscalationType>('hierarchical');
  const [toLevel, setToLevel] = useState(ticket.level + 1);
  const [teamId, setTeamId] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [reason, setReason] = useState('');
  const [raise, setRaise] = useState(false);
  const teamField = useRef<HTMLSelectElement>(null);

  const candidates = props.people.filter((person) =>
    type === 'hierarchical'
      ? HIGHER_ROLES.has(person.role)
      : person.role === 'specialist' && (!teamId || person.teamId === teamId),
  );
  const useSuggestion = () => {
    const { level, number } = props.suggestion!;
    setToLevel(number);
    if (level.type !== 'automatic') setType(level.type);
    if (level.owner?.kind === 'team') {
      setTeamId(level.owner.id);
      setOwnerId('');
    } else if (level.owner?.kind === 'person') {
      setOwnerId(level.owner.id);
    }
    setRaise(level.actions.some((action) => action.kind === 'raise_priority'));
  };

  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={`Escalate ${ticket.id}`}
      description={`Currently at ${levelLabel(ticket.level)}. Say why, and to whom.`}
      submitLabel="Escalate"
      onSubmit={() =>
        applyWorkflow(
          ticket.id,
          (current, ctx) =>
            escalateTicket(
              current,
              {
                type,
                toLevel,
                toOwnerId: ownerId || undefined,
                toTeamId: teamId || undefined,
                reason,
                raisePriorityTo: raise ? raisePriority(current.priority) : undefined,
              },
              ctx,
            ),
          Date.now(),
        ).then(() => undefined)
      }
    >
      {props.suggestion ? (
        <SuggestionPanel suggestion={props.suggestion} onUse={useSuggestion} />
      ) : null}
      <EscalationTypeChoice name={`${id}-type`} value={type} onChange={setType} />
      {type === 'functional' ? (
        <EscalationTeamSuggestions
          ticket={ticket}
          teams={props.teams}
          chosenTeamId={teamId}
          onPick={(picked) => {
            setTeamId(picked);
            setOwnerId('');
            // The picked button becomes "Chosen": focus goes to the field it filled, not the page.
            teamField.current?.focus();
          }}
        />
      ) : null}
      <div className="form-grid">
        <label htmlFor={`${id}-level`}>To level</label>
        <select
          id={`${id}-level`}
          value={toLevel}
          onChange={(event) => setToLevel(Number(event.target.value))}
        >
          {[1, 2, 3, 4, 5]
            .filter((n) => n > ticket.level)
            .map((n) => (
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
          {props.teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
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
        <ReasonField
          id={`${id}-reason`}
          value={reason}
          onChange={setReason}
          placeholder="What has been tried, and why it needs to go higher"
        />
      </div>
      {ticket.priority !== 'P1' ? (
        <label className="switch-row">
          <input
            type="checkbox"
            checked={raise}
            onChange={(event) => setRaise(event.target.checked)}
          />
          <span>Raise priority to {raisePriority(ticket.priority)}</span>
        </label>
      ) : null}
    </FormDialog>
  );
}

/** Send a ticket back down a level, with a reason. */
export function DeEscalateDialog(props: DialogProps & { people: Person[]; teams: Team[] }) {
  const id = useId();
  const { ticket } = props;
  const [toLevel, setToLevel] = useState(Math.max(0, ticket.level - 1));
  const [ownerId, setOwnerId] = useState('');
  const [reason, setReason] = useState('');
  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={`De-escalate ${ticket.id}`}
      description={`Currently at ${levelLabel(ticket.level)}.`}
      submitLabel="De-escalate"
      onSubmit={() =>
        applyWorkflow(
          ticket.id,
          (current, ctx) =>
            deEscalateTicket(current, { toLevel, toOwnerId: ownerId || undefined, reason }, ctx),
          Date.now(),
        ).then(() => undefined)
      }
    >
      <div className="form-grid">
        <label htmlFor={`${id}-level`}>To level</label>
        <select
          id={`${id}-level`}
          value={toLevel}
          onChange={(event) => setToLevel(Number(event.target.value))}
        >
          {Array.from({ length: ticket.level }, (_, n) => n).map((n) => (
            <option key={n} value={n}>
              {levelLabel(n)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-owner`}>Hand to (optional)</label>
        <select
          id={`${id}-owner`}
          value={ownerId}
          onChange={(event) => setOwnerId(event.target.value)}
        >
          <option value="">Keep the current owner</option>
          <PersonOptions people={props.people} />
        </select>
        <ReasonField id={`${id}-reason`} value={reason} onChange={setReason} />
      </div>
    </FormDialog>
  );
}

/** Resolve: root cause and notes required when the ticket was escalated or breached. */
export function ResolveDialog(props: DialogProps) {
  const id = useId();
  const { ticket } = props;
  const required = rootCauseRequired(ticket);
  const [rootCause, setRootCause] = useState<RootCause | ''>('');
  const [notes, setNotes] = useState('');
  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={`Resolve ${ticket.id}`}
      description={
        required
          ? 'This ticket was escalated or breached an SLA: record its root cause.'
          : 'Record a root cause if one is known.'
      }
      submitLabel="Resolve"
      onSubmit={() =>
        applyWorkflow(
          ticket.id,
          (current, ctx) =>
            resolveTicket(current, { rootCause: rootCause || undefined, notes }, ctx),
          Date.now(),
        ).then(() => undefined)
      }
    >
      <div className="form-grid">
        <label htmlFor={`${id}-cause`}>Root cause{required ? '' : ' (optional)'}</label>
        <select
          id={`${id}-cause`}
          value={rootCause}
          onChange={(event) => setRootCause(event.target.value as RootCause | '')}
          required={required}
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
          required={required}
          placeholder="What caused it, and what fixed it"
        />
      </div>
    </FormDialog>
  );
}

/** Close with the customer's CSAT (1–5), or note that they did not rate. */
export function CloseDialog(props: DialogProps) {
  const id = useId();
  const [score, setScore] = useState<number | null | undefined>(undefined);
  const [comment, setComment] = useState('');
  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={`Close ${props.ticket.id}`}
      description="How satisfied was the customer?"
      submitLabel="Close ticket"
      onSubmit={async () => {
        if (score === undefined) throw new Error('Choose a CSAT score, or “Did not rate”.');
        await applyWorkflow(
          props.ticket.id,
          (current, ctx) => closeTicket(current, { csat: score, comment }, ctx),
          Date.now(),
        );
      }}
    >
      <fieldset className="choice-group csat">
        <legend>CSAT</legend>
        {[1, 2, 3, 4, 5].map((value) => (
          <label key={value} className={score === value ? 'choice selected' : 'choice'}>
            <input
              type="radio"
              name={`${id}-csat`}
              value={value}
              checked={score === value}
              onChange={() => setScore(value)}
            />
            <span>{value}</span>
          </label>
        ))}
        <label className={score === null ? 'choice selected' : 'choice'}>
          <input
            type="radio"
            name={`${id}-csat`}
            value="none"
            checked={score === null}
            onChange={() => setScore(null)}
          />
          <span>Did not rate</span>
        </label>
      </fieldset>
      <div className="form-grid">
        <label htmlFor={`${id}-comment`}>Customer comment (optional)</label>
        <textarea
          id={`${id}-comment`}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          rows={2}
        />
      </div>
    </FormDialog>
  );
}

/** Reopen a resolved or closed ticket, with a reason; its history is kept. */
export function ReopenDialog(props: DialogProps) {
  const id = useId();
  const [reason, setReason] = useState('');
  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={`Reopen ${props.ticket.id}`}
      description="The ticket goes back to Open; its root cause, CSAT and timeline are kept."
      submitLabel="Reopen"
      onSubmit={() =>
        applyWorkflow(
          props.ticket.id,
          (current, ctx) => reopenTicket(current, reason, ctx),
          Date.now(),
        ).then(() => undefined)
      }
    >
      <div className="form-grid">
        <ReasonField id={`${id}-reason`} value={reason} onChange={setReason} />
      </div>
    </FormDialog>
  );
}
