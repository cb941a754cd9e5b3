import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DemoLoadProgress, DemoLoadResult } from '../../db/demo/load-demo';
import { db } from '../../db/database';
import { setSyncRecording } from '../../db/outbox';
import { DemoDataCard } from './DemoDataCard';
import { DEMO_WHILE_SYNCING, DemoWhileSyncingError, useDemoLoad } from './demo-load-store';
import { LoadDemoDesk } from './LoadDemoDesk';
import { syncStore } from '../sync/sync-store';

// The worker cannot run in jsdom: the client is replaced by a controllable fake.
const fake = vi.hoisted(() => ({
  calls: [] as { ticketCount: number; replace: boolean }[],
  onProgress: undefined as ((progress: DemoLoadProgress) => void) | undefined,
  settle: undefined as ((result: DemoLoadResult | Error) => void) | undefined,
  cancel: vi.fn(),
}));

vi.mock('../../db/demo/demo-client', () => ({
  startDemoLoad: (
    options: { ticketCount: number; replace: boolean },
    onProgress: (progress: DemoLoadProgress) => void,
  ) => {
    fake.calls.push({ ticketCount: options.ticketCount, replace: options.replace });
    fake.onProgress = onProgress;
    const done = new Promise<DemoLoadResult>((resolve, reject) => {
      fake.settle = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome));
    });
    return { done, cancel: fake.cancel };
  },
}));

beforeEach(() => {
  fake.calls.length = 0;
  fake.cancel.mockClear();
  useDemoLoad.setState({ phase: 'idle', result: undefined, error: undefined });
});

afterEach(async () => {
  await setSyncRecording(db, false);
  await db.tickets.clear();
  await db.customers.clear();
  await db.outbox.clear();
  await db.syncMeta.clear();
});

describe('LoadDemoDesk', () => {
  it('offers the demo on an empty desk and shows an accessible progress bar with Cancel', async () => {
    render(<LoadDemoDesk />);
    fireEvent.click(await screen.findByRole('button', { name: 'Load demo desk' }));
    expect(fake.calls).toEqual([{ ticketCount: 5_000, replace: false }]);

    act(() => fake.onProgress!({ fraction: 0.25, label: 'Loaded 1,250 of 5,000 tickets' }));
    const progress = screen.getByRole('progressbar', {
      name: 'Loading a demo desk of 5,000 tickets',
    });
    expect(progress.getAttribute('value')).toBe('0.25');
    expect(screen.getByRole('status').textContent).toBe('Loaded 1,250 of 5,000 tickets');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.cancel).toHaveBeenCalledOnce();

    await act(async () => fake.settle!({ tickets: 1_250, events: 17_000, cancelled: true }));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText('Stopped: 1,250 tickets were loaded and kept.')).toBeTruthy();
  });

  it('shows a readable error when the load fails', async () => {
    render(<LoadDemoDesk />);
    fireEvent.click(await screen.findByRole('button', { name: 'Load demo desk' }));
    await act(async () => fake.settle!(new Error('This desk already has data.')));
    expect(screen.getByRole('alert').textContent).toBe(
      'The demo desk could not be loaded: This desk already has data.',
    );
  });

  it('is not offered once the desk has tickets', async () => {
    await db.tickets.add({
      id: 'ESC-1',
      title: 'Existing',
      description: '',
      customerId: 'C-1',
      tier: 'standard',
      channel: 'email',
      category: 'billing',
      priority: 'P3',
      status: 'open',
      level: 0,
      createdAt: 1,
      updatedAt: 1,
      escalated: false,
      breached: false,
    });
    const { container } = render(<LoadDemoDesk />);
    await waitFor(() => expect(container.textContent).toBe(''));
  });
});

