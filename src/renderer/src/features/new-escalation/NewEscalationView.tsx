import { History } from 'lucide-react';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { CUSTOMER_TIERS, type CustomerTier, type Team } from '@core/index';
import { useLiveQuery } from 'dexie-react-hooks';
import { PageHeader } from '../../components/PageHeader';
import { NewEscalationTeamSuggestion } from '../assist/NewEscalationTeamSuggestion';
import { db } from '../../db/database';
import { readSetting } from '../../db/settings';
import { navigate } from '../../router';
import { useDeskStore } from '../../store';
import { CategoryField } from './CategoryField';
import { CustomerField } from './CustomerField';
import { DRAFT_SAVE_DELAY_MS, discardDraft, draftTimeLabel, loadDraft, saveDraft } from './draft';
import {
  CHANNEL_OPTIONS,
  FIELD_LABELS,
  FIELD_ORDER,
  PRIORITY_OPTIONS,
  TIER_LABELS,
  emptyForm,
  firstInvalidField,
  isNewCustomer,
  validateEscalation,
  type EscalationForm,
  type FieldErrors,
  type FieldName,
} from './form';
import { EscalationFormError, logEscalation } from './log-escalation';

const TITLE = 'New escalation';
const IS_MAC = /Mac|iPhone|iPad/.test(navigator.userAgent);
const NO_TEAMS: Team[] = [];

interface OpenedForm {
  form: EscalationForm;
  /** When the restored draft was saved, as the notice says it; null for a blank form. */
  restoredFrom: string | null;
  defaultChannel: EscalationForm['channel'];
}

/** The new-escalation form: a restored draft if there is one, else a blank form. */
export function NewEscalationView() {
  const [opened, setOpened] = useState<OpenedForm | null>(null);
  useEffect(() => {
    let current = true;
    void Promise.all([loadDraft(), readSetting('newEscalationChannel')]).then(
      ([draft, defaultChannel]) => {
        if (!current) return;
        setOpened({
          form: draft?.form ?? emptyForm(defaultChannel),
          restoredFrom: draft ? draftTimeLabel(draft.updatedAt, Date.now()) : null,
          defaultChannel,
        });
      },
    );
    return () => {
      current = false;
    };
  }, []);

  // One heading for both states, so the focus the shell puts on it survives the draft's loading.
  return (
    <>
      <PageHeader
        title={TITLE}
        subtitle={
          opened
            ? 'Kept as a draft while you type, on this computer; no network needed.'
            : 'Opening the form…'
        }
      />
      {opened ? <EscalationFormView opened={opened} /> : null}
    </>
  );
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length ? present.join(' ') : undefined;
}

