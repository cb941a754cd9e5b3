import { act, render, screen } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  useIsPrinting,
  useNearViewport,
  usePrinting,
  withEveryChartDrawn,
} from './chart-visibility';

/** An IntersectionObserver whose entries the test decides. */
class FakeObserver {
  static last: FakeObserver | undefined;
  constructor(readonly callback: (entries: { isIntersecting: boolean }[]) => void) {
    FakeObserver.last = this;
  }
  observe() {}
  disconnect() {}
  show(isIntersecting: boolean) {
    act(() => this.callback([{ isIntersecting }]));
  }
}

function Chart() {
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref);
  const printing = useIsPrinting();
  return <div ref={ref}>{near || printing ? 'drawn' : 'waiting'}</div>;
}

afterEach(() => {
  vi.unstubAllGlobals();
  usePrinting.setState({ printing: false });
});

describe('charts drawn only near the window', () => {
  it('draws a chart once it comes near the window and drops it when it leaves', () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    render(<Chart />);
    expect(screen.getByText('waiting')).toBeTruthy();
    FakeObserver.last!.show(true);
    expect(screen.getByText('drawn')).toBeTruthy();
    FakeObserver.last!.show(false);
    expect(screen.getByText('waiting')).toBeTruthy();
  });

  it('draws every chart while the page prints, by the print dialog or an export', async () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    render(<Chart />);
    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
    });
    expect(screen.getByText('drawn')).toBeTruthy();
    act(() => {
      window.dispatchEvent(new Event('afterprint'));
    });
    expect(screen.getByText('waiting')).toBeTruthy();

    let seen = '';
    await act(() =>
      withEveryChartDrawn(async () => {
        seen = screen.getByText(/drawn|waiting/).textContent ?? '';
      }),
    );
    expect(seen).toBe('drawn');
    expect(screen.getByText('waiting')).toBeTruthy();
  });

  it('draws at once where there is no IntersectionObserver', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    render(<Chart />);
    expect(screen.getByText('drawn')).toBeTruthy();
  });
});
