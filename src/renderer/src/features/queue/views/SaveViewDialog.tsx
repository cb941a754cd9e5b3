import { useId, useState } from 'react';
import { FormDialog } from '../../../components/FormDialog';
import { db, type DeskDatabase } from '../../../db/database';
import type { QueueView, QueueViewState } from '../view-state';
import { saveView } from './saved-views';

/** The "View name" text field of the save and rename dialogs. */
export function ViewNameField(props: { value: string; onChange(name: string): void }) {
  const id = useId();
  return (
    <div className="view-name-field">
      <label htmlFor={id}>View name</label>
      <input
        id={id}
        type="text"
        value={props.value}
        autoComplete="off"
        // The dialog is only for this field: start typing at once.
        autoFocus
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/**
 * Saves the queue's current state as a view of the user's own. When the name is one of theirs
 * already, they may choose to replace that view; otherwise the name must be new.
 */
export function SaveViewDialog(props: {
  open: boolean;
  onOpenChange(open: boolean): void;
  state: QueueViewState;
  /** The user's saved views (built-ins are ignored: they cannot be replaced). */
  existing: readonly QueueView[];
  onSaved(view: QueueView): void;
  database?: DeskDatabase;
}) {
  const [name, setName] = useState('');
  const [replace, setReplace] = useState(false);
  const [makeDefault, setMakeDefault] = useState(false);
  // Each opening starts from an empty form.
  const [wasOpen, setWasOpen] = useState(props.open);
  if (wasOpen !== props.open) {
    setWasOpen(props.open);
    if (props.open) {
      setName('');
      setReplace(false);
      setMakeDefault(false);
    }
  }

  const match = props.existing.find((view) => !view.builtIn && sameName(view.name, name));
  const replacing = match !== undefined && replace;

  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title="Save view"
      description="Keeps the queue's columns, sort, filters, search and grouping as a view you can open again."
      submitLabel={replacing ? 'Replace view' : 'Save view'}
      onSubmit={async () => {
        const view = await saveView(props.database ?? db, {
          id: replacing ? match.id : undefined,
          name,
          state: props.state,
          makeDefault,
        });
        props.onSaved(view);
      }}
    >
      <ViewNameField value={name} onChange={setName} />
      {match ? (
        <label className="views-check">
          <input
            type="checkbox"
            checked={replace}
            onChange={(event) => setReplace(event.target.checked)}
          />
          <span>
            Replace the existing view “{match.name}”
            <span className="muted block">
              Its columns, sort and filters become the ones shown now.
            </span>
          </span>
        </label>
      ) : null}
      <label className="views-check">
        <input
          type="checkbox"
          checked={makeDefault}
          onChange={(event) => setMakeDefault(event.target.checked)}
        />
        <span>Make this my default view</span>
      </label>
    </FormDialog>
  );
}