function EscalationFormView({ opened }: { opened: OpenedForm }) {
  const pushToast = useDeskStore((state) => state.pushToast);
  const id = useId();
  const loadedTeams = useLiveQuery(() => db.teams.orderBy('name').toArray(), []);
  const teams = loadedTeams ?? NO_TEAMS;
  const [form, setForm] = useState(opened.form);
  const [restoredFrom, setRestoredFrom] = useState(opened.restoredFrom);
  const [edited, setEdited] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [storeErrors, setStoreErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState('');
  const [focusTarget, setFocusTarget] = useState<{ field: FieldName } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const unsaved = useRef<EscalationForm | null>(null);
  // Off while the form is being logged: a late draft write must not bring the draft back.
  const saving = useRef(true);

  const errors = useMemo(() => validateEscalation(form), [form]);
  const shown: FieldErrors = {};
  for (const field of FIELD_ORDER) {
    const message = storeErrors[field] ?? ((submitted || touched.has(field)) && errors[field]);
    if (message) shown[field] = message;
  }

  const update = useCallback((patch: Partial<EscalationForm>) => {
    setForm((previous) => ({ ...previous, ...patch }));
    setEdited(true);
    setStoreErrors((previous) => {
      const next = { ...previous };
      for (const key of Object.keys(patch)) delete next[key as FieldName];
      return next;
    });
  }, []);
  // A picked suggestion fills the Team field and takes the focus there, where it can be changed.
  const pickTeam = (teamId: string) => {
    update({ teamId });
    setFocusTarget({ field: 'teamId' });
  };
  const touch = (field: FieldName) =>
    setTouched((previous) => (previous.has(field) ? previous : new Set(previous).add(field)));

  // The draft: written a moment after typing stops, and at once when the page goes away.
  useEffect(() => {
    if (!edited) return;
    unsaved.current = form;
    const timer = window.setTimeout(() => {
      if (!saving.current) return;
      unsaved.current = null;
      void saveDraft(form, Date.now());
    }, DRAFT_SAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [form, edited]);
  useEffect(() => {
    const flush = () => {
      const pending = unsaved.current;
      if (!pending || !saving.current) return;
      unsaved.current = null;
      void saveDraft(pending, Date.now());
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
    };
  }, []);

  useEffect(() => {
    if (!focusTarget) return;
    const element = formRef.current?.querySelector<HTMLElement>(
      `[data-field="${focusTarget.field}"]`,
    );
    // A radio group takes focus on its checked option, as Tab would.
    const target =
      element instanceof HTMLFieldSetElement
        ? element.querySelector<HTMLInputElement>('input:checked, input')
        : element;
    target?.focus();
  }, [focusTarget]);

  const showProblems = (problems: FieldErrors) => {
    const names = FIELD_ORDER.filter((field) => problems[field]).map((f) => FIELD_LABELS[f]);
    setSummary(
      names.length === 1
        ? `Check the ${names[0]} field.`
        : `Check ${names.length} fields: ${names.join(', ')}.`,
    );
    const first = firstInvalidField(problems);
    if (first) setFocusTarget({ field: first });
  };

  const submit = async () => {
    if (!saving.current) return; // already being logged (a second Ctrl+Enter)
    setSubmitted(true);
    if (isNewCustomer(form) && !form.newCustomer) update({ newCustomer: true });
    if (firstInvalidField(errors)) {
      showProblems(errors);
      return;
    }
    setSummary('');
    setSubmitting(true);
    saving.current = false;
    try {
      const { ticket } = await logEscalation(form, Date.now());
      pushToast({
        tone: 'success',
        title: `${ticket.id} logged`,
        body: ticket.title,
        ticketId: ticket.id,
      });
      navigate({ view: 'ticket', ticketId: ticket.id });
    } catch (error) {
      saving.current = true;
      setSubmitting(false);
      if (error instanceof EscalationFormError) {
        setStoreErrors(error.errors);
        showProblems(error.errors);
      } else {
        pushToast({
          tone: 'danger',
          title: 'The escalation was not logged',
          body: error instanceof Error ? error.message : String(error),
        });
      }
    }
  };

  const discard = () => {
    setForm(emptyForm(opened.defaultChannel));
    setRestoredFrom(null);
    setTouched(new Set());
    setSubmitted(false);
    setStoreErrors({});
    setSummary('');
    setEdited(false);
    unsaved.current = null;
    void discardDraft();
    setFocusTarget({ field: 'customerName' });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  const onKeyDownCapture = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.stopPropagation();
      void submit();
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // Enter in a one-line field must not send a half-filled form; Ctrl/Cmd+Enter or the button does.
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
  };

  const fieldId = (field: FieldName) => `${id}-${field}`;
  const errorId = (field: FieldName) => `${id}-${field}-error`;
  const errorText = (field: FieldName) =>
    shown[field] ? (
      <p id={errorId(field)} className="field-error">
        {shown[field]}
      </p>
    ) : null;
  const textProps = (field: 'newCustomerEmail' | 'newCustomerPhone' | 'title') => ({
    id: fieldId(field),
    'data-field': field,
    value: form[field],
    onChange: (event: { target: { value: string } }) => update({ [field]: event.target.value }),
    onBlur: () => touch(field),
    'aria-invalid': shown[field] ? true : undefined,
    'aria-describedby': describedBy(shown[field] && errorId(field)),
    autoComplete: 'off',
  });

  return (
    <>
      {restoredFrom !== null ? (
        <div className="draft-notice" role="status">
          <History size={16} aria-hidden="true" />
          <span>Draft restored from {restoredFrom}</span>
          <button type="button" className="button small" onClick={discard}>
            Discard
          </button>
        </div>
      ) : null}
      <form
        ref={formRef}
        className="card escalation-form"
        aria-label={TITLE}
        noValidate
        onSubmit={onSubmit}
        onKeyDownCapture={onKeyDownCapture}
        onKeyDown={onKeyDown}
      >
        <CustomerField
          value={form}
          onChange={update}
          onBlur={() => touch('customerName')}
          error={shown.customerName}
          field="customerName"
          newCustomerFields={
            <fieldset className="new-customer">
              <legend>New customer “{form.customerName.trim()}”</legend>
              <div className="field">
                <label className="field-label" htmlFor={fieldId('newCustomerTier')}>
                  Tier
                </label>
                <select
                  id={fieldId('newCustomerTier')}
                  data-field="newCustomerTier"
                  value={form.newCustomerTier}
                  onChange={(event) =>
                    update({ newCustomerTier: event.target.value as CustomerTier })
                  }
                  onBlur={() => touch('newCustomerTier')}
                  aria-invalid={shown.newCustomerTier ? true : undefined}
                  aria-describedby={describedBy(
                    shown.newCustomerTier && errorId('newCustomerTier'),
                  )}
                >
                  {CUSTOMER_TIERS.map((tier) => (
                    <option key={tier} value={tier}>
                      {TIER_LABELS[tier]}
                    </option>
                  ))}
                </select>
                {errorText('newCustomerTier')}
              </div>
              <div className="field">
                <label className="field-label" htmlFor={fieldId('newCustomerEmail')}>
                  Email <span className="optional">(optional)</span>
                </label>
                <input type="email" {...textProps('newCustomerEmail')} />
                {errorText('newCustomerEmail')}
              </div>
              <div className="field">
                <label className="field-label" htmlFor={fieldId('newCustomerPhone')}>
                  Phone <span className="optional">(optional)</span>
                </label>
                <input type="tel" {...textProps('newCustomerPhone')} />
                {errorText('newCustomerPhone')}
              </div>
            </fieldset>
          }
        />

        <fieldset className="field segmented-field" data-field="channel">
          <legend className="field-label">Channel</legend>
          <div className="segmented">
            {CHANNEL_OPTIONS.map((option) => (
              <label
                key={option.value}
                className={form.channel === option.value ? 'segment selected' : 'segment'}
              >
                <input
                  type="radio"
                  name={`${id}-channel`}
                  value={option.value}
                  checked={form.channel === option.value}
                  onChange={() => update({ channel: option.value })}
                />
                <span>{option.label}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <CategoryField
          value={form.category}
          onChange={(category) => update({ category })}
          onBlur={() => touch('category')}
          error={shown.category}
          field="category"
        />

        <fieldset className="field" data-field="priority">
          <legend className="field-label">Priority</legend>
          <div className="priority-options">
            {PRIORITY_OPTIONS.map((option) => (
              <label key={option.value} className={`priority-option priority-${option.value}`}>
                <input
                  type="radio"
                  name={`${id}-priority`}
                  value={option.value}
                  checked={form.priority === option.value}
                  onChange={() => update({ priority: option.value })}
                />
                <span className="priority-name">
                  {option.value} · {option.label}
                </span>
                <span className="priority-hint">{option.hint}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="field">
          <label className="field-label" htmlFor={fieldId('title')}>
            Title
          </label>
          <input type="text" required aria-required="true" {...textProps('title')} />
          {errorText('title')}
        </div>

        <div className="field">
          <label className="field-label" htmlFor={fieldId('description')}>
            Description
          </label>
          <textarea
            id={fieldId('description')}
            data-field="description"
            rows={5}
            required
            value={form.description}
            onChange={(event) => update({ description: event.target.value })}
            onBlur={() => touch('description')}
            aria-invalid={shown.description ? true : undefined}
            aria-describedby={describedBy(
              `${id}-description-hint`,
              shown.description && errorId('description'),
            )}
          />
          <p id={`${id}-description-hint`} className="field-hint">
            What happened, what the customer needs, what was tried.
          </p>
          {errorText('description')}
        </div>

        <NewEscalationTeamSuggestion
          category={form.category}
          title={form.title}
          description={form.description}
          customerId={form.customerId}
          teams={teams}
          chosenTeamId={form.teamId}
          onPick={pickTeam}
        />

        <div className="field">
          <label className="field-label" htmlFor={fieldId('teamId')}>
            Team <span className="optional">(optional)</span>
          </label>
          <select
            id={fieldId('teamId')}
            data-field="teamId"
            value={form.teamId ?? ''}
            onChange={(event) => update({ teamId: event.target.value || null })}
            aria-invalid={shown.teamId ? true : undefined}
            aria-describedby={describedBy(`${id}-teamId-hint`, shown.teamId && errorId('teamId'))}
          >
            <option value="">No team yet</option>
            {form.teamId !== null &&
            loadedTeams !== undefined &&
            !teams.some((team) => team.id === form.teamId) ? (
              <option value={form.teamId}>A team no longer on this desk</option>
            ) : null}
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
          <p id={`${id}-teamId-hint`} className="field-hint">
            Who works on it first. Leave it for now to route it later.
          </p>
          {errorText('teamId')}
        </div>

        <div>
          <p className="form-summary" role="status">
            {summary}
          </p>
          <div className="form-actions">
            <button
              type="submit"
              className="button primary"
              disabled={submitting}
              aria-keyshortcuts="Control+Enter Meta+Enter"
            >
              {submitting ? 'Logging…' : 'Log escalation'}
            </button>
            <span className="muted">
              or <kbd>{IS_MAC ? '⌘' : 'Ctrl'}</kbd> <kbd>Enter</kbd>
            </span>
          </div>
        </div>
      </form>
    </>
  );
}
