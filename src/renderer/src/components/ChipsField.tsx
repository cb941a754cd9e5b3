import { X } from 'lucide-react';
import { useId, useState, type KeyboardEvent } from 'react';

const KEYS_HINT = 'Press Enter or type a comma to add; Backspace removes the last.';

/**
 * A list of values (categories, tiers, channels, roles) as chips, with a text field: Enter, a comma
 * or leaving the field adds what was typed (several at once when pasted with commas), Backspace in
 * the empty field removes the last, and known values are offered in a list.
 *
 * Renders the label and the field side by side, so it fits a two-column `.form-grid`; wrap it in an
 * element of its own to stack them.
 */
export function ChipsField(props: {
  label: string;
  values: readonly string[];
  onChange(values: string[]): void;
  suggestions?: readonly string[];
  /** Shown while nothing is chosen, e.g. "Any category". */
  placeholder?: string;
  /**
   * How one value is named in its remove button: "category" gives "Remove category billing";
   * without it, "Remove billing from categories".
   */
  itemName?: string;
  /** A visible hint under the field (the keys to use are added to it); without it they are read only. */
  hint?: string;
  describedBy?: string;
  invalid?: boolean;
}) {
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  const [text, setText] = useState('');
  const commit = (raw: string) => {
    const added = raw
      .split(',')
      .map((value) => value.trim())
      .filter((value) => value && !props.values.includes(value));
    if (added.length) props.onChange([...props.values, ...new Set(added)]);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.key === 'Enter' || event.key === ',') && text.trim()) {
      event.preventDefault();
      commit(text);
    } else if (event.key === 'Backspace' && !text && props.values.length) {
      props.onChange(props.values.slice(0, -1));
    }
  };
  const removeLabel = (value: string) =>
    props.itemName
      ? `Remove ${props.itemName} ${value}`
      : `Remove ${value} from ${props.label.toLowerCase()}`;
  const offered = (props.suggestions ?? []).filter((value) => !props.values.includes(value));
  return (
    <>
      <label htmlFor={inputId} className="field-label">
        {props.label}
      </label>
      <div className="chips-field">
        <div className="chips-field-box">
          {props.values.length ? (
            <ul className="chips-field-list" aria-label={`${props.label}: chosen`}>
              {props.values.map((value) => (
                <li key={value} className="chip">
                  {value}
                  <button
                    type="button"
                    className="chips-field-remove"
                    aria-label={removeLabel(value)}
                    onClick={() => props.onChange(props.values.filter((v) => v !== value))}
                  >
                    <X size={12} aria-hidden="true" />
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <input
            id={inputId}
            type="text"
            list={offered.length ? listId : undefined}
            value={text}
            placeholder={props.values.length ? undefined : props.placeholder}
            aria-describedby={[hintId, props.describedBy].filter(Boolean).join(' ')}
            aria-invalid={props.invalid || undefined}
            onChange={(event) => {
              const value = event.target.value;
              // Picking from the list (Chromium: a replacement, not typing) or pasting "a, b" adds at once.
              const picked =
                (event.nativeEvent as InputEvent).inputType === 'insertReplacementText' &&
                offered.includes(value);
              if (value.includes(',') || picked) commit(value);
              else setText(value);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => text.trim() && commit(text)}
          />
        </div>
        {offered.length ? (
          <datalist id={listId}>
            {offered.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
        ) : null}
        {props.hint ? (
          <p id={hintId} className="field-hint">
            {props.hint} {KEYS_HINT}
          </p>
        ) : (
          <span id={hintId} className="visually-hidden">
            {KEYS_HINT}
          </span>
        )}
      </div>
    </>
  );
}
