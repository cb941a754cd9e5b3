import {
  describeCriteria,
  PRIORITIES,
  type EscalationRow,
  type MatrixProblem,
  type Priority,
  type TicketCriteria,
} from '@core/index';
import { useId, useMemo, useState } from 'react';
import { ChipsField } from '../../components/ChipsField';
import { FormDialog } from '../../components/FormDialog';
import { ProblemList } from './ProblemList';
import type { MatrixSuggestions } from './use-matrix-suggestions';

/** Criteria without empty lists: an empty list and no list mean the same, so keep one form. */
function tidyCriteria(criteria: TicketCriteria): TicketCriteria {
  const tidy: TicketCriteria = {};
  if (criteria.priorities?.length)
    tidy.priorities = PRIORITIES.filter((p) => criteria.priorities!.includes(p));
  if (criteria.categories?.length) tidy.categories = criteria.categories;
  if (criteria.tiers?.length) tidy.tiers = criteria.tiers;
  if (criteria.channels?.length) tidy.channels = criteria.channels;
  return tidy;
}

/** Edits a row's name and criteria (a new row's too); Apply changes the draft only. */
export function RowDialog(props: {
  title: string;
  row: EscalationRow;
  suggestions: MatrixSuggestions;
  /** The row's own problems (not its levels') if the draft had this row. */
  preview(row: EscalationRow): MatrixProblem[];
  onApply(row: EscalationRow): void;
  onClose(): void;
}) {
  const nameId = useId();
  const problemsId = useId();
  const [name, setName] = useState(props.row.name);
  const [criteria, setCriteria] = useState<TicketCriteria>(props.row.criteria);
  const candidate = useMemo(
    () => ({ ...props.row, name, criteria: tidyCriteria(criteria) }),
    [props.row, name, criteria],
  );
  const { preview } = props;
  const problems = useMemo(() => preview(candidate), [preview, candidate]);
  const set = (key: keyof TicketCriteria) => (values: string[]) =>
    setCriteria((current) => ({ ...current, [key]: values }));
  const togglePriority = (priority: Priority, on: boolean) =>
    setCriteria((current) => {
      const list = (current.priorities ?? []).filter((p) => p !== priority);
      return { ...current, priorities: on ? [...list, priority] : list };
    });

  return (
    <FormDialog
      open
      onOpenChange={(open) => (open ? undefined : props.onClose())}
      title={props.title}
      description="A row covers the tickets matching all of its criteria (any of the values in each list). Empty criteria match every ticket: that is the fallback row, kept last. Apply changes the draft; nothing is saved until Save matrix."
      submitLabel="Apply"
      onSubmit={() => {
        props.onApply(candidate);
        return Promise.resolve();
      }}
    >
      <div className="form-grid">
        <label htmlFor={nameId}>Row name</label>
        <input
          id={nameId}
          type="text"
          value={name}
          aria-invalid={problems.some((p) => p.code === 'missing_name') || undefined}
          onChange={(event) => setName(event.target.value)}
        />
        <span className="matrix-form-label" aria-hidden="true">
          Priorities
        </span>
        <fieldset className="matrix-checks">
          <legend className="visually-hidden">Priorities</legend>
          {PRIORITIES.map((priority) => (
            <label key={priority} className="matrix-check">
              <input
                type="checkbox"
                checked={criteria.priorities?.includes(priority) ?? false}
                onChange={(event) => togglePriority(priority, event.target.checked)}
              />
              {priority}
            </label>
          ))}
          <span className="muted small-text">None ticked: any priority.</span>
        </fieldset>
        <ChipsField
          label="Categories"
          values={criteria.categories ?? []}
          onChange={set('categories')}
          suggestions={props.suggestions.categories}
          placeholder="Any category"
        />
        <ChipsField
          label="Customer tiers"
          values={criteria.tiers ?? []}
          onChange={set('tiers')}
          suggestions={props.suggestions.tiers}
          placeholder="Any tier"
        />
        <ChipsField
          label="Channels"
          values={criteria.channels ?? []}
          onChange={set('channels')}
          suggestions={props.suggestions.channels}
          placeholder="Any channel"
        />
      </div>
      <p className="muted" aria-live="polite">
        Applies to: {describeCriteria(candidate.criteria)}.
      </p>
      <ProblemList id={problemsId} problems={problems} />
    </FormDialog>
  );
}
