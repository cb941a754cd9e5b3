import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../../db/database';
import { ImportDialog } from './ImportDialog';

const CSV =
  'id,title,customer,priority,created\n' +
  'D-1,Card declined,Acme,P1,2025-06-01 09:00\n' +
  'D-2,Late refund,Acme,soon,2025-06-01 10:00\n';

afterEach(async () => {
  await Promise.all([
    db.tickets.clear(),
    db.events.clear(),
    db.customers.clear(),
    db.ticketSla.clear(),
  ]);
});

async function chooseAndCheck() {
  render(<ImportDialog />);
  fireEvent.click(screen.getByRole('button', { name: 'Import tickets…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Import tickets' });
  fireEvent.change(within(dialog).getByLabelText('File to import (.csv or .json)'), {
    target: { files: [new File([CSV], 'desk.csv', { type: 'text/csv' })] },
  });
  fireEvent.click(await within(dialog).findByRole('button', { name: 'Check 2 rows' }));
  await within(dialog).findByText('1 valid row, 1 row with problems');
  return dialog;
}

describe('ImportDialog', () => {
  it('lists the bad rows and writes nothing on Cancel', async () => {
    const dialog = await chooseAndCheck();
    const problems = within(dialog).getByRole('table', { name: 'Problems (1 problem)' });
    expect(
      within(problems)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual([
      'RowColumnProblem',
      '3priority“soon” is not a priority (use P1–P4 or urgent/high/normal/low).',
    ]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await db.tickets.count()).toBe(0);
    expect(await db.customers.count()).toBe(0);
  });

  it('imports the valid rows and says what it added', async () => {
    const dialog = await chooseAndCheck();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import 1 valid row' }));
    expect((await within(dialog).findByText('Import finished.')).parentElement?.textContent).toBe(
      'Import finished. Added 1 ticket, 1 event and 1 new customer.',
    );
    expect(await db.tickets.get('D-1')).toMatchObject({ title: 'Card declined', priority: 'P1' });
    expect(await db.ticketSla.get('D-1')).toEqual({ ticketId: 'D-1', state: 'none', open: 1 });
  });
});
