import { useDemoLoad } from './demo-load-store';

const count = new Intl.NumberFormat('en');

/** The running demo load: a progress bar with what it is doing, and Cancel. */
export function DemoProgress() {
  const { phase, progress, ticketCount, cancel } = useDemoLoad();
  if (phase !== 'running') return null;
  return (
    <div className="demo-progress">
      <div className="demo-progress-head">
        <span id="demo-progress-label">
          Loading a demo desk of {count.format(ticketCount)} tickets
        </span>
        <span className="muted">{Math.round(progress.fraction * 100)}%</span>
      </div>
      <progress aria-labelledby="demo-progress-label" max={1} value={progress.fraction} />
      <div className="demo-progress-foot">
        <span className="muted" role="status">
          {progress.label}
        </span>
        <button type="button" className="button small" onClick={cancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** What the last demo load came to: loaded, stopped, or why it failed. */
export function DemoOutcome() {
  const { phase, result, error } = useDemoLoad();
  if (phase === 'error') {
    return (
      <p className="form-error" role="alert">
        The demo desk could not be loaded: {error}
      </p>
    );
  }
  if (phase === 'cancelled' && result) {
    return (
      <p className="muted" role="status">
        Stopped: {count.format(result.tickets)} tickets were loaded and kept.
      </p>
    );
  }
  if (phase === 'done' && result) {
    return (
      <p className="muted" role="status">
        Loaded {count.format(result.tickets)} tickets with {count.format(result.events)} events.
      </p>
    );
  }
  return null;
}
