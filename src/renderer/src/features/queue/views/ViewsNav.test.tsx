import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../../db/database';
import { DEFAULT_VIEW_STATE, type QueueView, type QueueViewState } from '../view-state';
import { defaultViewId, saveView, useQueueViews } from './saved-views';
import { SaveViewDialog } from './SaveViewDialog';
import { ViewsNav } from './ViewsNav';

configure({ asyncUtilTimeout: 5_000 });

const CURRENT_STATE: QueueViewState = {
  ...DEFAULT_VIEW_STATE,
  sorting: [{ id: 'priority', desc: true }],
  columnFilters: [{ id: 'team', value: ['T-2'] }],
  grouping: ['level'],
};

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
});

/** The navigation and the save dialog wired as the queue wires them. */
function Queue(props: { onSelect?: (view: QueueView) => void }) {
  const [activeId, setActiveId] = useState('all');
  const [saving, setSaving] = useState(false);
  const { user } = useQueueViews();
  return (
    <>
      <p data-testid="active">{activeId}</p>
      <ViewsNav
        activeId={activeId}
        counts={{ all: 1204, breached: 3 }}
        onSelect={(view) => {
          props.onSelect?.(view);
          setActiveId(view.id);
        }}
        onSaveCurrent={() => setSaving(true)}
      />
      <SaveViewDialog
        open={saving}
        onOpenChange={setSaving}
        state={CURRENT_STATE}
        existing={user}
        onSaved={(view) => setActiveId(view.id)}
      />
    </>
  );
}

function nav() {
  return within(screen.getByRole('navigation', { name: 'Queue views' }));
}

async function savedList() {
  return within(await screen.findByRole('list', { name: 'Saved views' }));
}

function viewButton(name: string) {
  return nav().getByRole('button', { name: new RegExp(`^${name}\\b`) });
}

async function chooseFromMenu(viewName: string, item: string) {
  fireEvent.click(nav().getByRole('button', { name: `Actions for “${viewName}”` }));
  fireEvent.click(await screen.findByRole('menuitem', { name: item }));
}

