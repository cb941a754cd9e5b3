// The Chromium the end-to-end tests and the browser benchmarks launch, and its flags: one place,
// so the benchmark measures the browser the tests check.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Flags for headless Chromium on these machines (no GPU, no sandbox, no background traffic). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Which Chromium runs the end-to-end tests: $CHROMIUM_PATH, else the system's chromium, else
 * Playwright's own download. Fails with instructions when there is none.
 */
export function chromiumExecutable(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  try {
    const bundled = chromium.executablePath();
    if (existsSync(bundled)) return undefined;
  } catch {
    // fall through to the error below
  }
  throw new Error(
    'No Chromium found for the end-to-end tests or benchmarks. Set CHROMIUM_PATH to a Chromium or Chrome binary, ' +
      'install the system package (Debian/Ubuntu: apt-get install chromium), ' +
      'or run `npx playwright install chromium` where downloads are allowed.',
  );
}
