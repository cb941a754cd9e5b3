import { useCallback, useRef, useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { WhatIfSummary } from './rules-work';

const count = new Intl.NumberFormat();

/** What a preview says saving would do at once that a manager should agree to; empty: nothing. */
export function immediateImpact(summary: WhatIfSummary | undefined): string[] {
  if (!summary) return [];
  const impact: string[] = [];
  if (summary.newlyBreached > 0) {
    impact.push(
      `${count.format(summary.newlyBreached)} open ${summary.newlyBreached === 1 ? 'ticket turns' : 'tickets turn'} breached`,
    );
  }
  if (summary.levelsFiring > 0) {
    impact.push(
      `${count.format(summary.levelsFiring)} escalation ${summary.levelsFiring === 1 ? 'level fires' : 'levels fire'} with the actions the matrix sets for them`,
    );
  }
  return impact;
}

/** What the what-if panel tells the editor: a finished preview, one on its way, or a failure. */
export type PreviewState = WhatIfSummary | 'pending' | 'failed';

/**
 * Saving behind a confirmation when the what-if preview shows that saving breaches open tickets
 * or fires escalation levels at once. The editor passes `onPreview` to its WhatIfPanel, calls
 * `confirmThenSave(save)` from its Save button and renders `dialog`. A save asked for while the
 * preview of the latest change is still running waits for it, so a quick click can't skip the
 * question; if the preview failed, the question is asked without figures.
 */
export function useImpactConfirm(): {
  onPreview(state: PreviewState): void;
  confirmThenSave(save: () => void): void;
  dialog: ReactNode;
} {
  const latest = useRef<PreviewState | undefined>(undefined);
  const waiting = useRef<(() => void) | undefined>(undefined);
  const [checking, setChecking] = useState(false);
  const [asking, setAsking] = useState<{ impact: string[]; save: () => void }>();

  const decide = useCallback((save: () => void) => {
    const state = latest.current;
    if (state === 'failed') {
      setAsking({ impact: [], save });
      return;
    }
    const impact = immediateImpact(state === 'pending' ? undefined : state);
    if (impact.length === 0) save();
    else setAsking({ impact, save });
  }, []);

  const onPreview = useCallback(
    (state: PreviewState) => {
      latest.current = state;
      const save = waiting.current;
      if (state === 'pending' || !save) return;
      waiting.current = undefined;
      setChecking(false);
      decide(save);
    },
    [decide],
  );

  const confirmThenSave = useCallback(
    (save: () => void) => {
      if (latest.current === 'pending') {
        waiting.current = save;
        setChecking(true);
        return;
      }
      decide(save);
    },
    [decide],
  );

  const dialog = (
    <>
      {checking ? (
        <p className="muted" role="status">
          Checking what saving would change before saving…
        </p>
      ) : null}
      {asking ? (
        <ConfirmDialog
          title="Save with immediate effect?"
          description={
            asking.impact.length
              ? `Saving takes effect at once: ${asking.impact.join('; and ')}. The tickets are listed in "What saving would change".`
              : 'What saving would change could not be worked out, so its effect on open tickets is unknown.'
          }
          confirmLabel="Save anyway"
          onConfirm={asking.save}
          onClose={() => setAsking(undefined)}
        />
      ) : null}
    </>
  );
  return { onPreview, confirmThenSave, dialog };
}
