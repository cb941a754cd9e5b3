import type { Team } from '@core/index';
import { configure, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../db/database';
import { deskChanged } from '../../db/desk-changes';
import { writeSetting } from '../../db/settings';
import type { TeamSuggestionsState } from './assist-client';
import { AssistWork } from './assist-work';
import { TeamSuggestions, TeamSuggestionsPanel } from './TeamSuggestions';
import { NETWORK_EXAMPLE, routingDesk } from './test-tickets';

configure({ asyncUtilTimeout: 5_000 });

const TEAMS: Team[] = [
  { id: 'team-network', name: 'Network', skills: [] },
  { id: 'team-billing', name: 'Billing', skills: [] },
];

const READY: TeamSuggestionsState = {
  status: 'ready',
  learnedFrom: 3_912,
  suggestions: [
    {
      teamId: 'team-network',
      confidence: 0.87,
      reasons: ['Category "network": 412 of 455 resolved by this team', 'Words: router, vpn'],
    },
    { teamId: 'team-billing', confidence: 0.08, reasons: [] },
  ],
};

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  // The shared assist work keeps what it read: the desk above is a new one.
  deskChanged();
});

describe('TeamSuggestionsPanel', () => {
  it('shows the best team with its likelihood, what it learned from, and why', () => {
    render(<TeamSuggestionsPanel state={READY} teams={TEAMS} onPick={() => {}} />);
    const panel = screen.getByRole('complementary', { name: 'Suggested teams' });
    const suggestions = [...within(panel).getAllByRole('list')[0]!.children];
    expect(suggestions).toHaveLength(2);
    expect(suggestions[0]!.textContent).toContain(
      'Suggested team: Network — 87% likely (learned from 3,912 resolved tickets)',
    );
    expect(suggestions[1]!.textContent).toContain('Or: Billing — 8% likely');
    expect(screen.getByText('Words: router, vpn')).toBeTruthy();
  });

  it('names each suggestion’s “Why?” after its team, so they are told apart', () => {
    const state: TeamSuggestionsState = {
      ...READY,
      suggestions: READY.suggestions.map((suggestion) => ({
        ...suggestion,
        reasons: [`Category matches ${suggestion.teamId}`],
      })),
    };
    const { container } = render(
      <TeamSuggestionsPanel state={state} teams={TEAMS} onPick={() => {}} />,
    );
    const disclosures = [...container.querySelectorAll('summary')];
    // The accessible name comes from the content; the team's name in it is for screen readers.
    expect(disclosures.map((summary) => summary.textContent)).toEqual([
      'Why Network?',
      'Why Billing?',
    ]);
    for (const summary of disclosures) {
      const hidden = summary.querySelector('.visually-hidden');
      expect(hidden?.textContent?.trim()).toBeTruthy();
      expect(summary.textContent?.replace(hidden!.textContent!, '')).toBe('Why?');
    }
  });

  it('applies a team only when the user picks it', () => {
    const onPick = vi.fn();
    const { rerender } = render(
      <TeamSuggestionsPanel state={READY} teams={TEAMS} onPick={onPick} />,
    );
    expect(onPick).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Use Billing' }));
    expect(onPick).toHaveBeenCalledExactlyOnceWith('team-billing');

    // The chosen team is marked, not offered again.
    rerender(
      <TeamSuggestionsPanel
        state={READY}
        teams={TEAMS}
        onPick={onPick}
        chosenTeamId="team-billing"
      />,
    );
    expect(screen.queryByRole('button', { name: 'Use Billing' })).toBeNull();
    expect(screen.getByText('Chosen')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Use Network' })).toBeTruthy();
  });

  it('offers no button when there is nothing to pick into', () => {
    render(<TeamSuggestionsPanel state={READY} teams={TEAMS} note="For information only." />);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('For information only.')).toBeTruthy();
  });

  it('says when it is switched off, still learning or failed', () => {
    const { rerender } = render(
      <TeamSuggestionsPanel state={{ status: 'off', reason: 'setting' }} teams={TEAMS} />,
    );
    expect(screen.getByText('Routing suggestions are switched off in Settings.')).toBeTruthy();
    rerender(
      <TeamSuggestionsPanel
        state={{ status: 'ready', suggestions: [], learnedFrom: 4 }}
        teams={TEAMS}
      />,
    );
    expect(screen.getByRole('status').textContent).toMatch(/^No team suggestion yet: it needs \d+/);
    rerender(<TeamSuggestionsPanel state={{ status: 'error', message: 'Busy.' }} teams={TEAMS} />);
    expect(screen.getByRole('alert').textContent).toBe('No team suggestion: Busy.');
    rerender(<TeamSuggestionsPanel state={{ status: 'off', reason: 'no-input' }} teams={TEAMS} />);
    expect(screen.queryByText(/switched off/)).toBeNull();
  });
});

describe('TeamSuggestions', () => {
  it('suggests from the desk, and picking calls onPick', async () => {
    await db.tickets.bulkAdd(routingDesk(12));
    const onPick = vi.fn();
    render(<TeamSuggestions example={NETWORK_EXAMPLE} teams={TEAMS} onPick={onPick} />);
    const panel = await screen.findByRole('complementary', { name: 'Suggested teams' });
    expect(panel.textContent).toMatch(
      /^Suggested team: Network — \d+% likely \(learned from 24 resolved tickets\)/,
    );
    expect(onPick).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Use Network' }));
    expect(onPick).toHaveBeenCalledExactlyOnceWith('team-network');
  });

  it('leaves out the excluded team', async () => {
    await db.tickets.bulkAdd(routingDesk(12));
    render(
      <TeamSuggestions
        example={NETWORK_EXAMPLE}
        exclude={['team-network']}
        teams={TEAMS}
        onPick={() => {}}
      />,
    );
    await screen.findByRole('complementary', { name: 'Suggested teams' });
    expect(screen.queryByRole('button', { name: 'Use Network' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Use Billing' })).toBeTruthy();
  });

  it('asks nothing while routing suggestions are switched off', async () => {
    await db.tickets.bulkAdd(routingDesk(12));
    await writeSetting('assist', { sentiment: true, risk: true, routing: false, similar: true });
    const suggest = vi.spyOn(AssistWork.prototype, 'suggestTeams');
    render(<TeamSuggestions example={NETWORK_EXAMPLE} teams={TEAMS} onPick={() => {}} />);
    await screen.findByText('Routing suggestions are switched off in Settings.');
    expect(suggest).not.toHaveBeenCalled();
    expect(screen.queryByRole('complementary', { name: 'Suggested teams' })).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    suggest.mockRestore();
  });
});
