import { useLiveQuery } from 'dexie-react-hooks';
import { ChevronsUpDown } from 'lucide-react';
import {
  Button,
  ComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
} from 'react-aria-components';
import { knownCategories } from './queries';

const MAX_SUGGESTIONS = 50;

/** The category field: the desk's known categories to pick from, or any new one typed. */
export function CategoryField(props: {
  value: string;
  onChange: (category: string) => void;
  onBlur: () => void;
  error: string | undefined;
  /** Marks the input for the form, which focuses the first invalid field. */
  field: string;
}) {
  const { value, onChange } = props;
  const categories = useLiveQuery(() => knownCategories(), []);
  const known = categories ?? [];
  const text = value.trim().toLowerCase();
  const items = (text ? known.filter((category) => category.toLowerCase().includes(text)) : known)
    .slice(0, MAX_SUGGESTIONS)
    .map((category) => ({ id: category }));

  return (
    <ComboBox
      className="field"
      items={items}
      inputValue={value}
      onInputChange={onChange}
      value={known.includes(value) ? value : null}
      onChange={(key) => {
        if (typeof key === 'string') onChange(key);
      }}
      onBlur={props.onBlur}
      allowsCustomValue
      menuTrigger="focus"
      isRequired
      isInvalid={props.error !== undefined}
      validationBehavior="aria"
    >
      <Label className="field-label">Category</Label>
      <div className="combo-input">
        <Input data-field={props.field} placeholder="e.g. billing, delivery, product defect" />
        <Button className="combo-button" aria-label="Show categories">
          <ChevronsUpDown size={16} aria-hidden="true" />
        </Button>
      </div>
      <Text slot="description" className="field-hint">
        {known.length > 0
          ? 'Pick one the desk already uses, or type a new one.'
          : 'Type a category; the desk will offer it next time.'}
      </Text>
      <FieldError className="field-error">{props.error}</FieldError>
      <Popover className="combo-popover" placement="bottom start" offset={4}>
        <ListBox<{ id: string }> className="combo-list">
          {(item) => (
            <ListBoxItem id={item.id} textValue={item.id} className="combo-option">
              <span className="combo-option-title">{item.id}</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
