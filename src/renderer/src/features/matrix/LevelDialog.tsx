import {
  CONTACT_KINDS,
  ESCALATION_TYPES,
  OWNER_KINDS,
  PRIORITIES,
  SLA_TARGETS,
  TIME_MODES,
  type Contact,
  type ContactKind,
  type EscalationAction,
  type EscalationLevel,
  type EscalationOwner,
  type EscalationTrigger,
  type EscalationType,
  type MatrixProblem,
  type OwnerKind,
  type Priority,
  type SlaTargetName,
  type TimeMode,
} from '@core/index';
import { Plus, Trash2 } from 'lucide-react';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { ChipsField } from '../../components/ChipsField';
import { FormDialog } from '../../components/FormDialog';
import { useSetting } from '../../db/settings';
import { ProblemList } from './ProblemList';
import type { MatrixSuggestions } from './use-matrix-suggestions';

type TriggerKind = EscalationTrigger['kind'];

const TYPE_HELP: Record<EscalationType, string> = {
  functional: 'To a team or specialist with the expertise.',
  hierarchical: 'To a higher role or a named person.',
  automatic: 'Raised by the desk itself on time, SLA consumption or risk.',
};

const TRIGGER_CHOICES: { value: TriggerKind | ''; label: string }[] = [
  { value: 'after_minutes', label: 'After a number of minutes' },
  { value: 'sla_percent', label: 'At a percentage of an SLA target' },
  { value: 'risk_above', label: 'When the risk score is above' },
  { value: 'sentiment_below', label: "When the customer's sentiment is below" },
  { value: '', label: 'No trigger (escalated by hand)' },
];

const targetLabel = (target: string) => target.replace('_', ' ');

