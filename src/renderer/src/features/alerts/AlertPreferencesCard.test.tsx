import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../db/database';
import { readSetting } from '../../db/settings';
import { AlertPreferencesCard } from './AlertPreferencesCard';

configure({ asyncUtilTimeout: 5_000 });

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  await db.teams.bulkAdd([
    { id: 'T-1', name: 'Tier 1 Support', skills: [] },
    { id: 'T-2', name: 'Tier 2 Support', skills: [] },
  ]);
});

function checked(name: string | RegExp, role: 'radio' | 'checkbox' | 'switch'): boolean {
  return (screen.getByRole(role, { name }) as HTMLInputElement).checked;
}

async function status(text: string) {
  await waitFor(() => expect(screen.getByRole('status').textContent).toBe(text));
}

describe('AlertPreferencesCard', () => {
  it('shows the defaults: all teams, no quiet hours, no sound', async () => {
    render(<AlertPreferencesCard />);
    await screen.findByRole('radiogroup', { name: 'Teams I follow' });
    expect(checked('All teams', 'radio')).toBe(true);
    expect(screen.getByText(/Tickets with no team always notify/)).toBeTruthy();
    expect(checked('Quiet hours', 'switch')).toBe(false);
    expect(checked('Play a sound on breach', 'switch')).toBe(false);
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('22:00');
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('07:00');
    expect(screen.queryByRole('group', { name: 'Teams to follow' })).toBeNull();
  });

  it('follows only the chosen teams, and will not store an empty choice', async () => {
    render(<AlertPreferencesCard />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Only the teams I choose' }));
    expect(screen.getByRole('group', { name: 'Teams to follow' })).toBeTruthy();
    expect(screen.getByText('Choose at least one team, or follow all teams.')).toBeTruthy();
    await status('Not saved: correct the marked field.');
    expect((await readSetting('alertPreferences', db)).followedTeamIds).toEqual([]);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Tier 2 Support' }));
    await status('Saved.');
    expect((await readSetting('alertPreferences', db)).followedTeamIds).toEqual(['T-2']);

    fireEvent.click(screen.getByRole('radio', { name: 'All teams' }));
    await waitFor(async () =>
      expect((await readSetting('alertPreferences', db)).followedTeamIds).toEqual([]),
    );
  });

  it('stores quiet hours over midnight and the sound on breach', async () => {
    render(<AlertPreferencesCard />);
    fireEvent.click(await screen.findByRole('switch', { name: 'Quiet hours' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '21:30' } });
    const clock = new Intl.DateTimeFormat(undefined, {
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'UTC',
    });
    expect(screen.getByText(/^Runs over midnight/).textContent).toBe(
      `Runs over midnight: from ${clock.format(Date.UTC(2000, 0, 1, 21, 30))} until ${clock.format(Date.UTC(2000, 0, 1, 7))} the next morning.`,
    );
    fireEvent.click(screen.getByRole('switch', { name: 'Play a sound on breach' }));
    await status('Saved.');
    await waitFor(async () =>
      expect(await readSetting('alertPreferences', db)).toEqual({
        followedTeamIds: [],
        quietHours: { enabled: true, from: '21:30', to: '07:00' },
        soundOnBreach: true,
      }),
    );
  });

  it('rejects a missing or equal time with a message and keeps the stored value', async () => {
    render(<AlertPreferencesCard />);
    fireEvent.click(await screen.findByRole('switch', { name: 'Quiet hours' }));
    await status('Saved.');

    const from = screen.getByLabelText('From');
    fireEvent.change(from, { target: { value: '' } });
    expect(from.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById(from.getAttribute('aria-describedby')!);
    expect(message?.textContent).toBe('Enter a time, for example 22:00.');
    await status('Not saved: correct the marked field.');

    fireEvent.change(from, { target: { value: '07:00' } });
    expect(screen.getByText(/end time different from the start time/)).toBeTruthy();
    expect((await readSetting('alertPreferences', db)).quietHours).toEqual({
      enabled: true,
      from: '22:00',
      to: '07:00',
    });

    fireEvent.change(from, { target: { value: '23:00' } });
    expect(from.getAttribute('aria-invalid')).toBeNull();
    await status('Saved.');
    expect((await readSetting('alertPreferences', db)).quietHours.from).toBe('23:00');
  });
});
