import type { Page } from '@playwright/test';
import { expect, openDesk, test } from './fixtures';

// Screenshots of every view in both themes, for people to look at (test-results/screenshots).
const VIEWS = ['queue', 'ticket', 'alerts', 'matrix', 'policies', 'reports', 'settings'];

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots of every view in the ${theme} theme`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: theme });
    for (const view of VIEWS) {
      await openDesk(page, `#/${view}`);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.locator('#page-title')).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/${view}-${theme}.png` });
    }
  });
}

/** A few tickets with alerts in every state, written straight to IndexedDB (then reload). */
async function seedAlerts(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const now = Date.now();
        const minute = 60_000;
        const request = indexedDB.open('escalation-desk');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const database = request.result;
          const stores = ['customers', 'teams', 'people', 'tickets', 'firedAlerts', 'settings'];
          const transaction = database.transaction(stores, 'readwrite');
          const put = (store: string, rows: object[]) =>
            rows.forEach((row) => transaction.objectStore(store).put(row));
          put('customers', [
            { id: 'C-1', name: 'Northwind Traders', tier: 'enterprise' },
            { id: 'C-2', name: 'Contoso Pharmacy', tier: 'business' },
          ]);
          put('teams', [
            { id: 'T-1', name: 'Tier 1 Support', skills: [] },
            { id: 'T-2', name: 'Tier 2 Support', skills: [] },
            { id: 'T-3', name: 'Billing Specialists', skills: [] },
          ]);
          put('people', [{ id: 'P-1', name: 'Dana Smith', role: 'supervisor', teamId: 'T-2' }]);
          const ticket = (id: string, title: string, customerId: string) => ({
            id,
            title,
            description: '',
            customerId,
            tier: 'enterprise',
            channel: 'email',
            category: 'billing',
            priority: 'P2',
            status: 'open',
            level: 1,
            teamId: 'T-2',
            createdAt: now - 600 * minute,
            updatedAt: now - 600 * minute,
            escalated: true,
            breached: false,
          });
          put('tickets', [
            ticket('ESC-1042', 'Card terminal rejects contactless payments', 'C-1'),
            ticket('ESC-1043', 'Invoice shows the wrong VAT rate', 'C-2'),
            ticket('ESC-1044', 'Pharmacy orders stuck in "pending"', 'C-2'),
          ]);
          put('firedAlerts', [
            {
              key: 'ESC-1042:resolution.0:breach',
              ticketId: 'ESC-1042',
              firedAt: now - 4 * minute,
              state: 'new',
              kind: 'sla_breach',
              target: 'resolution',
              late: false,
            },
            {
              key: 'ESC-1043:level:2',
              ticketId: 'ESC-1043',
              firedAt: now - 18 * minute,
              state: 'new',
              kind: 'escalation',
              level: 2,
              to: 'Dana Smith',
              late: false,
            },
            {
              key: 'ESC-1044:first_response.0:warn:75',
              ticketId: 'ESC-1044',
              firedAt: now - 95 * minute,
              at: now - 14 * 60 * minute,
              state: 'new',
              kind: 'sla_warning',
              target: 'first_response',
              percent: 75,
              late: true,
            },
            {
              key: 'ESC-1042:level:1:repeat:1',
              ticketId: 'ESC-1042',
              firedAt: now - 130 * minute,
              state: 'acknowledged',
              kind: 'escalation_repeat',
              level: 1,
              repeat: 1,
              acknowledgedAt: now - 120 * minute,
              acknowledgedBy: 'P-1',
            },
            {
              key: 'ESC-1043:level:1',
              ticketId: 'ESC-1043',
              firedAt: now - 300 * minute,
              state: 'acknowledged',
            },
          ]);
          transaction.oncomplete = () => {
            database.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
  );
  await page.reload();
}

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots of the alert centre and the alert preferences in the ${theme} theme`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: theme });
    await openDesk(page, '#/alerts');
    await seedAlerts(page);
    await expect(page.getByRole('button', { name: 'Acknowledge all new (3)' })).toBeVisible();
    await page.getByRole('button', { name: /^Acknowledge ESC-1042/ }).focus();
    await page.screenshot({ path: `test-results/screenshots/alerts-seeded-${theme}.png` });
    await page.getByRole('radiogroup', { name: 'Show alerts' }).getByText('All').click();
    await expect(page.getByRole('radio', { name: /All/ })).toBeChecked();
    await expect(page.getByText('Acknowledged by Dana Smith')).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/alerts-all-${theme}.png` });

    await openDesk(page, '#/settings');
    const card = page.getByRole('region', { name: 'Alert preferences' });
    // react-aria keeps the inputs visually hidden: click their labels, as a user does.
    await card.getByText('Only the teams I choose').click();
    await card.getByText('Tier 2 Support').click();
    await card.getByText('Quiet hours', { exact: true }).click();
    await expect(card.getByRole('switch', { name: 'Quiet hours' })).toBeChecked();
    await expect(card.getByRole('status')).toHaveText('Saved.');
    await card.screenshot({ path: `test-results/screenshots/alert-preferences-${theme}.png` });
  });
}
