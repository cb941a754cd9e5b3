import { X } from 'lucide-react';
import { useId, useState, type KeyboardEvent } from 'react';

/**
 * A list of values typed one after another: Enter or a comma adds what was typed (several at once
 * when pasted with commas), Backspace in the empty field removes the last; known values are offered.
 */
export function ChipsField(props: {
  label: string;
  values: readonly string[];
  onChange(values: string[]): void;
  suggestions?: readonly string[];
  placeholder?: string;
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
  const offered = (props.suggestions ?? []).filter((value) => !props.values.includes(value));
  return (
    <>
      <label htmlFor={inputId}>{props.label}</label>
      <div className="matrix-chips">
        {props.values.length ? (
          <ul className="matrix-chip-list" aria-label={`${props.label}: chosen`}>
            {props.values.map((value) => (
              <li key={value} className="chip">
                {value}
                <button
                  type="button"
                  className="matrix-chip-remove"
                  aria-label={`Remove ${value} from ${props.label.toLowerCase()}`}
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
          placeholder={props.placeholder}
          aria-describedby={[hintId, props.describedBy].filter(Boolean).join(' ')}
          aria-invalid={props.invalid || undefined}
          onChange={(event) => {
            const value = event.target.value;
            // Picking from the list (Chromium: a replacement, not typing) or "a, b," commits at once.
            const picked =
              (event.nativeEvent as InputEvent).inputType === 'insertReplacementText' &&
              offered.includes(value);
            if (value.endsWith(',') || picked) commit(value);
            else setText(value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => text.trim() && commit(text)}
        />
        {offered.length ? (
          <datalist id={listId}>
            {offered.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
        ) : null}
        <span id={hintId} className="visually-hidden">
          Press Enter or type a comma to add; Backspace removes the last.
        </span>
      </div>
    </>
  );
}