describe('DemoDataCard', () => {
  it('generates the chosen size at once on an empty desk', async () => {
    render(<DemoDataCard />);
    await screen.findByText('The desk is empty.');
    fireEvent.change(screen.getByLabelText('Tickets'), { target: { value: '50000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(fake.calls).toEqual([{ ticketCount: 50_000, replace: false }]));
    expect(screen.getByRole('button', { name: 'Generate' }).hasAttribute('disabled')).toBe(true);
  });

  it('asks the desk itself at the click: a click before the count is read loads an empty desk', async () => {
    render(<DemoDataCard />);
    // No wait for "The desk is empty.": the card's live count may not be read yet.
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(fake.calls).toEqual([{ ticketCount: 5_000, replace: false }]));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks before replacing a desk that has data', async () => {
    await db.customers.add({ id: 'C-1', name: 'Existing customer', tier: 'standard' });
    render(<DemoDataCard />);
    await screen.findByText(/Generating replaces the current desk \(0 tickets\)/);
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Replace the desk?' });
    expect(fake.calls).toEqual([]);
    fireEvent.click(
      Array.from(dialog.querySelectorAll('button')).find(
        (button) => button.textContent === 'Replace with demo data',
      )!,
    );
    await waitFor(() => expect(fake.calls).toEqual([{ ticketCount: 5_000, replace: true }]));
  });
});

describe('demo data while the desk syncs with a team', () => {
  it('the first-start offer is disabled and says why', async () => {
    await setSyncRecording(db, true);
    render(<LoadDemoDesk />);
    const load = await screen.findByRole('button', { name: 'Load demo desk' });
    await waitFor(() => expect(load.hasAttribute('disabled')).toBe(true));
    expect(screen.getByText(DEMO_WHILE_SYNCING)).toBeTruthy();
    fireEvent.click(load);
    expect(fake.calls).toEqual([]);
  });

  it('Settings cannot generate or replace the desk, and says why', async () => {
    await setSyncRecording(db, true);
    await db.customers.add({ id: 'C-1', name: 'Existing customer', tier: 'standard' });
    render(<DemoDataCard />);
    await screen.findByText(DEMO_WHILE_SYNCING);
    const generate = screen.getByRole('button', { name: 'Generate' });
    expect(generate.hasAttribute('disabled')).toBe(true);
    expect(generate.getAttribute('aria-describedby')).toBe('demo-data-syncing');
    expect((screen.getByLabelText('Tickets') as HTMLSelectElement).disabled).toBe(true);
    fireEvent.click(generate);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.calls).toEqual([]);
  });

  it('refuses a replace confirmed just as sync was turned on, and writes nothing', async () => {
    await db.customers.add({ id: 'C-1', name: 'Existing customer', tier: 'standard' });
    render(<DemoDataCard />);
    await screen.findByText(/Generating replaces the current desk/);
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Replace the desk?' });
    await act(() => setSyncRecording(db, true));
    fireEvent.click(
      Array.from(dialog.querySelectorAll('button')).find(
        (button) => button.textContent === 'Replace with demo data',
      )!,
    );
    expect((await screen.findByRole('alert')).textContent).toBe(DEMO_WHILE_SYNCING);
    expect(fake.calls).toEqual([]);
    expect(await db.customers.count()).toBe(1);
    expect(await db.outbox.count()).toBe(0);
  });

  it('the load itself refuses to start, whoever calls it', async () => {
    await setSyncRecording(db, true);
    expect(() => useDemoLoad.getState().start(5_000, true)).toThrow(DemoWhileSyncingError);
    expect(() => useDemoLoad.getState().start(5_000, false)).toThrow(DEMO_WHILE_SYNCING);
    expect(useDemoLoad.getState().phase).toBe('idle');
    expect(fake.calls).toEqual([]);

    await setSyncRecording(db, false);
    useDemoLoad.getState().start(5_000, false);
    expect(fake.calls).toEqual([{ ticketCount: 5_000, replace: false }]);
  });

  it('is refused while the desk gets its rows ready to join a team, before it records', async () => {
    act(() => syncStore.setState({ progress: { done: 200, total: 5_000 } }));
    try {
      render(<LoadDemoDesk />);
      const load = await screen.findByRole('button', { name: 'Load demo desk' });
      await waitFor(() => expect(load.hasAttribute('disabled')).toBe(true));
      expect(() => useDemoLoad.getState().start(5_000, false)).toThrow(DemoWhileSyncingError);
      expect(fake.calls).toEqual([]);
    } finally {
      act(() => syncStore.setState({ progress: undefined }));
    }
  });
});
