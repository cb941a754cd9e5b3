import { fireEvent, render, screen, within } from '@testing-library/react';
import { useEffect } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { immediateImpact, useImpactConfirm, type PreviewState } from './impact-confirm';
import type { WhatIfSummary } from './rules-work';

const NONE: WhatIfSummary = {
  at: 0,
  openTickets: 10,
  ticketsWithNewDueTimes: 4,
  dueChanges: [],
  newlyBreached: 0,
  newlyBreachedTickets: [],
  noLongerBreached: 2,
  levelsFiring: 0,
  levelsFiringByLevel: {},
  levelsFiringTickets: [],
};

describe('immediateImpact', () => {
  it.each<[string, WhatIfSummary | undefined, string[]]>([
    ['no preview yet', undefined, []],
    ['only moved due times and fewer breaches', NONE, []],
    ['one breach', { ...NONE, newlyBreached: 1 }, ['1 open ticket turns breached']],
    [
      'breaches and levels',
      { ...NONE, newlyBreached: 1204, levelsFiring: 1 },
      [
        '1,204 open tickets turn breached',
        '1 escalation level fires with the actions the matrix sets for them',
      ],
    ],
  ])('%s', (_, summary, expected) => {
    expect(immediateImpact(summary)).toEqual(expected);
  });
});

function Editor(props: { preview: PreviewState; save(): void }) {
  const impact = useImpactConfirm();
  const { onPreview } = impact;
  useEffect(() => onPreview(props.preview), [onPreview, props.preview]);
  return (
    <>
      <button type="button" onClick={() => impact.confirmThenSave(props.save)}>
        Save
      </button>
      {impact.dialog}
    </>
  );
}

describe('useImpactConfirm', () => {
  it('saves at once when the preview shows nothing immediate', () => {
    const save = vi.fn();
    render(<Editor preview={NONE} save={save} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(save).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('asks first when saving breaches tickets or fires levels, and saves only on yes', async () => {
    const save = vi.fn();
    render(<Editor preview={{ ...NONE, levelsFiring: 3 }} save={save} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Save with immediate effect?' });
    expect(dialog.textContent).toContain('3 escalation levels fire');
    expect(save).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(save).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Save anyway' }),
    );
    await vi.waitFor(() => expect(save).toHaveBeenCalledTimes(1));
  });

  it('waits for the preview of the latest change before deciding, so a quick click cannot skip it', async () => {
    const save = vi.fn();
    const { rerender } = render(<Editor preview="pending" save={save} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('status').textContent).toMatch(/Checking what saving would change/);
    expect(save).not.toHaveBeenCalled();
    rerender(<Editor preview={{ ...NONE, newlyBreached: 2 }} save={save} />);
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('2 open tickets turn breached');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('asks without figures when the preview failed', async () => {
    const save = vi.fn();
    render(<Editor preview="failed" save={save} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alertdialog')).textContent).toMatch(/could not be worked out/);
    expect(save).not.toHaveBeenCalled();
  });
});
