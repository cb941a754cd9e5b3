import { X } from 'lucide-react';
import { useId, useState, type KeyboardEvent } from 'react';
import { formatDuration, parseDuration, parseList } from './policy-draft';

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
 * A list of words (categories, tiers, channels) as chips, with a text field that adds what is
 * typed on Enter, comma or leaving the field.
 */
export function ChipsField(props: {
  label: string;
  /** How one value is named in its remove button, e.g. "category". */
  itemName: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  suggestions?: readonly string[];
  placeholder?: string;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const commit = () => {
    const added = parseList(text).filter((value) => !props.values.includes(value));
    if (added.length) props.onChange([...props.values, ...added]);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && text === '' && props.values.length) {
      props.onChange(props.values.slice(0, -1));
    }
  };
  const suggestions = (props.suggestions ?? []).filter((value) => !props.values.includes(value));
  return (
    <div className="policy-field">
      <label htmlFor={`${id}-input`} className="field-label">
        {props.label}
      </label>
      <div className="chips-input">
        {props.values.map((value) => (
          <span key={value} className="chip">
            {value}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove ${props.itemName} ${value}`}
              onClick={() => props.onChange(props.values.filter((v) => v !== value))}
            >
              <X size={12} aria-hidden="true" />
            </button>
          </span>
        ))}
        <input
          id={`${id}-input`}
          type="text"
          value={text}
          list={suggestions.length ? `${id}-list` : undefined}
          placeholder={props.values.length ? '' : (props.placeholder ?? 'Any')}
          onChange={(event) => {
            const value = event.target.value;
            // A pick from the suggestions (or a paste with commas) is added at once.
            if (value.includes(',') || suggestions.includes(value)) {
              const added = parseList(value).filter((v) => !props.values.includes(v));
              if (added.length) props.onChange([...props.values, ...added]);
              setText('');
            } else {
              setText(value);
            }
          }}
          onKeyDown={onKeyDown}
          onBlur={commit}
          aria-describedby={`${id}-hint`}
        />
      </div>
      {suggestions.length ? (
        <datalist id={`${id}-list`}>
          {suggestions.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
      ) : null}
      <p id={`${id}-hint`} className="field-hint">
        {props.values.length ? 'Any of these.' : 'Empty: any.'} Type and press Enter or comma to
        add.
      </p>
    </div>
  );
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
