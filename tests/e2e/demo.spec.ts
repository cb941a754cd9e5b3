import type { Page } from '@playwright/test';
import { expect, openDesk, test } from './fixtures';

/** Open tickets as IndexedDB holds them, read without the app. */
function openTicketsInDatabase(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('escalation-desk');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const database = request.result;
          const tickets = database.transaction('tickets').objectStore('tickets');
          const all = tickets.count();
          const resolved = tickets.index('status').count('resolved');
          const closed = tickets.index('status').count('closed');
          tickets.transaction.oncomplete = () => {
            database.close();
            resolve(all.result - resolved.result - closed.result);
          };
        };
      }),
  );
}

/** The queue's subtitle: "795 open · 132 breached · 14 at risk · 3 unassigned". */
const openCount = (page: Page) => page.getByText(/^[\d,]+ open · [\d,]+ breached · /);
const opening = (open: number) => new RegExp(`^${open.toLocaleString('en-US')} open · `);

/** How far the demo load is, 0 to 1 (the queue's counts follow once it ends). */
const progressValue = (page: Page) =>
  page
    .getByRole('progressbar', { name: /^Loading a demo desk/ })
    .evaluate((element: HTMLProgressElement) => element.value);

test('an empty desk loads the demo desk with a progress bar, and the data survives a reload', async ({
  demoDesks,
}) => {
  // 5,000 tickets with ~70,000 events: IndexedDB writes dominate, and this machine is slow at them.
  test.setTimeout(240_000);
  // An empty desk in a browser profile of its own (a console error fails the test, as on `page`):
  // once checked, this load is kept as the worker's demo desk, which the files working on a demo
  // desk copy instead of loading one each (see sharedDemoDesk).
  const page = await demoDesks.openEmpty();
  await openDesk(page);
  await expect(openCount(page)).toHaveText('0 open · 0 breached · 0 at risk · 0 unassigned');
  const started = Date.now();
  await page.getByRole('button', { name: 'Load demo desk' }).click();
  const progress = page.getByRole('progressbar', { name: 'Loading a demo desk of 5,000 tickets' });
  await expect(progress).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect.poll(() => progressValue(page), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(progress).toBeHidden({ timeout: 220_000 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  test.info().annotations.push({
    type: 'demo desk of 5,000 tickets loaded in',
    description: `${seconds} s`,
  });

  const open = await openTicketsInDatabase(page);
  expect(open).toBeGreaterThan(300);
  await expect(openCount(page)).toHaveText(opening(open), { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Load demo desk' })).toBeHidden();
  // The alert engine's pass after the load scores every open ticket's escalation risk (the
  // queue says so while it runs, see RiskScanNotice); then no risk cell on screen is blank.
  const riskCells = page.getByRole('gridcell').and(page.locator('.cell-risk'));
  await expect(riskCells.filter({ hasText: /^—$/ })).toHaveCount(0, { timeout: 60_000 });
  await expect(riskCells.first()).toHaveText(/^Risk \d+ (Low|Medium|High)$/);
  // The rows on screen are scored first; the rest of the pass may take a while on a busy machine.
  await expect(page.getByRole('progressbar', { name: /^Scoring escalation risk/ })).toBeHidden({
    timeout: 60_000,
  });

  await page.reload();
  await expect(openCount(page)).toHaveText(opening(open), { timeout: 20_000 });
  await demoDesks.keep(page);
});

test('a load can be cancelled, keeping what was loaded, and Settings asks before replacing', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openDesk(page);
  await page.getByRole('button', { name: 'Load demo desk' }).click();
  // Some batches written, not all of them.
  await expect.poll(() => progressValue(page), { timeout: 60_000 }).toBeGreaterThan(0.1);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('progressbar')).toBeHidden({ timeout: 20_000 });
  const open = await openTicketsInDatabase(page);
  expect(open).toBeGreaterThan(0);
  await expect(openCount(page)).toHaveText(opening(open), { timeout: 20_000 });
  await page.reload();
  await expect(openCount(page)).toHaveText(opening(open), { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Load demo desk' })).toBeHidden();

  await openDesk(page, '#/settings');
  const card = page.getByRole('region', { name: 'Demo data' });
  await card.getByLabel('Tickets').selectOption('20000');
  await card.getByRole('button', { name: 'Generate' }).click();
  const confirm = page.getByRole('dialog', { name: 'Replace the desk?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect(await openTicketsInDatabase(page)).toBe(open);

  await card.getByRole('button', { name: 'Generate' }).click();
  await confirm.getByRole('button', { name: 'Replace with demo data' }).click();
  await expect(
    card.getByRole('progressbar', { name: 'Loading a demo desk of 20,000 tickets' }),
  ).toBeVisible();
  await card.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    card.getByRole('status').filter({ hasText: /^Stopped: [\d,]+ tickets/ }),
  ).toBeVisible({
    timeout: 20_000,
  });
});
