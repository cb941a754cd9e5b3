import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { createContext, useContext, useState, type FormEvent, type ReactNode } from 'react';

/**
 * Asked as a dialog closes whether focus goes back to what opened it (Radix's default); a view
 * that moves focus somewhere better itself (the matrix grid, to the cell just added) says no.
 */
export const DialogReturnsFocus = createContext<() => boolean>(() => true);

/**
 * A modal form: focus is trapped and returned by Radix; submitting runs `onSubmit`, and an error it
 * throws is shown in the dialog (nothing is lost, the dialog stays open).
 */
export function FormDialog(props: {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description: string;
  submitLabel: string;
  onSubmit(): Promise<void>;
  children?: ReactNode;
  destructive?: boolean;
  /** An alertdialog: a question to answer before going on (see ConfirmDialog). */
  alert?: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const returnsFocus = useContext(DialogReturnsFocus);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit();
      props.onOpenChange(false);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog.Root
      open={props.open}
      onOpenChange={(open) => {
        if (!open) setError(null);
        props.onOpenChange(open);
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog wide"
          role={props.alert ? 'alertdialog' : 'dialog'}
          onCloseAutoFocus={(event) => {
            if (!returnsFocus()) event.preventDefault();
          }}
        >
          <form onSubmit={(event) => void submit(event)} className="dialog-form">
            <div className="dialog-header">
              <Dialog.Title>{props.title}</Dialog.Title>
              <Dialog.Close className="icon-button" aria-label="Close" type="button">
                <X size={18} aria-hidden="true" />
              </Dialog.Close>
            </div>
            <Dialog.Description className="muted">{props.description}</Dialog.Description>
            {props.children}
            {error ? (
              <p className="form-error" role="alert">
                {error}
              </p>
            ) : null}
            <div className="dialog-actions">
              <Dialog.Close className="button" type="button">
                Cancel
              </Dialog.Close>
              <button
                type="submit"
                className={props.destructive ? 'button danger' : 'button primary'}
                disabled={busy}
              >
                {props.submitLabel}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
