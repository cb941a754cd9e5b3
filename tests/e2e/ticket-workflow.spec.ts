import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { deskTest as test, sharedDemoDesk, tabTo } from './fixtures';

// The tests work tickets of one demo desk (a copy of the worker's); each picks its ticket from the
// queue.
const deskPage = sharedDemoDesk();

/**
 * From the queue's "All open" view filtered to one escalation level, opens the first (most urgent)
 * ticket beside the queue and then full screen. Returns its id.
 */
async function openFirstAtLevel(page: Page, level: string): Promise<string> {
  await page.evaluate(() => {
    window.location.hash = '#/queue';
  });
  await page
    .getByRole('navigation', { name: 'Queue views' })
    .getByRole('button', { name: /^All open\b/ })
    .click();
  await page.getByRole('button', { name: /^Filter/ }).click();
  const filter = page.getByRole('dialog', { name: 'Filter the queue' });
  await filter.getByLabel('Column').selectOption('level');
  await filter.getByText(level, { exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(filter).toBeHidden();
  const row = page
    .getByRole('grid', { name: 'Escalation queue' })
    .locator('[role="row"][data-ticket-id]')
    .first();
  await expect(row.locator('.cell-level')).toHaveText(level.split(' ')[0]!);
  const ticketId = (await row.getAttribute('data-ticket-id'))!;
  await row.click();
  await expect(page).toHaveURL(new RegExp(`#/queue/${ticketId}$`));
  await page.getByRole('button', { name: 'Open full screen' }).click();
  await expect(page).toHaveURL(new RegExp(`#/ticket/${ticketId}$`));
  // The shortcuts belong to the loaded ticket: wait for it before pressing them.
  await expect(page.getByRole('toolbar', { name: 'Ticket actions' })).toBeVisible();
  await expect(page.getByText(new RegExp(`^${ticketId} · `))).toBeVisible();
  return ticketId;
}

test('work a demo ticket end to end: escalate by keyboard, update, resolve, close with CSAT, reopen', async () => {
  test.setTimeout(90_000);
  const page = deskPage();

  // Open the most urgent first-line ticket from the queue.
  const ticketId = await openFirstAtLevel(page, 'L0 · First line');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(`Ticket ${ticketId}`);

  // Escalate hierarchically, keyboard only.
  await page.locator('body').press('e');
  const escalate = page.getByRole('dialog', { name: `Escalate ${ticketId}` });
  await expect(escalate).toBeVisible();
  await expect(escalate.getByRole('radio', { name: /Hierarchical/ })).toBeChecked();
  await tabTo(page, 'Person');
  await page.keyboard.press('ArrowDown');
  const person = await escalate
    .getByLabel('Person', { exact: true })
    .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]!.text);
  expect(person).not.toBe('Choose a person');
  await tabTo(page, 'Reason');
  await page.keyboard.type('Customer asked for a manager; two fixes failed');
  await tabTo(page, 'Escalate');
  await page.keyboard.press('Enter');
  await expect(escalate).toBeHidden();
  const personName = person.split(' · ')[0]!;
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(
    timeline.getByText(new RegExp(`Hierarchical escalation L0 · First line → L1 to ${personName}`)),
  ).toBeVisible();
  await expect(timeline.getByText('Customer asked for a manager; two fixes failed')).toBeVisible();
  await expect(page.getByText('L1', { exact: true })).toBeVisible();

  // Send a customer update (u focuses the composer, Ctrl+Enter sends).
  await page.locator('body').press('u');
  await page.keyboard.type(
    'We have escalated this to our duty manager and will call you within the hour.',
  );
  await page.keyboard.press('Control+Enter');
  await expect(timeline.getByText('Update sent to the customer').first()).toBeVisible();
  await expect(timeline.getByText('We have escalated this to our duty manager')).toBeVisible();

  // Resolve: escalated, so the root cause is required. Esc leaves the composer first.
  await page.keyboard.press('Escape');
  await page.keyboard.press('r');
  const resolve = page.getByRole('dialog', { name: `Resolve ${ticketId}` });
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolve).toBeVisible();
  await resolve.getByLabel('Root cause', { exact: true }).selectOption('configuration');
  await resolve
    .getByLabel('Notes', { exact: true })
    .fill('Store router had the wrong VLAN after the firmware update');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolve).toBeHidden();
  const state = page.getByRole('region', { name: 'State' });
  await expect(state.locator('.chip', { hasText: /^Resolved$/ })).toBeVisible();
  await expect(timeline.getByText('Root cause: Configuration')).toBeVisible();

  // Close with CSAT.
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  const close = page.getByRole('dialog', { name: `Close ${ticketId}` });
  await close.getByRole('button', { name: 'Close ticket' }).click();
  await expect(close.getByRole('alert')).toHaveText('Choose a CSAT score, or “Did not rate”.');
  await close.getByRole('radio', { name: '4' }).check();
  await close.getByRole('button', { name: 'Close ticket' }).click();
  await expect(close).toBeHidden();
  await expect(state.locator('.chip', { hasText: /^Closed$/ })).toBeVisible();
  await expect(state.getByText('CSAT 4/5')).toBeVisible();

  // Reopen keeps the history.
  await page.getByRole('button', { name: 'Reopen' }).click();
  const reopen = page.getByRole('dialog', { name: `Reopen ${ticketId}` });
  await reopen.getByLabel('Reason').fill('Same fault came back this morning');
  await reopen.getByRole('button', { name: 'Reopen' }).click();
  await expect(reopen).toBeHidden();
  await expect(state.locator('.chip', { hasText: /^Open$/ })).toBeVisible();
  await expect(timeline.getByText('Same fault came back this morning')).toBeVisible();
  await expect(timeline.getByText('Root cause: Configuration')).toBeVisible();
  await expect(timeline.getByText('CSAT 4/5')).toBeVisible();

  // Everything is still there after a reload.
  const entries = await timeline.getByRole('listitem').count();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Timeline' }).getByRole('listitem')).toHaveCount(
    entries,
  );
  await expect(
    page.getByRole('region', { name: 'State' }).locator('.chip', { hasText: /^Open$/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Details' }).getByText(/configuration: Store router/),
  ).toBeVisible();
});

