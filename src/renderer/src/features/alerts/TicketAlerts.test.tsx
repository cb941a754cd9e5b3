import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { db, type FiredAlertRow } from '../../db/database';
import { TicketAlerts } from './TicketAlerts';

// IndexedDB (fake) takes longer than RTL's 1 s default on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

const NOW = Date.now();
const MINUTE = 60_000;

const ALERTS: FiredAlertRow[] = [
  {
    key: 'ESC-1:first_response:warn:75',
    ticketId: 'ESC-1',
    firedAt: NOW - 40 * MINUTE,
    state: 'new',
    kind: 'sla_warning',
    target: 'first_response',
    percent: 75,
  },
  {
    key: 'ESC-1:first_response:breach',
    ticketId: 'ESC-1',
    firedAt: NOW - 10 * MINUTE,
    state: 'new',
    kind: 'sla_breach',
    target: 'first_response',
    late: true,
  },
  // Written by the demo generator: only key, ticket, time and state.
  { key: 'ESC-1:level:1', ticketId: 'ESC-1', firedAt: NOW - 90 * MINUTE, state: 'acknowledged' },
  { key: 'ESC-2:resolution:breach', ticketId: 'ESC-2', firedAt: NOW, state: 'new' },
];

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  await db.firedAlerts.bulkAdd(ALERTS);
});

const items = () =>
  within(screen.getByRole('region', { name: 'Alerts' }))
    .getAllByRole('listitem')
    .map((item) => item.textContent);

describe('TicketAlerts', () => {
  it('lists the ticket’s own alerts, newest first, with their state', async () => {
    render(<TicketAlerts ticketId="ESC-1" now={NOW} />);
    await waitFor(() => expect(items()).toHaveLength(3));
    expect(items()[0]).toMatch(/First response breached.*New.*came due while the desk was closed/);
    expect(items()[1]).toMatch(/75% of first response time used.*New/);
    expect(items()[2]).toMatch(/Escalated to L1.*Acknowledged/);
  });

  it('acknowledges alerts one by one; “Acknowledge all” shows only while several are new', async () => {
    render(<TicketAlerts ticketId="ESC-1" now={NOW} />);
    expect(await screen.findByRole('button', { name: 'Acknowledge all (2)' })).toBeTruthy();
    fireEvent.click(
      await screen.findByRole('button', { name: 'Acknowledge: First response breached' }),
    );
    await waitFor(async () =>
      expect((await db.firedAlerts.get('ESC-1:first_response:breach'))?.state).toBe('acknowledged'),
    );
    expect(screen.queryByRole('button', { name: /Acknowledge all/ })).toBeNull();
    fireEvent.click(
      screen.getByRole('button', { name: 'Acknowledge: 75% of first response time used' }),
    );
    await waitFor(() => expect(screen.queryAllByRole('button')).toHaveLength(0));
    expect((await db.firedAlerts.get('ESC-2:resolution:breach'))?.state).toBe('new');
  });

  it('shows nothing for a ticket without alerts', async () => {
    const { container } = render(<TicketAlerts ticketId="ESC-9" now={NOW} />);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(container.innerHTML).toBe('');
  });
});
