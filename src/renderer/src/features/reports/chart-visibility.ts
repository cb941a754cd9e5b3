import { useEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { create } from 'zustand';

/** How far outside the window a chart is drawn ahead of scrolling to it. */
const AHEAD = '600px 0px';

/**
 * Whether the element is on screen or near it. A report has a dozen charts; drawing only the
 * ones in view keeps a new report's first frame short (Recharts takes tens of ms per chart).
 * Once seen, a chart stays drawn while it is near the window and is dropped when far from it.
 */
export function useNearViewport(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) setNear(entry.isIntersecting);
      },
      { rootMargin: AHEAD },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return near;
}

/** Set while the report is printed or saved as PDF: every chart is drawn then. */
export const usePrinting = create<{ printing: boolean }>()(() => ({ printing: false }));

function subscribePrint(onChange: () => void): () => void {
  // The browser's own print (Ctrl+P, the print dialog) draws every chart before the snapshot.
  const before = () => flushSync(() => usePrinting.setState({ printing: true }));
  const after = () => usePrinting.setState({ printing: false });
  window.addEventListener('beforeprint', before);
  window.addEventListener('afterprint', after);
  const unsubscribe = usePrinting.subscribe(onChange);
  return () => {
    window.removeEventListener('beforeprint', before);
    window.removeEventListener('afterprint', after);
    unsubscribe();
  };
}

/** Whether the page is being printed (by the print dialog or an "Export PDF"). */
export function useIsPrinting(): boolean {
  return useSyncExternalStore(subscribePrint, () => usePrinting.getState().printing);
}

/** Runs `print` with every chart drawn (two frames after asking, so they are laid out). */
export async function withEveryChartDrawn<T>(print: () => Promise<T>): Promise<T> {
  usePrinting.setState({ printing: true });
  try {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return await print();
  } finally {
    usePrinting.setState({ printing: false });
  }
}
