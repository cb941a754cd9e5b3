import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { deskTest as test, sharedDemoDesk, tallScreenshot } from './fixtures';

// The rules editors on the demo desk (one copy, shared by the tests in order): the matrix from
// a template through what-if, save, history, rollback, export and re-import and the print view;
// then the SLA policies and a calendar.

test.describe.configure({ mode: 'serial', timeout: 90_000 });

const page = sharedDemoDesk();

/** The number in one of the what-if figures, once the preview has settled. */
async function whatIfFigure(p: Page, which: 'due' | 'breached' | 'levels'): Promise<number> {
  const panel = p.getByRole('region', { name: 'What saving would change' });
  await expect(panel).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
  const text = await panel.getByTestId(`what-if-${which}`).textContent();
  return Number((text ?? '').replace(/,/g, '').match(/^\d+/)?.[0]);
}

/** Waits for the preview of the current draft (it starts a moment after the last change). */
async function settledPreview(p: Page): Promise<void> {
  const panel = p.getByRole('region', { name: 'What saving would change' });
  await expect(panel)
    .toHaveAttribute('aria-busy', 'true', { timeout: 5_000 })
    .catch(() => {});
  await expect(panel).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
}

/** The whole view (the content pane scrolls, so a full-page shot would cut it): a tall window. */
async function levelDialog(p: Page, title: RegExp): Promise<Locator> {
  const dialog = p.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('a manager builds the matrix from a template, previews, saves, rolls back, exports and prints', async () => {
  const p = page();
  await p.goto('./#/matrix');
  const grid = p.getByRole('grid', { name: 'Escalation matrix' });
  await expect(grid).toBeVisible();

  // Start from the three-level template.
  await p.getByRole('button', { name: 'Start from template' }).click();
  const templates = p.getByRole('dialog', { name: 'Start from template' });
  await templates.getByRole('radio', { name: /Three-level escalation/ }).check();
  await templates.getByRole('button', { name: 'Use template' }).click();
  await expect(grid.getByRole('button', { name: /^Row 'Every ticket', L3:/ })).toBeVisible();
  await settledPreview(p);
  const firingAtFirst = await whatIfFigure(p, 'levels');

  // Add a fourth level at 99% of resolution.
  await p.getByRole('button', { name: "Add level to row 'Every ticket'" }).click();
  let dialog = await levelDialog(p, /New level for Row 'Every ticket'/);
  await dialog.getByLabel('Level name').fill('Service director');
  await dialog.getByLabel('Type', { exact: true }).selectOption('hierarchical');
  await dialog.getByLabel('Owner kind').selectOption('role');
  await dialog.getByLabel('Owner', { exact: true }).fill('Service director');
  await dialog.getByLabel('Trigger').selectOption('sla_percent');
  await dialog.getByLabel('SLA target').selectOption('resolution');
  await dialog.getByLabel('Percent').fill('99');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(grid.getByRole('button', { name: /^Row 'Every ticket', L4:/ })).toBeVisible();

  // Make L1 fire much earlier: the preview counts more levels firing at once.
  await grid.getByRole('button', { name: /^Row 'Every ticket', L1:/ }).click();
  dialog = await levelDialog(p, /Edit Row 'Every ticket', L1/);
  await dialog.getByLabel('Percent').fill('1');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(grid.getByRole('button', { name: /^Row 'Every ticket', L1:.*1%/ })).toBeVisible();
  await settledPreview(p);
  const firingNow = await whatIfFigure(p, 'levels');
  expect(firingNow).toBeGreaterThan(firingAtFirst);
  await p
    .getByRole('region', { name: 'What saving would change' })
    .screenshot({ path: 'test-results/screenshots/matrix-what-if.png' });

  // Save: a new version in the history, noted as started from the template.
  const history = p.getByRole('region', { name: 'History' });
  // The preview counted levels firing at once: saving asks first.
  await p.getByRole('button', { name: 'Save matrix' }).click();
  const impact = p.getByRole('alertdialog', { name: 'Save with immediate effect?' });
  await expect(impact).toContainText(new Intl.NumberFormat('en').format(firingNow));
  await expect(impact).toContainText(/escalation levels? fires?/);
  await impact.getByRole('button', { name: 'Save anyway' }).click();
  const current = history.getByRole('row', { name: /Current/ });
  await expect(current).toContainText('Started from template');
  // The demo's matrix is kept as it was found, then the saved one: a header and two versions.
  const versions = history.getByRole('table', { name: /Saved versions/ });
  await expect(versions.getByRole('row')).toHaveCount(3);
  await expect(versions).toContainText('As found before history was kept');
  const savedVersion = Number(
    (await current.getByRole('cell').first().textContent())?.match(/\d+/)?.[0],
  );
  await expect(history.getByRole('table', { name: /Changes from version/ })).toContainText('Added');
  await history.screenshot({ path: 'test-results/screenshots/matrix-history.png' });

  // Roll back to the version before: saved again as a newer one.
  await history.getByRole('button', { name: `Roll back to version ${savedVersion - 1}` }).click();
  const confirm = p.getByRole('dialog', { name: `Roll back to version ${savedVersion - 1}?` });
  await confirm.getByRole('button', { name: 'Roll back' }).click();
  await expect(history.getByRole('row', { name: /Current/ })).toContainText(
    `Rolled back to version ${savedVersion - 1}`,
  );
  await expect(grid.getByRole('button', { name: /^Row 'Every ticket', L4:/ })).toHaveCount(0);

  // Export as JSON and CSV, and read the CSV back in: the draft is the file's matrix.
  const [json] = await Promise.all([
    p.waitForEvent('download'),
    p.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const exported = JSON.parse(await readFile((await json.path())!, 'utf8')) as {
    rows: { name: string }[];
  };
  expect(exported.rows.length).toBeGreaterThan(0);
  const [csv] = await Promise.all([
    p.waitForEvent('download'),
    p.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csvText = await readFile((await csv.path())!, 'utf8');
  const edited = csvText.replace(exported.rows[0]!.name, 'Edited in a spreadsheet');
  await p.getByLabel('Import matrix file').setInputFiles({
    name: 'matrix.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(edited),
  });
  await expect(p.getByText(/Unsaved changes/)).toBeVisible();
  await expect(grid).toContainText('Edited in a spreadsheet');
  await p.getByRole('button', { name: 'Discard changes' }).click();
  await expect(grid).not.toContainText('Edited in a spreadsheet');

  // The print view: one page with every row and level, without the app around it.
  await p.getByRole('button', { name: 'Print view' }).click();
  await expect(
    p.getByRole('heading', { name: /Escalation matrix — operating procedure/ }),
  ).toBeVisible();
  await p.emulateMedia({ media: 'print' });
  await expect(p.locator('.sidebar')).toBeHidden();
  await p.screenshot({ path: 'test-results/screenshots/matrix-print.png', fullPage: true });
  await p.emulateMedia({ media: 'screen' });
  await p.getByRole('button', { name: 'Back to editor' }).click();
  await expect(grid).toBeVisible();

  const axe = await new AxeBuilder({ page: p }).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  await tallScreenshot(p, 'matrix-editor');
});

test('a manager tightens an SLA target, sees what it would breach, saves and the queue follows', async () => {
  const p = page();
  await p.goto('./#/policies');
  await expect(p.getByRole('tab', { name: 'Policies', selected: true })).toBeVisible();
  const list = p.locator('.policy-list');
  await expect(list.getByRole('button').first()).toBeVisible();
  await list.locator('.policy-list-item').first().click();

  // Every clock of this policy's tickets five minutes long: most open ones would breach at once.
  const firstResponse = p.getByLabel('First response time allowed');
  await firstResponse.fill('5');
  const resolution = p.getByLabel('Resolution time allowed');
  await resolution.fill('5');
  await expect(p.getByText(/Unsaved changes/).first()).toBeVisible();
  await settledPreview(p);
  const breaching = await whatIfFigure(p, 'breached');
  expect(breaching).toBeGreaterThan(0);
  await p
    .getByRole('region', { name: 'What saving would change' })
    .screenshot({ path: 'test-results/screenshots/policies-what-if.png' });

  // Unsaved work survives a reload (or a crash): it comes back, with a word.
  await p.reload();
  await expect(p.getByText('Your unsaved policy and calendar changes are back')).toBeVisible();
  await expect(firstResponse).toHaveValue('5');
  await expect(resolution).toHaveValue('5');

  // An invalid value is named next to its field and blocks saving.
  await firstResponse.fill('0');
  await expect(p.getByRole('button', { name: 'Save policies' })).toBeDisabled();
  await firstResponse.fill('5');
  await expect(p.getByRole('button', { name: 'Save policies' })).toBeEnabled();

  const breachedBefore = Number(
    await p
      .getByRole('link', { name: /^Breached/ })
      .first()
      .textContent()
      .then((t) => t?.match(/\d[\d,]*/)?.[0].replace(/,/g, '')),
  );
  await p.getByRole('button', { name: 'Save policies' }).click();
  const impact = p.getByRole('alertdialog', { name: 'Save with immediate effect?' });
  await expect(impact).toContainText(/tickets? turns? breached/);
  await impact.getByRole('button', { name: 'Save anyway' }).click();
  const history = p.getByRole('region', { name: 'History' });
  await expect(history.getByRole('row', { name: /Current/ })).toBeVisible();
  // The open tickets' clocks are recomputed in the background; the queue's count follows.
  await expect
    .poll(
      async () =>
        Number(
          (
            await p
              .getByRole('link', { name: /^Breached/ })
              .first()
              .textContent()
          )
            ?.match(/\d[\d,]*/)?.[0]
            .replace(/,/g, ''),
        ),
      { timeout: 60_000 },
    )
    .toBeGreaterThan(breachedBefore);
  await tallScreenshot(p, 'policies-editor');
  const axe = await new AxeBuilder({ page: p }).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);

  // Roll the policies back, as the manager would after seeing that.
  const previous = history.getByRole('button', { name: /^Roll back to version/ }).first();
  await previous.click();
  await p
    .getByRole('dialog', { name: /^Roll back to version/ })
    .getByRole('button', { name: 'Roll back' })
    .click();
  await expect(history.getByRole('row', { name: /Current/ })).toContainText('Rolled back');
});

test('a manager edits a calendar: time zone, overnight hours, a holiday pack', async () => {
  const p = page();
  await p.goto('./#/policies');
  await p.getByRole('tab', { name: 'Calendars' }).click();
  await p.getByRole('button', { name: 'Add calendar' }).click();
  await p.getByLabel('Calendar name').fill('Tokyo night shift');

  const zone = p.getByRole('combobox', { name: 'Time zone' });
  await zone.fill('Asia/Tok');
  await p.getByRole('option', { name: /Asia\/Tokyo/ }).click();
  await expect(zone).toHaveValue(/Asia\/Tokyo/);

  const monday = p.getByRole('group', { name: 'Monday' });
  // A new calendar starts with office hours on weekdays: Monday becomes a night shift.
  await monday.getByLabel('Monday range 1 from').fill('22:00');
  await monday.getByLabel('Monday range 1 to').fill('06:00');
  await expect(monday).toContainText('overnight');
  // A second range overlapping the first is named where it is.
  await monday.getByRole('button', { name: 'Add range' }).click();
  await monday.getByLabel('Monday range 2 from').fill('23:00');
  await monday.getByLabel('Monday range 2 to').fill('23:30');
  await expect(monday).toContainText(/overlap/i);
  await expect(p.getByRole('button', { name: 'Save calendar' })).toBeDisabled();
  await monday.getByRole('button', { name: /Remove Monday range 2/ }).click();

  await p.getByRole('button', { name: 'Add holiday pack…' }).click();
  const pack = p.getByRole('dialog', { name: 'Add holiday pack' });
  await pack.getByLabel('Country').selectOption({ index: 0 });
  await pack.getByRole('button', { name: 'Add holidays' }).click();
  await expect(p.getByText(/added/i).first()).toBeVisible();

  await p.getByRole('button', { name: 'Save calendar' }).click();
  await expect(
    p.getByRole('region', { name: 'History' }).getByRole('row', { name: /Current/ }),
  ).toBeVisible();
  await tallScreenshot(p, 'calendar-editor');
  const axe = await new AxeBuilder({ page: p }).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
});
