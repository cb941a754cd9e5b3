import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { QUEUE_SHORTCUTS } from '../features/queue/queue-shortcuts';
import { CREATE_KEY } from '../shortcuts';
import { useDeskStore } from '../store';
import { VIEW_ENTRIES } from '../views';

/** The list of keyboard shortcuts, opened with "?". */
export function ShortcutsDialog() {
  const open = useDeskStore((state) => state.shortcutsOpen);
  const setOpen = useDeskStore((state) => state.setShortcutsOpen);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <div className="dialog-header">
            <Dialog.Title>Keyboard shortcuts</Dialog.Title>
            <Dialog.Close className="icon-button" aria-label="Close">
              <X size={18} aria-hidden="true" />
            </Dialog.Close>
          </div>
          <Dialog.Description className="muted">
            Press the keys one after the other; they work anywhere outside a text field.
          </Dialog.Description>
          <table className="shortcut-table">
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {VIEW_ENTRIES.map((entry) => (
                <tr key={entry.name}>
                  <td>
                    <kbd>g</kbd> <kbd>{entry.key}</kbd>
                  </td>
                  <td>Go to {entry.label}</td>
                </tr>
              ))}
              <tr>
                <td>
                  <kbd>{CREATE_KEY}</kbd>
                </td>
                <td>Create a new escalation</td>
              </tr>
              <tr>
                <td>
                  <kbd>?</kbd>
                </td>
                <td>Show this list</td>
              </tr>
            </tbody>
          </table>
          <table className="shortcut-table">
            <caption>In the queue</caption>
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {QUEUE_SHORTCUTS.map((shortcut) => (
                <tr key={shortcut.action}>
                  <td>
                    {shortcut.keys.map((key, index) => (
                      <span key={key}>
                        {index > 0 ? (shortcut.keys[0] === 'Shift' ? ' + ' : ' or ') : null}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </td>
                  <td>{shortcut.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
