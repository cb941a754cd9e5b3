import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

function Exploding({ explode }: { explode: boolean }) {
  if (explode) throw new Error('Ticket ESC-9 has no customer');
  return <p>All good</p>;
}

describe('ErrorBoundary', () => {
  it('shows a readable error with a way back instead of a blank view', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const onReset = vi.fn();
    const { rerender } = render(
      <ErrorBoundary resetKey="a" onReset={onReset}>
        <Exploding explode />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain('This view ran into a problem');
    expect(screen.getByText('Ticket ESC-9 has no customer')).toBeTruthy();

    rerender(
      <ErrorBoundary resetKey="a" onReset={onReset}>
        <Exploding explode={false} />
      </ErrorBoundary>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Back to the queue' }));
    expect(onReset).toHaveBeenCalledOnce();
    expect(screen.getByText('All good')).toBeTruthy();
  });

  it('clears the error when the route changes', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { rerender } = render(
      <ErrorBoundary resetKey="#/matrix">
        <Exploding explode />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toBeTruthy();
    rerender(
      <ErrorBoundary resetKey="#/queue">
        <Exploding explode={false} />
      </ErrorBoundary>,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('All good')).toBeTruthy();
  });
});
