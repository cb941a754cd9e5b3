import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '@core/index';
import { db, type FiredAlertRow } from '../../db/database';
import { AlertCentreView } from './AlertCentreView';

// IndexedDB (fake) takes longer than RTL's 1 s default on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

const NOW = Date.now();
const MINUTE = 60_000;

function ticket(id: string, title: string): Ticket {
  return {
    id,
    title,
    description: '',
    customerId: 'C-1',
    tier: 'enterprise',
    channel: 'email',
    category: 'billing',
    priority: 'P2',
    status: 'open',
    level: 1,
    createdAt: NOW - 600 * MINUTE,
    updatedAt: NOW - 600 * MINUTE,
    escalated: true,
    breached: false,
  };
}

const ALERTS: FiredAlertRow[] = [
  {
    key: 'ESC-1:resolution.0:breach',
    ticketId: 'ESC-1',
    firedAt: NOW - 5 * MINUTE,
    state: 'new',
    kind: 'sla_breach',
    target: 'resolution',
    at: NOW - 120 * MINUTE,
    late: true,
  },
  {
    key: 'ESC-2:first_response.0:warn:75',
    ticketId: 'ESC-2',
    firedAt: NOW - 30 * MINUTE,
    state: 'new',
    kind: 'sla_warning',
    target: 'first_response',
    percent: 75,
    late: false,
  },
  // Written by the demo generator: only key, ticket, time and state.
  { key: 'ESC-1:level:2', ticketId: 'ESC-1', firedAt: NOW - 300 * MINUTE, state: 'acknowledged' },
  {
    key: 'ESC-3:level:3:repeat:1',
    ticketId: 'ESC-3',
    firedAt: NOW - 400 * MINUTE,
    state: 'resolved',
    resolvedAt: NOW - 60 * MINUTE,
  },
];

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  await db.customers.add({ id: 'C-1', name: 'Acme Retail', tier: 'enterprise' });
  await db.tickets.bulkAdd([
    ticket('ESC-1', 'Till keeps rebooting'),
    ticket('ESC-2', 'Card payments declined'),
    ticket('ESC-3', 'Refund missing'),
  ]);
  await db.people.add({ id: 'P-7', name: 'Dana Smith', role: 'supervisor' });
  await db.settings.put({ key: 'currentUserId', value: 'P-7' });
  await db.firedAlerts.bulkAdd(ALERTS);
});

function rows(): HTMLElement[] {
  return within(screen.getByRole('table')).getAllByRole('row').slice(1);
}

async function showFilter(name: RegExp) {
  fireEvent.click(await screen.findByRole('radio', { name }));
}

describe('AlertCentreView', () => {
  it('lists new alerts newest first, described, with links to their tickets', async () => {
    render(<AlertCentreView />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.getByRole('radio', { name: 'New, 2' })).toHaveProperty('checked', true);

    const [breach, warning] = rows();
    expect(breach!.textContent).toContain('Resolution breached');
    expect(breach!.textContent).toContain('Late: came due while the desk was closed');
    expect(breach!.textContent).toContain('Till keeps rebooting');
    expect(breach!.textContent).toContain('Acme Retail');
    expect(within(breach!).getByRole('link', { name: 'ESC-1' }).getAttribute('href')).toBe(
      '#/ticket/ESC-1',
    );
    expect(within(breach!).getByText('5 min ago').getAttribute('title')).toBeTruthy();
    expect(warning!.textContent).toContain('75% of first response time used');
    expect(warning!.textContent).not.toContain('Late');
  });

  it('filters by state, describing rows that carry only their key', async () => {
    render(<AlertCentreView />);
    await waitFor(() => expect(rows()).toHaveLength(2));

    await showFilter(/Acknowledged, 1/);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain('Escalated to L2');
    expect(within(rows()[0]!).queryByRole('button')).toBeNull();

    await showFilter(/Resolved, 1/);
    await waitFor(() =>
      expect(rows()[0]!.textContent).toContain('Reminder 1: L3 not acknowledged'),
    );
    expect(rows()[0]!.textContent).toContain('Ticket resolved, 1 h ago');

    await showFilter(/All, 4/);
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(rows().map((row) => within(row).getByRole('link').textContent)).toEqual([
      'ESC-1',
      'ESC-2',
      'ESC-1',
      'ESC-3',
    ]);
  });

  it('Acknowledge moves an alert from New to Acknowledged and records who and when', async () => {
    render(<AlertCentreView />);
    const button = await screen.findByRole('button', {
      name: 'Acknowledge ESC-2: 75% of first response time used',
    });
    fireEvent.click(button);

    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByRole('status').textContent).toBe(
      'Acknowledged ESC-2: 75% of first response time used.',
    );
    // Focus moves on to the next alert still to acknowledge.
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Acknowledge ESC-1: Resolution breached' }),
      ),
    );
    const stored = await db.firedAlerts.get('ESC-2:first_response.0:warn:75');
    expect(stored).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'P-7' });
    expect(stored!.acknowledgedAt).toBeGreaterThanOrEqual(NOW);

    await showFilter(/Acknowledged, 2/);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]!.textContent).toContain('Acknowledged by Dana Smith, just now');
  });

  it('acknowledges all new alerts at once and then says there are none', async () => {
    render(<AlertCentreView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Acknowledge all new (2)' }));
    expect(await screen.findByRole('heading', { name: 'No new alerts' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Acknowledged 2 alerts.');
    expect(screen.queryByRole('button', { name: /Acknowledge all new/ })).toBeNull();
    expect(await db.firedAlerts.where('state').equals('new').count()).toBe(0);
  });

  it('has an empty state for each filter', async () => {
    await db.firedAlerts.clear();
    render(<AlertCentreView />);
    expect(await screen.findByRole('heading', { name: 'No new alerts' })).toBeTruthy();
    await showFilter(/Resolved, 0/);
    expect(await screen.findByRole('heading', { name: 'No resolved alerts' })).toBeTruthy();
    await showFilter(/All, 0/);
    expect(await screen.findByRole('heading', { name: 'No alerts yet' })).toBeTruthy();
  });

  it('on a large desk lists only the most recent alerts of a state', async () => {
    const many: FiredAlertRow[] = Array.from({ length: 2_100 }, (_, index) => ({
      key: `ESC-1:level:1:repeat:${index + 1}`,
      ticketId: 'ESC-1',
      firedAt: NOW - (index + 1000) * MINUTE,
      state: 'acknowledged',
    }));
    await db.firedAlerts.bulkAdd(many);
    render(<AlertCentreView />);
    await showFilter(/Acknowledged, 2,101/);
    await waitFor(() => expect(rows()).toHaveLength(200));
    expect(rows()[0]!.textContent).toContain('Escalated to L2');
    expect(rows()[1]!.textContent).toContain('Reminder 1: L1 not acknowledged');
    expect(screen.getByText('Showing the 200 most recent of 2,101.')).toBeTruthy();
  });
});
