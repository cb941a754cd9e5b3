import {
  describeCriteria,
  IMPACT_LEVELS,
  isFallbackPolicy,
  RULES_TEMPLATES,
  validatePolicies,
  type BusinessCalendar,
  type RulesTemplate,
  type SlaPolicy,
} from '@core/index';
import { useLiveQuery } from 'dexie-react-hooks';
import { ArrowDown, ArrowUp, Copy, FileStack, Plus, Trash2 } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormDialog } from '../../components/FormDialog';
import { useDeskStore } from '../../store';
import { knownCategories } from '../new-escalation/queries';
import { RuleHistory } from '../rules/RuleHistory';
import { savePolicies, useCalendars, usePolicies } from '../rules/rule-store';
import { useImpactConfirm } from '../rules/impact-confirm';
import { SlaRefreshStatus, WhatIfPanel } from '../rules/WhatIfPanel';
import { usePolicyEditor, type PolicyDraft } from './editor-state';
import { PolicyForm, type CalendarChoice } from './PolicyForm';
import {
  addPolicy,
  duplicatePolicy,
  moveItem,
  removeAt,
  replaceAt,
  sameRules,
} from './policy-draft';
import { SaveBar } from './SaveBar';
import { TargetsOverview } from './TargetsOverview';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The Policies tab: the ordered policy list, the selected policy's form, validation and save. */
export function PoliciesTab() {
  const stored = usePolicies();
  const calendars = useCalendars();
  const categories = useLiveQuery(() => knownCategories(), []);
  const pushToast = useDeskStore((state) => state.pushToast);
  const id = useId();
  const draft = usePolicyEditor((state) => state.policyDraft);
  const selected = usePolicyEditor((state) => state.selectedPolicy);
  const setDraft = (policyDraft: PolicyDraft | null) => usePolicyEditor.setState({ policyDraft });
  const setSelected = (selectedPolicy: number) => usePolicyEditor.setState({ selectedPolicy });
  const [removing, setRemoving] = useState<number | null>(null);
  const [choosingTemplate, setChoosingTemplate] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const impact = useImpactConfirm();

  const policies = useMemo(() => draft?.policies ?? stored?.policies ?? [], [draft, stored]);
  const pending = useMemo(
    () =>
      (draft?.pendingCalendars ?? []).filter(
        (calendar) =>
          !(calendars ?? []).some((row) => row.id === calendar.id) &&
          policies.some((policy) => policy.calendar === calendar.id),
      ),
    [draft, calendars, policies],
  );
  const problems = useMemo(() => {
    const byId = new Map<string, BusinessCalendar>();
    for (const row of calendars ?? []) byId.set(row.id, row.calendar);
    for (const calendar of pending) byId.set(calendar.id, calendar.calendar);
    return validatePolicies(policies, (calendarId) => byId.get(calendarId));
  }, [policies, calendars, pending]);
  const proposed = useMemo(() => ({ policies, calendars: pending }), [policies, pending]);

  if (stored === undefined || calendars === undefined) {
    return <p className="muted">Reading the SLA policies…</p>;
  }

  const dirty =
    draft !== null && (!sameRules(draft.policies, stored.policies) || pending.length > 0);
  const template = RULES_TEMPLATES.find((t) => t.id === draft?.templateId);
  const current = Math.min(selected, Math.max(0, policies.length - 1));
  const policy = policies[current];
  const calendarChoices: CalendarChoice[] = [
    ...calendars.map((row) => ({ id: row.id, name: row.name, pending: false })),
    ...pending.map((calendar) => ({ id: calendar.id, name: calendar.name, pending: true })),
  ];

  const edit = (next: SlaPolicy[], select?: number) => {
    usePolicyEditor.setState(({ policyDraft }) => ({
      policyDraft: {
        policies: next,
        templateId: policyDraft?.templateId,
        pendingCalendars: policyDraft?.pendingCalendars ?? [],
      },
    }));
    if (select !== undefined) setSelected(select);
    setSaveError(undefined);
  };

  const applyTemplate = (templateId: RulesTemplate['id']) => {
    const chosen = RULES_TEMPLATES.find((t) => t.id === templateId);
    if (!chosen) return;
    setDraft({
      policies: structuredClone([...chosen.policies]),
      templateId: chosen.id,
      pendingCalendars: structuredClone([...chosen.calendars]),
    });
    setSelected(0);
    setSaveError(undefined);
  };

  const save = async () => {
    setSaving(true);
    setSaveError(undefined);
    try {
      const { version } = await savePolicies(policies, {
        ...(template ? { note: `Started from template ${template.name}` } : {}),
        calendars: pending,
      });
      setDraft(null);
      pushToast({
        tone: 'success',
        title: 'SLA policies saved',
        body: `Version ${version}. Open tickets' SLA clocks are being updated.`,
      });
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  const problemCount = (index: number) =>
    problems.filter((problem) => problem.path[0] === index).length;
  const saveBlocked = problems.length
    ? `Correct the ${plural(problems.length, 'problem', 'problems')} listed above before saving.`
    : !dirty
      ? 'There are no changes to save.'
      : undefined;

  return (
    <div className="policy-editor">
      <div className="policy-toolbar">
        <button
          type="button"
          className="button"
          onClick={() => {
            const added = addPolicy(policies, calendars[0]?.id);
            edit(added.policies, added.index);
          }}
        >
          <Plus size={16} aria-hidden="true" />
          Add policy
        </button>
        <button type="button" className="button" onClick={() => setChoosingTemplate(true)}>
          <FileStack size={16} aria-hidden="true" />
          Start from template
        </button>
        {dirty ? <span className="chip tone-risk">Unsaved changes</span> : null}
      </div>

      <div className="policy-layout">
        <section className="card policy-list-card" aria-labelledby={`${id}-list`}>
          <h2 id={`${id}-list`}>Policies in order</h2>
          <p className="field-hint">
            First match wins: a ticket gets the first policy whose conditions it meets. The
            fallback, with no conditions, must be last.
          </p>
          {policies.length === 0 ? (
            <p className="muted">
              No SLA policies yet: tickets carry no SLA clock. Add a policy or start from a
              template.
            </p>
          ) : (
            <ol className="policy-list">
              {policies.map((item, index) => {
                const count = problemCount(index);
                const label = item.name.trim() || item.id;
                return (
                  <li key={`${item.id}-${index}`} className={index === current ? 'selected' : ''}>
                    <button
                      type="button"
                      className="policy-list-item"
                      aria-current={index === current ? 'true' : undefined}
                      onClick={() => setSelected(index)}
                    >
                      <span className="policy-list-name">
                        {index + 1}. {label}
                      </span>
                      <span className="policy-list-detail">
                        {isFallbackPolicy(item) ? (
                          <span className="chip">Fallback</span>
                        ) : (
                          describeCriteria(item.conditions)
                        )}
                        {count ? (
                          <span className="chip tone-breached">
                            {plural(count, 'problem', 'problems')}
                          </span>
                        ) : null}
                      </span>
                    </button>
                    <span className="policy-list-actions">
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Move ${label} up`}
                        disabled={index === 0}
                        onClick={() => edit(moveItem(policies, index, index - 1), index - 1)}
                      >
                        <ArrowUp size={16} aria-hidden="true" />
                      </button>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Move ${label} down`}
                        disabled={index === policies.length - 1}
                        onClick={() => edit(moveItem(policies, index, index + 1), index + 1)}
                      >
                        <ArrowDown size={16} aria-hidden="true" />
                      </button>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Duplicate ${label}`}
                        onClick={() => {
                          const copy = duplicatePolicy(policies, index);
                          edit(copy.policies, copy.index);
                        }}
                      >
                        <Copy size={16} aria-hidden="true" />
                      </button>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Remove ${label}`}
                        onClick={() => setRemoving(index)}
                      >
                        <Trash2 size={16} aria-hidden="true" />
                      </button>
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
          {template?.priorityMatrix ? <PriorityMatrixTable template={template} /> : null}
        </section>

        <section className="card policy-form-card" aria-labelledby={`${id}-form`}>
          <h2 id={`${id}-form`}>{policy ? policy.name.trim() || policy.id : 'No policy chosen'}</h2>
          {policy ? (
            <PolicyForm
              key={current}
              policy={policy}
              index={current}
              problems={problems}
              calendars={calendarChoices}
              categories={categories ?? []}
              onChange={(next) => edit(replaceAt(policies, current, next))}
            />
          ) : (
            <p className="muted">Add a policy to set its targets.</p>
          )}
        </section>
      </div>

      <TargetsOverview policies={policies} selected={current} onSelect={setSelected} />

      <section className="card policy-save" aria-labelledby={`${id}-save`}>
        <h2 id={`${id}-save`}>Save</h2>
        {problems.length ? (
          <div className="policy-problems" role="status">
            <p className="form-summary">
              {plural(problems.length, 'problem', 'problems')} to correct before saving:
            </p>
            <ul>
              {problems.map((problem, i) => (
                <li key={`${problem.code}-${i}`}>
                  {typeof problem.path[0] === 'number' ? (
                    <button
                      type="button"
                      className="policy-problem-link"
                      onClick={() => setSelected(problem.path[0] as number)}
                    >
                      {problem.message}
                    </button>
                  ) : (
                    problem.message
                  )}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {pending.length ? (
          <p className="muted">
            Saving also adds the template&rsquo;s {plural(pending.length, 'calendar', 'calendars')}:{' '}
            {pending.map((calendar) => calendar.name).join(', ')}.
          </p>
        ) : null}
        <SlaRefreshStatus />
        <SaveBar
          saveLabel="Save policies"
          onSave={() => impact.confirmThenSave(() => void save())}
          saving={saving}
          blocked={saveBlocked}
          canDiscard={draft !== null}
          onDiscard={() => {
            setDraft(null);
            setSaveError(undefined);
          }}
          error={saveError}
        />
      </section>

      {dirty ? (
        <WhatIfPanel
          proposed={proposed}
          disabled={problems.length > 0}
          onPreview={impact.onPreview}
        />
      ) : null}
      <RuleHistory kind="policies" subject="all" />
      {impact.dialog}

      {removing !== null ? (
        <ConfirmDialog
          title="Remove policy"
          description={`Remove ${policies[removing]?.name ?? ''} from the list? Nothing is saved until you save the policies.`}
          confirmLabel="Remove policy"
          onConfirm={() => edit(removeAt(policies, removing), Math.max(0, removing - 1))}
          onClose={() => setRemoving(null)}
        />
      ) : null}

      <TemplateDialog
        open={choosingTemplate}
        onOpenChange={setChoosingTemplate}
        dirty={dirty}
        onChoose={applyTemplate}
      />
    </div>
  );
}

function TemplateDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  dirty: boolean;
  onChoose: (templateId: RulesTemplate['id']) => void;
}) {
  const [choice, setChoice] = useState<RulesTemplate['id']>(RULES_TEMPLATES[0]!.id);
  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title="Start from template"
      description="Replaces the policy draft with the template's policies. Nothing is saved until you save the policies."
      submitLabel="Use template"
      onSubmit={async () => props.onChoose(choice)}
    >
      <fieldset className="template-choices">
        <legend className="visually-hidden">Template</legend>
        {RULES_TEMPLATES.map((template) => (
          <label key={template.id} className={`choice${choice === template.id ? ' selected' : ''}`}>
            <input
              type="radio"
              name="policy-template"
              value={template.id}
              checked={choice === template.id}
              onChange={() => setChoice(template.id)}
            />
            <span>
              <strong>{template.name}</strong>
              <span className="muted small-text">
                {' '}
                — {plural(template.policies.length, 'policy', 'policies')}. {template.description}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {props.dirty ? (
        <p className="notice">Your unsaved changes to the policies will be replaced.</p>
      ) : null}
    </FormDialog>
  );
}

const LEVEL_NAMES = { high: 'High', medium: 'Medium', low: 'Low' } as const;

/** ITIL's impact × urgency table, read-only, explaining the template's P1–P4. */
function PriorityMatrixTable({ template }: { template: RulesTemplate }) {
  const matrix = template.priorityMatrix;
  if (!matrix) return null;
  return (
    <table className="data-table priority-matrix">
      <caption>Priority from impact × urgency ({template.name})</caption>
      <thead>
        <tr>
          <th scope="col">Impact \ urgency</th>
          {IMPACT_LEVELS.map((urgency) => (
            <th key={urgency} scope="col">
              {LEVEL_NAMES[urgency]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {IMPACT_LEVELS.map((impact) => (
          <tr key={impact}>
            <th scope="row">{LEVEL_NAMES[impact]}</th>
            {IMPACT_LEVELS.map((urgency) => (
              <td key={urgency}>
                <span className={`chip priority-${matrix[impact][urgency]}`}>
                  {matrix[impact][urgency]}
                </span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
