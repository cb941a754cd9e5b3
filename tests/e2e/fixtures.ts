import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  test as base,
  expect,
  type BrowserContext,
  type ConsoleMessage,
  type Page,
} from '@playwright/test';

/** Collects what `page` logs as an error or throws, for a check that there is none. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
  return errors;
}

/** Opens the desk and waits until the shell is ready. */
export async function openDesk(page: Page, hash = '#/queue'): Promise<void> {
  await page.goto(`./${hash}`);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/**
 * Loads the demo desk (5,000 tickets: 25–60 s, mostly IndexedDB writes) into the empty desk of
 * `page` with the queue's first-start button, and waits for the queue.
 */
async function loadDemoDesk(page: Page): Promise<void> {
  await openDesk(page);
  await page.getByRole('button', { name: 'Load demo desk' }).click();
  const progress = page.getByRole('progressbar', { name: /^Loading a demo desk/ });
  await expect(progress).toBeVisible();
  await expect(progress).toBeHidden({ timeout: 220_000 });
  await expect(page.getByRole('grid', { name: 'Escalation queue' })).toBeVisible({
    timeout: 30_000,
  });
}

/**
 * The desks of one worker, each in a browser profile of its own (a persistent context on a
 * directory of its own). The demo desk is loaded once per worker and kept as a profile; each file
 * that works on a demo desk opens a copy of that profile, so no file sees another's changes.
 * Copying the profile takes well under a second and opening the copy a few, where loading the desk
 * takes 25–60 s. (Saving it with `context.storageState({ indexedDB: true })` and restoring it into
 * a new context takes about as long as loading it: writing to IndexedDB is what is slow.)
 */
export class DemoDesks {
  private made = 0;
  /** The profile holding a loaded demo desk, never opened again: the one copies are made of. */
  private demo: string | undefined;
  private readonly profiles = new Map<BrowserContext, string>();
  private readonly errors = new Map<BrowserContext, string[]>();

  constructor(
    private readonly root: string,
    private readonly launch: (profile: string) => Promise<BrowserContext>,
  ) {}

  private async open(profile: string): Promise<Page> {
    const context = await this.launch(profile);
    this.profiles.set(context, profile);
    context.on('close', () => this.profiles.delete(context));
    return context.pages()[0] ?? (await context.newPage());
  }

  /** A page on a new, empty desk; what it logs as an error fails keep(). */
  async openEmpty(): Promise<Page> {
    const profile = join(this.root, `desk-${++this.made}`);
    await mkdir(profile);
    const page = await this.open(profile);
    this.errors.set(page.context(), watchErrors(page));
    return page;
  }

  /**
   * Keeps the desk of `page` (from openEmpty(), now holding a freshly loaded demo desk) as the one
   * openDemo() copies, and closes its browser. Fails if the page logged an error.
   */
  async keep(page: Page): Promise<void> {
    const context = page.context();
    const profile = this.profiles.get(context);
    if (!profile) throw new Error('keep() takes a page from openEmpty()');
    expect(this.errors.get(context), 'console errors on the page').toEqual([]);
    await context.close();
    this.demo = profile;
  }

  /**
   * A page (not yet navigated) on a copy of the demo desk of its own, in a browser of its own
   * (close `page.context()` when done). Loads the demo desk first if this worker has none kept.
   */
  async openDemo(): Promise<Page> {
    if (!this.demo) {
      const loading = await this.openEmpty();
      await loadDemoDesk(loading);
      await this.keep(loading);
    }
    const profile = join(this.root, `desk-${++this.made}`);
    await cp(this.demo!, profile, { recursive: true });
    return this.open(profile);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.profiles.keys()].map((context) => context.close()));
    await rm(this.root, { recursive: true, force: true });
  }
}

/** A directory for the worker's browser profiles: in memory where there is a tmpfs, else on disk. */
async function profilesRoot(): Promise<string> {
  if (existsSync('/dev/shm')) {
    try {
      return await mkdtemp('/dev/shm/desk-e2e-');
    } catch {
      // not writable: use the temporary directory
    }
  }
  return mkdtemp(join(tmpdir(), 'desk-e2e-'));
}

/**
 * `test` without a page of its own for each test, for the files that share one demo desk page
 * (see sharedDemoDesk). It has the same worker fixtures as `test`, so every file runs in the same
 * worker and shares its demo desk.
 */
export const deskTest = base.extend<object, { demoDesks: DemoDesks }>({
  demoDesks: [
    async ({ playwright, browserName }, use, workerInfo) => {
      const desks = new DemoDesks(await profilesRoot(), (profile) =>
        // With the project's launch options (the Chromium and its flags), as the `browser` fixture.
        playwright[browserName].launchPersistentContext(profile, {
          baseURL: workerInfo.project.use.baseURL,
          viewport: { width: 1280, height: 800 },
        }),
      );
      await use(desks);
      await desks.dispose();
    },
    { scope: 'worker' },
  ],
});

/** Every test fails if the page logs an error or throws: a clean console is part of "it works". */
export const test = deskTest.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors = watchErrors(page);
      await use(errors);
      expect(errors, 'console errors on the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * One page on the demo desk (5,000 tickets) for every test of a file: a copy of the worker's desk
 * (see DemoDesks), so what the file changes stays in the file. Tests share its data and run in
 * order, each fails on a console error in that page as `test` does, and a failed test's worker
 * starts over with a fresh desk. Use with `deskTest` (this file's `test` would open a page of its
 * own for each test).
 */
export function sharedDemoDesk(): () => Page {
  let page: Page | undefined;
  let errors: string[] = [];
  deskTest.beforeAll(async ({ demoDesks }, testInfo) => {
    // Seconds with a kept desk; loading one (when this worker has none yet) takes up to a minute.
    testInfo.setTimeout(240_000);
    page = await demoDesks.openDemo();
    errors = watchErrors(page);
    await openDesk(page);
    await expect(page.getByRole('grid', { name: 'Escalation queue' })).toBeVisible({
      timeout: 30_000,
    });
  });
  deskTest.afterEach(() => {
    expect(errors.splice(0), 'console errors on the page').toEqual([]);
  });
  deskTest.afterAll(async () => {
    await page?.context().close();
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
