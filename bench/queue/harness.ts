// What the benchmarks on the 100,000-ticket desk share: the app and bench pages built and served
// from one origin, and Chromium on the persistent profile that holds the seeded desk.
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../scripts/chromium';
import { buildBench, type BenchBuild } from './build';
import { serveBench } from './server';

/** Fixed, because IndexedDB belongs to the origin: another port means seeding again. */
export const PORT = Number(process.env.QUEUE_BENCH_PORT ?? 41_731);
export const PROFILE_DIR = fileURLToPath(new URL('../results/.chromium-profile', import.meta.url));
export const VIEWPORT = { width: 1280, height: 800 };

/** A number to one decimal, for results people read. */
export const round1 = (n: number) => Math.round(n * 10) / 10;

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A running bench: the served origin and Chromium on the desk's profile. */
export interface DeskBench {
  built: BenchBuild;
  origin: string;
  context: BrowserContext;
  chromiumVersion: string;
  /** Errors any page threw or logged, with its address. */
  pageErrors: string[];
  /** The machine's load when the bench began and now, for the result's details. */
  loadAverage(): Record<string, unknown>;
  close(): Promise<void>;
}

/** Builds, serves and opens Chromium with the in-page probe; `log` tells what it is doing. */
export async function openDeskBench(log: (message: string) => void): Promise<DeskBench> {
  const loadBefore = loadavg();
  if (loadBefore[0]! > availableParallelism())
    log(
      `the machine is busy (load ${loadBefore[0]!.toFixed(1)} on ${availableParallelism()} cores): expect slow, noisy numbers`,
    );
  log('building the app and the bench pages …');
  const built = await buildBench();
  let site: Awaited<ReturnType<typeof serveBench>>;
  try {
    site = await serveBench(built.appDir, built.pagesDir, PORT);
  } catch (error) {
    throw new Error(
      `cannot serve on 127.0.0.1:${PORT} (${String(error)}); set QUEUE_BENCH_PORT to a free port (the desk is then seeded again for that origin)`,
      { cause: error },
    );
  }
  log(`serving ${site.origin}; Chromium profile ${PROFILE_DIR}`);
  const context = await chromium.launchPersistentContext(PROFILE_DIR, {
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: VIEWPORT,
  });
  const pageErrors: string[] = [];
  context.on('page', (page) => {
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${page.url()}: ${message.text()}`);
    });
  });
  const close = async () => {
    await context.close();
    await site.close();
  };
  try {
    await context.addInitScript({ path: built.probeFile });
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    const { product } = await session.send('Browser.getVersion');
    await page.close();
    return {
      built,
      origin: site.origin,
      context,
      chromiumVersion: product.replace(/^\D+\//, ''),
      pageErrors,
      loadAverage: () => ({
        note: 'other processes on this machine skew every number; compare runs at similar load',
        cores: availableParallelism(),
        atStart: loadBefore.map(round1),
        atEnd: loadavg().map(round1),
      }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
