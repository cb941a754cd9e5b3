import { ChevronsUpDown } from 'lucide-react';
import { useMemo } from 'react';
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
import { filterTimeZones, timeZoneNames, utcOffset } from './calendar-draft';

let zones: { id: string }[] | undefined;

function zoneItems(): { id: string }[] {
  zones ??= timeZoneNames().map((id) => ({ id }));
  return zones;
}

/** Picks a calendar's IANA time zone from those the runtime knows, filtering as the user types. */
export function TimeZoneField(props: {
  value: string;
  onChange: (timeZone: string) => void;
  error: string | undefined;
  now: number;
}) {
  const items = zoneItems();
  const offset = useMemo(() => utcOffset(props.value, props.now), [props.value, props.now]);
  return (
    <ComboBox
      className="field"
      defaultItems={items}
      value={props.value}
      onChange={(key) => {
        if (typeof key === 'string') props.onChange(key);
      }}
      defaultFilter={(text, input) => filterTimeZones([text], input).length > 0}
      isInvalid={props.error !== undefined}
      validationBehavior="aria"
    >
      <Label className="field-label">Time zone</Label>
      <div className="calendar-zone-row">
        <div className="combo-input">
          <Input placeholder="e.g. Europe/Berlin" />
          <Button className="combo-button" aria-label="Show time zones">
            <ChevronsUpDown size={16} aria-hidden="true" />
          </Button>
        </div>
        {offset ? <span className="chip">{offset} now</span> : null}
      </div>
      <Text slot="description" className="field-hint">
        Business hours and holidays are read in this zone, with its daylight-saving changes.
      </Text>
      <FieldError className="field-error">{props.error}</FieldError>
      <Popover className="combo-popover" placement="bottom start" offset={4}>
        <ListBox<{ id: string }> className="combo-list">
          {(item) => (
            <ListBoxItem id={item.id} textValue={item.id} className="combo-option">
              <span className="combo-option-title">{item.id.replaceAll('_', ' ')}</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
