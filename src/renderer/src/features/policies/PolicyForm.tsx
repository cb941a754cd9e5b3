import {
  CHANNELS,
  CUSTOMER_TIERS,
  describeCriteria,
  isFallbackPolicy,
  PRIORITIES,
  SLA_TARGETS,
  statusLabel,
  TIME_MODES,
  type PolicyProblem,
  type SlaPolicy,
  type SlaTargetName,
  type TicketCriteria,
  type TimeMode,
} from '@core/index';
import { Plus, X } from 'lucide-react';
import { useId, useState, type ComponentProps, type ReactNode } from 'react';
import { ChipsField } from '../../components/ChipsField';
import { describedBy, DurationInput, FieldErrors } from './fields';
import {
  addWarningPercent,
  problemsAt,
  setCriteria,
  setPauseStatus,
  setPauseTargets,
  setTargetEnabled,
  toggleValue,
  warningPercentError,
} from './policy-draft';

/** A calendar the policy can count business time in: stored, or a template's waiting to be saved. */
export interface CalendarChoice {
  id: string;
  name: string;
  pending: boolean;
}

const TARGET_LABELS: Record<SlaTargetName, string> = {
  first_response: 'First response',
  next_update: 'Next update',
  resolution: 'Resolution',
};

const MODE_LABELS: Record<TimeMode, string> = {
  business: 'Business hours',
  calendar: 'Calendar time (24/7)',
};

/** Statuses offered as pauses: the waiting statuses of the lifecycle; custom ones can be added. */
const PAUSE_CANDIDATES = ['pending_customer', 'pending_third_party'];