/** A stable id for an owner typed by name: the known team's or person's id, else a slug. */
function ownerId(
  kind: OwnerKind,
  name: string,
  original: EscalationOwner | undefined,
  suggestions: MatrixSuggestions,
): string {
  if (original && original.kind === kind && original.name === name) return original.id;
  const known =
    kind === 'team'
      ? suggestions.teams.find((team) => team.name === name)?.id
      : kind === 'person'
        ? suggestions.people.find((person) => person.name === name)?.id
        : suggestions.roles.find((role) => role === name.toLowerCase());
  if (known) return known;
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A number field whose empty value is NaN (the engine then says what is missing). */
function NumberInput(props: {
  id: string;
  value: number;
  onChange(value: number): void;
  invalid: boolean;
  describedBy?: string;
  min?: number;
  max?: number;
  step?: number;
}) {
  return (
    <input
      id={props.id}
      type="number"
      inputMode={props.step !== undefined && props.step < 1 ? 'decimal' : 'numeric'}
      className="matrix-number"
      min={props.min}
      max={props.max}
      step={props.step}
      value={Number.isNaN(props.value) ? '' : props.value}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
      onChange={(event) =>
        props.onChange(event.target.value === '' ? NaN : event.target.valueAsNumber)
      }
    />
  );
}

function Section(props: { title: string; children: ReactNode; problems: MatrixProblem[] }) {
  return (
    <fieldset className="matrix-fieldset">
      <legend>{props.title}</legend>
      <div className="form-grid">{props.children}</div>
      <ProblemList problems={props.problems} />
    </fieldset>
  );
}

/** Under a risk or sentiment trigger whose feature is off: the level will wait. */
function FeatureOffNote({ feature }: { feature: string }) {
  return (
    <p className="form-grid-note">
      <strong>Warning: </strong>
      {feature} is switched off in Settings: this level, and the levels after it in the row, will
      not fire until it is switched on.
    </p>
  );
}

/** Edits one level (or a new one): type, owner and contacts, trigger, actions and repeat. */
export function LevelDialog(props: {
  title: string;
  level: EscalationLevel;
  suggestions: MatrixSuggestions;
  /** This level's problems if the draft had it as it is in the form. */
  preview(level: EscalationLevel): MatrixProblem[];
  onApply(level: EscalationLevel): void;
  onClose(): void;
}) {
  const { level: original, suggestions } = props;
  const id = useId();
  const [name, setName] = useState(original.name ?? '');
  const [type, setType] = useState<EscalationType>(original.type);
  const [ownerKind, setOwnerKind] = useState<OwnerKind>(original.owner?.kind ?? 'team');
  const [ownerName, setOwnerName] = useState(original.owner?.name ?? '');
  const [contacts, setContacts] = useState<Contact[]>(original.owner?.contacts ?? []);
  const trigger = original.trigger;
  const [triggerKind, setTriggerKind] = useState<TriggerKind | ''>(trigger?.kind ?? '');
  const [minutes, setMinutes] = useState(trigger?.kind === 'after_minutes' ? trigger.minutes : 30);
  const [mode, setMode] = useState<TimeMode>(
    trigger?.kind === 'after_minutes' ? trigger.mode : 'business',
  );
  const [percent, setPercent] = useState(trigger?.kind === 'sla_percent' ? trigger.percent : 50);
  const [target, setTarget] = useState<SlaTargetName>(
    trigger?.kind === 'sla_percent' ? trigger.target : 'resolution',
  );
  const [score, setScore] = useState(trigger?.kind === 'risk_above' ? trigger.score : 70);
  const assist = useSetting('assist');
  const [mood, setMood] = useState(trigger?.kind === 'sentiment_below' ? trigger.score : -0.5);
  const findAction = <K extends EscalationAction['kind']>(kind: K) =>
    original.actions.find((action): action is Extract<EscalationAction, { kind: K }> => {
      return action.kind === kind;
    });
  const [notifyOn, setNotifyOn] = useState(findAction('notify') !== undefined);
  const [roles, setRoles] = useState<string[]>(findAction('notify')?.roles ?? []);
  const [reassign, setReassign] = useState(findAction('reassign') !== undefined);
  const [raiseOn, setRaiseOn] = useState(findAction('raise_priority') !== undefined);
  const [raiseTo, setRaiseTo] = useState<Priority | ''>(findAction('raise_priority')?.to ?? '');
  const [repeatOn, setRepeatOn] = useState(original.repeat.kind === 'every');
  const [repeatMinutes, setRepeatMinutes] = useState(
    original.repeat.kind === 'every' ? original.repeat.minutes : 30,
  );
  const [repeatTimes, setRepeatTimes] = useState(
    original.repeat.kind === 'every' ? original.repeat.maxTimes : 3,
  );

  const candidate = useMemo((): EscalationLevel => {
    const owner: EscalationOwner | undefined =
      ownerName.trim() === '' && contacts.length === 0
        ? undefined
        : {
            kind: ownerKind,
            id: ownerId(ownerKind, ownerName.trim(), original.owner, suggestions),
            name: ownerName.trim(),
            contacts,
          };
    const nextTrigger: EscalationTrigger | undefined =
      triggerKind === 'after_minutes'
        ? { kind: 'after_minutes', minutes, mode }
        : triggerKind === 'sla_percent'
          ? { kind: 'sla_percent', target, percent }
          : triggerKind === 'risk_above'
            ? { kind: 'risk_above', score }
            : triggerKind === 'sentiment_below'
              ? { kind: 'sentiment_below', score: mood }
              : undefined;
    const wanted: Record<EscalationAction['kind'], EscalationAction | undefined> = {
      notify: notifyOn ? { kind: 'notify', roles } : undefined,
      reassign: reassign ? { kind: 'reassign' } : undefined,
      raise_priority: raiseOn
        ? raiseTo
          ? { kind: 'raise_priority', to: raiseTo }
          : { kind: 'raise_priority' }
        : undefined,
    };
    // Keep the order the actions had; newly ticked ones go after.
    const order = [
      ...new Set([
        ...original.actions.map((action) => action.kind),
        'notify',
        'reassign',
        'raise_priority',
      ] as const),
    ];
    const level: EscalationLevel = {
      id: original.id,
      type,
      actions: order.flatMap((kind) => (wanted[kind] ? [wanted[kind]] : [])),
      repeat: repeatOn
        ? { kind: 'every', minutes: repeatMinutes, maxTimes: repeatTimes }
        : { kind: 'none' },
    };
    if (name.trim()) level.name = name.trim();
    if (owner) level.owner = owner;
    if (nextTrigger) level.trigger = nextTrigger;
    return level;
  }, [
    original,
    suggestions,
    name,
    type,
    ownerKind,
    ownerName,
    contacts,
    triggerKind,
    minutes,
    mode,
    percent,
    target,
    score,
    mood,
    notifyOn,
    roles,
    reassign,
    raiseOn,
    raiseTo,
    repeatOn,
    repeatMinutes,
    repeatTimes,
  ]);

  const { preview } = props;
  const problems = useMemo(() => preview(candidate), [preview, candidate]);
  const about = (field: string) => problems.filter((problem) => problem.path[4] === field);
  const general = problems.filter(
    (problem) => !['owner', 'trigger', 'actions', 'repeat'].includes(String(problem.path[4])),
  );
  const invalidAt = (...path: (string | number)[]) =>
    problems.some(
      (problem) =>
        problem.severity === 'error' &&
        path.every((part, index) => problem.path[4 + index] === part),
    );

  const ownerNames =
    ownerKind === 'team'
      ? suggestions.teams.map((team) => team.name)
      : ownerKind === 'person'
        ? suggestions.people.map((person) => person.name)
        : suggestions.roles;
  const pickOwner = (value: string) => {
    setOwnerName(value);
    const person =
      ownerKind === 'person' ? suggestions.people.find((p) => p.name === value) : undefined;
    if (person && contacts.length === 0) {
      const known: Contact[] = [];
      if (person.email) known.push({ kind: 'email', value: person.email });
      if (person.phone) known.push({ kind: 'phone', value: person.phone });
      setContacts(known);
    }
  };
  const setContact = (index: number, change: Partial<Contact>) =>
    setContacts((list) => list.map((c, i) => (i === index ? { ...c, ...change } : c)));

  return (
    <FormDialog
      open
      onOpenChange={(open) => (open ? undefined : props.onClose())}
      title={props.title}
      description="Who the ticket goes to at this level, when, and what happens. Apply changes the draft; nothing is saved until Save matrix."
      submitLabel="Apply"
      onSubmit={() => {
        props.onApply(candidate);
        return Promise.resolve();
      }}
    >
      <ProblemList problems={general} />
      <div className="form-grid">
        <label htmlFor={`${id}-name`}>Level name</label>
        <input
          id={`${id}-name`}
          type="text"
          value={name}
          placeholder="Optional, e.g. Duty manager"
          onChange={(event) => setName(event.target.value)}
        />
        <label htmlFor={`${id}-type`}>Type</label>
        <div>
          <select
            id={`${id}-type`}
            value={type}
            aria-describedby={`${id}-type-help`}
            onChange={(event) => setType(event.target.value as EscalationType)}
          >
            {ESCALATION_TYPES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
          <p id={`${id}-type-help`} className="muted small-text matrix-help">
            {TYPE_HELP[type]}
          </p>
        </div>
      </div>

      <Section title="Owner" problems={about('owner')}>
        <label htmlFor={`${id}-owner-kind`}>Owner kind</label>
        <select
          id={`${id}-owner-kind`}
          value={ownerKind}
          aria-invalid={invalidAt('owner', 'kind') || undefined}
          onChange={(event) => setOwnerKind(event.target.value as OwnerKind)}
        >
          {OWNER_KINDS.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-owner`}>Owner</label>
        <input
          id={`${id}-owner`}
          type="text"
          list={`${id}-owners`}
          value={ownerName}
          placeholder={ownerKind === 'team' ? 'Team name' : ownerKind === 'role' ? 'Role' : 'Name'}
          aria-invalid={(invalidAt('owner') && !invalidAt('owner', 'contacts')) || undefined}
          onChange={(event) => pickOwner(event.target.value)}
        />
        <datalist id={`${id}-owners`}>
          {ownerNames.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
        <span className="matrix-form-label">Contacts</span>
        <div className="matrix-contacts">
          {contacts.map((contact, index) => (
            <div key={index} className="matrix-contact">
              <label className="visually-hidden" htmlFor={`${id}-contact-kind-${index}`}>
                Contact {index + 1} kind
              </label>
              <select
                id={`${id}-contact-kind-${index}`}
                value={contact.kind}
                onChange={(event) => setContact(index, { kind: event.target.value as ContactKind })}
              >
                {CONTACT_KINDS.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
              <label className="visually-hidden" htmlFor={`${id}-contact-${index}`}>
                Contact {index + 1}
              </label>
              <input
                id={`${id}-contact-${index}`}
                type="text"
                value={contact.value}
                aria-invalid={invalidAt('owner', 'contacts', index) || undefined}
                onChange={(event) => setContact(index, { value: event.target.value })}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove contact ${index + 1}`}
                onClick={() => setContacts((list) => list.filter((_, i) => i !== index))}
              >
                <Trash2 size={16} aria-hidden="true" />
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button small matrix-inline-button"
            onClick={() => setContacts((list) => [...list, { kind: 'email', value: '' }])}
          >
            <Plus size={14} aria-hidden="true" />
            Add contact
          </button>
        </div>
      </Section>

      <Section title="Trigger" problems={about('trigger')}>
        <label htmlFor={`${id}-trigger`}>Trigger</label>
        <select
          id={`${id}-trigger`}
          value={triggerKind}
          aria-invalid={invalidAt('trigger') || undefined}
          onChange={(event) => setTriggerKind(event.target.value as TriggerKind | '')}
        >
          {TRIGGER_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        {triggerKind === 'after_minutes' ? (
          <>
            <label htmlFor={`${id}-minutes`}>Minutes</label>
            <NumberInput
              id={`${id}-minutes`}
              value={minutes}
              min={0}
              onChange={setMinutes}
              invalid={invalidAt('trigger', 'minutes')}
            />
            <label htmlFor={`${id}-mode`}>Time</label>
            <select
              id={`${id}-mode`}
              value={mode}
              onChange={(event) => setMode(event.target.value as TimeMode)}
            >
              {TIME_MODES.map((value) => (
                <option key={value} value={value}>
                  {value === 'business' ? 'business minutes' : 'calendar minutes'}
                </option>
              ))}
            </select>
          </>
        ) : null}
        {triggerKind === 'sla_percent' ? (
          <>
            <label htmlFor={`${id}-percent`}>Percent</label>
            <NumberInput
              id={`${id}-percent`}
              value={percent}
              min={1}
              max={100}
              onChange={setPercent}
              invalid={invalidAt('trigger', 'percent') || invalidAt('trigger')}
            />
            <label htmlFor={`${id}-target`}>SLA target</label>
            <select
              id={`${id}-target`}
              value={target}
              onChange={(event) => setTarget(event.target.value as SlaTargetName)}
            >
              {SLA_TARGETS.map((value) => (
                <option key={value} value={value}>
                  {targetLabel(value)}
                </option>
              ))}
            </select>
          </>
        ) : null}
        {triggerKind === 'risk_above' ? (
          <>
            <label htmlFor={`${id}-score`}>Risk score</label>
            <NumberInput
              id={`${id}-score`}
              value={score}
              min={0}
              max={99}
              onChange={setScore}
              invalid={invalidAt('trigger')}
            />
            {assist?.risk === false ? <FeatureOffNote feature="Escalation risk" /> : null}
          </>
        ) : null}
        {triggerKind === 'sentiment_below' ? (
          <>
            <label htmlFor={`${id}-mood`}>Sentiment (−1 angry … 1 happy)</label>
            <NumberInput
              id={`${id}-mood`}
              value={mood}
              min={-1}
              max={1}
              step={0.05}
              onChange={setMood}
              invalid={invalidAt('trigger')}
            />
            {assist?.sentiment === false ? <FeatureOffNote feature="Customer sentiment" /> : null}
          </>
        ) : null}
      </Section>

      <Section title="Actions" problems={about('actions')}>
        <span className="matrix-form-label" aria-hidden="true">
          Notify
        </span>
        <div className="matrix-action">
          <label className="matrix-check">
            <input
              type="checkbox"
              checked={notifyOn}
              onChange={(event) => setNotifyOn(event.target.checked)}
            />
            Notify roles
          </label>
          {notifyOn ? (
            <div className="form-grid matrix-subgrid">
              <ChipsField
                label="Roles to notify"
                values={roles}
                onChange={setRoles}
                suggestions={suggestions.roles}
                invalid={invalidAt('actions')}
              />
            </div>
          ) : null}
        </div>
        <span className="matrix-form-label" aria-hidden="true">
          Reassign
        </span>
        <label className="matrix-check">
          <input
            type="checkbox"
            checked={reassign}
            onChange={(event) => setReassign(event.target.checked)}
          />
          Reassign to the owner
        </label>
        <span className="matrix-form-label" aria-hidden="true">
          Priority
        </span>
        <div className="matrix-action">
          <label className="matrix-check">
            <input
              type="checkbox"
              checked={raiseOn}
              onChange={(event) => setRaiseOn(event.target.checked)}
            />
            Raise priority
          </label>
          {raiseOn ? (
            <span className="matrix-inline-field">
              <label htmlFor={`${id}-raise-to`}>Raise to</label>
              <select
                id={`${id}-raise-to`}
                value={raiseTo}
                onChange={(event) => setRaiseTo(event.target.value as Priority | '')}
              >
                <option value="">one step</option>
                {PRIORITIES.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            </span>
          ) : null}
        </div>
      </Section>

      <Section title="Repeat" problems={about('repeat')}>
        <label htmlFor={`${id}-repeat`}>Repeat policy</label>
        <select
          id={`${id}-repeat`}
          value={repeatOn ? 'every' : 'none'}
          onChange={(event) => setRepeatOn(event.target.value === 'every')}
        >
          <option value="none">Alert once</option>
          <option value="every">Repeat until acknowledged</option>
        </select>
        {repeatOn ? (
          <>
            <label htmlFor={`${id}-repeat-minutes`}>Interval (min)</label>
            <NumberInput
              id={`${id}-repeat-minutes`}
              value={repeatMinutes}
              min={1}
              onChange={setRepeatMinutes}
              invalid={invalidAt('repeat', 'minutes')}
            />
            <label htmlFor={`${id}-repeat-times`}>Max repeats</label>
            <NumberInput
              id={`${id}-repeat-times`}
              value={repeatTimes}
              min={1}
              onChange={setRepeatTimes}
              invalid={invalidAt('repeat', 'maxTimes')}
            />
          </>
        ) : null}
      </Section>
    </FormDialog>
  );
}
