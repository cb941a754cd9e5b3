import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Changing this (e.g. the route) clears a shown error. */
  resetKey?: string;
  onReset?: () => void;
}

interface State {
  error: Error | null;
}

/** Shows a readable error with a way back instead of a blank window. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('A view failed to render:', error, info.componentStack);
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey)
      this.setState({ error: null });
  }

  private readonly reset = () => {
    this.setState({ error: null });
    this.props.onReset?.();
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="error-panel" role="alert" aria-labelledby="error-title">
        <h1 id="error-title">This view ran into a problem</h1>
        <p>
          Your data is safe: it is stored on this computer and nothing was lost. Go back to the
          queue or reload the desk.
        </p>
        <p className="error-message">{error.message || 'Unknown error'}</p>
        <details>
          <summary>Technical details</summary>
          <pre>{error.stack}</pre>
        </details>
        <div className="button-row">
          <button type="button" className="button primary" onClick={this.reset}>
            Back to the queue
          </button>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </section>
    );
  }
}