/** The form for one SLA policy; every problem the engine finds is shown at its field. */
export function PolicyForm(props: {
  policy: SlaPolicy;
  index: number;
  problems: readonly PolicyProblem[];
  calendars: readonly CalendarChoice[];
  categories: readonly string[];
  onChange: (policy: SlaPolicy) => void;
}) {
  const { policy, index, onChange } = props;
  const id = useId();
  const messages = (path: (string | number)[], nested = false) =>
    problemsAt(props.problems, [index, ...path], nested).map((problem) => problem.message);
  const errorId = (name: string) => `${id}-${name}-error`;

  const nameErrors = [...messages(['name']), ...messages(['id'])];
  const conditionErrors = messages(['conditions'], true);
  const calendarErrors = messages(['calendar'], true);
  const targetsErrors = messages(['targets']);
  const warningErrors = messages(['warningPercents'], true);
  const pauseTargetErrors = messages(['pauseTargets'], true);

  const setConditions = (key: keyof TicketCriteria, values: readonly string[]) => {
    const conditions = setCriteria(policy.conditions, key, values);
    const next = { ...policy, conditions };
    if (conditions === undefined) delete next.conditions;
    onChange(next);
  };

  const calendarValue =
    policy.calendar === undefined
      ? ''
      : typeof policy.calendar === 'string'
        ? policy.calendar
        : '__inline__';
  const calendarKnown =
    typeof policy.calendar !== 'string' ||
    props.calendars.some((calendar) => calendar.id === policy.calendar);

  return (
    <div className="policy-form">
      <div className="policy-field">
        <label htmlFor={`${id}-name`} className="field-label">
          Policy name
        </label>
        <input
          id={`${id}-name`}
          type="text"
          value={policy.name}
          onChange={(event) => onChange({ ...policy, name: event.target.value })}
          aria-invalid={nameErrors.length ? true : undefined}
          aria-describedby={describedBy(nameErrors.length > 0 && errorId('name'))}
        />
        <FieldErrors id={errorId('name')} messages={nameErrors} />
      </div>

      <fieldset
        className="policy-section"
        aria-describedby={describedBy(
          `${id}-conditions-hint`,
          conditionErrors.length > 0 && errorId('conditions'),
        )}
      >
        <legend>Conditions</legend>
        <p id={`${id}-conditions-hint`} className="field-hint">
          {isFallbackPolicy(policy)
            ? 'No conditions: this is the fallback. It applies to every ticket no policy above matched, so it must be last.'
            : `Applies to tickets with ${describeCriteria(policy.conditions)}, unless a policy above matches first.`}
        </p>
        <fieldset className="policy-checks">
          <legend className="field-label">Priorities</legend>
          {PRIORITIES.map((priority) => (
            <label key={priority} className="policy-check">
              <input
                type="checkbox"
                checked={policy.conditions?.priorities?.includes(priority) ?? false}
                onChange={(event) =>
                  setConditions(
                    'priorities',
                    toggleValue(
                      policy.conditions?.priorities ?? [],
                      priority,
                      event.target.checked,
                      PRIORITIES,
                    ),
                  )
                }
              />
              {priority}
            </label>
          ))}
        </fieldset>
        <div className="policy-condition-grid">
          <ConditionField
            label="Categories"
            itemName="category"
            values={policy.conditions?.categories ?? []}
            onChange={(values) => setConditions('categories', values)}
            suggestions={props.categories}
            placeholder="Any category"
          />
          <ConditionField
            label="Customer tiers"
            itemName="tier"
            values={policy.conditions?.tiers ?? []}
            onChange={(values) => setConditions('tiers', values)}
            suggestions={CUSTOMER_TIERS}
            placeholder="Any tier"
          />
          <ConditionField
            label="Channels"
            itemName="channel"
            values={policy.conditions?.channels ?? []}
            onChange={(values) => setConditions('channels', values)}
            suggestions={CHANNELS}
            placeholder="Any channel"
          />
        </div>
        <FieldErrors id={errorId('conditions')} messages={conditionErrors} />
      </fieldset>

      <div className="policy-field">
        <label htmlFor={`${id}-calendar`} className="field-label">
          Calendar
        </label>
        <select
          id={`${id}-calendar`}
          value={calendarValue}
          onChange={(event) => {
            const next = { ...policy };
            if (event.target.value === '') delete next.calendar;
            else if (event.target.value !== '__inline__') next.calendar = event.target.value;
            onChange(next);
          }}
          aria-invalid={calendarErrors.length ? true : undefined}
          aria-describedby={describedBy(
            `${id}-calendar-hint`,
            calendarErrors.length > 0 && errorId('calendar'),
          )}
        >
          <option value="">No calendar (calendar time only)</option>
          {props.calendars.map((calendar) => (
            <option key={calendar.id} value={calendar.id}>
              {calendar.name}
              {calendar.pending ? ' (from the template, saved with the policies)' : ''}
            </option>
          ))}
          {typeof policy.calendar === 'object' ? (
            <option value="__inline__">Built into this policy</option>
          ) : null}
          {!calendarKnown ? (
            <option value={calendarValue}>Missing calendar &lsquo;{calendarValue}&rsquo;</option>
          ) : null}
        </select>
        <p id={`${id}-calendar-hint`} className="field-hint">
          Business-hours targets count only the working time of this calendar.
        </p>
        <FieldErrors id={errorId('calendar')} messages={calendarErrors} />
      </div>

      <fieldset
        className="policy-section"
        aria-describedby={describedBy(targetsErrors.length > 0 && errorId('targets'))}
      >
        <legend>Targets</legend>
        <table className="data-table policy-targets">
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">Time allowed</th>
              <th scope="col">Counts in</th>
            </tr>
          </thead>
          <tbody>
            {SLA_TARGETS.map((name) => (
              <TargetRow
                key={name}
                policy={policy}
                name={name}
                minutesErrors={messages(['targets', name, 'minutes'])}
                modeErrors={messages(['targets', name, 'mode'])}
                onChange={onChange}
              />
            ))}
          </tbody>
        </table>
        <FieldErrors id={errorId('targets')} messages={targetsErrors} />
      </fieldset>

      <PauseSection policy={policy} index={index} problems={props.problems} onChange={onChange}>
        <fieldset
          className="policy-checks"
          aria-describedby={describedBy(pauseTargetErrors.length > 0 && errorId('pause-targets'))}
        >
          <legend className="field-label">Pauses stop these clocks</legend>
          {SLA_TARGETS.map((name) => (
            <label key={name} className="policy-check">
              <input
                type="checkbox"
                checked={policy.pauseTargets === undefined || policy.pauseTargets.includes(name)}
                onChange={(event) =>
                  onChange(
                    setPauseTargets(
                      policy,
                      toggleValue(policy.pauseTargets ?? SLA_TARGETS, name, event.target.checked),
                      SLA_TARGETS,
                    ),
                  )
                }
              />
              {TARGET_LABELS[name]}
            </label>
          ))}
          <FieldErrors id={errorId('pause-targets')} messages={pauseTargetErrors} />
        </fieldset>
      </PauseSection>

      <WarningSection
        percents={policy.warningPercents}
        errors={warningErrors}
        errorId={errorId('warnings')}
        onChange={(warningPercents) => onChange({ ...policy, warningPercents })}
      />
    </div>
  );
}

