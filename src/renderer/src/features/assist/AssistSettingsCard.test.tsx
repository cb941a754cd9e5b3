import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../db/database';
import { onDeskChanged } from '../../db/desk-changes';
import { readSetting, writeSetting } from '../../db/settings';
import { AssistSettingsCard } from './AssistSettingsCard';

configure({ asyncUtilTimeout: 5_000 });

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
});

function checkbox(name: string): HTMLInputElement {
  return screen.getByRole('checkbox', { name }) as HTMLInputElement;
}

describe('AssistSettingsCard', () => {
  it('shows every assist feature on by default, each with what it does', async () => {
    render(<AssistSettingsCard />);
    await screen.findByRole('checkbox', { name: 'Customer sentiment' });
    for (const name of [
      'Customer sentiment',
      'Escalation risk',
      'Routing suggestions',
      'Similar escalations',
    ]) {
      expect(checkbox(name).checked).toBe(true);
      expect(checkbox(name).getAttribute('aria-describedby')).toBeTruthy();
    }
    expect(
      screen.getByText('Everything is computed on this computer; no customer text leaves it.'),
    ).toBeTruthy();
  });

  it('stores each switch as it is toggled', async () => {
    render(<AssistSettingsCard />);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Routing suggestions' }));
    expect(checkbox('Routing suggestions').checked).toBe(false);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved.'));
    expect(await readSetting('assist', db)).toEqual({
      sentiment: true,
      risk: true,
      routing: false,
      similar: true,
    });
    fireEvent.click(checkbox('Similar escalations'));
    fireEvent.click(checkbox('Customer sentiment'));
    await waitFor(async () =>
      expect(await readSetting('assist', db)).toEqual({
        sentiment: false,
        risk: true,
        routing: false,
        similar: false,
      }),
    );
  });

  it('shows what is stored; switching risk on or off re-derives the desk, routing does not', async () => {
    await writeSetting('assist', { sentiment: true, risk: false, routing: true, similar: true });
    const changed = vi.fn();
    const stop = onDeskChanged(changed);
    render(<AssistSettingsCard />);
    await waitFor(() => expect(checkbox('Escalation risk').checked).toBe(false));
    fireEvent.click(checkbox('Escalation risk'));
    await waitFor(() => expect(changed).toHaveBeenCalledExactlyOnceWith('all'));
    expect((await readSetting('assist', db)).risk).toBe(true);
    fireEvent.click(checkbox('Escalation risk'));
    await waitFor(() => expect(changed).toHaveBeenCalledTimes(2));
    fireEvent.click(checkbox('Routing suggestions'));
    await waitFor(async () => expect((await readSetting('assist', db)).routing).toBe(false));
    expect(changed).toHaveBeenCalledTimes(2);
    stop();
  });
});
