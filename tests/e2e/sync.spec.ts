import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Page } from '@playwright/test';
import { buildServer } from '../../src/server/app';
import { openDatabase, type Sql } from '../../src/server/db';
import { createAdmin } from '../../src/server/main';
import { expect, openDesk, test } from './fixtures';

// Two desks share a queue through a real team server (embedded PGlite, on loopback): one logs an
// escalation while offline, and once it is back online the other desk has it.

const EMAIL = 'dana@north.example';
const PASSWORD = 'north-desk-password';
let sql: Sql;
let server: FastifyInstance;
let serverUrl = '';

test.beforeAll(async () => {
  sql = await openDatabase();
  server = await buildServer({ sql });
  await server.listen({ host: '127.0.0.1', port: 0 });
  serverUrl = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  await createAdmin(sql, {
    email: EMAIL,
    name: 'Dana Reyes',
    password: PASSWORD,
    space: 'north',
    spaceName: 'North desk',
  });
});

test.afterAll(async () => {
  await server?.close();
  await sql?.close();
});

/** Settings → Team sync: sign in and start syncing the North desk space. */
async function joinNorthDesk(page: Page): Promise<void> {
  await openDesk(page, '#/settings');
  const card = page.getByRole('region', { name: 'Team sync' });
  await card.getByLabel('Server address').fill(serverUrl);
  await card.getByLabel('Email').fill(EMAIL);
  await card.getByLabel('Password').fill(PASSWORD);
  await card.getByRole('button', { name: 'Sign in' }).click();
  await expect(card.getByLabel('Space')).toHaveValue('north');
  await card.getByRole('button', { name: 'Start syncing' }).click();
  await expect(syncStatus(page)).toHaveText(/^Synced/, { timeout: 15_000 });
}

/** Logs an escalation from the queue with the keyboard; returns its id from the address. */
async function logEscalation(page: Page, title: string): Promise<string> {
  await page.keyboard.press('g');
  await page.keyboard.press('q');
  await page.keyboard.press('c');
  const customer = page.getByRole('combobox', { name: 'Customer' });
  await customer.click();
  await page.keyboard.type('Marta Jensen');
  await expect(page.getByRole('option', { name: 'New customer “Marta Jensen”' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('combobox', { name: 'Category' }).click();
  await page.keyboard.type('refunds');
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Motor died after 3 weeks; no refund without the box.');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return decodeURIComponent(page.url().split('/').pop() ?? '');
}

function syncStatus(page: Page) {
  return page.locator('.sync-status').getByRole('status');
}

test('an escalation logged offline reaches the other desk once back online', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await joinNorthDesk(page);
  await page.screenshot({ path: 'test-results/sync-settings.png', fullPage: true });

  // The store loses its connection; the desk goes on working. (Chromium asks for the favicon on
  // each hash change: answered here; and every view's code is in before the network goes.)
  await page.route('**/favicon.svg', (route) =>
    route.fulfill({
      contentType: 'image/svg+xml',
      body: '<svg xmlns="http://www.w3.org/2000/svg"/>',
    }),
  );
  await expect(page.locator('html')).toHaveAttribute('data-offline-ready', 'true', {
    timeout: 15_000,
  });
  await page.context().setOffline(true);
  const title = 'Refund for a faulty blender refused';
  const ticketId = await logEscalation(page, title);
  expect(ticketId).toMatch(/^ESC-[0-9A-F]{8}-\d+$/);
  await expect(syncStatus(page)).toHaveText(/^Offline — \d+ changes waiting$/, { timeout: 40_000 });

  // Back online, the desk sends what waited without being asked.
  await page.context().setOffline(false);
  await expect(syncStatus(page)).toHaveText(/^Synced/, { timeout: 30_000 });

  // The floor supervisor's desk, on another computer, joins the same space.
  const other = await browser.newContext();
  const supervisor = await other.newPage();
  await joinNorthDesk(supervisor);
  await openDesk(supervisor, `#/ticket/${encodeURIComponent(ticketId)}`);
  await expect(supervisor.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await other.close();
});

test("a ticket logged before the desk joined keeps opening by its old id, now with the desk's code", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await openDesk(page);
  const title = 'Blender returned twice';
  expect(await logEscalation(page, title)).toBe('ESC-1001');
  await joinNorthDesk(page);

  // A link, a note or a colleague still says ESC-1001: the desk opens the renamed ticket.
  await openDesk(page, '#/ticket/ESC-1001');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page).toHaveURL(/#\/ticket\/ESC-[0-9A-F]{8}-1001$/);
  await expect(page.getByText('Ticket not found')).toHaveCount(0);

  // The sync status in the shell opens Settings at the Team sync card, focused.
  await page.locator('.sync-status-link').click();
  await expect(page.getByRole('region', { name: 'Team sync' })).toBeFocused();

  // The sign-in is kept: the desk opened again syncs without asking for the password.
  await page.reload();
  await expect(syncStatus(page)).toHaveText(/^Synced/, { timeout: 15_000 });
});
