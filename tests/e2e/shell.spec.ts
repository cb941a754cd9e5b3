import AxeBuilder from '@axe-core/playwright';
import { expect, openDesk, test } from './fixtures';

const VIEWS = [
  { link: 'Queue', hash: '#/queue', heading: 'Escalation queue', key: 'q' },
  { link: 'New escalation', hash: '#/new', heading: 'New escalation', key: 'n' },
  { link: 'Ticket', hash: '#/ticket', heading: 'Ticket', key: 't' },
  { link: 'Alerts', hash: '#/alerts', heading: 'Alerts', key: 'a' },
  { link: 'Matrix', hash: '#/matrix', heading: 'Escalation matrix', key: 'm' },
  { link: 'Policies', hash: '#/policies', heading: 'SLA policies', key: 'p' },
  { link: 'Reports', hash: '#/reports', heading: 'Reports', key: 'r' },
  { link: 'Settings', hash: '#/settings', heading: 'Settings', key: 's' },
];

test('the shell loads with the queue and the app title', async ({ page }) => {
  await openDesk(page, '');
  await expect(page).toHaveTitle('Escalation Desk');
  await expect(page.getByRole('heading', { level: 1, name: 'Escalation queue' })).toBeVisible();
  await expect(
    page.getByText('0 open · 0 breached · 0 at risk · 0 unassigned', { exact: true }),
  ).toBeVisible();
});

test('every view is reachable with the keyboard through the navigation', async ({ page }) => {
  await openDesk(page);
  for (const view of VIEWS) {
    const link = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: view.link });
    // Tab until the view's link has focus (through the view's own fields and the navigation's
    // queue counts), then press Enter.
    await page.locator('body').focus();
    let focused = false;
    for (let presses = 0; presses < 25 && !focused; presses++) {
      await page.keyboard.press('Tab');
      focused = await link.evaluate((element) => element === document.activeElement);
    }
    expect(focused, `Tab reaches the ${view.link} link`).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`${view.hash.replace('/', '\\/')}$`));
    await expect(page.getByRole('heading', { level: 1, name: view.heading })).toBeVisible();
    await expect(link).toHaveAttribute('aria-current', 'page');
  }
});

test('"g" shortcuts jump between views and "?" lists them', async ({ page }) => {
  await openDesk(page);
  for (const view of [...VIEWS].reverse()) {
    await page.keyboard.press('g');
    await page.keyboard.press(view.key);
    await expect(page.getByRole('heading', { level: 1, name: view.heading })).toBeVisible();
  }
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('row', { name: /Go to Reports/ })).toBeVisible();
  await expect(dialog.getByRole('row', { name: /Create a new escalation/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('shortcuts stay out of the way while typing in a field', async ({ page }) => {
  await openDesk(page, '#/ticket');
  const field = page.getByLabel('Ticket id');
  await field.fill('');
  await field.pressSequentially('gs');
  await expect(field).toHaveValue('gs');
  await expect(page.getByRole('heading', { level: 1, name: 'Ticket' })).toBeVisible();
});

test('an unknown address and an unknown ticket say so, with a way back', async ({ page }) => {
  await openDesk(page, '#/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the queue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Escalation queue' })).toBeVisible();

  await openDesk(page, '#/ticket');
  await page.getByLabel('Ticket id').fill('bad id!');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('alert')).toContainText('only letters, digits');
  await page.getByLabel('Ticket id').fill('ESC-404');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ticket ESC-404' })).toBeVisible();
  await expect(page.getByText('There is no ticket')).toBeVisible();
});

test('the theme follows the OS and the choice in Settings survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openDesk(page, '#/settings');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('radio', { name: 'Match the system' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('Settings shows the app info from the browser host and a test alert falls back in-app', async ({
  page,
  context,
}) => {
  await openDesk(page, '#/settings');
  await expect(page.getByText('Browser app')).toBeVisible();
  // Notifications are not granted in a fresh headless profile: the alert must show inside the desk.
  await context.clearPermissions();
  await page.evaluate(() => {
    Object.defineProperty(Notification, 'permission', { value: 'denied', configurable: true });
  });
  await page.getByRole('button', { name: 'Send a test alert' }).click();
  await expect(
    page.getByRole('region', { name: 'Desk notifications' }).getByText('Test alert'),
  ).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'blocked or unavailable' }),
  ).toBeVisible();
});

test('accessibility scan of every view in the light and dark themes finds no serious violation', async ({
  page,
}) => {
  test.setTimeout(90_000); // two full axe runs per view; slow on a busy two-core machine
  for (const view of VIEWS) {
    // No transitions: a colour is scanned as it ends, not on its way.
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await openDesk(page, view.hash);
    await expect(page.getByRole('heading', { level: 1, name: view.heading })).toBeVisible();
    // Each theme on the same page: the desk follows the system's scheme as it changes.
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter(
        (violation) => violation.impact === 'serious' || violation.impact === 'critical',
      );
      expect(
        serious.map(
          (violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`,
        ),
        `${view.link} in ${theme}`,
      ).toEqual([]);
    }
  }
});
