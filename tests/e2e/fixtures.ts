import {
  test as base,
  expect,
  type BrowserContext,
  type ConsoleMessage,
  type Page,
} from '@playwright/test';

/** Every test fails if the page logs an error or throws: a clean console is part of "it works". */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
      await use(errors);
      expect(errors, 'console errors on the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the desk and waits until the shell is ready. */
export async function openDesk(page: Page, hash = '#/queue'): Promise<void> {
  await page.goto(`./${hash}`);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/**
 * One page on the demo desk (5,000 tickets, loaded once: 30–60 s) for every test of a file. Tests
 * share its data and run in order, each fails on a console error in that page as `test` does, and
 * a failed test's worker starts over with a fresh desk. Use with `test` from '@playwright/test'
 * (this file's `test` would open a page of its own for each test).
 */
export function sharedDemoDesk(): () => Page {
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const errors: string[] = [];
  base.beforeAll(async ({ browser }, testInfo) => {
    testInfo.setTimeout(240_000);
    context = await browser.newContext({
      baseURL: testInfo.project.use.baseURL,
      viewport: { width: 1280, height: 800 },
    });
    page = await context.newPage();
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
    await openDesk(page);
    await page.getByRole('button', { name: 'Load demo desk' }).click();
    const progress = page.getByRole('progressbar', { name: /^Loading a demo desk/ });
    await expect(progress).toBeVisible();
    await expect(progress).toBeHidden({ timeout: 220_000 });
    await expect(page.getByRole('grid', { name: 'Escalation queue' })).toBeVisible({
      timeout: 30_000,
    });
  });
  base.afterEach(() => {
    expect(errors.splice(0), 'console errors on the page').toEqual([]);
  });
  base.afterAll(async () => {
    await context?.close();
  });
  return () => page!;
}

/** Presses Tab until the element labelled `name` has focus (keyboard only, bounded). */
export async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  for (let presses = 0; presses < 25; presses++) {
    const label = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      if (!active) return '';
      const labelled = (active as HTMLInputElement).labels?.[0]?.textContent ?? '';
      return `${labelled}|${active.getAttribute('aria-label') ?? ''}|${active.textContent ?? ''}`;
    });
    if (
      typeof name === 'string'
        ? label.split('|').some((part) => part.trim() === name)
        : name.test(label)
    )
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

/**
 * A screenshot of a whole page whose content pane scrolls (so fullPage cannot see it): the window
 * is made `height` tall for the shot, then put back.
 */
export async function tallScreenshot(p: Page, name: string, height = 2600): Promise<void> {
  const size = p.viewportSize()!;
  await p.setViewportSize({ width: size.width, height });
  await p.locator('.content').evaluate((element) => element.scrollTo(0, 0));
  // Charts are drawn as they come into view (see the reports): wait until every one is.
  await expect(p.locator('.figure-chart-pending')).toHaveCount(0);
  await p.screenshot({ path: `test-results/screenshots/${name}.png` });
  await p.setViewportSize(size);
}
