import type { Ticket } from '@core/index';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../db/database';
import { useDeskStore } from '../../store';
import type { ReportQuery } from './report-query';
import { initialQueryState, useReportQueryStore } from './report-store';
import type { ReportState } from './reports-client';
import { testResult } from './test-report';

const client = vi.hoisted(() => ({
  /** What useReport answers for a query; the default is a ready report for it. */
  state: undefined as ((query: ReportQuery) => ReportState) | undefined,
  calls: [] as { query: ReportQuery; retry: number }[],
  drillDownTickets: vi.fn(async () => ['ESC-1', 'ESC-2']),
}));
const drillDown = vi.hoisted(() => ({ openDrillDown: vi.fn() }));
const files = vi.hoisted(() => ({ downloads: [] as { blob: Blob; fileName: string }[] }));

vi.mock('./reports-client', () => ({
  useReport: (query: ReportQuery, retry = 0) => {
    client.calls.push({ query, retry });
    return client.state ? client.state(query) : { status: 'ready', result: testResult(query) };
  },
  drillDownTickets: client.drillDownTickets,
}));
vi.mock('../queue/drill-down', () => drillDown);
vi.mock('../transfer/export-files', () => ({
  downloadBlob: (blob: Blob, fileName: string) => files.downloads.push({ blob, fileName }),
}));

// Recharts measures its container; jsdom has no ResizeObserver (and no layout).
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;

// jsdom's Blob has no text(); browsers do.
const blobText = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });

configure({ asyncUtilTimeout: 5_000 });

const { ReportsView } = await import('./ReportsView');

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  await db.tickets.put({ id: 'ESC-1', title: 'A ticket' } as Ticket);
  await db.teams.bulkPut([
    { id: 'team-billing', name: 'Billing', skills: [] },
    { id: 'team-evil', name: '=HYPERLINK("http://x")', skills: [] },
  ]);
  await db.people.put({ id: 'person-ada', name: 'Ada Lovelace', role: 'agent' });
  useReportQueryStore.setState(initialQueryState());
  useDeskStore.setState({ toasts: [] });
  client.state = undefined;
  client.calls = [];
  client.drillDownTickets.mockClear();
  drillDown.openDrillDown.mockClear();
  files.downloads = [];
});

afterEach(() => vi.useRealTimers());

const lastQuery = () => client.calls[client.calls.length - 1]!.query;

/** The card (section) of a figure, by its title. */
const figureCard = (title: string) => screen.getByRole('region', { name: title });

async function renderReport() {
  render(<ReportsView />);
  await screen.findByRole('heading', { name: 'Overview' });
  // Team names come from the database: wait until they are read.
  await screen.findAllByText('Billing');
}