test('a refused step explains itself and changes nothing', async () => {
  const page = deskPage();
  await openFirstAtLevel(page, 'L0 · First line');
  await page.locator('body').press('e');
  const escalate = page.getByRole('dialog', { name: /^Escalate / });
  await escalate.getByLabel('Person', { exact: true }).selectOption({ index: 1 });
  // No reason: the browser refuses the empty required field; the dialog stays open.
  await escalate.getByRole('button', { name: 'Escalate' }).click();
  await expect(escalate).toBeVisible();
  await escalate.getByLabel('Reason').fill('   ');
  await escalate.getByRole('button', { name: 'Escalate' }).click();
  await expect(escalate.getByRole('alert')).toHaveText('A reason for the escalation is required.');
  await page.keyboard.press('Escape');
  await expect(
    page.getByRole('region', { name: 'Timeline' }).getByText(/escalation L0/),
  ).toHaveCount(0);
});

test('the ticket page and its escalate dialog have no serious accessibility violations', async () => {
  test.setTimeout(90_000);
  const page = deskPage();
  await openFirstAtLevel(page, 'L1');
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`);
  expect(await serious(), 'ticket page').toEqual([]);
  await page.keyboard.press('e');
  await expect(page.getByRole('dialog', { name: /^Escalate / })).toBeVisible();
  expect(await serious(), 'escalate dialog').toEqual([]);
});

test('a new escalation takes the suggested team only when the user picks it, and keeps it', async () => {
  test.setTimeout(90_000);
  const page = deskPage();
  await page.evaluate(() => {
    window.location.hash = '#/new';
  });
  await page.getByRole('combobox', { name: 'Customer' }).fill('Harbour Street Store');
  await page.getByRole('combobox', { name: 'Customer' }).press('Tab');
  await page.getByRole('combobox', { name: 'Category' }).fill('network');
  await page.getByRole('textbox', { name: 'Title' }).fill('Store Wi-Fi drops every hour');
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('The router loses its uplink and the card terminals go offline.');

  // The desk's own resolved history suggests a team; the field stays empty until one is picked.
  const suggested = page.getByRole('complementary', { name: 'Suggested teams' });
  await expect(suggested).toBeVisible({ timeout: 20_000 });
  const team = page.getByRole('combobox', { name: /^Team/ });
  await expect(team).toHaveValue('');
  const use = suggested.getByRole('button', { name: /^Use / }).first();
  const teamName = (await use.textContent())!.replace(/^Use /, '');
  await use.click();
  await expect(team).toBeFocused();
  await expect(team.locator('option:checked')).toHaveText(teamName);
  await page.screenshot({
    path: 'test-results/screenshots/new-escalation-team.png',
    fullPage: true,
  });

  await page.keyboard.press('Control+Enter');
  await expect(page).toHaveURL(/#\/ticket\/ESC-\d+$/);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByText(new RegExp(`${teamName}`)).first()).toBeVisible();
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toContainText(teamName);
});
