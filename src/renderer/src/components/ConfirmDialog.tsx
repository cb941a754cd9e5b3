import { FormDialog } from './FormDialog';

/**
 * A yes/no question before something that cannot be undone (removing a matrix row or level, a
 * policy, a calendar), shown while it is rendered. `onClose` runs after confirming as well as on
 * Cancel or Escape; an error `onConfirm` throws is shown in the dialog, which stays open.
 */
export function ConfirmDialog(props: {
  title: string;
  description: string;
  confirmLabel: string;
  onConfirm(): void | Promise<void>;
  onClose(): void;
}) {
  return (
    <FormDialog
      open
      onOpenChange={(open) => {
        if (!open) props.onClose();
      }}
      alert
      destructive
      title={props.title}
      description={props.description}
      submitLabel={props.confirmLabel}
      onSubmit={async () => props.onConfirm()}
    />
  );
}
