// `npm run bench` runs every registered benchmark; `npm run bench -- NAME` runs one. Each writes
// bench/results/NAME.json and prints the same JSON as its last line. Exit code 1 when one fails.
import { mkdir, writeFile } from 'node:fs/promises';
import type { BenchResult } from './result';

// Benchmarks are imported only after this, so that everything they load sees a process in UTC.
process.env.TZ = 'UTC';

const benchmarks: Record<string, () => Promise<BenchResult>> = {
  sla: async () => (await import('./sla')).runSlaBenchmark(),
  scheduler: async () => (await import('./scheduler')).runSchedulerBenchmark(),
  queue: async () => (await import('./queue')).runQueueBenchmark(),
  reports: async () => (await import('./reports')).runReportsBenchmark(),
  sentiment: async () => (await import('./sentiment')).runSentimentBenchmark(),
  routing: async () => (await import('./routing')).runRoutingBenchmark(),
  sync: async () => (await import('./sync')).runSyncBenchmark(),
};

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !(name in benchmarks));
  if (unknown.length > 0) {
    console.error(
      `Unknown benchmark ${unknown.map((n) => `"${n}"`).join(', ')}; available: ${Object.keys(benchmarks).join(', ')}`,
    );
    process.exitCode = 1;
    return;
  }
  const resultsDir = new URL('./results/', import.meta.url);
  await mkdir(resultsDir, { recursive: true });
  const names = requested.length > 0 ? requested : Object.keys(benchmarks);
  for (const name of names) {
    const result = await benchmarks[name]!();
    const json = JSON.stringify(result);
    await writeFile(new URL(`${name}.json`, resultsDir), `${JSON.stringify(result, null, 2)}\n`);
    console.log(json);
    if (!result.pass) process.exitCode = 1;
  }
}

await main();