function TargetRow(props: {
  policy: SlaPolicy;
  name: SlaTargetName;
  minutesErrors: string[];
  modeErrors: string[];
  onChange: (policy: SlaPolicy) => void;
}) {
  const { policy, name, onChange } = props;
  const id = useId();
  const target = policy.targets[name];
  const label = TARGET_LABELS[name];
  const errors = [...props.minutesErrors, ...props.modeErrors];
  return (
    <tr>
      <th scope="row">
        <label className="policy-check">
          <input
            type="checkbox"
            checked={target !== undefined}
            onChange={(event) => onChange(setTargetEnabled(policy, name, event.target.checked))}
          />
          {label}
        </label>
      </th>
      <td>
        {target ? (
          <>
            <DurationInput
              id={`${id}-minutes`}
              label={`${label} time allowed`}
              minutes={target.minutes}
              invalid={props.minutesErrors.length > 0}
              describedBy={describedBy(errors.length > 0 && `${id}-error`)}
              onChange={(minutes) =>
                onChange({
                  ...policy,
                  targets: { ...policy.targets, [name]: { ...target, minutes } },
                })
              }
            />
            <FieldErrors id={`${id}-error`} messages={errors} />
          </>
        ) : (
          <span className="muted">Not tracked</span>
        )}
      </td>
      <td>
        {target ? (
          <select
            aria-label={`${label} counts in`}
            value={target.mode}
            aria-invalid={props.modeErrors.length ? true : undefined}
            onChange={(event) =>
              onChange({
                ...policy,
                targets: {
                  ...policy.targets,
                  [name]: { ...target, mode: event.target.value as TimeMode },
                },
              })
            }
          >
            {TIME_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {MODE_LABELS[mode]}
              </option>
            ))}
          </select>
        ) : null}
      </td>
    </tr>
  );
}