async function saveCurrentAs(name: string) {
  fireEvent.click(nav().getByRole('button', { name: 'Save view…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Save view' });
  fireEvent.change(within(dialog).getByLabelText('View name'), { target: { value: name } });
  return dialog;
}

describe('ViewsNav', () => {
  it('lists the built-in views with their counts, the active one and the default marked', async () => {
    render(<Queue />);
    await nav().findByText('None yet.');
    const names = nav()
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.views-nav-name')?.textContent);
    expect(names).toEqual([
      'All open',
      'My escalations',
      'Breached',
      'At risk',
      'High risk',
      'Unassigned',
      'Waiting on customer',
    ]);
    const all = viewButton('All open');
    expect(all.getAttribute('aria-current')).toBe('true');
    expect(all.textContent).toContain('default');
    expect(all.textContent).toContain('1,204');
    expect(viewButton('Breached').getAttribute('aria-current')).toBeNull();
    expect(viewButton('Breached').textContent).toContain('3');

    fireEvent.click(viewButton('Breached'));
    expect(screen.getByTestId('active').textContent).toBe('breached');
    expect(viewButton('Breached').getAttribute('aria-current')).toBe('true');
  });

  it('saves the current state as a view, lists it and opens it', async () => {
    render(<Queue />);
    const dialog = await saveCurrentAs('  Tier 2 by level ');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save view' }));

    expect(
      await (await savedList()).findByRole('button', { name: /^Tier 2 by level/ }),
    ).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    const [stored] = await db.views.toArray();
    expect(stored).toMatchObject({ name: 'Tier 2 by level', state: CURRENT_STATE });
    expect(screen.getByTestId('active').textContent).toBe(stored?.id);
    expect(viewButton('Tier 2 by level').getAttribute('aria-current')).toBe('true');
    expect(await defaultViewId(db)).toBe('all');
  });

  it('saves a view as the default when asked', async () => {
    render(<Queue />);
    const dialog = await saveCurrentAs('Mornings');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Make this my default view' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save view' }));
    await waitFor(() => expect(viewButton('Mornings').textContent).toContain('default'));
    expect(viewButton('All open').textContent).not.toContain('default');
  });

  it('shows why a name cannot be used, and keeps the dialog open', async () => {
    render(<Queue />);
    const dialog = await saveCurrentAs('breached');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save view' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'A view called “Breached” already exists.',
    );
    expect(await db.views.count()).toBe(0);

    fireEvent.change(within(dialog).getByLabelText('View name'), { target: { value: ' ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save view' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert').textContent).toBe('Give the view a name.'),
    );
  });

  it('offers to replace a saved view with the same name', async () => {
    const old = await saveView(db, { name: 'Nights', state: DEFAULT_VIEW_STATE });
    render(<Queue />);
    await (await savedList()).findByRole('button', { name: /^Nights/ });
    const dialog = await saveCurrentAs('NIGHTS');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save view' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'A view called “Nights” already exists.',
    );

    fireEvent.click(
      within(dialog).getByRole('checkbox', { name: /Replace the existing view “Nights”/ }),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Replace view' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await db.views.toArray()).toEqual([
      { id: old.id, name: 'NIGHTS', state: CURRENT_STATE },
    ]);
  });

  it('makes a built-in or saved view the default from its menu', async () => {
    const mine = await saveView(db, { name: 'Mine', state: DEFAULT_VIEW_STATE });
    render(<Queue />);
    await (await savedList()).findByRole('button', { name: /^Mine/ });

    await chooseFromMenu('Breached', 'Make default');
    await waitFor(() => expect(viewButton('Breached').textContent).toContain('default'));
    expect(viewButton('All open').textContent).not.toContain('default');
    expect(await defaultViewId(db)).toBe('breached');

    await chooseFromMenu('Mine', 'Make default');
    await waitFor(() => expect(viewButton('Mine').textContent).toContain('default'));
    expect(viewButton('Breached').textContent).not.toContain('default');
    expect(await defaultViewId(db)).toBe(mine.id);
  });

  it('deletes a saved view only after the confirm, then opens the default view', async () => {
    const mine = await saveView(db, { name: 'Mine', state: DEFAULT_VIEW_STATE });
    await saveView(db, { name: 'Others', state: DEFAULT_VIEW_STATE });
    const onSelect = vi.fn();
    render(<Queue onSelect={onSelect} />);
    fireEvent.click(await (await savedList()).findByRole('button', { name: /^Mine/ }));

    await chooseFromMenu('Mine', 'Delete…');
    let dialog = await screen.findByRole('dialog', { name: 'Delete the view “Mine”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await db.views.get(mine.id)).toBeDefined();

    await chooseFromMenu('Mine', 'Delete…');
    dialog = await screen.findByRole('dialog', { name: 'Delete the view “Mine”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete view' }));
    const saved = await savedList();
    await waitFor(() => expect(saved.queryByRole('button', { name: /^Mine/ })).toBeNull());
    expect(saved.getByRole('button', { name: /^Others/ })).toBeTruthy();
    expect(await db.views.get(mine.id)).toBeUndefined();
    expect(onSelect).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'all' }));
    expect(screen.getByTestId('active').textContent).toBe('all');
  });

  it('renames a saved view, with the same name rules', async () => {
    await saveView(db, { name: 'Mine', state: DEFAULT_VIEW_STATE });
    render(<Queue />);
    await (await savedList()).findByRole('button', { name: /^Mine/ });
    await chooseFromMenu('Mine', 'Rename…');
    const dialog = await screen.findByRole('dialog', { name: 'Rename “Mine”' });
    const field = within(dialog).getByLabelText('View name');
    expect((field as HTMLInputElement).value).toBe('Mine');

    fireEvent.change(field, { target: { value: 'unassigned' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'A view called “Unassigned” already exists.',
    );
    fireEvent.change(field, { target: { value: 'My P1s' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename' }));
    expect(await (await savedList()).findByRole('button', { name: /^My P1s/ })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a stored view it cannot read, and lets the user delete it', async () => {
    await db.views.put({ id: 'old-1', name: 'From last year', state: { sorting: 'sla' } });
    render(<Queue />);
    const problem = await (await savedList()).findByText(/Can’t be opened: sorting: /);
    expect(problem.closest('li')?.textContent).toContain('From last year');
    expect((await savedList()).queryByRole('button', { name: /^From last year/ })).toBeNull();

    await chooseFromMenu('From last year', 'Delete…');
    const dialog = await screen.findByRole('dialog', { name: 'Delete the view “From last year”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete view' }));
    await waitFor(() => expect(nav().getByText('None yet.')).toBeTruthy());
    expect(await db.views.count()).toBe(0);
  });
});
