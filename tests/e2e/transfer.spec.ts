import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openDesk, test } from './fixtures';

// A semicolon file with a byte order mark, a quoted line break, and two bad rows (4 and 5).
const CSV = [
  '\uFEFFTicket ID;Subject;Customer;Tier;Priority;Status;Created;Description',
  'E2E-1;Checkout fails;Acme Corp;enterprise;P1;Open;2025-06-01 09:00;"Card declined',
  'for every customer"',
  'E2E-2;Refund missing;Globex;business;high;Pending customer;2025-06-02T10:00:00Z;',
  'E2E-3;Slow reports;Globex;business;urgentish;Open;2025-06-03 11:00;',
  'E2E-4;Login loop;Initech;standard;low;New;2025-02-30 10:00;',
  'E2E-5;Invoice wrong;Initech;standard;normal;Resolved;03/06/2025 14:30;',
  '',
].join('\r\n');

// Each test imports through the dialog, and the second uses two browser contexts.
test.describe.configure({ timeout: 60_000 });

async function openImport(page: Page) {
  await openDesk(page, '#/settings');
  await page.getByRole('button', { name: 'Import tickets…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import tickets' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Every row of the desk's tickets, events and customers, read straight from IndexedDB. */
async function deskRows(page: Page) {
  return page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('escalation-desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = database.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error);
      });
    const rows = {
      tickets: await all('tickets'),
      events: await all('events'),
      customers: await all('customers'),
    };
    database.close();
    return rows;
  });
}

test('a CSV with good and bad rows: exactly the bad ones are listed, the good ones imported', async ({
  page,
}) => {
  const dialog = await openImport(page);
  await dialog.getByLabel('File to import (.csv or .json)').setInputFiles({
    name: 'escalations.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV, 'utf8'),
  });

  await expect(dialog.getByText('5 rows with 8 columns, separated by semicolons.')).toBeVisible();
  await expect(dialog.getByLabel('Title (required)')).toHaveValue('1');
  await expect(dialog.getByLabel('Customer name')).toHaveValue('2');
  const preview = dialog.getByRole('table', { name: /Preview: the first 5 rows as mapped/ });
  await expect(preview.getByRole('row')).toHaveCount(6);
  await expect(preview.getByRole('cell', { name: 'Checkout fails' })).toBeVisible();

  await dialog.getByRole('button', { name: 'Check 5 rows' }).click();
  await expect(dialog.getByText('3 valid rows, 2 rows with problems')).toBeVisible();
  const problems = dialog.getByRole('table', { name: 'Problems (2 problems)' });
  await expect(problems.getByRole('row')).toHaveText([
    ['Row', 'Column', 'Problem'].join(''),
    ['4', 'Priority', '“urgentish” is not a priority (use P1–P4 or urgent/high/normal/low).'].join(
      '',
    ),
    ['5', 'Created', '“2025-02-30 10:00” is not a real date.'].join(''),
  ]);
  const accessibility = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(accessibility.violations).toEqual([]);

  await dialog.getByRole('button', { name: 'Import 3 valid rows' }).click();
  await expect(dialog.getByText('Import finished.')).toBeVisible();
  await expect(dialog).toContainText('Added 3 tickets, 6 events and 3 new customers.');
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  const check = async () => {
    await openDesk(page, '#/ticket/E2E-1');
    await expect(page.getByRole('heading', { level: 1, name: 'Checkout fails' })).toBeVisible();
    const rows = await deskRows(page);
    expect(rows.tickets.map((ticket) => (ticket as { id: string }).id).sort()).toEqual([
      'E2E-1',
      'E2E-2',
      'E2E-5',
    ]);
    expect(rows.tickets.find((ticket) => (ticket as { id: string }).id === 'E2E-5')).toMatchObject({
      status: 'resolved',
      priority: 'P3',
      customerId: 'cus-initech',
      createdAt: Date.parse('2025-06-03T14:30:00Z'),
    });
    expect(rows.tickets.find((ticket) => (ticket as { id: string }).id === 'E2E-1')).toMatchObject({
      description: 'Card declined\r\nfor every customer',
    });
  };
  await check();
  await page.reload();
  await check();
});

test('an exported JSON file re-imports into an empty desk as the same data', async ({
  page,
  browser,
}) => {
  const dialog = await openImport(page);
  await dialog.getByLabel('File to import (.csv or .json)').setInputFiles({
    name: 'escalations.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV, 'utf8'),
  });
  await dialog.getByRole('button', { name: 'Check 5 rows' }).click();
  await dialog.getByRole('button', { name: 'Import 3 valid rows' }).click();
  await expect(dialog.getByText('Import finished.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export everything (JSON)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^escalation-desk-export-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = await readFile(await download.path(), 'utf8');
  const file = JSON.parse(exported) as Record<string, unknown[]>;
  expect(file).toMatchObject({ format: 'escalation-desk-export', version: 1 });
  expect([file.customers!.length, file.tickets!.length, file.events!.length]).toEqual([3, 3, 6]);
  await expect(page.getByText(/^Saved escalation-desk-export-/)).toBeVisible();
  const original = await deskRows(page);

  // A new browser context has an empty IndexedDB: a desk on another computer.
  const context = await browser.newContext();
  const other = await context.newPage();
  const errors: string[] = [];
  other.on('pageerror', (error) => errors.push(error.message));
  other.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  try {
    const otherDialog = await openImport(other);
    await otherDialog.getByLabel('File to import (.csv or .json)').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/json',
      buffer: Buffer.from(exported, 'utf8'),
    });
    await expect(otherDialog.getByText('3 valid tickets, 0 items with problems')).toBeVisible();
    await otherDialog.getByRole('button', { name: 'Import 3 tickets' }).click();
    await expect(otherDialog).toContainText('Added 3 tickets, 6 events and 3 new customers.');

    const byId = (rows: unknown[]) =>
      [...rows].sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1));
    const copy = await deskRows(other);
    expect(byId(copy.tickets)).toEqual(byId(original.tickets));
    expect(byId(copy.events)).toEqual(byId(original.events));
    expect(byId(copy.customers)).toEqual(byId(original.customers));

    await other.reload();
    await openDesk(other, '#/ticket/E2E-2');
    await expect(other.getByRole('heading', { level: 1, name: 'Refund missing' })).toBeVisible();
    expect(byId((await deskRows(other)).tickets)).toEqual(byId(original.tickets));

    // Importing the same file again changes nothing: every ticket is already there.
    const again = await openImport(other);
    await again.getByLabel('File to import (.csv or .json)').setInputFiles({
      name: 'again.json',
      mimeType: 'application/json',
      buffer: Buffer.from(exported, 'utf8'),
    });
    await expect(again.getByText('0 valid tickets, 3 items with problems')).toBeVisible();
    await expect(again.getByRole('button', { name: 'Nothing to import' })).toBeDisabled();
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
