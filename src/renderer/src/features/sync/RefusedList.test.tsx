import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RefusedList } from './RefusedList';
import type { RejectedChange } from './sync-store';

const refusal = (patch: Partial<RejectedChange>): RejectedChange => ({
  mid: 1,
  table: 'policies',
  id: 'vip',
  code: 'forbidden',
  reason: 'Only managers and admins can change SLA policies; you are signed in as agent.',
  at: 0,
  serverRow: null,
  ...patch,
});

describe('RefusedList', () => {
  it('says which refused rows the desk kept, and what a kept rule still does', () => {
    render(
      <RefusedList
        rejected={[
          refusal({ mid: 1, table: 'policies', id: 'vip', kept: true }),
          refusal({ mid: 2, table: 'customers', id: 'c-9', code: 'invalid', kept: true }),
          refusal({ mid: 3, table: 'matrices', id: 'active', serverRow: null }),
        ]}
      />,
    );
    const items = screen.getAllByRole('listitem');
    // Newest first.
    expect(items.map((item) => item.querySelector('strong')?.textContent)).toEqual([
      expect.stringContaining('active'),
      expect.stringContaining('c-9'),
      expect.stringContaining('vip'),
    ]);
    expect(within(items[0]!).queryByText(/Kept on this desk only/)).toBeNull();
    expect(within(items[1]!).getByText(/^Kept on this desk only/).textContent).toContain(
      'the team’s other desks don’t have this version',
    );
    expect(within(items[2]!).getByText(/^Kept on this desk only/).textContent).toContain(
      'its SLA clocks and escalations still use it',
    );
  });
});
