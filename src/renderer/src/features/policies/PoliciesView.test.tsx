import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { demoCalendars, demoPolicies } from '@core/demo';
import { HolidayPackSchema, mergeHolidays } from '@core/index';
import germany from '../../../../../resources/holidays/de.json';
import { db } from '../../db/database';
import { packHolidays } from './calendar-draft';
import { resetPolicyEditor } from './editor-state';
import { PoliciesView } from './PoliciesView';

// IndexedDB (fake) takes longer than RTL's 1 s default on a busy machine.
configure({ asyncUtilTimeout: 5_000 });
vi.setConfig({ testTimeout: 20_000 });

beforeEach(async () => {
  resetPolicyEditor();
  await Promise.all(db.tables.map((table) => table.clear()));
  await db.calendars.bulkAdd(demoCalendars().map((row) => ({ ...row, updatedAt: 0 })));
  await db.policies.bulkAdd(
    demoPolicies().map((policy, order) => ({ id: policy.id, order, policy, updatedAt: 0 })),
  );
});

/** The text of the elements an input's aria-describedby names. */
function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

async function openCalendar(name: string) {
  render(<PoliciesView />);
  fireEvent.click(screen.getByRole('tab', { name: 'Calendars' }));
  fireEvent.click(await screen.findByRole('button', { name: new RegExp(name) }));
  await screen.findByRole('heading', { name: new RegExp(name) });
}

describe('PoliciesView: policies', { timeout: 20_000 }, () => {
  it('lists the desk’s policies in order, the fallback marked, instead of the empty state', async () => {
    render(<PoliciesView />);
    const card = (await screen.findByRole('heading', { name: 'Policies in order' })).parentElement!;
    await waitFor(() => expect(within(card).getAllByRole('listitem')).toHaveLength(4));
    const items = within(card).getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('P1 Critical — 24/7');
    expect(items[3]!.textContent).toContain('P4 Low and everything else');
    expect(items[3]!.textContent).toContain('Fallback');
    expect(screen.queryByText(/No SLA policies/)).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Policy name' })).toHaveProperty(
      'value',
      'P1 Critical — 24/7',
    );
    expect(screen.getByRole('button', { name: 'Save policies' })).toHaveProperty('disabled', true);
  });

  it('shows every policy’s targets side by side, and opens the one chosen', async () => {
    render(<PoliciesView />);
    const table = await screen.findByRole('table', { name: /Each policy’s targets/ });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(5));
    const p2 = within(table).getByRole('row', { name: /P2 High/ });
    expect(
      within(p2)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      'priority P2',
      expect.stringMatching(/^1 h /),
      expect.any(String),
      expect.any(String),
    ]);
    fireEvent.click(within(p2).getByRole('button', { name: 'P2 High' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Policy name' })).toHaveProperty(
        'value',
        'P2 High',
      ),
    );
  });

  it('shows an invalid target’s problem at the field and keeps Save disabled, saying why', async () => {
    render(<PoliciesView />);
    fireEvent.click(await screen.findByRole('button', { name: /^2\. P2 High/ }));
    const minutes = await screen.findByRole('textbox', { name: 'First response time allowed' });
    expect(minutes).toHaveProperty('value', '60');
    expect(description(minutes)).toContain('min = 1 h');

    fireEvent.change(minutes, { target: { value: '0' } });
    await waitFor(() =>
      expect(description(minutes)).toContain(
        "Policy 'P2 High', first response target: 0 is not a time limit",
      ),
    );
    expect(minutes.getAttribute('aria-invalid')).toBe('true');
    const save = screen.getByRole('button', { name: 'Save policies' });
    expect(save).toHaveProperty('disabled', true);
    expect(description(save)).toContain('Correct the 1 problem');
    expect(screen.getByText('Unsaved changes')).toBeTruthy();

    fireEvent.change(minutes, { target: { value: '1h 30m' } });
    await waitFor(() => expect(save).toHaveProperty('disabled', false));
    expect(description(minutes)).toContain('= 90 min');

    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(minutes).toHaveProperty('value', '60'));
  });

  it('keeps unsaved changes while the calendars tab is open', async () => {
    render(<PoliciesView />);
    const name = await screen.findByRole('textbox', { name: 'Policy name' });
    await waitFor(() => expect(name).toHaveProperty('value', 'P1 Critical — 24/7'));
    fireEvent.change(name, { target: { value: 'Critical' } });
    fireEvent.click(screen.getByRole('tab', { name: 'Calendars' }));
    await screen.findByRole('button', { name: 'Add calendar' });
    fireEvent.click(screen.getByRole('tab', { name: 'Policies' }));
    expect(await screen.findByRole('textbox', { name: 'Policy name' })).toHaveProperty(
      'value',
      'Critical',
    );
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
  });

  it('starts from a template, showing ITIL’s priority matrix and saving its new calendars', async () => {
    render(<PoliciesView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Start from template' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('radio', { name: /ITIL incident management/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Use template' }));

    await screen.findByRole('table', { name: /Priority from impact × urgency/ });
    expect(screen.getByText(/Saving also adds the template’s 2 calendars/)).toBeTruthy();
    const save = screen.getByRole('button', { name: 'Save policies' });
    await waitFor(() => expect(save).toHaveProperty('disabled', false));
    fireEvent.click(save);

    await waitFor(async () =>
      expect((await db.policies.orderBy('order').toArray()).map((row) => row.id)).toEqual([
        'itil-p1',
        'itil-p2',
        'itil-p3',
        'itil-p4',
      ]),
    );
    expect(await db.calendars.get('around-the-clock')).toBeTruthy();
    const history = await db.ruleVersions.toArray();
    expect(history.filter((row) => row.kind === 'policies').map((row) => row.note)).toContain(
      'Started from template ITIL incident management',
    );
  });
});

