import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EscalationMatrix } from '@core/index';
import { db } from '../../db/database';
import { writeSetting } from '../../db/settings';
import { useDeskStore } from '../../store';
import { resetMatrixDraft, useMatrixDraftStore } from './draft-store';
import { MatrixView } from './MatrixView';

// IndexedDB (fake) takes longer than RTL's 1 s default on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  resetMatrixDraft();
  useDeskStore.setState({ toasts: [] });
});

afterEach(() => vi.restoreAllMocks());

/** Renders the editor and starts the draft from a template (by the name shown in the dialog). */
async function renderWithTemplate(name: string) {
  render(<MatrixView />);
  await screen.findByText('No matrix saved yet');
  fireEvent.click(screen.getByRole('button', { name: 'Start from template' }));
  const dialog = await screen.findByRole('dialog', { name: 'Start from template' });
  fireEvent.click(within(dialog).getByRole('radio', { name: new RegExp(name) }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Use template' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  return screen.getByRole('grid', { name: 'Escalation matrix' });
}

const saveButton = () => screen.getByRole('button', { name: 'Save matrix' });

/** The grid cell (td) holding the level button whose name starts with `name`. */
function cellOf(name: string): HTMLElement {
  return screen.getByRole('button', { name: new RegExp(`^${name}`) }).closest('td')!;
}

async function openLevel(name: string) {
  fireEvent.click(screen.getByRole('button', { name: new RegExp(`^${name}`) }));
  return screen.findByRole('dialog');
}

async function apply(dialog: HTMLElement) {
  fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
}

// Each test drives the whole editor through many renders: on a loaded two-core machine that can
// take several times its usual half second, so the tests get more than vitest's default 5 s.
describe('MatrixView', { timeout: 20_000 }, () => {
  it('edits a template: adds a level, shows a trigger error in its cell, saves once fixed', async () => {
    await renderWithTemplate('Three-level escalation');
    expect(screen.getByText(/Unsaved changes · Started from template Three-level/)).toBeTruthy();
    expect(saveButton()).toHaveProperty('disabled', false);

    fireEvent.click(screen.getByRole('button', { name: "Add level to row 'Every ticket'" }));
    let dialog = await screen.findByRole('dialog', { name: "New level for Row 'Every ticket'" });
    fireEvent.change(within(dialog).getByLabelText('Type'), { target: { value: 'automatic' } });
    fireEvent.change(within(dialog).getByLabelText('Owner kind'), { target: { value: 'role' } });
    fireEvent.change(within(dialog).getByLabelText('Owner'), { target: { value: 'admin' } });
    fireEvent.change(within(dialog).getByLabelText('Trigger'), {
      target: { value: 'sla_percent' },
    });
    fireEvent.change(within(dialog).getByLabelText('Percent'), { target: { value: '100' } });
    fireEvent.change(within(dialog).getByLabelText('SLA target'), {
      target: { value: 'resolution' },
    });
    await apply(dialog);

    const l4 = "Row 'Every ticket', L4: automatic · admin \\(role\\) · at 100% of resolution";
    expect(screen.getByRole('button', { name: new RegExp(`^${l4}`) })).toBeTruthy();
    expect(screen.getByText('No problems')).toBeTruthy();

    // Emptying the percentage: the error shows in that cell and saving is blocked.
    dialog = await openLevel("Row 'Every ticket', L4");
    expect(
      within(dialog).getByRole('heading', { name: "Edit Row 'Every ticket', L4" }),
    ).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Percent'), { target: { value: '' } });
    expect(within(dialog).getByText(/an empty value is outside 1–100%/)).toBeTruthy();
    await apply(dialog);
    expect(
      within(cellOf("Row 'Every ticket', L4")).getByText(/empty value is outside 1–100%/),
    ).toBeTruthy();
    expect(within(cellOf("Row 'Every ticket', L3")).queryByText(/Error/)).toBeNull();
    expect(within(screen.getByRole('group', { name: 'Draft' })).getByText('1 error')).toBeTruthy();
    expect(saveButton()).toHaveProperty('disabled', true);
    expect(saveButton().getAttribute('aria-describedby')).toBeTruthy();
    const help = document.getElementById(saveButton().getAttribute('aria-describedby')!)!;
    expect(help.textContent).toBe('Fix the error marked in the matrix to save.');

    // Out of range (before L3's 90%) is an error too; 95% fixes it.
    dialog = await openLevel("Row 'Every ticket', L4");
    fireEvent.change(within(dialog).getByLabelText('Percent'), { target: { value: '80' } });
    await apply(dialog);
    expect(
      within(cellOf("Row 'Every ticket', L4")).getByText(/comes before L3's 90%/),
    ).toBeTruthy();
    dialog = await openLevel("Row 'Every ticket', L4");
    fireEvent.change(within(dialog).getByLabelText('Percent'), { target: { value: '95' } });
    await apply(dialog);
    expect(saveButton()).toHaveProperty('disabled', false);

    fireEvent.click(saveButton());
    await waitFor(() => expect(screen.queryByText(/Unsaved changes/)).toBeNull());
    const stored = await db.matrices.get('active');
    expect(stored?.version).toBe(1);
    expect(stored?.matrix.rows[0]!.levels[3]!.trigger).toEqual({
      kind: 'sla_percent',
      target: 'resolution',
      percent: 95,
    });
    const history = await db.ruleVersions.toArray();
    expect(history.at(-1)?.note).toBe('Started from template Three-level escalation');
    expect(useDeskStore.getState().toasts.at(-1)?.title).toBe(
      'Escalation matrix saved as version 1',
    );
    await screen.findByText('Saved version 1');
    expect(saveButton()).toHaveProperty('disabled', true);
  });

  it('moves through the grid with the arrow keys and reorders and removes with the keyboard', async () => {
    const grid = await renderWithTemplate('ITIL incident management');
    const focused = () => document.activeElement?.getAttribute('aria-label') ?? '';
    const rowHeads = () =>
      within(grid)
        .getAllByRole('rowheader')
        .map((head) => head.querySelector('.matrix-row-name')!.textContent);
    expect(rowHeads()).toEqual(['P1 and P2', 'P3 and P4']);

    // One tab stop: the first row's header.
    const stops = grid.querySelectorAll('[tabindex="0"]');
    expect(stops).toHaveLength(1);
    act(() => (stops[0] as HTMLElement).focus());
    expect(focused()).toMatch(/^Edit Row 'P1 and P2'/);

    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(focused()).toMatch(/^Row 'P1 and P2', L1: /);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(focused()).toMatch(/^Row 'P1 and P2', L2: /);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(focused()).toMatch(/^Row 'P3 and P4', L2: /);
    expect(grid.querySelectorAll('[tabindex="0"]')).toHaveLength(1);

    // Alt+↑ moves the row up and keeps the focus on the same cell.
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp', altKey: true });
    expect(rowHeads()).toEqual(['P3 and P4', 'P1 and P2']);
    await waitFor(() => expect(focused()).toMatch(/^Row 'P3 and P4', L2: /));
    expect(screen.getAllByText(/never applies/).length).toBeGreaterThan(0);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown', altKey: true });
    expect(rowHeads()).toEqual(['P1 and P2', 'P3 and P4']);

    // Alt+← moves the level towards L1.
    const l2Name = focused().replace(/^Row 'P3 and P4', L2: /, '');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft', altKey: true });
    await waitFor(() => expect(focused()).toBe(`Row 'P3 and P4', L1: ${l2Name}`));

    // End goes to the row's "Add level"; Delete on a level asks first.
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(focused()).toBe("Add level to row 'P3 and P4'");
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    const levels = useMatrixDraftStore.getState().draft.matrix.rows[1]!.levels.length;
    fireEvent.keyDown(document.activeElement!, { key: 'Delete' });
    const confirm = await screen.findByRole('alertdialog', { name: 'Remove level?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove level' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(useMatrixDraftStore.getState().draft.matrix.rows[1]!.levels).toHaveLength(levels - 1);
    await waitFor(() => expect(focused()).toMatch(/^Row 'P3 and P4', L1: /));
  });

  it('adds a row with criteria before the fallback row', async () => {
    const grid = await renderWithTemplate('Three-level escalation');
    fireEvent.click(screen.getByRole('button', { name: 'Add row' }));
    const dialog = await screen.findByRole('dialog', { name: 'New row' });
    fireEvent.change(within(dialog).getByLabelText('Row name'), {
      target: { value: 'P1 Enterprise' },
    });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'P1' }));
    const tiers = within(dialog).getByLabelText('Customer tiers');
    fireEvent.change(tiers, { target: { value: 'enterprise' } });
    fireEvent.keyDown(tiers, { key: 'Enter' });
    expect(
      within(dialog).getByText(/Applies to: priority P1, customer tier enterprise/),
    ).toBeTruthy();
    await apply(dialog);

    expect(
      within(grid)
        .getAllByRole('rowheader')
        .map((head) => head.textContent),
    ).toEqual([
      expect.stringMatching(
        /^1\.P1 Enterprisepriority P1, customer tier enterprise.*has no levels/,
      ),
      expect.stringMatching(/^2\.Every ticketFallback: every ticket/),
    ]);
    await waitFor(() =>
      expect(document.activeElement?.getAttribute('aria-label')).toBe(
        "Add level to row 'P1 Enterprise'",
      ),
    );
    expect(saveButton()).toHaveProperty('disabled', true);
  });

  it('exports CSV and imports it back; a bad CSV names lines and changes nothing', async () => {
    const blobs: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: vi.fn((blob: Blob) => (blobs.push(blob), 'blob:matrix')),
      revokeObjectURL: vi.fn(),
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await renderWithTemplate('Retail store');
    const template = useMatrixDraftStore.getState().draft.matrix;

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(blobs).toHaveLength(1);
    const csv = await blobs[0]!.text();

    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(useMatrixDraftStore.getState().draft.matrix.rows).toEqual([]);

    const input = screen.getByLabelText('Import matrix file');
    fireEvent.change(input, { target: { files: [new File([csv], 'matrix.csv')] } });
    await screen.findByText(/Loaded matrix.csv into the draft \(2 rows\)/);
    expect(useMatrixDraftStore.getState().draft.matrix).toEqual(template);
    expect(screen.getByText(/Unsaved changes · Imported from matrix.csv/)).toBeTruthy();

    const bad = csv
      .split('\n')
      .map((line, index) => (index === 1 ? line.replace(',functional,', ',sideways,') : line))
      .map((line, index) => (index === 2 ? line.replace('notify: supervisor', 'panic') : line))
      .join('\n');
    const before = useMatrixDraftStore.getState().draft;
    fireEvent.change(input, { target: { files: [new File([bad], 'broken.csv')] } });
    const report = await screen.findByRole('alert', { name: 'Import result' });
    expect(report.textContent).toMatch(/Nothing was imported from broken.csv: 2 errors/);
    expect(within(report).getByText(/Error, Line 2, column “type”:/)).toBeTruthy();
    expect(within(report).getByText(/Error, Line 3, column “actions”:/)).toBeTruthy();
    expect(useMatrixDraftStore.getState().draft).toBe(before);
  });

  it('shows the print view with its heading, the version and the date', async () => {
    await renderWithTemplate('Three-level escalation');
    fireEvent.click(saveButton());
    await screen.findByText('Saved version 1');
    fireEvent.click(screen.getByRole('button', { name: 'Print view' }));
    const heading = screen.getByRole('heading', {
      name: 'Escalation matrix — operating procedure',
    });
    const view = heading.closest('section')!;
    expect(within(view).getByText(/^Version 1, saved /)).toBeTruthy();
    expect(within(view).getAllByRole('row')).toHaveLength(4);
    expect(within(view).getByText('at 75% of resolution')).toBeTruthy();
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    fireEvent.click(screen.getByRole('button', { name: 'Print…' }));
    expect(print).toHaveBeenCalledTimes(1);
    // In a browser "Save as PDF…" is the print dialog (Electron saves the file itself).
    fireEvent.click(screen.getByRole('button', { name: 'Save as PDF…' }));
    await waitFor(() => expect(print).toHaveBeenCalledTimes(2));
    fireEvent.click(screen.getByRole('button', { name: 'Back to editor' }));
    expect(screen.getByRole('grid', { name: 'Escalation matrix' })).toBeTruthy();
  });

  it('warns on a risk level, by its text, while risk is off in Settings, with a way there', async () => {
    const level = (
      id: string,
      trigger: NonNullable<EscalationMatrix['rows'][0]['levels'][0]['trigger']>,
    ) => ({
      id,
      type: 'automatic' as const,
      trigger,
      actions: [{ kind: 'reassign' as const }],
      repeat: { kind: 'none' as const },
    });
    const matrix: EscalationMatrix = {
      rows: [
        {
          id: 'vip',
          name: 'VIP',
          criteria: {},
          levels: [
            level('l1', { kind: 'risk_above', score: 60 }),
            level('l2', { kind: 'after_minutes', minutes: 60, mode: 'business' }),
          ],
        },
      ],
    };
    await db.matrices.put({ id: 'active', version: 1, matrix, updatedAt: 0 });
    await writeSetting('assist', { sentiment: true, risk: false, routing: true, similar: true });
    render(<MatrixView />);
    const message =
      'Escalation risk is switched off in Settings: this level and the level after it in this row (L2) will not fire until it is switched on.';
    const note = await screen.findByText(message, { exact: false });
    // Said in words, and part of the level's description for a screen reader.
    expect(cellOf("Row 'VIP', L1").contains(note)).toBe(true);
    const l1 = screen.getByRole('button', { name: /^Row 'VIP', L1/ });
    expect(l1.getAttribute('aria-describedby')?.split(' ')).toContain(note.closest('ul')!.id);
    expect(within(cellOf("Row 'VIP', L2")).queryByText(/switched off/)).toBeNull();
    // The summary above the grid, with a link the keyboard reaches.
    const summary = screen.getByText(/so 2 levels in 1 row \(L1–L2 of row 'VIP'\) will not fire/);
    const link = within(summary.closest('li')!).getByRole('link', { name: 'Open Settings' });
    expect(link.getAttribute('href')).toBe('#/settings');
    expect(link.getAttribute('tabindex')).toBeNull();

    // The level's dialog says so under its trigger, too.
    fireEvent.click(l1);
    const dialog = await screen.findByRole('dialog', { name: /Edit Row 'VIP', L1/ });
    await within(dialog).findByText(/Escalation risk is switched off in Settings: this level/);

    await writeSetting('assist', { sentiment: true, risk: true, routing: true, similar: true });
    await waitFor(() => expect(screen.queryByText(message, { exact: false })).toBeNull());
    expect(within(dialog).queryByText(/switched off in Settings/)).toBeNull();
  });

  it('prints the levels that wait on a switched-off feature, in their row and above the table', async () => {
    const matrix: EscalationMatrix = {
      rows: [
        {
          id: 'angry',
          name: 'Angry customers',
          criteria: {},
          levels: [
            {
              id: 'l1',
              type: 'automatic',
              trigger: { kind: 'sentiment_below', score: -0.4 },
              actions: [{ kind: 'reassign' }],
              repeat: { kind: 'none' },
            },
          ],
        },
      ],
    };
    await db.matrices.put({ id: 'active', version: 1, matrix, updatedAt: 0 });
    await writeSetting('assist', { sentiment: false, risk: true, routing: true, similar: true });
    render(<MatrixView />);
    await screen.findByText('Saved version 1');
    fireEvent.click(screen.getByRole('button', { name: 'Print view' }));
    const view = screen
      .getByRole('heading', { name: 'Escalation matrix — operating procedure' })
      .closest('section')!;
    expect(
      within(view).getByText(
        /Customer sentiment is switched off in Settings, so 1 level in 1 row \(L1 of row 'Angry customers'\) will not fire until it is switched on\./,
      ),
    ).toBeTruthy();
    const [, levelRow] = within(view).getAllByRole('row');
    expect(levelRow!.textContent).toMatch(
      /Customer sentiment is switched off in Settings: this level will not fire until it is switched on\./,
    );
    // No link on paper: the print view has nothing to click through to.
    expect(within(view).queryByRole('link')).toBeNull();

    await writeSetting('assist', { sentiment: true, risk: true, routing: true, similar: true });
    await waitFor(() => expect(within(view).queryByText(/switched off/)).toBeNull());
  });
});