describe('ReportsView', { timeout: 20_000 }, () => {
  it('shows the header line and each headline figure with its change in words', async () => {
    await renderReport();
    const days = Math.round((lastQuery().filter.to - lastQuery().filter.from) / 86_400_000);
    expect(days).toBe(30);
    expect(screen.getByText(/created .*, compared with the previous 30 days/).textContent).toMatch(
      /^200 tickets created/,
    );

    const card = (kpi: string) =>
      document.querySelector<HTMLButtonElement>(`.kpi-card[data-kpi="${kpi}"]`)!;
    expect(card('tickets').textContent).toContain('Up 25% vs previous period');
    expect(card('tickets').textContent).not.toMatch(/better|worse/);

    const escalation = card('escalation-rate');
    expect(escalation.textContent).toContain('25.0%');
    expect(escalation.textContent).toContain('50 of 200');
    expect(escalation.textContent).toContain('Functional 30 · Hierarchical 15 · Automatic 5');
    expect(escalation.textContent).toContain('Up 1.9 points vs previous period, worse');

    const firstResponse = card('first-response');
    expect(firstResponse.textContent).toContain('First response1 hMedian in business hours');
    expect(firstResponse.textContent).toContain('Down 30 min vs previous period, better');
    expect(card('csat').textContent).toContain('Down 0.3 vs previous period, worse');
    expect(card('dropped').textContent).toContain('No change vs previous period');

    // Calendar time instead of business hours.
    fireEvent.change(screen.getByLabelText('Durations in'), { target: { value: 'calendar' } });
    expect(card('first-response').textContent).toContain('2 hMedian in calendar time');
  });

  it('a headline card opens its tickets in the queue', async () => {
    await renderReport();
    fireEvent.click(document.querySelector('.kpi-card[data-kpi="reopen-rate"]')!);
    await waitFor(() => expect(drillDown.openDrillDown).toHaveBeenCalled());
    const query = lastQuery();
    expect(client.drillDownTickets).toHaveBeenCalledWith({
      query,
      drill: { segment: { kind: 'reopened' } },
    });
    expect(drillDown.openDrillDown).toHaveBeenCalledWith({
      title: expect.stringMatching(/^Reopened tickets · /) as string,
      ticketIds: ['ESC-1', 'ESC-2'],
    });
  });

  it('a chart’s table view shows its exact counts, each opening exactly those tickets', async () => {
    await renderReport();
    const card = figureCard('Escalations over time');
    const toggle = within(card).getByRole('button', { name: 'Show table' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(within(card).queryByRole('table')).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');

    const table = within(card).getByRole('table', { name: /^Escalations over time, / });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual([
      'Day',
      'Functional',
      'Hierarchical',
      'Automatic',
      'Not escalated',
      'Tickets',
    ]);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.children].map((cell) => cell.textContent).slice(1))).toEqual([
      ['17', '9', '4', '90', '120'],
      ['13', '6', '1', '60', '80'],
    ]);

    // The second week's hierarchical count: the type and the bucket of that row.
    const { from } = lastQuery().filter;
    const week = 7 * 86_400_000;
    fireEvent.click(within(rows[1]!).getByRole('button', { name: /^6: Hierarchical escalations/ }));
    await waitFor(() => expect(drillDown.openDrillDown).toHaveBeenCalledTimes(1));
    expect(client.drillDownTickets).toHaveBeenCalledWith({
      query: lastQuery(),
      drill: {
        segment: { kind: 'escalated', type: 'hierarchical' },
        bucket: { from: from + week, to: from + 2 * week },
      },
    });
    const { title } = drillDown.openDrillDown.mock.calls[0]![0] as { title: string };
    const day = new Intl.DateTimeFormat(undefined, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    }).format(from + week);
    expect(title).toBe(`Hierarchical escalations · ${day}`);
  });

  it('drill-down titles name the filters; per-target and per-team counts open their segment', async () => {
    await renderReport();
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'P1' } });
    const card = figureCard('SLA compliance per target');
    fireEvent.click(within(card).getByRole('button', { name: 'Show table' }));
    fireEvent.click(within(card).getByRole('button', { name: /^30: Resolution breached/ }));
    await waitFor(() => expect(drillDown.openDrillDown).toHaveBeenCalledTimes(1));
    expect(client.drillDownTickets).toHaveBeenLastCalledWith({
      query: lastQuery(),
      drill: { segment: { kind: 'sla', target: 'resolution', outcome: 'breached' } },
    });
    expect(drillDown.openDrillDown.mock.calls[0]![0]).toMatchObject({
      title: expect.stringMatching(/^Resolution breached · .+ · P1$/) as string,
    });

    const teams = figureCard('Breaches by team');
    fireEvent.click(within(teams).getByRole('button', { name: 'Show table' }));
    fireEvent.click(within(teams).getByRole('button', { name: /^10: Breached in No team/ }));
    await waitFor(() => expect(drillDown.openDrillDown).toHaveBeenCalledTimes(2));
    expect(client.drillDownTickets).toHaveBeenLastCalledWith({
      query: lastQuery(),
      drill: { segment: { kind: 'breached', teamId: null } },
    });
  });

  it('team and person tables show names from the desk and open each one’s tickets', async () => {
    await renderReport();
    const teams = within(figureCard('Teams')).getByRole('table');
    const billing = within(teams).getByRole('row', { name: /^Billing/ });
    expect([...billing.children].map((cell) => cell.textContent)).toEqual([
      'Billing',
      '120',
      '30',
      '25.0%',
      '90.0%',
      '4.1',
      '40',
      '20 h',
    ]);
    const people = within(figureCard('People')).getByRole('table');
    fireEvent.click(within(people).getByRole('button', { name: /^60: Ada Lovelace/ }));
    await waitFor(() => expect(drillDown.openDrillDown).toHaveBeenCalled());
    expect(client.drillDownTickets).toHaveBeenLastCalledWith({
      query: lastQuery(),
      drill: { segment: { kind: 'owner', ownerId: 'person-ada' } },
    });
  });

  it('exports a table’s numbers as CSV, names that could run as formulas made safe', async () => {
    await renderReport();
    fireEvent.click(within(figureCard('Teams')).getByRole('button', { name: 'Export CSV' }));
    expect(files.downloads).toHaveLength(1);
    const { blob, fileName } = files.downloads[0]!;
    expect(fileName).toMatch(/^Teams \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await blobText(blob)).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'Team,Tickets,Escalated,Escalation rate (%),SLA compliance (%),CSAT,Ratings,Median time to resolve (minutes)',
      'Billing,120,30,25.0,90.0,4.1,40,1200',
      `"'=HYPERLINK(""http://x"")",80,20,25.0,75.0,,0,`,
    ]);
  });

  it('the period, grouping and filters make the query', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 10, 27, 15, 30));
    await renderReport();

    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'last_7' } });
    let { filter, options } = lastQuery();
    expect(new Date(filter.from)).toEqual(new Date(2026, 10, 21));
    expect(new Date(filter.to)).toEqual(new Date(2026, 10, 28));
    expect(options).toMatchObject({ bucket: 'day', recurrenceDays: 30 });

    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'week' } });
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'P1' } });
    fireEvent.change(screen.getByLabelText('Team'), { target: { value: 'team-billing' } });
    fireEvent.change(screen.getByLabelText('Highest level'), { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText('Channel'), { target: { value: 'web' } });
    fireEvent.change(screen.getByLabelText('Recurs within (days)'), { target: { value: '14' } });
    ({ filter, options } = lastQuery());
    expect(filter).toMatchObject({
      priorities: ['P1'],
      teams: ['team-billing'],
      levels: [0],
      channels: ['web'],
    });
    expect(filter.categories).toBeUndefined();
    expect(options).toMatchObject({ bucket: 'week', recurrenceDays: 14 });

    // A window that is not whole days from 1 to 365 is named, and the report keeps its own.
    const recurrence = screen.getByLabelText('Recurs within (days)');
    for (const bad of ['0', '400', '']) {
      fireEvent.change(recurrence, { target: { value: bad } });
      expect(recurrence).toHaveProperty('value', bad);
      expect(recurrence.getAttribute('aria-invalid')).toBe('true');
      expect(screen.getByText('Whole days from 1 to 365; the report still uses 14.')).toBeTruthy();
      expect(lastQuery().options.recurrenceDays).toBe(14);
    }
    fireEvent.change(recurrence, { target: { value: '60' } });
    expect(recurrence.getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByText(/Whole days from 1 to 365/)).toBeNull();
    expect(lastQuery().options.recurrenceDays).toBe(60);

    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-10-01' } });
    fireEvent.change(screen.getByLabelText('To (last day)'), { target: { value: '2026-10-31' } });
    ({ filter } = lastQuery());
    expect(new Date(filter.from)).toEqual(new Date(2026, 9, 1));
    expect(new Date(filter.to)).toEqual(new Date(2026, 10, 1));

    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    ({ filter, options } = lastQuery());
    expect(filter.priorities).toBeUndefined();
    expect(new Date(filter.from)).toEqual(new Date(2026, 9, 29));
    expect(options.bucket).toBe('day');
  });

  it('shows progress while it computes, keeping the last report dimmed', async () => {
    let state: ReportState | undefined;
    client.state = (query) => state ?? { status: 'ready', result: testResult(query) };
    const { rerender } = render(<ReportsView />);
    await screen.findByRole('heading', { name: 'Overview' });
    const result = testResult(lastQuery());
    state = {
      status: 'loading',
      progress: { done: 420_000, total: 1_400_000, label: 'Reading events' },
      result,
    };
    rerender(<ReportsView />);
    const bar = screen.getByRole('progressbar', { name: 'Reading events 420,000 of 1,400,000' });
    expect(bar.getAttribute('aria-valuenow')).toBe('420000');
    expect(bar.getAttribute('aria-valuemax')).toBe('1400000');
    const body = document.querySelector('.report-body')!;
    expect(body.getAttribute('aria-busy')).toBe('true');
    expect(body.textContent).toContain('Escalation rate');

    state = { status: 'error', message: 'The worker stopped.', result };
    rerender(<ReportsView />);
    expect(screen.getByRole('alert').textContent).toContain('The worker stopped.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    const before = client.calls.length;
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Retry' })));
    expect(client.calls.slice(before).some((call) => call.retry === 1)).toBe(true);
  });

  it('keeps the empty state for an empty desk', async () => {
    await db.tickets.clear();
    render(<ReportsView />);
    await screen.findByRole('heading', { name: 'Nothing to report on yet' });
    expect(screen.queryByRole('group', { name: 'Report period and filters' })).toBeNull();
  });
});
