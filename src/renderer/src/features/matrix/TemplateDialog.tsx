import { RULES_TEMPLATES, type RulesTemplate } from '@core/index';
import { useState } from 'react';
import { FormDialog } from '../../components/FormDialog';

/** Chooses a bundled template to start the draft from; warns when it replaces unsaved changes. */
export function TemplateDialog(props: {
  unsaved: boolean;
  onUse(template: RulesTemplate): void;
  onClose(): void;
}) {
  const [chosen, setChosen] = useState<RulesTemplate['id']>(RULES_TEMPLATES[0]!.id);
  return (
    <FormDialog
      open
      onOpenChange={(open) => (open ? undefined : props.onClose())}
      title="Start from template"
      description="The template's matrix replaces the draft. Nothing is saved until Save matrix."
      submitLabel="Use template"
      destructive={props.unsaved}
      onSubmit={() => {
        props.onUse(RULES_TEMPLATES.find((template) => template.id === chosen)!);
        return Promise.resolve();
      }}
    >
      <fieldset className="matrix-templates">
        <legend className="visually-hidden">Template</legend>
        {RULES_TEMPLATES.map((template) => (
          <label key={template.id} className="matrix-template">
            <input
              type="radio"
              name="matrix-template"
              value={template.id}
              checked={chosen === template.id}
              onChange={() => setChosen(template.id)}
            />
            <span>
              <strong>{template.name}</strong>
              <span className="muted block">{template.description}</span>
              <span className="muted small-text block">
                {template.matrix.rows.length} rows:{' '}
                {template.matrix.rows.map((row) => row.name).join(', ')}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {props.unsaved ? (
        <p className="notice" role="alert">
          The draft has unsaved changes: using a template replaces them.
        </p>
      ) : null}
    </FormDialog>
  );
}
