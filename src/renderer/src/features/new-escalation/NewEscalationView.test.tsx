import { act, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../db/database';
import { loadDraft, saveDraft } from './draft';
import { emptyForm } from './form';
import { NewEscalationView } from './NewEscalationView';

// IndexedDB (fake) and the draft's debounce take longer than RTL's 1 s default on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  window.location.hash = '#/new';
});

function field(name: string): HTMLElement {
  return screen.getByRole(name === 'Customer' ? 'combobox' : 'textbox', { name });
}

function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('NewEscalationView', () => {
  it('restores a saved draft with a notice, and Discard empties the form and the draft', async () => {
    const saved = new Date(2026, 10, 3, 14, 32).getTime();
    await saveDraft(
      { ...emptyForm(), customerName: 'Half Done Ltd', title: 'Printer jams' },
      saved,
      db,
    );
    render(<NewEscalationView />);

    expect((await screen.findByText(/Draft restored from/)).textContent).toMatch(/32/);
    expect((field('Customer') as HTMLInputElement).value).toBe('Half Done Ltd');
    expect((field('Title') as HTMLInputElement).value).toBe('Printer jams');

    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(screen.queryByText(/Draft restored from/)).toBeNull();
    expect((field('Title') as HTMLInputElement).value).toBe('');
    await waitFor(async () => expect(await loadDraft(db)).toBeNull());
  });

  it('saves what is typed as the draft shortly after typing stops', async () => {
    render(<NewEscalationView />);
    fireEvent.change(await screen.findByRole('textbox', { name: 'Title' }), {
      target: { value: 'Till keeps rebooting' },
    });
    expect(await loadDraft(db)).toBeNull();
    await waitFor(async () =>
      expect((await loadDraft(db))?.form.title).toBe('Till keeps rebooting'),
    );
  });

  it('on an invalid submit lists the problems, describes each field’s error and focuses the first', async () => {
    render(<NewEscalationView />);
    await screen.findByRole('textbox', { name: 'Title' });
    fireEvent.change(field('Title'), { target: { value: 'Till keeps rebooting' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Log escalation' }));
    });

    expect(screen.getByText('Check 3 fields: Customer, Category, Description.')).toBeTruthy();
    expect(document.activeElement).toBe(field('Customer'));
    expect(field('Customer').getAttribute('aria-invalid')).toBe('true');
    expect(description(field('Customer'))).toMatch(/Pick a customer from the list/);
    expect(description(field('Description'))).toMatch(/Describe what happened/);
    expect(field('Title').getAttribute('aria-invalid')).toBeNull();
  });

  it('shows a field’s error when it is left empty, not before', async () => {
    render(<NewEscalationView />);
    const title = await screen.findByRole('textbox', { name: 'Title' });
    fireEvent.focus(title);
    expect(title.getAttribute('aria-invalid')).toBeNull();
    fireEvent.blur(title);
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(description(title)).toBe('Give the escalation a short title.');
    fireEvent.change(title, { target: { value: 'Till keeps rebooting' } });
    expect(title.getAttribute('aria-invalid')).toBeNull();
  });
});