function PauseSection(props: {
  policy: SlaPolicy;
  index: number;
  problems: readonly PolicyProblem[];
  onChange: (policy: SlaPolicy) => void;
  /** Which clocks the pauses stop. */
  children: ReactNode;
}) {
  const { policy, onChange } = props;
  const id = useId();
  const [custom, setCustom] = useState('');
  const statuses = [
    ...PAUSE_CANDIDATES,
    ...policy.pauseStatuses
      .map((pause) => pause.status)
      .filter((status) => !PAUSE_CANDIDATES.includes(status)),
  ];
  const addCustom = () => {
    const status = custom.trim().toLowerCase().replace(/\s+/g, '_');
    if (!status) return;
    if (!policy.pauseStatuses.some((pause) => pause.status === status)) {
      onChange(setPauseStatus(policy, status, true));
    }
    setCustom('');
  };
  return (
    <fieldset className="policy-section">
      <legend>Pause statuses</legend>
      <p className="field-hint">
        While a ticket is in one of these statuses its clocks stop; resolved and closed stop them
        for good.
      </p>
      <ul className="policy-pauses">
        {statuses.map((status) => {
          const at = policy.pauseStatuses.findIndex((pause) => pause.status === status);
          const pause = policy.pauseStatuses[at];
          const errors =
            at === -1
              ? []
              : problemsAt(props.problems, [props.index, 'pauseStatuses', at], true).map(
                  (p) => p.message,
                );
          const errorId = `${id}-${at}-error`;
          return (
            <li key={status}>
              <label className="policy-check">
                <input
                  type="checkbox"
                  checked={pause !== undefined}
                  onChange={(event) =>
                    onChange(setPauseStatus(policy, status, event.target.checked))
                  }
                  aria-describedby={describedBy(errors.length > 0 && errorId)}
                />
                {statusLabel(status)}
              </label>
              {pause ? (
                <input
                  type="text"
                  aria-label={`Reason shown for ${statusLabel(status)}`}
                  value={pause.reason}
                  onChange={(event) =>
                    onChange({
                      ...policy,
                      pauseStatuses: policy.pauseStatuses.map((p, i) =>
                        i === at ? { ...p, reason: event.target.value } : p,
                      ),
                    })
                  }
                />
              ) : null}
              <FieldErrors id={errorId} messages={errors} />
            </li>
          );
        })}
      </ul>
      <div className="policy-inline-add">
        <label htmlFor={`${id}-custom`}>Other pause status</label>
        <input
          id={`${id}-custom`}
          type="text"
          value={custom}
          placeholder="e.g. on_hold"
          onChange={(event) => setCustom(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              addCustom();
            }
          }}
        />
        <button type="button" className="button" onClick={addCustom} disabled={!custom.trim()}>
          <Plus size={14} aria-hidden="true" />
          Add status
        </button>
      </div>
      {props.children}
    </fieldset>
  );
}

function WarningSection(props: {
  percents: readonly number[];
  errors: readonly string[];
  errorId: string;
  onChange: (percents: number[]) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [addError, setAddError] = useState<string>();
  const add = () => {
    const problem = warningPercentError(text, props.percents);
    setAddError(problem);
    if (problem) return;
    props.onChange(addWarningPercent(props.percents, Number(text)));
    setText('');
  };
  return (
    <fieldset
      className="policy-section"
      aria-describedby={describedBy(props.errors.length > 0 && props.errorId)}
    >
      <legend>Warning thresholds</legend>
      <p className="field-hint">
        Warn when this share of a target&rsquo;s time is used, before it is breached.
      </p>
      <div className="chips-field-box static">
        {props.percents.length === 0 ? <span className="muted">No warnings</span> : null}
        {props.percents.map((percent, i) => (
          <span key={`${percent}-${i}`} className="chip">
            {percent}%
            <button
              type="button"
              className="chips-field-remove"
              aria-label={`Remove warning at ${percent}%`}
              onClick={() => props.onChange(props.percents.filter((_, j) => j !== i))}
            >
              <X size={12} aria-hidden="true" />
            </button>
          </span>
        ))}
      </div>
      <FieldErrors id={props.errorId} messages={props.errors} />
      <div className="policy-inline-add">
        <label htmlFor={`${id}-percent`}>Warn at (%)</label>
        <input
          id={`${id}-percent`}
          type="number"
          min={1}
          max={99}
          step={1}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setAddError(undefined);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          aria-invalid={addError ? true : undefined}
          aria-describedby={describedBy(addError !== undefined && `${id}-percent-error`)}
        />
        <button type="button" className="button" onClick={add}>
          <Plus size={14} aria-hidden="true" />
          Add warning
        </button>
        <FieldErrors id={`${id}-percent-error`} messages={addError ? [addError] : []} />
      </div>
    </fieldset>
  );
}

/** A condition's list of values, stacked: empty means any value. */
function ConditionField(props: ComponentProps<typeof ChipsField>) {
  return (
    <div className="policy-field">
      <ChipsField {...props} hint={props.values.length ? 'Any of these.' : 'Empty: any.'} />
    </div>
  );
}
