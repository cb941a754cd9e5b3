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
    expect(screen.queryByRole('button', { name: 'Use this team: First line' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Use this team: Network' }));
    expect(team.value).toBe('team-network');
    expect(screen.getByText('Chosen')).toBeTruthy();
    // Picking fills the form in; it neither escalates nor closes the dialog.
    expect(onOpenChange).not.toHaveBeenCalled();
    expect((await db.tickets.get('ESC-9'))?.teamId).toBe('team-first');
    expect(await db.events.count()).toBe(0);
  });
});

describe('the new-escalation form', () => {
  it('suggests a team once category and description are filled in, for information only', async () => {
    const { rerender } = render(
      <NewEscalationTeamSuggestion category="network" title="" description="" customerId={null} />,
    );
    expect(screen.queryByRole('complementary')).toBeNull();
    rerender(
      <NewEscalationTeamSuggestion
        category="network"
        title="Router drops the VPN"
        description="The branch VPN tunnel drops; the router shows timeouts."
        customerId={null}
      />,
    );
    const panel = await screen.findByRole('complementary', { name: 'Suggested teams' });
    expect(panel.textContent).toMatch(/^Suggested team: Network — \d+% likely/);
    expect(panel.textContent).toContain('the team is chosen when the ticket is escalated');
    expect(screen.queryByRole('button', { name: /Use this team/ })).toBeNull();
  });
});
