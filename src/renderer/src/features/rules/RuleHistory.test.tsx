import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../db/database';
import { ALL_DAY_CALENDAR } from '../../db/test-desk';
import { RuleHistory } from './RuleHistory';
import { ruleHistory, saveCalendar } from './rule-store';

configure({ asyncUtilTimeout: 5_000 });

const T0 = Date.UTC(2026, 10, 2, 9, 0);

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  await db.people.put({ id: 'u-ana', name: 'Ana Ortiz', role: 'manager' });
  await db.settings.put({ key: 'currentUserId', value: 'u-ana' });
  await db.calendars.put({ id: 'cal', name: 'Office', calendar: ALL_DAY_CALENDAR, updatedAt: T0 });
  const saved = await saveCalendar(
    { id: 'cal', name: 'Office', calendar: { ...ALL_DAY_CALENDAR, timeZone: 'Europe/Paris' } },
    { now: T0 + 60_000, note: 'Paris office' },
  );
  await saved.refreshed;
});

describe('RuleHistory', () => {
  it('lists versions with who and when, and shows what changed between them', async () => {
    render(<RuleHistory kind="calendar" subject="cal" />);
    const table = await screen.findByRole('table', { name: /saved versions of the calendar/i });
    await within(table).findByText('Ana Ortiz');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^2Current.*Ana Ortiz.*Paris office/),
      expect.stringMatching(/^1.*Found in place.*As found before history was kept/),
    ]);
    const diff = screen.getByRole('table', { name: /changes from version 1 to version 2/i });
    expect(within(diff).getByRole('row', { name: /time zone/ }).textContent).toBe(
      'Changedtime zoneUTCEurope/Paris',
    );
  });

  it('rolls back to an older version as a new version, after confirming', async () => {
    render(<RuleHistory kind="calendar" subject="cal" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Roll back to version 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Roll back to version 1?' });
    expect(dialog.textContent).toMatch(/saved as version 3/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    await waitFor(async () =>
      expect((await ruleHistory('calendar', 'cal'))[0]).toMatchObject({
        version: 3,
        note: 'Rolled back to version 1',
      }),
    );
    expect((await db.calendars.get('cal'))?.calendar.timeZone).toBe('UTC');
    expect(await screen.findByRole('row', { name: /^3 Current/ })).toBeTruthy();
  });

  it('says how history starts when nothing was saved yet', async () => {
    render(<RuleHistory kind="matrix" subject="active" />);
    expect(await screen.findByText(/No saved versions yet/)).toBeTruthy();
  });
});
