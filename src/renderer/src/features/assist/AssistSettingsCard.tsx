import {
  rowsWaitingOn,
  waitingLevelsText,
  type AssistSettings,
  type AssistTriggerFeature,
  type EscalationMatrix,
} from '@core/index';
import { useId, useState } from 'react';
import { useSetting } from '../../db/settings';
import { useActiveMatrix } from '../rules/rule-store';
import { saveAssistSettings } from './assist-settings';
import './assist.css';

/** The four switches, in the order the card shows them. */
const SWITCHES: readonly { key: keyof AssistSettings; label: string; description: string }[] = [
  {
    key: 'sentiment',
    label: 'Customer sentiment',
    description:
      'Scores the mood of customer messages on the timeline, for the risk score and for matrix levels triggered by sentiment (they, and the levels after them in their row, wait while this is off).',
  },
  {
    key: 'risk',
    label: 'Escalation risk',
    description:
      'Scores how likely each open ticket is to escalate: the queue’s Risk column and High risk view, and matrix levels triggered by risk (they, and the levels after them in their row, wait while this is off).',
  },
  {
    key: 'routing',
    label: 'Routing suggestions',
    description: 'Suggests the team that resolved tickets like this one before.',
  },
  {
    key: 'similar',
    label: 'Similar escalations',
    description: 'Shows past escalations like a ticket, with their root cause.',
  },
];

const isTriggerFeature = (key: keyof AssistSettings): key is AssistTriggerFeature =>
  key === 'risk' || key === 'sentiment';

/**
 * What switching a feature off does to the active matrix, or (off) is doing: how many levels in
 * which rows wait; undefined when no level depends on it.
 */
function matrixWaitText(
  matrix: EscalationMatrix,
  feature: AssistTriggerFeature,
  on: boolean,
): string | undefined {
  const waiting = waitingLevelsText(rowsWaitingOn(matrix, feature));
  if (waiting === undefined) return undefined;
  return on
    ? `Switching this off holds back ${waiting} of the escalation matrix until it is on again.`
    : `While this is off, ${waiting} of the escalation matrix will not fire.`;
}

/** Settings card: which assist features are on (saving makes the desk follow, see saveAssistSettings). */
export function AssistSettingsCard() {
  const stored = useSetting('assist');
  const matrix = useActiveMatrix()?.matrix;
  // Shown at once on click; the live query catches up when the write lands.
  const [chosen, setChosen] = useState<AssistSettings | null>(null);
  const [status, setStatus] = useState('');
  const id = useId();
  const settings = chosen ?? stored;

  const toggle = (key: keyof AssistSettings, on: boolean) => {
    if (!settings) return;
    const next = { ...settings, [key]: on };
    setChosen(next);
    setStatus('Saving…');
    // Switching off: the status says at once which matrix levels now wait.
    const waits = !on && matrix && isTriggerFeature(key) ? matrixWaitText(matrix, key, false) : '';
    saveAssistSettings(next).then(
      () => setStatus(waits ? `Saved. ${waits}` : 'Saved.'),
      (error: unknown) => {
        setChosen(null);
        setStatus(`Not saved: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  };

  return (
    <section className="card assist-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Assist</h2>
      <p className="muted">Everything is computed on this computer; no customer text leaves it.</p>
      {settings ? (
        SWITCHES.map(({ key, label, description }) => {
          const waits =
            matrix && isTriggerFeature(key)
              ? matrixWaitText(matrix, key, settings[key])
              : undefined;
          return (
            <label key={key} className="switch-row">
              <input
                type="checkbox"
                checked={settings[key]}
                onChange={(event) => toggle(key, event.target.checked)}
                aria-labelledby={`${id}-${key}-label`}
                aria-describedby={`${id}-${key}-description${waits ? ` ${id}-${key}-waits` : ''}`}
              />
              <span>
                <strong id={`${id}-${key}-label`}>{label}</strong>
                <span id={`${id}-${key}-description`} className="muted block">
                  {description}
                </span>
                {waits ? (
                  <span id={`${id}-${key}-waits`} className="block small-text assist-waits">
                    {settings[key] ? '' : 'Warning: '}
                    {waits}
                  </span>
                ) : null}
              </span>
            </label>
          );
        })
      ) : (
        <p className="muted">Reading…</p>
      )}
      <p className="muted small-text assist-status" role="status">
        {status}
      </p>
    </section>
  );
}
