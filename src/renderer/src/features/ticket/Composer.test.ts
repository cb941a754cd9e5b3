import { describe, expect, it } from 'vitest';
import { fillTemplate, templateBody } from './Composer';

describe('customer-update templates', () => {
  it('fills {customer} and {ticket}', () => {
    expect(
      fillTemplate('Dear {customer}, about {ticket}: fixed. Ref {ticket}.', {
        customer: 'Acme',
        ticket: 'ESC-7',
      }),
    ).toBe('Dear Acme, about ESC-7: fixed. Ref ESC-7.');
  });

  it('turns a written update back into a template that fills to the same text', () => {
    const values = { customer: 'Nordwind GmbH', ticket: 'ESC-10042' };
    const written = 'Hello Nordwind GmbH, ESC-10042 is with our network team.';
    const template = templateBody(written, values);
    expect(template).toBe('Hello {customer}, {ticket} is with our network team.');
    expect(fillTemplate(template, values)).toBe(written);
  });
});
