import type { EscalationLevel, EscalationTrigger } from '@core/index';
import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../db/database';
import { onDeskChanged } from '../../db/desk-changes';
import { readSetting, writeSetting } from '../../db/settings';
import { AssistSettingsCard } from './AssistSettingsCard';

configure({ asyncUtilTimeout: 5_000 });

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
});

function checkbox(name: string): HTMLInputElement {
  return screen.getByRole('checkbox', { name }) as HTMLInputElement;
}

describe('AssistSettingsCard', () => {
  it('shows every assist feature on by default, each with what it does', async () => {
    render(<AssistSettingsCard />);
    await screen.findByRole('checkbox', { name: 'Customer sentiment' });
    for (const name of [
      'Customer sentiment',
      'Escalation risk',
      'Routing suggestions',
      'Similar escalations',
    ]) {
      expect(checkbox(name).checked).toBe(true);
      expect(checkbox(name).getAttribute('aria-describedby')).toBeTruthy();
    }
    expect(
      screen.getByText('Everything is computed on this computer; no customer text leaves it.'),
    ).toBeTruthy();
  });

  it('stores each switch as it is toggled', async () => {
    render(<AssistSettingsCard />);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Routing suggestions' }));
    expect(checkbox('Routing suggestions').checked).toBe(false);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved.'));
    expect(await readSetting('assist', db)).toEqual({
      sentiment: true,
      risk: true,
      routing: false,
      similar: true,
    });
    fireEvent.click(checkbox('Similar escalations'));
    fireEvent.click(checkbox('Customer sentiment'));
    await waitFor(async () =>
      expect(await readSetting('assist', db)).toEqual({
        sentiment: false,
        risk: true,
        routing: false,
        similar: false,
      }),
    );
  });

  it('shows what is stored; switching risk on or off re-derives the desk, routing does not', async () => {
    await writeSetting('assist', { sentiment: true, risk: false, routing: true, similar: true });
    const changed = vi.fn();
    const stop = onDeskChanged(changed);
    render(<AssistSettingsCard />);
    await waitFor(() => expect(checkbox('Escalation risk').checked).toBe(false));
    fireEvent.click(checkbox('Escalation risk'));
    await waitFor(() => expect(changed).toHaveBeenCalledExactlyOnceWith('all'));
    expect((await readSetting('assist', db)).risk).toBe(true);
    fireEvent.click(checkbox('Escalation risk'));
    await waitFor(() => expect(changed).toHaveBeenCalledTimes(2));
    fireEvent.click(checkbox('Routing suggestions'));
    await waitFor(async () => expect((await readSetting('assist', db)).routing).toBe(false));
    expect(changed).toHaveBeenCalledTimes(2);
    stop();
  });

  it('says how many matrix levels in which rows wait while risk or sentiment is off', async () => {
    const level = (id: string, trigger: EscalationTrigger): EscalationLevel => ({
      id,
      type: 'automatic',
      trigger,
      actions: [{ kind: 'reassign' }],
      repeat: { kind: 'none' },
    });
    await db.matrices.put({
      id: 'active',
      version: 1,
      updatedAt: 0,
      matrix: {
        rows: [
          {
            id: 'vip',
            name: 'VIP',
            criteria: {},
            levels: [
              level('v1', { kind: 'risk_above', score: 60 }),
              level('v2', { kind: 'after_minutes', minutes: 60, mode: 'business' }),
            ],
          },
          {
            id: 'all',
            name: 'Everything else',
            criteria: {},
            levels: [
              level('a1', { kind: 'sla_percent', target: 'resolution', percent: 50 }),
              level('a2', { kind: 'risk_above', score: 80 }),
            ],
          },
        ],
      },
    });
    render(<AssistSettingsCard />);
    const risk = "3 levels in 2 rows (L1–L2 of row 'VIP', L2 of row 'Everything else')";
    const before = await screen.findByText(
      `Switching this off holds back ${risk} of the escalation matrix until it is on again.`,
    );
    // Part of the switch's description; no sentiment level, so nothing said for sentiment.
    expect(checkbox('Escalation risk').getAttribute('aria-describedby')).toContain(before.id);
    expect(checkbox('Customer sentiment').getAttribute('aria-describedby')).not.toMatch(/waits/);

    fireEvent.click(checkbox('Escalation risk'));
    const waiting = `While this is off, ${risk} of the escalation matrix will not fire.`;
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(`Saved. ${waiting}`));
    const described = checkbox('Escalation risk').getAttribute('aria-describedby')!.split(' ');
    expect(described.map((id) => document.getElementById(id)?.textContent)).toContain(
      `Warning: ${waiting}`,
    );
  });
});
