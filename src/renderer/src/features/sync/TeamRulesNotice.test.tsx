import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountRole } from '@core/index';
import { createSyncStore, INITIAL_SYNC_STATE } from './sync-store';
import { TeamRulesNotice } from './TeamRulesNotice';

const SPACE = { id: 'north', name: 'North stores' };

function storeFor(role: AccountRole | undefined, inSpace = true) {
  const store = createSyncStore();
  store.setState({
    ...INITIAL_SYNC_STATE,
    status: 'online',
    space: inSpace ? SPACE : undefined,
    user: role
      ? { id: 'u-1', email: 'sam@example.com', name: 'Sam', role, spaces: [SPACE] }
      : undefined,
  });
  return store;
}

describe('TeamRulesNotice', () => {
  it.each<[AccountRole, string]>([
    ['agent', 'where you are an agent'],
    ['supervisor', 'where you are a supervisor'],
  ])('tells a %s in a team space that saving a team rule here is refused', (role, where) => {
    render(<TeamRulesNotice store={storeFor(role)} />);
    const note = screen.getByRole('note', { name: 'Team rules' });
    expect(note.textContent).toContain(`This desk syncs with “North stores”, ${where}`);
    expect(note.textContent).toContain('only managers and admins change the team’s rules');
    expect(note.textContent).toContain(
      'refused at the next sync, and the team’s version comes back',
    );
    expect(screen.getByRole('link', { name: 'this desk only' }).getAttribute('href')).toBe(
      '#/settings',
    );
  });

  it.each<[string, AccountRole | undefined, boolean]>([
    ['a manager', 'manager', true],
    ['an admin', 'admin', true],
    ['a desk that syncs with no team', 'agent', false],
    ['a desk never signed in', undefined, false],
  ])('says nothing to %s', (_, role, inSpace) => {
    const { container } = render(<TeamRulesNotice store={storeFor(role, inSpace)} />);
    expect(container.innerHTML).toBe('');
  });
});
