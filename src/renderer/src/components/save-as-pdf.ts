import type { PrintToPdfRequest, PrintToPdfResult } from '@core/index';
import { useCallback, useState } from 'react';
import { host } from '../host';
import { useDeskStore } from '../store';

/**
 * Saves the page as a PDF through the host (on desktop: a save dialog, then the page printed with
 * its print CSS; in a browser: the print dialog), with a toast when saved or when it fails.
 * `prepare` wraps the host's call, e.g. to draw everything the screen leaves out until scrolled to.
 */
export function useSaveAsPdf(
  savedTitle: string,
  prepare: (print: () => Promise<PrintToPdfResult>) => Promise<PrintToPdfResult> = (print) =>
    print(),
): { saving: boolean; save(request: PrintToPdfRequest): Promise<void> } {
  const pushToast = useDeskStore((state) => state.pushToast);
  const [saving, setSaving] = useState(false);
  const save = useCallback(
    async (request: PrintToPdfRequest) => {
      setSaving(true);
      try {
        const result = await prepare(() => host.printToPdf(request));
        if (result.outcome === 'saved') {
          pushToast({ tone: 'success', title: savedTitle, body: result.path });
        }
      } catch (error) {
        pushToast({
          tone: 'danger',
          title: 'The PDF could not be saved',
          body: error instanceof Error ? error.message : String(error),
        });
      } finally {
        setSaving(false);
      }
    },
    [savedTitle, prepare, pushToast],
  );
  return { saving, save };
}
