import * as Dialog from '@radix-ui/react-dialog';

/** A yes/no question before something that cannot be undone (removing a row or a level). */
export function ConfirmDialog(props: {
  title: string;
  description: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <Dialog.Root open onOpenChange={(open) => (open ? undefined : props.onCancel())}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" role="alertdialog">
          <div className="dialog-form">
            <Dialog.Title>{props.title}</Dialog.Title>
            <Dialog.Description>{props.description}</Dialog.Description>
            <div className="dialog-actions">
              <Dialog.Close className="button" type="button">
                Cancel
              </Dialog.Close>
              <button
                type="button"
                className="button danger"
                onClick={() => {
                  props.onConfirm();
                  props.onCancel();
                }}
              >
                {props.confirmLabel}
              </button>
            </div>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
