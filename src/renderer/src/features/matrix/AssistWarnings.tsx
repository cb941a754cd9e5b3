import {
  ASSIST_FEATURE_NAMES,
  ASSIST_TRIGGER_FEATURES,
  rowsWaitingOn,
  waitingLevelsText,
  type AssistLevelWarning,
  type AssistSettings,
  type AssistTriggerFeature,
  type EscalationMatrix,
} from '@core/index';
import { AlertTriangle } from 'lucide-react';
import { hrefFor } from '../../router';

const SETTINGS_HREF = hrefFor({ view: 'settings' });

/** For each assist feature switched off, the sentence saying which levels wait for it. */
export function assistWaitLines(
  matrix: EscalationMatrix,
  assist: AssistSettings | undefined,
): { feature: AssistTriggerFeature; text: string }[] {
  if (!assist) return [];
  return ASSIST_TRIGGER_FEATURES.flatMap((feature) => {
    if (assist[feature]) return [];
    const waiting = waitingLevelsText(rowsWaitingOn(matrix, feature));
    if (!waiting) return [];
    const text = `${ASSIST_FEATURE_NAMES[feature]} is switched off in Settings, so ${waiting} will not fire until it is switched on.`;
    return [{ feature, text }];
  });
}

/**
 * Above the grid: for each assist feature switched off, how many levels in which rows will not
 * fire until it is on again, with a link to Settings (reachable by Tab, unlike the cells' links).
 */
export function AssistWaitSummary(props: {
  matrix: EscalationMatrix;
  assist: AssistSettings | undefined;
}) {
  const lines = assistWaitLines(props.matrix, props.assist);
  if (lines.length === 0) return null;
  return (
    <ul className="matrix-problems matrix-general-problems matrix-assist-waits">
      {lines.map(({ feature, text }) => (
        <li key={feature} className="matrix-problem warning">
          <AlertTriangle size={14} aria-hidden="true" />
          <span>
            <strong>Warning: </strong>
            {text} <a href={SETTINGS_HREF}>Open Settings</a>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** In a level's cell: the level needs a switched-off feature, so it and the levels after it wait. */
export function AssistLevelNote(props: { id: string; warning: AssistLevelWarning | undefined }) {
  if (!props.warning) return null;
  return (
    <ul id={props.id} className="matrix-problems in-cell">
      <li className="matrix-problem warning">
        <AlertTriangle size={14} aria-hidden="true" />
        <span>
          <strong>Warning: </strong>
          {props.warning.message}{' '}
          {/* One tab stop for the grid: the summary above it has the same link for the keyboard. */}
          <a href={SETTINGS_HREF} tabIndex={-1}>
            Open Settings
          </a>
        </span>
      </li>
    </ul>
  );
}
