import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCalendars, demoPolicies } from '@core/demo';
import { DeskDatabase } from '../../db/database';
import { readClientState } from '../../db/outbox';
import { useDemoLoad } from '../demo/demo-load-store';
import { SyncEngine } from './sync-engine';
import { SyncSettingsCard } from './SyncSettingsCard';
import { TestSyncServer } from './test-sync-server';

configure({ asyncUtilTimeout: 5_000 });

let server: TestSyncServer;
let database: DeskDatabase;
let engine: SyncEngine;

beforeEach(async () => {
  server = new TestSyncServer();
  const now = Date.now();
  server.now = () => now;
  database = new DeskDatabase(`sync-card-${Math.random()}`);
  engine = new SyncEngine({
    db: database,
    fetch: server.fetch,
    now: () => now,
    autoSync: false,
    onApplied: () => undefined,
  });
  await engine.start();
});

afterEach(async () => {
  engine.stop();
  database.close();
  await Dexie.delete(database.name);
});

function fill(label: string, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function signIn(password = server.password): void {
  fill('Server address', server.origin);
  fill('Email', server.user.email);
  fill('Password', password);
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SyncSettingsCard', () => {
  it('is off by default and says the desk works fully without it', () => {
    render(<SyncSettingsCard engine={engine} />);
    expect(screen.getByRole('heading', { name: 'Team sync' })).toBeTruthy();
    expect(screen.getByText(/the desk works fully on this computer without it/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it.each([
    ['http://sync.example.com', /http:\/\/ is allowed only for localhost/],
    ['sync.example.com', /Write the address in full/],
    ['', /Enter the address/],
  ])('explains what is wrong with the address %j before asking the server', (address, message) => {
    render(<SyncSettingsCard engine={engine} />);
    fill('Server address', address);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const field = screen.getByLabelText('Server address');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(field.getAttribute('aria-describedby') ?? '');
    expect(error?.textContent).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['Email', '', 'secret', 'Enter your email address.'],
    [
      'Email',
      `${'a'.repeat(250)}@example.com`,
      'secret',
      'An email address has at most 254 characters.',
    ],
    ['Password', 'agent@example.com', '', 'Enter your password.'],
    ['Password', 'agent@example.com', 'p'.repeat(1025), 'A password has at most 1,024 characters.'],
  ])(
    'names what is wrong with the %s field before asking the server (%#)',
    (label, email, password, message) => {
      render(<SyncSettingsCard engine={engine} />);
      fill('Server address', server.origin);
      fill('Email', email);
      fill('Password', password);
      fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
      const field = screen.getByLabelText(label);
      expect(field.getAttribute('aria-invalid')).toBe('true');
      const error = document.getElementById(field.getAttribute('aria-describedby') ?? '');
      expect(error?.textContent).toBe(message);
      expect(server.requests).toHaveLength(0);
    },
  );

  it('shows the server’s own sentence when signing in fails', async () => {
    render(<SyncSettingsCard engine={engine} />);
    signIn('not the password');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
  });

  it('signs in, starts syncing a chosen space, and signs out after asking about unsent changes', async () => {
    await database.tickets.add({
      id: 'ESC-1',
      title: 'Card terminal offline',
      description: '',
      customerId: 'c-1',
      tier: 'business',
      channel: 'phone',
      category: 'payments',
      priority: 'P2',
      status: 'open',
      level: 0,
      createdAt: 1,
      updatedAt: 1,
      escalated: false,
      breached: false,
    });
    render(<SyncSettingsCard engine={engine} />);
    signIn();

    const space = (await screen.findByLabelText('Space')) as HTMLSelectElement;
    expect([...space.options].map((option) => option.text)).toEqual(['North desk', 'South desk']);
    fireEvent.change(space, { target: { value: 'south' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start syncing' }));

    await screen.findByRole('button', { name: 'Sync now' });
    expect(screen.getByText('South desk')).toBeTruthy();
    expect(screen.getByText('Dana Reyes (dana@example.com), manager')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('1 change')).toBeTruthy());

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(
      within(dialog).getByText(/1 change made on this computer has not reached South desk/),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByLabelText(/Discard unsent changes/));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Discard and sign out' }));

    await screen.findByRole('button', { name: 'Sign in' });
    expect(await database.outbox.count()).toBe(0);
    expect(await database.tickets.count()).toBe(1);
    expect(engine.store.getState().status).toBe('off');
  });

  it('lists the rules of this desk only, and drops them after asking', async () => {
    const [teamCalendar, storeCalendar] = demoCalendars();
    const [storePolicy, teamPolicy] = demoPolicies();
    server.user = { ...server.user, role: 'agent' };
    server.seed('calendars', teamCalendar!.id, { ...teamCalendar!, updatedAt: 1 });
    server.seed('policies', teamPolicy!.id, {
      id: teamPolicy!.id,
      order: 0,
      policy: teamPolicy!,
      updatedAt: 1,
    });
    await database.calendars.put({ ...storeCalendar!, name: 'Store hours', updatedAt: 1 });
    await database.policies.put({
      id: storePolicy!.id,
      order: 0,
      policy: { ...storePolicy!, name: 'Store SLA' },
      updatedAt: 1,
    });
    render(<SyncSettingsCard engine={engine} />);
    signIn();
    fireEvent.change(await screen.findByLabelText('Space'), { target: { value: 'north' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start syncing' }));

    // Before the team's rules have come down, the desk cannot do without its own.
    const group = await screen.findByRole('group', { name: 'Rules of this desk only' });
    await waitFor(() => expect(group.textContent).toContain('The team’s rules have not come down'));
    expect(within(group).queryByRole('button')).toBeNull();

    await act(() => engine.syncNow());
    fireEvent.click(
      await within(group).findByRole('button', { name: 'Use the team’s rules only' }),
    );
    expect(group.textContent).toContain('also use policy “Store SLA” and calendar “Store hours”');
    const dialog = await screen.findByRole('alertdialog', { name: 'Use the team’s rules only?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove this desk’s rules' }));

    expect((await within(group).findByRole('status')).textContent).toBe(
      'Removed policy “Store SLA” and calendar “Store hours”. This desk now uses the team’s rules only.',
    );
    await waitFor(() =>
      expect(within(group).queryByRole('button', { name: 'Use the team’s rules only' })).toBeNull(),
    );
    expect((await database.policies.toArray()).map((row) => row.id)).toEqual([teamPolicy!.id]);
  });

  it('waits for a demo load to end before it starts syncing, and says why', async () => {
    useDemoLoad.setState({ phase: 'running' });
    try {
      render(<SyncSettingsCard engine={engine} />);
      signIn();
      const start = await screen.findByRole('button', { name: 'Start syncing' });
      expect(start.hasAttribute('disabled')).toBe(true);
      const why = document.getElementById(start.getAttribute('aria-describedby') ?? '');
      expect(why?.textContent).toMatch(/^A demo desk is loading into this desk/);
      fireEvent.click(start);
      expect(await readClientState(database)).toBeUndefined();

      act(() => useDemoLoad.setState({ phase: 'done' }));
      expect(start.hasAttribute('disabled')).toBe(false);
      expect(start.getAttribute('aria-describedby')).toBeNull();
    } finally {
      useDemoLoad.setState({ phase: 'idle' });
    }
  });

  it('offers to sign in again, or to discard, when signed out with changes waiting', async () => {
    await engine.signIn(server.origin, server.user.email, server.password);
    await engine.joinSpace('north');
    await database.customers.add({ id: 'c-9', name: 'Acme', tier: 'business' });
    await engine.signOut();
    render(<SyncSettingsCard engine={engine} />);
    expect(screen.getByText('Signed out of North desk.')).toBeTruthy();
    expect(screen.getByText(/1 change made on this computer is waiting/)).toBeTruthy();
    expect((screen.getByLabelText('Server address') as HTMLInputElement).value).toBe(server.origin);

    signIn();
    await screen.findByRole('button', { name: 'Sync now' });
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(screen.getByText('Nothing')).toBeTruthy());
    expect(server.data('customers', 'c-9')).toBeDefined();
    // The sync has ended (its button is back) before the test does.
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Sync now' }) as HTMLButtonElement).disabled).toBe(
        false,
      ),
    );
  });
});
