import type { Page } from '@playwright/test';
import { expect, openDesk, test } from './fixtures';

/** Monday 30 November 2026, 08:00 UTC: the desk's clock when the test starts. */
const START = new Date('2026-11-30T08:00:00Z');
const CAPTURED = 'e2e-notifications';

interface Captured {
  title: string;
  body: string;
}

/**
 * Stands in for the system's notification centre: every Web Notification the desk shows is kept in
 * localStorage, so what was shown before a reload can still be counted after it.
 */
function captureNotifications(page: Page) {
  return page.addInitScript((key: string) => {
    class CapturedNotification {
      static permission: NotificationPermission = 'granted';
      static requestPermission = () => Promise.resolve('granted' as NotificationPermission);
      onclick: ((event: Event) => void) | null = null;
      constructor(title: string, options: NotificationOptions = {}) {
        const list = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown[];
        list.push({ title, body: options.body ?? '' });
        localStorage.setItem(key, JSON.stringify(list));
      }
      close() {}
      addEventListener() {}
      removeEventListener() {}
    }
    Object.defineProperty(window, 'Notification', {
      value: CapturedNotification,
      configurable: true,
      writable: true,
    });
  }, CAPTURED);
}

async function notificationsAbout(page: Page, ticketId: string): Promise<string[]> {
  const list = await page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key) ?? '[]') as Captured[],
    CAPTURED,
  );
  return list
    .filter((n) => n.title.startsWith(`${ticketId} `) || n.title.startsWith(`${ticketId}:`))
    .map((n) => n.title);
}

test('an SLA warning, a breach and an automatic escalation each alert once, also after a reload', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await captureNotifications(page);
  await page.clock.install({ time: START });

  // The smallest demo desk (1,000 tickets) has the demo's teams, policies and matrix.
  await openDesk(page, '#/settings');
  const demo = page.getByRole('region', { name: 'Demo data' });
  await demo.getByLabel('Tickets').selectOption('1000');
  await demo.getByRole('button', { name: 'Generate' }).click();
  await expect(demo.getByText(/^Loaded 1,000 tickets with [\d,]+ events\.$/)).toBeVisible({
    timeout: 100_000,
  });

  // A floor supervisor follows Service Management only: the demo's other teams stay quiet, and a
  // new escalation with no team yet always notifies.
  // (react-aria keeps its inputs visually hidden: a user clicks the label.)
  await page.getByText('Only the teams I choose').click();
  await expect(page.getByRole('radio', { name: 'Only the teams I choose' })).toBeChecked();
  const teams = page.getByRole('group', { name: 'Teams to follow' });
  await teams.getByText('Service Management').click();
  await expect(teams.getByRole('checkbox', { name: 'Service Management' })).toBeChecked();
  await expect(page.getByText('Saved.')).toBeVisible();

  // A P1 from the store: first response due in 30 minutes (warning at 75%), resolution in 8 hours
  // (the matrix raises it to L1 at 50%).
  await openDesk(page, '#/new');
  await page.getByRole('combobox', { name: 'Customer' }).fill('Harbour Street Store');
  // Tab keeps the typed name as a new customer, whether or not the suggestions have opened yet.
  await page.getByRole('combobox', { name: 'Customer' }).press('Tab');
  await expect(
    page.getByRole('group', { name: 'New customer “Harbour Street Store”' }),
  ).toBeVisible();
  await page.getByRole('combobox', { name: 'Category' }).fill('billing');
  await page.getByRole('textbox', { name: 'Title' }).fill('Card terminal double-charges customers');
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Every card payment is taken twice.');
  await page.getByRole('radio', { name: /^P1/ }).check();
  await page.getByRole('textbox', { name: 'Title' }).press('Control+Enter');
  await expect(page).toHaveURL(/#\/ticket\/ESC-\d+$/);
  const ticketId = decodeURIComponent(page.url().split('/').pop()!);

  const expectAlerts = (titles: string[]) =>
    expect.poll(() => notificationsAbout(page, ticketId), { timeout: 20_000 }).toEqual(titles);
  const warning = `${ticketId}: 75% of first response time used`;
  const breach = `${ticketId} breached first response`;

  await page.clock.fastForward('22:00');
  await expectAlerts([]);
  await page.clock.fastForward('01:00');
  await expectAlerts([warning]);

  await page.clock.fastForward('07:30');
  await expectAlerts([warning, breach]);

  await page.clock.fastForward('03:28:00');
  await expectAlerts([warning, breach]);
  await page.clock.fastForward('02:00');
  await expect
    .poll(() => notificationsAbout(page, ticketId), { timeout: 20_000 })
    .toEqual([
      warning,
      breach,
      expect.stringMatching(new RegExp(`^${ticketId} escalated to L1 — `)),
    ]);

  // The matrix step was applied, and the activity log has each step once.
  const activity = page.getByRole('list', { name: /activity/i }).or(page.locator('main'));
  await expect(activity.getByText('SLA warning: First response at 75%')).toHaveCount(1);
  await expect(activity.getByText('SLA breached: First response')).toHaveCount(1);
  await expect(activity.getByText(/escalation L0 · First line → L1/)).toHaveCount(1);
  await expect(activity.getByText('Automatic: 50% of resolution time used')).toHaveCount(1);

  // The queue, read once at start, shows the automatic escalation without a reload.
  await page.evaluate(() => (location.hash = '#/queue'));
  await page.getByRole('searchbox', { name: 'Search the queue' }).fill(ticketId);
  const queueRow = page.locator(`[role="row"][data-ticket-id="${ticketId}"]`);
  await expect(queueRow.locator('.cell-level')).toHaveText('L1');
  await expect(queueRow.locator('.cell-priority')).toHaveText('P1');
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`#/ticket/${ticketId}$`));

  // A reload re-derives every timer from the data: nothing alerts twice.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.clock.fastForward('00:10');
  await page.waitForTimeout(2_000);
  expect(await notificationsAbout(page, ticketId)).toHaveLength(3);
  await expect(activity.getByText('SLA breached: First response')).toHaveCount(1);
  // Beside the clocks, the ticket lists its three alerts, all new.
  const ticketAlerts = page.getByRole('region', { name: 'Alerts' });
  await expect(ticketAlerts.getByRole('listitem')).toHaveCount(3);
  await expect(ticketAlerts.getByRole('button', { name: 'Acknowledge all (3)' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/ticket-alerts-light.png' });

  // The alert centre lists the escalation as new; acknowledging it moves it on, with who and when.
  await openDesk(page, '#/alerts');
  const acknowledge = page.getByRole('button', {
    name: new RegExp(`^Acknowledge ${ticketId}: Escalated to L1`),
  });
  await acknowledge.click();
  await expect(acknowledge).toBeHidden();
  await page
    .getByRole('radiogroup', { name: 'Show alerts' })
    .getByText(/^Acknowledged/)
    .click();
  await expect(page.getByRole('radio', { name: /^Acknowledged, [\d,]+$/ })).toBeChecked();
  await expect(
    page.getByRole('row').filter({ hasText: ticketId }).filter({ hasText: 'Escalated to L1' }),
  ).toHaveCount(1);
});
