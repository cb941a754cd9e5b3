import { useLiveQuery } from 'dexie-react-hooks';
import { ChevronsUpDown, UserPlus } from 'lucide-react';
import type { ReactNode } from 'react';
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
  type Key,
} from 'react-aria-components';
import type { Customer } from '@core/index';
import { db } from '../../db/database';
import { TIER_LABELS, type EscalationForm } from './form';
import { searchCustomers } from './queries';

/** The list key of the "New customer “…”" option. */
const NEW_CUSTOMER_KEY = '__new-customer__';

type CustomerOption =
  | { id: string; textValue: string; customer: Customer }
  | { id: typeof NEW_CUSTOMER_KEY; textValue: string; customer?: undefined };

type CustomerValue = Pick<EscalationForm, 'customerName' | 'customerId' | 'newCustomer'>;

function customerSummary(customer: Customer): string {
  return [`${TIER_LABELS[customer.tier]} customer`, customer.email ?? customer.phone]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The customer field: searches existing customers by name or email as you type, or takes the text
 * as a new customer's name ("New customer “…”" in the list, or simply leaving the field). The new
 * customer's own fields follow it as soon as the name matches nobody, so Tab reaches them next.
 */
export function CustomerField(props: {
  value: CustomerValue;
  onChange: (patch: Partial<CustomerValue>) => void;
  onBlur: () => void;
  error: string | undefined;
  /** Marks the input for the form, which focuses the first invalid field. */
  field: string;
  /** Tier, email and phone, shown while the name is a new customer's. */
  newCustomerFields: ReactNode;
}) {
  const { value, onChange } = props;
  const query = value.customerName;
  const results = useLiveQuery(() => searchCustomers(query), [query]);
  const selected = useLiveQuery(
    async () => (value.customerId ? ((await db.customers.get(value.customerId)) ?? null) : null),
    [value.customerId],
  );

  const text = query.trim().toLowerCase();
  const customers = results ?? [];
  const exactMatches = customers.filter((customer) => customer.name.toLowerCase() === text);
  const options: CustomerOption[] = customers.map((customer) => ({
    id: customer.id,
    textValue: customer.name,
    customer,
  }));
  // The picked customer stays in the list, so the combobox never sees its value vanish.
  if (selected && !customers.some((customer) => customer.id === selected.id)) {
    options.unshift({ id: selected.id, textValue: selected.name, customer: selected });
  }
  const offersNew = text !== '' && exactMatches.length === 0;
  const showsNewCustomer =
    !value.customerId &&
    text !== '' &&
    (value.newCustomer || (results !== undefined && customers.length === 0));
  if (offersNew) options.push({ id: NEW_CUSTOMER_KEY, textValue: query });

  const selectedKey: Key | null =
    value.customerId ?? (value.newCustomer && offersNew ? NEW_CUSTOMER_KEY : null);

  const pick = (key: Key | null) => {
    if (key === NEW_CUSTOMER_KEY) {
      onChange({ customerId: null, newCustomer: true });
      return;
    }
    const option = options.find((candidate) => candidate.id === key);
    if (option?.customer) {
      onChange({
        customerId: option.customer.id,
        customerName: option.customer.name,
        newCustomer: false,
      });
    }
  };

  const leave = () => {
    if (!value.customerId && text !== '') {
      // Typing a customer's exact name and moving on picks them; anything else is a new customer.
      const [only, ...others] = exactMatches;
      if (only && others.length === 0) pick(only.id);
      else onChange({ newCustomer: true });
    }
    props.onBlur();
  };

  return (
    <>
      <ComboBox
        className="field"
        items={options}
        inputValue={query}
        onInputChange={(next) => {
          if (next === query) return;
          onChange({
            customerName: next,
            customerId: null,
            ...(next.trim() === '' ? { newCustomer: false } : {}),
          });
        }}
        value={selectedKey}
        onChange={pick}
        onBlur={leave}
        allowsCustomValue
        isRequired
        isInvalid={props.error !== undefined}
        validationBehavior="aria"
      >
        <Label className="field-label">Customer</Label>
        <div className="combo-input">
          <Input data-field={props.field} placeholder="Search customers or type a new name" />
          <Button className="combo-button" aria-label="Show customers">
            <ChevronsUpDown size={16} aria-hidden="true" />
          </Button>
        </div>
        <Text slot="description" className="field-hint">
          {selected
            ? customerSummary(selected)
            : 'Search by name or email, or type a new customer’s name.'}
        </Text>
        <FieldError className="field-error">{props.error}</FieldError>
        <Popover className="combo-popover" placement="bottom start" offset={4}>
          <ListBox<CustomerOption> className="combo-list">
            {(option) => (
              <ListBoxItem id={option.id} textValue={option.textValue} className="combo-option">
                {option.customer ? (
                  <>
                    <span className="combo-option-title">{option.customer.name}</span>
                    <span className="combo-option-detail">{customerSummary(option.customer)}</span>
                  </>
                ) : (
                  <span className="combo-option-title">
                    <UserPlus size={14} aria-hidden="true" /> New customer “
                    {option.textValue.trim()}”
                  </span>
                )}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
      {showsNewCustomer ? props.newCustomerFields : null}
    </>
  );
}
