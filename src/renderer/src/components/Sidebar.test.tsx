import { configure, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db/database';
import { Sidebar } from './Sidebar';

configure({ asyncUtilTimeout: 5_000 });

beforeEach(async () => {
  await db.firedAlerts.clear();
});

describe('Sidebar', () => {
  it('shows how many alerts are new on the Alerts link, live', async () => {
    render(<Sidebar current="queue" />);
    const link = screen.getByRole('link', { name: 'Alerts' });
    expect(link.getAttribute('href')).toBe('#/alerts');
    expect(link.getAttribute('aria-keyshortcuts')).toBe('g a');

    await db.firedAlerts.bulkAdd([
      { key: 'ESC-1:level:1', ticketId: 'ESC-1', firedAt: 1, state: 'new' },
      { key: 'ESC-2:level:1', ticketId: 'ESC-2', firedAt: 2, state: 'new' },
      { key: 'ESC-3:level:1', ticketId: 'ESC-3', firedAt: 3, state: 'acknowledged' },
    ]);
    expect(await screen.findByRole('link', { name: 'Alerts, 2 new' })).toBe(link);
    expect(link.textContent).toBe('Alerts2');

    await db.firedAlerts.update('ESC-1:level:1', { state: 'acknowledged' });
    await waitFor(() => expect(link.getAttribute('aria-label')).toBe('Alerts, 1 new'));
    await db.firedAlerts.update('ESC-2:level:1', { state: 'acknowledged' });
    await waitFor(() => expect(link.getAttribute('aria-label')).toBeNull());
  });
});
