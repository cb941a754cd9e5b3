// Builds what the queue benchmark serves: the app (the browser build, as `npm run build:web` makes
// it, into the bench's own folder so a running e2e server keeps its out/web), the bench pages, and
// the in-page probe as one classic script for addInitScript.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { DESK } from './protocol';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const pagesSource = resolve(repo, 'bench/queue/pages');
const out = resolve(repo, 'bench/results/queue-dist');

export interface BenchBuild {
  appDir: string;
  pagesDir: string;
  probeFile: string;
  /** Changes whenever the code that decides the seeded data changes (see `deskMarker`). */
  seedMarker: string;
}

/**
 * What decides the seeded desk's rows: the demo generator and what it folds (SLA, calendars,
 * escalation, tickets), the loader, the SLA-row writer and the schema, plus the desk's size. A change
 * to any of them seeds the desk again (a quarter of an hour on 2 cores); other changes do not.
 */
const DESK_SOURCES = [
  'src/core/demo',
  'src/core/sla',
  'src/core/tickets',
  'src/core/calendar',
  'src/core/escalation',
  'src/renderer/src/db/database.ts',
  'src/renderer/src/db/ticket-writes.ts',
  'src/renderer/src/db/demo/load-demo.ts',
];

export async function deskMarker(): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(DESK));
  for (const source of DESK_SOURCES) {
    const path = resolve(repo, source);
    const files = (await stat(path)).isDirectory()
      ? (await readdir(path, { recursive: true }))
          .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
          .sort()
          .map((name) => join(path, name))
      : [path];
    for (const file of files) hash.update(file.slice(repo.length)).update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

const alias = { '@core': resolve(repo, 'src/core') };

export async function buildBench(): Promise<BenchBuild> {
  const appDir = resolve(out, 'app');
  const pagesDir = resolve(out, 'pages');
  const probeDir = resolve(out, 'probe');
  await build({
    configFile: resolve(repo, 'vite.web.config.ts'),
    logLevel: 'warn',
    build: { outDir: appDir, emptyOutDir: true },
  });
  await build({
    configFile: false,
    root: pagesSource,
    base: '/bench/',
    logLevel: 'warn',
    resolve: { alias },
    plugins: [react()],
    build: {
      outDir: pagesDir,
      emptyOutDir: true,
      target: 'esnext',
      rolldownOptions: {
        input: {
          seed: resolve(pagesSource, 'seed.html'),
          getall: resolve(pagesSource, 'getall.html'),
          'react-window': resolve(pagesSource, 'react-window.html'),
          reports: resolve(pagesSource, 'reports.html'),
        },
      },
    },
  });
  await build({
    configFile: false,
    logLevel: 'warn',
    resolve: { alias },
    build: {
      outDir: probeDir,
      emptyOutDir: true,
      target: 'esnext',
      lib: {
        entry: resolve(pagesSource, 'probe.tsx'),
        formats: ['iife'],
        name: 'queueBenchProbe',
        fileName: () => 'probe.js',
      },
    },
  });
  return {
    appDir,
    pagesDir,
    probeFile: resolve(probeDir, 'probe.js'),
    seedMarker: await deskMarker(),
  };
}
