import { describe, expect, it } from 'vitest';
import {
  emptyForm,
  firstInvalidField,
  formFromDraft,
  isBlankForm,
  isNewCustomer,
  validateEscalation,
  type EscalationForm,
} from './form';

const complete: EscalationForm = {
  ...emptyForm(),
  customerName: 'Marta Jensen',
  customerId: 'cust-1',
  category: 'refunds',
  title: 'Refund refused for a faulty blender',
  description: 'Motor died after three weeks.',
};

describe('validateEscalation', () => {
  it('accepts a complete form for an existing customer', () => {
    expect(validateEscalation(complete)).toEqual({});
  });

  it('asks for everything a blank form is missing, in form order', () => {
    const errors = validateEscalation(emptyForm());
    expect(Object.keys(errors)).toEqual(['customerName', 'category', 'title', 'description']);
    expect(errors.customerName).toMatch(/Pick a customer/);
    expect(firstInvalidField(errors)).toBe('customerName');
  });

  it.each<[string, Partial<EscalationForm>, string, RegExp]>([
    ['a title of spaces', { title: '   ' }, 'title', /short title/],
    ['a description of newlines', { description: '\n\n' }, 'description', /Describe/],
    ['a category too long', { category: 'c'.repeat(61) }, 'category', /under 60/],
    ['a title too long', { title: 't'.repeat(121) }, 'title', /under 120/],
    [
      'a new customer with a bad email',
      newCustomer({ newCustomerEmail: 'a@' }),
      'newCustomerEmail',
      /email address/,
    ],
    [
      'a new customer with letters as phone',
      newCustomer({ newCustomerPhone: 'call me' }),
      'newCustomerPhone',
      /phone number/,
    ],
    [
      'a new customer with a too short phone',
      newCustomer({ newCustomerPhone: '+1 2' }),
      'newCustomerPhone',
      /phone number/,
    ],
    [
      'a new customer with an unknown tier',
      newCustomer({ newCustomerTier: 'gold' as never }),
      'newCustomerTier',
      /tier/,
    ],
  ])('rejects %s', (_case, patch, field, message) => {
    const errors = validateEscalation({ ...complete, ...patch });
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field as keyof typeof errors]).toMatch(message);
  });

  it('accepts a new customer with an empty or valid email and phone', () => {
    expect(validateEscalation({ ...complete, ...newCustomer({}) })).toEqual({});
    expect(
      validateEscalation({
        ...complete,
        ...newCustomer({ newCustomerEmail: ' m@shop.dk ', newCustomerPhone: '+45 (20) 30-40.50' }),
      }),
    ).toEqual({});
  });

  it('ignores leftover new-customer fields once an existing customer is picked', () => {
    expect(validateEscalation({ ...complete, newCustomerEmail: 'not an email' })).toEqual({});
  });
});

function newCustomer(patch: Partial<EscalationForm>): Partial<EscalationForm> {
  return { customerId: null, newCustomer: true, ...patch };
}

describe('form helpers', () => {
  it('counts a form as blank until something is typed or a customer picked', () => {
    expect(isBlankForm(emptyForm('phone'))).toBe(true);
    expect(isBlankForm({ ...emptyForm(), priority: 'P1' })).toBe(true);
    expect(isBlankForm({ ...emptyForm(), title: 'x' })).toBe(false);
    expect(isBlankForm({ ...emptyForm(), customerId: 'cust-1' })).toBe(false);
  });

  it('treats a typed name that is not a picked customer as a new customer', () => {
    expect(isNewCustomer({ ...emptyForm(), customerName: 'Ann' })).toBe(true);
    expect(isNewCustomer({ ...emptyForm(), customerName: 'Ann', customerId: 'c' })).toBe(false);
    expect(isNewCustomer({ ...emptyForm(), customerName: '  ' })).toBe(false);
  });

  it('restores what it can from a stored draft and refuses what is not a draft', () => {
    expect(formFromDraft(complete)).toEqual(complete);
    expect(formFromDraft({ ...complete, channel: 'fax', priority: 'P9', title: 7 })).toEqual({
      ...complete,
      channel: 'store',
      priority: 'P3',
      title: '',
    });
    expect(formFromDraft({ title: 'Only a title' })).toEqual({
      ...emptyForm(),
      title: 'Only a title',
    });
    // The chosen team is kept; a draft from before the Team field has none.
    expect(formFromDraft({ ...complete, teamId: 'team-net' })?.teamId).toBe('team-net');
    expect(formFromDraft({ ...complete, teamId: undefined })?.teamId).toBeNull();
    expect(formFromDraft('garbage')).toBeNull();
    expect(formFromDraft(null)).toBeNull();
  });
});