describe('PoliciesView: calendars', { timeout: 20_000 }, () => {
  it('shows the engine’s overlap message at the overlapping range', async () => {
    await openCalendar('Office hours Berlin');
    const monday = screen.getByRole('group', { name: 'Monday' });
    fireEvent.click(within(monday).getByRole('button', { name: 'Add range' }));
    const from = await within(monday).findByRole('textbox', { name: 'Monday range 2 from' });
    fireEvent.change(from, { target: { value: '10:00' } });

    await waitFor(() =>
      expect(description(from)).toContain('10:00–19:00 overlaps week.mon[0] (08:00–18:00)'),
    );
    const save = screen.getByRole('button', { name: 'Save calendar' });
    expect(save).toHaveProperty('disabled', true);
    expect(description(save)).toContain('Correct the problem');

    fireEvent.change(within(monday).getByRole('textbox', { name: 'Monday range 2 to' }), {
      target: { value: '06:00' },
    });
    expect(await within(monday).findByText('(overnight, ends next day)')).toBeTruthy();
  });

  it('adds a bundled holiday pack, skipping dates the calendar already has', async () => {
    const pack = HolidayPackSchema.parse(germany);
    const berlin = demoCalendars()[0]!.calendar.holidays ?? [];
    const offered = packHolidays(pack, 2026, 2030);
    const { added } = mergeHolidays(berlin, offered);
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThan(offered.length);

    await openCalendar('Office hours Berlin');
    fireEvent.click(screen.getByRole('button', { name: 'Add holiday pack…' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(await within(dialog).findByRole('combobox', { name: 'Country' }), {
      target: { value: 'de' },
    });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'From year' }), {
      target: { value: '2026' },
    });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'To year' }), {
      target: { value: '2030' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add holidays' }));

    const skipped = offered.length - added;
    expect(
      await screen.findByText(
        `Added ${added} holidays from Germany 2026–2030; ${skipped} dates were already in the calendar and skipped.`,
      ),
    ).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const table = screen.getByRole('table', { name: 'Holidays' });
    expect(within(table).getAllByRole('row')).toHaveLength(1 + berlin.length + added);
    expect(screen.getByRole('button', { name: 'Save calendar' })).toHaveProperty('disabled', false);
  });

  it('imports the all-day events of an iCalendar file and reports the rest', async () => {
    await openCalendar('Round the clock');
    expect(screen.getByText('No holidays.')).toBeTruthy();
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:1',
      'DTSTART;VALUE=DATE:20261224',
      'DTEND;VALUE=DATE:20261225',
      'SUMMARY:Christmas Eve',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:2',
      'DTSTART;VALUE=DATE:20260101',
      'RRULE:FREQ=YEARLY',
      'SUMMARY:New Year',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:3',
      'DTSTART:20261105T140000Z',
      'DTEND:20261105T150000Z',
      'SUMMARY:Team meeting',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const file = new File([ics], 'holidays.ics', { type: 'text/calendar' });
    fireEvent.change(screen.getByLabelText('Import holidays from iCalendar file'), {
      target: { files: [file] },
    });

    expect(await screen.findByText('Added 2 holidays from holidays.ics.')).toBeTruthy();
    expect(screen.getByText('1 event was left out:')).toBeTruthy();
    expect(screen.getByText(/Event 3 \(Team meeting\) is at a time of day/)).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Holiday 1 name' })).toHaveProperty(
      'value',
      'New Year',
    );
    expect(screen.getByRole('checkbox', { name: 'Holiday 1 every year' })).toHaveProperty(
      'checked',
      true,
    );
    expect(screen.getByRole('textbox', { name: 'Holiday 2 name' })).toHaveProperty(
      'value',
      'Christmas Eve',
    );
  });

  it('refuses to delete a calendar a policy uses, naming the policies', async () => {
    await openCalendar('Round the clock');
    fireEvent.click(screen.getByRole('button', { name: 'Delete calendar' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      "used by policy 'P1 Critical — 24/7'",
    );
    expect(await db.calendars.count()).toBe(2);
  });
});
