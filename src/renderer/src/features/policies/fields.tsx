import { useState } from 'react';
import { formatDuration, parseDuration } from './policy-draft';

/** Error messages under a field, as text; `id` is what the field's aria-describedby names. */
export function FieldErrors(props: { id: string; messages: readonly string[] }) {
  if (props.messages.length === 0) return null;
  return (
    <div id={props.id} className="field-error">
      {props.messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}

/** The ids an input's aria-describedby should name: its hint and its errors, when shown. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return present.length ? present.join(' ') : undefined;
}

/**
 * A target length: minutes ("240") or hours and minutes ("4h", "1:30", "1h 30m"), with the length
 * in words beside it. Text that isn't a length is kept as typed and reported; the policy gets NaN,
 * which the engine refuses too.
 */
export function DurationInput(props: {
  id: string;
  label: string;
  minutes: number;
  onChange: (minutes: number) => void;
  describedBy?: string;
  invalid: boolean;
  disabled?: boolean;
}) {
  const [text, setText] = useState(() => formatMinutesText(props.minutes));
  const [shown, setShown] = useState(props.minutes);
  // Follow a value changed elsewhere (a template, discard) unless it is what the text says.
  if (!Object.is(shown, props.minutes)) {
    setShown(props.minutes);
    if (!Object.is(parseDuration(text) ?? Number.NaN, props.minutes)) {
      setText(formatMinutesText(props.minutes));
    }
  }
  const parsed = parseDuration(text);
  const hintId = `${props.id}-hint`;
  return (
    <span className="duration-input">
      <input
        id={props.id}
        type="text"
        inputMode="numeric"
        aria-label={props.label}
        value={text}
        disabled={props.disabled}
        size={7}
        onChange={(event) => {
          setText(event.target.value);
          const minutes = parseDuration(event.target.value) ?? Number.NaN;
          setShown(minutes);
          props.onChange(minutes);
        }}
        aria-invalid={props.invalid || parsed === undefined ? true : undefined}
        aria-describedby={describedBy(hintId, props.describedBy)}
      />
      <span id={hintId} className="field-hint">
        {durationHint(text, parsed)}
      </span>
    </span>
  );
}

function durationHint(text: string, minutes: number | undefined): string {
  if (minutes === undefined) return 'Write minutes (90) or hours and minutes (1h 30m).';
  if (/^\s*\d+\s*$/.test(text)) return minutes > 0 ? `min = ${formatDuration(minutes)}` : 'min';
  return `= ${minutes} min`;
}

function formatMinutesText(minutes: number): string {
  return Number.isFinite(minutes) ? String(minutes) : '';
}
