import type { Team } from '@core/index';
import { configure, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../db/database';
import { deskChanged } from '../../db/desk-changes';
import { EscalateDialog } from '../ticket/TicketDialogs';
import { NewEscalationTeamSuggestion } from './NewEscalationTeamSuggestion';
import { routingDesk, testTicket } from './test-tickets';

configure({ asyncUtilTimeout: 5_000 });

const TEAMS: Team[] = [
  { id: 'team-billing', name: 'Billing', skills: [] },
  { id: 'team-network', name: 'Network', skills: [] },
  { id: 'team-first', name: 'First line', skills: [] },
];

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  await db.tickets.bulkAdd(routingDesk(12));
  await db.teams.bulkAdd(TEAMS);
  deskChanged();
});

describe('the escalate dialog', () => {
  const ticket = testTicket('ESC-9', {
    title: 'Router drops the VPN',
    description: 'The branch VPN tunnel drops; the router shows timeouts.',
    category: 'network',
    status: 'open',
    teamId: 'team-first',
  });

  it('suggests a team for a functional escalation, and fills it in only when picked', async () => {
    await db.tickets.add(ticket);
    const onOpenChange = vi.fn();
    render(
      <EscalateDialog
        ticket={ticket}
        open
        onOpenChange={onOpenChange}
        people={[]}
        teams={TEAMS}
        suggestion={undefined}
      />,
    );
    // A hierarchical escalation goes to a person: no team suggestion.
    expect(screen.queryByRole('complementary', { name: 'Suggested teams' })).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /Functional/ }));
    await screen.findByRole('complementary', { name: 'Suggested teams' });
    const team = screen.getByRole('combobox', { name: 'Team' }) as HTMLSelectElement;
    expect(team.value).toBe('');
    // The ticket's own team is never suggested.
    expect(screen.queryByRole('button', { name: 'Use First line' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Use Network' }));
    expect(team.value).toBe('team-network');
    expect(screen.getByText('Chosen')).toBeTruthy();
    // The keyboard goes on from the field the pick filled.
    expect(document.activeElement).toBe(team);
    // Picking fills the form in; it neither escalates nor closes the dialog.
    expect(onOpenChange).not.toHaveBeenCalled();
    expect((await db.tickets.get('ESC-9'))?.teamId).toBe('team-first');
    expect(await db.events.count()).toBe(0);
  });
});

describe('the new-escalation form’s suggestion', () => {
  const filled = {
    category: 'network',
    title: 'Router drops the VPN',
    description: 'The branch VPN tunnel drops; the router shows timeouts.',
    customerId: null,
    teams: TEAMS,
  };

  it('waits for a category and a description, then offers its teams to pick', async () => {
    const onPick = vi.fn();
    const { rerender } = render(
      <NewEscalationTeamSuggestion
        {...filled}
        description=""
        chosenTeamId={null}
        onPick={onPick}
      />,
    );
    expect(screen.queryByRole('complementary')).toBeNull();
    rerender(<NewEscalationTeamSuggestion {...filled} chosenTeamId={null} onPick={onPick} />);
    const panel = await screen.findByRole('complementary', { name: 'Suggested teams' });
    expect(panel.textContent).toMatch(/^Suggested team: Network — \d+% likely/);
    expect(onPick).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Use Network' }));
    expect(onPick).toHaveBeenCalledExactlyOnceWith('team-network');

    rerender(
      <NewEscalationTeamSuggestion {...filled} chosenTeamId="team-network" onPick={onPick} />,
    );
    expect(screen.queryByRole('button', { name: 'Use Network' })).toBeNull();
    expect(screen.getByText('Chosen')).toBeTruthy();
  });
});
