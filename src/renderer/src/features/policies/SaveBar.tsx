import { useId, type ReactNode } from 'react';

/**
 * Save and Discard under an editor (the policies, a calendar): Save is disabled while saving or
 * while `blocked` says why not (its description); a failed save's error is shown below.
 */
export function SaveBar(props: {
  saveLabel: string;
  onSave(): void;
  saving: boolean;
  blocked: string | undefined;
  canDiscard: boolean;
  onDiscard(): void;
  error: string | undefined;
  /** More actions and notes after Discard. */
  children?: ReactNode;
}) {
  const reasonId = useId();
  return (
    <>
      <div className="form-actions">
        <button
          type="button"
          className="button primary"
          disabled={props.blocked !== undefined || props.saving}
          aria-describedby={props.blocked ? reasonId : undefined}
          onClick={props.onSave}
        >
          {props.saveLabel}
        </button>
        <button
          type="button"
          className="button"
          disabled={!props.canDiscard}
          onClick={props.onDiscard}
        >
          Discard changes
        </button>
        {props.children}
        {props.blocked ? (
          <span id={reasonId} className="muted">
            {props.blocked}
          </span>
        ) : null}
      </div>
      {props.error ? (
        <p className="form-error" role="alert">
          {props.error}
        </p>
      ) : null}
    </>
  );
}
