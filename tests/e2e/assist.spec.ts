import AxeBuilder from '@axe-core/playwright';
import { expect, openDesk, test } from './fixtures';

// Assist on an empty desk (no demo load): an angry customer message raises the ticket's risk, and a
// matrix level triggered by risk escalates it on its own.

test('an angry customer message raises the risk, and a risk trigger escalates the ticket automatically', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openDesk(page, '#/matrix');

  // The manager starts from the three-level template and lets L1 fire when the risk is above 10.
  await page.getByRole('button', { name: 'Start from template' }).click();
  const templates = page.getByRole('dialog', { name: 'Start from template' });
  await templates.getByRole('radio', { name: /Three-level escalation/ }).check();
  await templates.getByRole('button', { name: 'Use template' }).click();
  const grid = page.getByRole('grid', { name: 'Escalation matrix' });
  await grid.getByRole('button', { name: /^Row 'Every ticket', L1:/ }).click();
  const level = page.getByRole('dialog', { name: /Edit Row 'Every ticket', L1/ });
  await level.getByLabel('Trigger').selectOption('risk_above');
  await level.getByLabel('Risk score').fill('10');
  await level.getByRole('button', { name: 'Apply' }).click();
  await expect(
    grid.getByRole('button', { name: /^Row 'Every ticket', L1:.*risk above 10/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Save matrix' }).click();
  await expect(
    page.getByRole('region', { name: 'History' }).getByRole('row', { name: /Current/ }),
  ).toBeVisible();

  // A calm ticket: a standard customer, far from its deadlines.
  await openDesk(page, '#/new');
  await page.getByRole('combobox', { name: 'Customer' }).fill('Quay Road Store');
  await page.getByRole('combobox', { name: 'Customer' }).press('Tab');
  await page.getByRole('combobox', { name: 'Category' }).fill('returns');
  await page.getByRole('textbox', { name: 'Title' }).fill('Exchange of a faulty kettle refused');
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('The store refused to exchange a kettle bought last week.');
  await page.getByRole('radio', { name: /^P3/ }).check();
  await page.getByRole('textbox', { name: 'Title' }).press('Control+Enter');
  await expect(page).toHaveURL(/#\/ticket\/ESC-\d+$/);

  const riskCard = page.getByRole('region', { name: 'Escalation risk' });
  const score = riskCard.locator('[data-risk-score]');
  await expect(score).toHaveAttribute('data-risk-score', '0', { timeout: 15_000 });
  await expect(riskCard).toContainText('Customer mood: no message from the customer yet');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByText(/escalation L0 · First line → L1/)).toHaveCount(0);

  // The customer writes, furious.
  await page.getByText('Customer message', { exact: true }).click();
  const message = page.getByRole('textbox', { name: 'Customer message' });
  await message.fill(
    'This is absolutely UNACCEPTABLE!!! The kettle is broken, nobody answers and I am furious 😡',
  );
  await message.press('Control+Enter');

  // The message reads as negative on the timeline, and the risk says why it rose.
  await expect(timeline.locator('.sentiment-chip').first()).toContainText('Negative');
  await expect
    .poll(async () => Number(await score.getAttribute('data-risk-score')), { timeout: 15_000 })
    .toBeGreaterThan(10);
  await expect(riskCard).toContainText(/Customer mood: Negative \(−0\.\d\d\), from one message/);
  await riskCard.getByText('Why this score').click();
  await expect(riskCard.getByRole('list', { name: 'Why this score' })).toContainText(
    /Last customer message very negative/,
  );

  // The matrix's risk trigger escalated the ticket on its own, once.
  await expect(timeline.getByText(/^Automatic: escalation risk \d+ \(above 10\)/)).toHaveCount(1, {
    timeout: 20_000,
  });
  await expect(timeline.getByText(/escalation L0 · First line → L1/)).toHaveCount(1);

  const axe = await new AxeBuilder({ page }).include('.ticket-side').analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await riskCard.screenshot({ path: 'test-results/screenshots/ticket-risk.png' });
  await page
    .getByRole('region', { name: 'Similar escalations' })
    .screenshot({ path: 'test-results/screenshots/ticket-similar.png' });

  // The queue scores it too, and explains the score on hover.
  await openDesk(page, '#/queue');
  const row = page.locator('[role="row"][data-ticket-id]').first();
  await expect(row.locator('.cell-risk [data-risk-score]')).toBeVisible();
  await row.locator('.cell-risk').hover();
  await expect(page.getByRole('tooltip')).toContainText('Why this risk score');

  // From the keyboard: "i" shows the active ticket's SLA targets and risk reasons, Esc hides them.
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toBeHidden();
  const queue = page.getByRole('grid', { name: 'Escalation queue' });
  await queue.focus();
  await page.keyboard.press('i');
  const details = page.getByRole('tooltip');
  await expect(details).toContainText('SLA targets');
  await expect(details).toContainText('Why this risk score');
  await expect(row).toHaveAttribute('aria-describedby', 'queue-ticket-details');
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(row).not.toHaveAttribute('aria-describedby', /./);

  // With escalation risk switched off, its column and "High risk" view step aside.
  await openDesk(page, '#/settings');
  const assist = page.getByRole('region', { name: 'Assist' });
  await assist.getByRole('checkbox', { name: 'Escalation risk' }).uncheck();
  await openDesk(page, '#/queue');
  await expect(queue.getByRole('columnheader', { name: 'Priority' })).toBeVisible();
  await expect(queue.getByRole('columnheader', { name: 'Risk' })).toHaveCount(0);
  const views = page.getByRole('navigation', { name: 'Queue views' });
  await expect(views.getByText('All open')).toBeVisible();
  await expect(views.getByText('High risk')).toHaveCount(0);
  // The printed procedure says the risk level, and the levels after it, wait meanwhile.
  await openDesk(page, '#/matrix');
  await page.getByRole('button', { name: 'Print view' }).click();
  const procedure = page.getByRole('region', { name: 'Escalation matrix — operating procedure' });
  await expect(procedure).toContainText(
    /Escalation risk is switched off in Settings, so 3 levels in 1 row \(L1–L3 of row 'Every ticket'\) will not fire/,
  );
  await expect(procedure.getByRole('row').nth(1)).toContainText(
    'Escalation risk is switched off in Settings: this level and the levels after it',
  );
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({
    path: 'test-results/screenshots/matrix-print-waiting.png',
    fullPage: true,
  });
  await page.emulateMedia({ media: 'screen' });
  await openDesk(page, '#/settings');
  await assist.getByRole('checkbox', { name: 'Escalation risk' }).check();
  await openDesk(page, '#/queue');
  await expect(queue.getByRole('columnheader', { name: 'Risk' })).toBeVisible();
  await expect(views.getByText('High risk')).toBeVisible();
});
