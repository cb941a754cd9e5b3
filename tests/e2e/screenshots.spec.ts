import { expect, openDesk, test } from './fixtures';

// Screenshots of every view in both themes, for people to look at (test-results/screenshots).
const VIEWS = ['queue', 'ticket', 'matrix', 'policies', 'reports', 'settings'];

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
