import { act, configure, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProposedRules, WhatIfSummary, WorkProgress } from './rules-work';
import type { RulesWork } from './rules-work-client';
import { WhatIfPanel } from './WhatIfPanel';

configure({ asyncUtilTimeout: 5_000 });

const SUMMARY: WhatIfSummary = {
  at: Date.UTC(2026, 10, 2, 9, 0),
  openTickets: 1234,
  ticketsWithNewDueTimes: 87,
  dueChanges: [],
  newlyBreached: 3,
  newlyBreachedTickets: [{ id: 'ESC-1001', title: 'Checkout fails' }],
  noLongerBreached: 0,
  levelsFiring: 12,
  levelsFiringByLevel: { 2: 8, 3: 4 },
  levelsFiringTickets: [],
};

/** A rules worker stand-in that records what it was asked and answers with SUMMARY. */
function fakeWork() {
  const asked: ProposedRules[] = [];
  const work: RulesWork = {
    preview: (proposed, _now, onProgress?: (progress: WorkProgress) => void) => {
      asked.push(proposed);
      onProgress?.({ done: 1, total: 2 });
      return Promise.resolve({ ...SUMMARY, levelsFiring: SUMMARY.levelsFiring + asked.length - 1 });
    },
    refresh: () => Promise.resolve({ tickets: 0 }),
    warm: () => Promise.resolve({ tickets: 0 }),
  };
  return { work, asked };
}

describe('WhatIfPanel', () => {
  it('shows how many open tickets, breaches and levels a draft would change', async () => {
    const { work, asked } = fakeWork();
    render(<WhatIfPanel proposed={{ policies: [] }} work={work} />);
    expect((await screen.findByTestId('what-if-due')).textContent).toBe(
      '87 of 1,234 open tickets get a new due time',
    );
    expect(screen.getByTestId('what-if-breached').textContent).toBe(
      '3 would be breached right now',
    );
    expect(screen.getByTestId('what-if-levels').textContent).toBe(
      '12 escalation levels would fire at once (L2: 8, L3: 4)',
    );
    expect(screen.getByRole('link', { name: /ESC-1001/ }).getAttribute('href')).toBe(
      '#/ticket/ESC-1001',
    );
    expect(asked).toEqual([{ policies: [] }]);
  });

  it('recomputes when the draft changes, and not while it has errors', async () => {
    const { work, asked } = fakeWork();
    const { rerender } = render(<WhatIfPanel proposed={{ policies: [] }} work={work} />);
    await screen.findByTestId('what-if-levels');
    rerender(<WhatIfPanel proposed={{ matrix: { rows: [] } }} work={work} disabled />);
    expect(screen.getByText(/Fix the problems marked above/)).toBeTruthy();
    await act(() => new Promise((resolve) => setTimeout(resolve, 600)));
    expect(asked).toHaveLength(1);
    rerender(<WhatIfPanel proposed={{ matrix: { rows: [] } }} work={work} />);
    expect((await screen.findByText(/^13/)).closest('li')?.dataset.testid).toBe('what-if-levels');
    expect(asked).toEqual([{ policies: [] }, { matrix: { rows: [] } }]);
  });
});
