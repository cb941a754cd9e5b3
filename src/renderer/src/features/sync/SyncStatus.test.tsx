import { act, configure, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createSyncStore, type RejectedChange, type SyncState } from './sync-store';
import { SyncStatus } from './SyncStatus';
import { syncStatusLine } from './sync-text';

configure({ asyncUtilTimeout: 5_000 });

const AT = Date.UTC(2026, 10, 2, 10, 42);
const at = () => '10:42';

describe('syncStatusLine', () => {
  it.each<[string, Partial<SyncState>, string, string]>([
    ['sync never set up', { status: 'off' }, 'Local only', 'muted'],
    ['a sync under way', { status: 'online', syncing: true }, 'Syncing…', 'muted'],
    ['the first sync', { status: 'connecting', syncing: true }, 'Syncing…', 'muted'],
    ['starting', { status: 'connecting' }, 'Connecting…', 'muted'],
    ['synced', { status: 'online', lastSyncAt: AT }, 'Synced 10:42', 'ok'],
    [
      'offline with changes',
      { status: 'offline', pending: 12 },
      'Offline — 12 changes waiting',
      'warn',
    ],
    [
      'offline with one change',
      { status: 'offline', pending: 1 },
      'Offline — 1 change waiting',
      'warn',
    ],
    ['offline, nothing waiting', { status: 'offline' }, 'Offline', 'warn'],
    [
      'signed out with changes',
      { status: 'signed_out', pending: 3 },
      'Signed out — 3 changes waiting',
      'warn',
    ],
    ['signed out', { status: 'signed_out' }, 'Signed out of sync', 'warn'],
    [
      'refused by the server',
      { status: 'error', pending: 2 },
      'Sync problem — 2 changes waiting',
      'danger',
    ],
  ])('says %s', (_case, patch, text, tone) => {
    const state = {
      status: 'off',
      syncing: false,
      pending: 0,
      lastSyncAt: undefined,
      ...patch,
    } as const;
    expect(syncStatusLine(state, at)).toEqual({ text, tone });
  });
});

function refusal(mid: number, reason: string): RejectedChange {
  return {
    mid,
    table: 'tickets',
    id: `ESC-${mid}`,
    code: 'transition',
    reason,
    at: AT,
    serverRow: null,
  };
}

describe('SyncStatus', () => {
  it('shows the status as a live status that opens Settings', () => {
    const store = createSyncStore();
    render(<SyncStatus store={store} />);
    expect(screen.getByRole('status').textContent).toBe('Local only');
    expect(screen.getByRole('link', { name: 'Local only' }).getAttribute('href')).toBe(
      '#/settings',
    );

    act(() =>
      store.setState({
        status: 'offline',
        pending: 12,
        error: 'The sync server sync.test could not be reached.',
      }),
    );
    expect(screen.getByRole('status').textContent).toBe('Offline — 12 changes waiting');
    expect(screen.getByRole('link').getAttribute('title')).toBe(
      'The sync server sync.test could not be reached.',
    );
  });

  it('lists refused changes with their reasons in a popover, and clears the list', async () => {
    const store = createSyncStore();
    store.setState({
      status: 'online',
      lastSyncAt: Date.now(),
      rejected: [
        refusal(4, 'Ticket "ESC-4": a closed ticket cannot go back to open.'),
        refusal(9, 'Ticket "ESC-9" was set to "resolved" on another desk after your change.'),
      ],
    });
    const dismiss = vi.fn();
    render(<SyncStatus store={store} onDismissRefused={dismiss} />);
    expect(screen.getByRole('status').textContent).toMatch(/^Synced /);

    fireEvent.click(screen.getByRole('button', { name: '2 changes refused' }));
    const dialog = await screen.findByRole('dialog', { name: 'Changes the server refused' });
    expect(dialog.textContent).toContain('ticket ESC-4');
    expect(dialog.textContent).toContain('a closed ticket cannot go back to open.');
    expect(dialog.textContent).toContain('ticket ESC-9');

    fireEvent.click(screen.getByRole('button', { name: 'Clear the list' }));
    expect(dismiss).toHaveBeenCalledOnce();
  });
});
