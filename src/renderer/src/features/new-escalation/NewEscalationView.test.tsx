import { act, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Team } from '@core/index';
import { db } from '../../db/database';
import { deskChanged } from '../../db/desk-changes';
import { writeSetting } from '../../db/settings';
import { ticketEvents } from '../../db/ticket-writes';
import { AssistWork } from '../assist/assist-work';
import { routingDesk } from '../assist/test-tickets';
import { loadDraft, saveDraft } from './draft';
import { emptyForm, type EscalationForm } from './form';
import { NewEscalationView } from './NewEscalationView';

// IndexedDB (fake) and the draft's debounce take longer than RTL's 1 s default on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  window.location.hash = '#/new';
});

function field(name: string): HTMLElement {
  return screen.getByRole(name === 'Customer' ? 'combobox' : 'textbox', { name });
}

function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('NewEscalationView', () => {
  it('restores a saved draft with a notice, and Discard empties the form and the draft', async () => {
    const saved = new Date(2026, 10, 3, 14, 32).getTime();
    await saveDraft(
      { ...emptyForm(), customerName: 'Half Done Ltd', title: 'Printer jams' },
      saved,
      db,
    );
    render(<NewEscalationView />);

    expect((await screen.findByText(/Draft restored from/)).textContent).toMatch(/32/);
    expect((field('Customer') as HTMLInputElement).value).toBe('Half Done Ltd');
    expect((field('Title') as HTMLInputElement).value).toBe('Printer jams');

    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(screen.queryByText(/Draft restored from/)).toBeNull();
    expect((field('Title') as HTMLInputElement).value).toBe('');
    await waitFor(async () => expect(await loadDraft(db)).toBeNull());
  });

  it('saves what is typed as the draft shortly after typing stops', async () => {
    render(<NewEscalationView />);
    fireEvent.change(await screen.findByRole('textbox', { name: 'Title' }), {
      target: { value: 'Till keeps rebooting' },
    });
    expect(await loadDraft(db)).toBeNull();
    await waitFor(async () =>
      expect((await loadDraft(db))?.form.title).toBe('Till keeps rebooting'),
    );
  });

  it('on an invalid submit lists the problems, describes each field’s error and focuses the first', async () => {
    render(<NewEscalationView />);
    await screen.findByRole('textbox', { name: 'Title' });
    fireEvent.change(field('Title'), { target: { value: 'Till keeps rebooting' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Log escalation' }));
    });

    expect(screen.getByText('Check 3 fields: Customer, Category, Description.')).toBeTruthy();
    expect(document.activeElement).toBe(field('Customer'));
    expect(field('Customer').getAttribute('aria-invalid')).toBe('true');
    expect(description(field('Customer'))).toMatch(/Pick a customer from the list/);
    expect(description(field('Description'))).toMatch(/Describe what happened/);
    expect(field('Title').getAttribute('aria-invalid')).toBeNull();
  });

  it('shows a field’s error when it is left empty, not before', async () => {
    render(<NewEscalationView />);
    const title = await screen.findByRole('textbox', { name: 'Title' });
    fireEvent.focus(title);
    expect(title.getAttribute('aria-invalid')).toBeNull();
    fireEvent.blur(title);
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(description(title)).toBe('Give the escalation a short title.');
    fireEvent.change(title, { target: { value: 'Till keeps rebooting' } });
    expect(title.getAttribute('aria-invalid')).toBeNull();
  });
});

describe('the Team field and its routing suggestion', () => {
  const TEAMS: Team[] = [
    { id: 'team-billing', name: 'Billing', skills: [] },
    { id: 'team-network', name: 'Network', skills: [] },
  ];
  const networkProblem: EscalationForm = {
    ...emptyForm(),
    customerName: 'Marta Jensen',
    category: 'network',
    title: 'Router drops the VPN',
    description: 'The branch VPN tunnel drops; the router shows timeouts.',
  };

  beforeEach(async () => {
    await db.tickets.bulkAdd(routingDesk(12));
    await db.teams.bulkAdd(TEAMS);
    // The shared assist work keeps what it read: the desk above is a new one.
    deskChanged();
  });

  const teamField = () => screen.getByRole('combobox', { name: 'Team (optional)' });

  it('fills the Team field only when a suggestion is picked, and the ticket gets the team chosen', async () => {
    await saveDraft(networkProblem, Date.now(), db);
    render(<NewEscalationView />);
    await screen.findByRole('complementary', { name: 'Suggested teams' });
    const team = teamField() as HTMLSelectElement;
    expect(team.value).toBe('');
    expect(screen.getByRole('option', { name: 'No team yet' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Use Network' }));
    expect(team.value).toBe('team-network');
    expect(document.activeElement).toBe(team);
    expect(screen.getByText('Chosen')).toBeTruthy();
    await waitFor(async () => expect((await loadDraft(db))?.form.teamId).toBe('team-network'));

    // The suggestion only filled the field: the user can still choose another team.
    fireEvent.change(team, { target: { value: 'team-billing' } });
    expect(screen.getByRole('button', { name: 'Use Network' })).toBeTruthy();
    expect(await db.tickets.where('id').startsWith('ESC-').count()).toBe(0);

    fireEvent.keyDown(team, { key: 'Enter', ctrlKey: true });
    await waitFor(async () => expect(await db.tickets.get('ESC-1001')).toBeDefined());
    expect((await db.tickets.get('ESC-1001'))?.teamId).toBe('team-billing');
    const events = await ticketEvents('ESC-1001', db);
    expect(events.map((event) => event.type)).toEqual(['created', 'assigned']);
    expect(events[1]).toMatchObject({ toTeamId: 'team-billing' });
  });

  it('restores the chosen team with the draft', async () => {
    await saveDraft({ ...networkProblem, teamId: 'team-billing' }, Date.now(), db);
    render(<NewEscalationView />);
    await screen.findByText(/Draft restored from/);
    await waitFor(() => expect((teamField() as HTMLSelectElement).value).toBe('team-billing'));
  });

  it('logs without a team when none was chosen', async () => {
    await saveDraft(networkProblem, Date.now(), db);
    render(<NewEscalationView />);
    await screen.findByRole('complementary', { name: 'Suggested teams' });
    fireEvent.keyDown(field('Title'), { key: 'Enter', ctrlKey: true });
    await waitFor(async () => expect(await db.tickets.get('ESC-1001')).toBeDefined());
    expect((await db.tickets.get('ESC-1001'))?.teamId).toBeUndefined();
    expect((await ticketEvents('ESC-1001', db)).map((event) => event.type)).toEqual(['created']);
  });

  it('suggests nothing while routing suggestions are switched off', async () => {
    await writeSetting('assist', { sentiment: true, risk: true, routing: false, similar: true });
    const suggest = vi.spyOn(AssistWork.prototype, 'suggestTeams');
    await saveDraft(networkProblem, Date.now(), db);
    render(<NewEscalationView />);
    await screen.findByText('Routing suggestions are switched off in Settings.');
    expect(screen.queryByRole('complementary', { name: 'Suggested teams' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Use / })).toBeNull();
    expect((teamField() as HTMLSelectElement).value).toBe('');
    expect(suggest).not.toHaveBeenCalled();
    suggest.mockRestore();
  });
});
