import { X } from 'lucide-react';
import { hrefFor } from '../router';
import { useDeskStore } from '../store';

/** In-app alerts; also where alerts go when system notifications are unavailable. */
export function Toasts() {
  const toasts = useDeskStore((state) => state.toasts);
  const dismiss = useDeskStore((state) => state.dismissToast);
  return (
    <div className="toasts" role="region" aria-label="Desk notifications" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast tone-${toast.tone}`} role="status">
          <div className="toast-text">
            <strong>{toast.title}</strong>
            {toast.body ? <span>{toast.body}</span> : null}
            {toast.ticketId ? (
              <a href={hrefFor({ view: 'ticket', ticketId: toast.ticketId })}>Open ticket</a>
            ) : null}
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label={`Dismiss alert: ${toast.title}`}
            onClick={() => dismiss(toast.id)}
          >
            <X size={16} aria-hidden="true" />
          </button>
        </div>
      ))}
    </div>
  );
}
