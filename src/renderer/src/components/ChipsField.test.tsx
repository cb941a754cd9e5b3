import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ChipsField } from './ChipsField';

function Field(props: { itemName?: string; hint?: string }) {
  const [values, setValues] = useState<string[]>(['gold']);
  return (
    <ChipsField
      label="Customer tiers"
      values={values}
      onChange={setValues}
      suggestions={['gold', 'enterprise']}
      placeholder="Any tier"
      {...props}
    />
  );
}

const chosen = () => screen.queryAllByRole('listitem').map((item) => item.textContent);

describe('ChipsField', () => {
  it('adds on Enter and pasted commas, removes with Backspace and the remove buttons', () => {
    render(<Field />);
    const input = screen.getByRole('combobox', { name: 'Customer tiers' });
    fireEvent.change(input, { target: { value: 'enterprise' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.change(input, { target: { value: 'smb, gold, startup' } });
    expect(chosen()).toEqual(['gold', 'enterprise', 'smb', 'startup']);
    expect(input).toHaveProperty('value', '');

    fireEvent.keyDown(input, { key: 'Backspace' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove gold from customer tiers' }));
    expect(chosen()).toEqual(['enterprise', 'smb']);
    expect(screen.getByRole('list', { name: 'Customer tiers: chosen' })).toBeTruthy();
  });

  it('names remove buttons by item and shows a visible hint when asked', () => {
    render(<Field itemName="tier" hint="Any of these." />);
    expect(screen.getByRole('button', { name: 'Remove tier gold' })).toBeTruthy();
    const input = screen.getByRole('combobox', { name: 'Customer tiers' });
    const hint = document.getElementById(input.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(hint?.textContent).toMatch(/^Any of these\. Press Enter or type a comma to add/);
  });
});
