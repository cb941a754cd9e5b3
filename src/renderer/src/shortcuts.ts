import { useEffect } from 'react';
import { navigate } from './router';
import { useDeskStore } from './store';
import { VIEW_ENTRIES } from './views';

const SEQUENCE_TIMEOUT_MS = 1500;

/** The single key that opens the new-escalation form ("c" for create, as in Jira and Zendesk). */
export const CREATE_KEY = 'c';

/** True when the key press belongs to a text field, so shortcuts must stay out of the way. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Global shortcuts: "g" then a view key navigates; "c" starts a new escalation; "?" lists them. */
export function useGlobalShortcuts(): void {
  const setShortcutsOpen = useDeskStore((state) => state.setShortcutsOpen);
  useEffect(() => {
    let pendingG = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      if (event.key === '?') {
        event.preventDefault();
        setShortcutsOpen(true);
        return;
      }
      if (pendingG && event.timeStamp - pendingG < SEQUENCE_TIMEOUT_MS) {
        pendingG = 0;
        const entry = VIEW_ENTRIES.find((candidate) => candidate.key === event.key.toLowerCase());
        if (entry) {
          event.preventDefault();
          navigate({ view: entry.name });
        }
        return;
      }
      if (event.key === CREATE_KEY) {
        event.preventDefault();
        pendingG = 0;
        navigate({ view: 'new' });
        return;
      }
      pendingG = event.key === 'g' ? event.timeStamp || 1 : 0;
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setShortcutsOpen]);
}
