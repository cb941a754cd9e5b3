import type { SimilarEscalation } from '@core/index';
import { configure, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../db/database';
import { deskChanged } from '../../db/desk-changes';
import { writeSetting } from '../../db/settings';
import { AssistWork } from './assist-work';
import { SimilarEscalations, SimilarEscalationsCard } from './SimilarEscalations';
import { testTicket } from './test-tickets';

configure({ asyncUtilTimeout: 5_000 });

const HOUR = 3_600_000;

const TWIN: SimilarEscalation = {
  ticketId: 'ESC-2',
  title: 'Card checkout times out at 3-D Secure',
  similarity: 0.82,
  sameCategory: true,
  sameCustomer: true,
  status: 'closed',
  resolvedAt: Date.UTC(2026, 9, 1, 12),
  resolutionMs: 6 * HOUR,
  rootCause: 'third_party',
  rootCauseNotes: 'The card gateway changed its callback.',
  sharedTerms: ['checkout', 'card'],
};

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  deskChanged();
  window.location.hash = '#/ticket/ESC-1';
});

function card() {
  return screen.getByRole('region', { name: 'Similar escalations' });
}

describe('SimilarEscalationsCard', () => {
  it('says when the reports count the ticket as a recurrence, with a link to the earlier one', () => {
    render(
      <SimilarEscalationsCard
        state={{
          status: 'ready',
          escalations: [],
          recurrence: {
            ticketId: 'ESC-7',
            title: 'Router down again',
            escalatedAt: 0,
            beforeMs: 12 * 24 * 3_600_000,
            windowDays: 30,
          },
        }}
      />,
    );
    const note = within(card()).getByText('Recurring escalation:').parentElement!;
    expect(note.textContent).toContain('within 30 days');
    expect(
      within(note).getByRole('link', { name: 'ESC-7 Router down again' }).getAttribute('href'),
    ).toBe('#/ticket/ESC-7');
    expect(within(card()).getByText('No similar escalation yet.')).toBeTruthy();
  });

  it('lists each escalation with a link, its match, how it ended and why it matched', () => {
    render(<SimilarEscalationsCard state={{ status: 'ready', escalations: [TWIN] }} />);
    const items = within(card()).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    const item = within(items[0]!);
    expect(
      item
        .getByRole('link', { name: 'Card checkout times out at 3-D Secure' })
        .getAttribute('href'),
    ).toBe('#/ticket/ESC-2');
    expect(item.getByText('82% similar')).toBeTruthy();
    expect(item.getByText('Same customer')).toBeTruthy();
    expect(item.getByText('Same category')).toBeTruthy();
    expect(item.getByText('Closed')).toBeTruthy();
    expect(items[0]!.textContent).toContain('Resolved in 6 h');
    expect(items[0]!.textContent).toContain(
      'Root cause: Third party — The card gateway changed its callback.',
    );
    expect(items[0]!.textContent).toContain('Why: both mention “checkout”, “card”');
  });

  it('opens a twin beside the queue when the ticket is open there', () => {
    window.location.hash = '#/queue/ESC-1';
    render(<SimilarEscalationsCard state={{ status: 'ready', escalations: [TWIN] }} />);
    expect(screen.getByRole('link').getAttribute('href')).toBe('#/queue/ESC-2');
  });

  it('says when there is none yet, while it looks, and when it is switched off', () => {
    const { rerender } = render(
      <SimilarEscalationsCard state={{ status: 'ready', escalations: [] }} />,
    );
    expect(within(card()).getByText('No similar escalation yet.')).toBeTruthy();
    rerender(<SimilarEscalationsCard state={{ status: 'loading' }} />);
    expect(within(card()).getByRole('status').textContent).toBe('Looking for similar escalations…');
    rerender(<SimilarEscalationsCard state={{ status: 'off', reason: 'setting' }} />);
    expect(
      within(card()).getByText('Similar escalations are switched off in Settings.'),
    ).toBeTruthy();
    expect(within(card()).queryByRole('list')).toBeNull();
  });
});

describe('SimilarEscalations', () => {
  it('finds the past escalation like this ticket on the desk', async () => {
    await db.tickets.bulkAdd([
      testTicket('ESC-1', {
        title: 'Checkout times out when paying by card',
        description: 'Card payments at checkout time out after the 3-D Secure step.',
        category: 'payments',
        status: 'open',
        level: 1,
        escalated: true,
      }),
      testTicket('ESC-2', {
        title: 'Card checkout times out at 3-D Secure',
        description: 'Paying by card at checkout times out after the 3-D Secure challenge.',
        category: 'payments',
        level: 1,
        escalated: true,
      }),
    ]);
    render(<SimilarEscalations ticketId="ESC-1" />);
    const link = await screen.findByRole('link', { name: 'Card checkout times out at 3-D Secure' });
    expect(link.getAttribute('href')).toBe('#/ticket/ESC-2');
    expect(
      screen.queryByRole('link', { name: 'Checkout times out when paying by card' }),
    ).toBeNull();
  });

  it('looks for nothing while similar escalations are switched off', async () => {
    await writeSetting('assist', { sentiment: true, risk: true, routing: true, similar: false });
    const similarTo = vi.spyOn(AssistWork.prototype, 'similarTo');
    render(<SimilarEscalations ticketId="ESC-1" />);
    await screen.findByText('Similar escalations are switched off in Settings.');
    expect(similarTo).not.toHaveBeenCalled();
    similarTo.mockRestore();
  });
});
