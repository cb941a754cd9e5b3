#!/usr/bin/env node
/**
 * Type-checks every TypeScript project (see ARCHITECTURE.md for what each one covers), as many at
 * once as the machine has cores: one after another they took about a minute of the CI run, side by
 * side on two cores about half that. Each project's output is printed whole, after it ends, so two
 * projects' errors never interleave. Exits 1 if any project has an error.
 *
 * Usage: node scripts/typecheck.mjs
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';

const PROJECTS = [
  // The slowest first, so the others fill the second core around it.
  'tsconfig.test.json',
  'tsconfig.web.json',
  'tsconfig.node.json',
  'bench/queue/tsconfig.json',
  'tsconfig.core.json',
];

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function check(project) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [tsc, '-p', project, '--pretty'], { stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`tsc -p ${project}: ${code === 0 ? 'ok' : 'errors'} (${seconds} s)\n`);
      if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      resolve(code === 0);
    });
  });
}

const queue = [...PROJECTS];
const results = [];
async function worker() {
  for (let project = queue.shift(); project; project = queue.shift()) {
    results.push(await check(project));
  }
}
const lanes = Math.max(1, Math.min(availableParallelism(), PROJECTS.length));
await Promise.all(Array.from({ length: lanes }, worker));
if (results.includes(false)) process.exitCode = 1;
