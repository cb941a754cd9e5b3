#!/usr/bin/env node
/**
 * Security gate: runs @doyensec/electronegativity and fails on any finding that is not listed,
 * with a written reason, in security/electronegativity-accepted.json.
 *
 * Three scans, run side by side in one process (about ten seconds, most of it the scanner's
 * offline attempts to fetch translations):
 *   1. `src`: every check on the sources (main, preload, renderer, core). Test files
 *      (*.test.ts[x], test-setup.ts) are left out: they are not shipped, and the scanner cannot tell
 *      a mock from a window. The sources are scanned from a copy without them; findings are
 *      reported under their real `src/...` paths.
 *   2. `out/renderer/index.html`: the CSP checks on the page the build ships, because the policy
 *      lives in build/csp.ts and only reaches HTML at build time (the scan of `src` cannot see it).
 *   3. a canary: a deliberately insecure window in a temp folder, which must produce findings.
 *      If it does not, the scanner is broken (e.g. cannot parse) and a clean result means nothing.
 *
 * The scanner is used through its documented programmatic API rather than the CLI: with `-o`, the
 * CLI drops its parse errors silently (an unparsable file is simply not scanned) and writes the CSV
 * header and rows with two racing asynchronous writes. Here parse errors fail the scan.
 *
 * AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK is skipped: it downloads Electron's release list from
 * GitHub (offline it waits, then gives up) and reads only package.json files, none under `src`.
 * Keeping Electron patched is the job of dependency updates, not of this scan.
 *
 * Usage: node scripts/security-scan.mjs   (needs `npm run build` first, for out/renderer).
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const ACCEPTED_FILE = 'security/electronegativity-accepted.json';
const MIN_REASON_LENGTH = 40;
const SKIPPED_CHECKS = ['availablesecurityfixesglobalcheck'];
/** Files under src that are not part of the app and are not scanned. */
export const NOT_SHIPPED = /(\.test\.[cm]?[jt]sx?|[\\/]test-setup\.[jt]sx?)$/;

/** The canary: each of these checks must fire on CANARY_SOURCE, or the scanner is not working. */
export const CANARY_CHECKS = [
  'NODE_INTEGRATION_JS_CHECK',
  'CONTEXT_ISOLATION_JS_CHECK',
  'SANDBOX_JS_CHECK',
];
const CANARY_SOURCE = `const { BrowserWindow } = require('electron');
const win = new BrowserWindow({
  webPreferences: { nodeIntegration: true, contextIsolation: false },
});
win.loadURL('https://example.com');
`;

/** @typedef {{ check: string, file: string, line: number, severity: string, confidence: string, sample: string, description: string }} Finding */
/** @typedef {{ check: string, file: string, sample?: string, reason: string }} Acceptance */

/** Repo-relative, forward slashes; global findings without a file are named after the input. */
export function displayPath(file, input, root = repo) {
  if (!file || file === 'N/A') return displayPath(input, input, root);
  const rel = isAbsolute(file) ? relative(root, file) : file;
  return rel.split(sep).join('/');
}

/** Turns electronegativity's issues into flat findings. */
export function normaliseIssues(issues, input, root = repo) {
  return issues.map((issue) => ({
    check: String(issue.id),
    file: displayPath(issue.file, input, root),
    line: Number(issue.location?.line ?? 0),
    severity: issue.severity?.name ?? String(issue.severity ?? ''),
    confidence: issue.confidence?.name ?? String(issue.confidence ?? ''),
    sample: typeof issue.sample === 'string' ? issue.sample : '',
    description: String(issue.description ?? ''),
  }));
}

/** Validates the accepted-findings file; returns its entries or throws naming every problem. */
export function parseAccepted(json) {
  const problems = [];
  const entries = Array.isArray(json?.accepted) ? json.accepted : null;
  if (!entries) throw new Error(`${ACCEPTED_FILE} must be an object with an "accepted" array`);
  entries.forEach((entry, index) => {
    const where = `accepted[${index}]`;
    for (const key of ['check', 'file', 'reason']) {
      if (typeof entry?.[key] !== 'string' || entry[key].trim() === '') {
        problems.push(`${where}: "${key}" must be a non-empty string`);
      }
    }
    if (typeof entry?.reason === 'string' && entry.reason.trim().length < MIN_REASON_LENGTH) {
      problems.push(`${where}: the reason must explain why (at least ${MIN_REASON_LENGTH} chars)`);
    }
    if (entry?.sample !== undefined && (typeof entry.sample !== 'string' || entry.sample === '')) {
      problems.push(`${where}: "sample", when given, must be a non-empty string`);
    }
    const extra = Object.keys(entry ?? {}).filter(
      (key) => !['check', 'file', 'sample', 'reason'].includes(key),
    );
    if (extra.length) problems.push(`${where}: unknown keys ${extra.join(', ')}`);
  });
  if (problems.length) throw new Error(`${ACCEPTED_FILE} is invalid:\n  ${problems.join('\n  ')}`);
  return entries;
}

/** True when `entry` covers `finding`: same check and file (any line), and sample if given. */
export function covers(entry, finding) {
  return (
    entry.check === finding.check &&
    entry.file === finding.file &&
    (entry.sample === undefined || finding.sample.includes(entry.sample))
  );
}

/** Splits findings into accepted and new, and lists entries that no longer match anything. */
export function compare(findings, accepted) {
  const rows = findings.map((finding) => ({
    finding,
    entry: accepted.find((entry) => covers(entry, finding)),
  }));
  return {
    rows,
    unaccepted: rows.filter((row) => !row.entry).map((row) => row.finding),
    stale: accepted.filter((entry) => !findings.some((finding) => covers(entry, finding))),
  };
}

/** A plain-text table; cells are cut to keep one finding per line. */
export function formatTable(rows) {
  const header = ['status', 'check', 'where', 'severity', 'code / description'];
  const body = rows.map(({ finding, entry }) => [
    entry ? 'accepted' : 'NEW',
    finding.check,
    finding.line > 0 ? `${finding.file}:${finding.line}` : finding.file,
    `${finding.severity}/${finding.confidence}`,
    cut(finding.sample || finding.description, 70),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => row[i].length)));
  const line = (row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function cut(text, max) {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Loads electronegativity's programmatic `run`. */
function loadScanner() {
  const require = createRequire(import.meta.url);
  const mod = require('@doyensec/electronegativity');
  const run = typeof mod === 'function' ? mod : mod.default;
  if (typeof run !== 'function') throw new Error('@doyensec/electronegativity exports no run()');
  return run;
}

/**
 * Runs one scan of `input` (reported as `label`, paths relative to `root`); throws when the
 * scanner loaded no checks or could not parse a file.
 */
async function scan(run, { input, label, root, electronVersion, customScan = [] }) {
  const result = await run(
    {
      input,
      customScan,
      // (The scanner exits the process if an excluded check is not among the selected ones.)
      excludeFromScan: customScan.length ? [] : SKIPPED_CHECKS,
      electronVersionOverride: electronVersion,
      isRelative: false,
    },
    false,
  );
  if (!result || !Array.isArray(result.issues) || !Array.isArray(result.errors)) {
    throw new Error(`electronegativity returned no result for ${label}`);
  }
  if (result.atomicChecks + result.globalChecks === 0) {
    throw new Error(`electronegativity loaded no checks for ${label}`);
  }
  const fatal = result.errors.filter((error) => !error.tolerable);
  if (fatal.length) {
    const list = fatal.map((e) => `  ${displayPath(e.file, label, root)}: ${e.message}`).join('\n');
    throw new Error(
      `electronegativity could not parse these files, so did not scan them:\n${list}`,
    );
  }
  for (const warning of result.errors) {
    console.warn(`warning: ${displayPath(warning.file, label, root)}: ${warning.message}`);
  }
  return normaliseIssues(result.issues, label, root);
}

/** The Electron version the app is built with, as installed. */
function installedElectronVersion() {
  const pkg = JSON.parse(readFileSync(join(repo, 'node_modules/electron/package.json'), 'utf8'));
  return String(pkg.version);
}

async function main() {
  const started = Date.now();
  const electronVersion = installedElectronVersion();
  const accepted = parseAccepted(JSON.parse(await readFile(join(repo, ACCEPTED_FILE), 'utf8')));
  const builtPage = join(repo, 'out/renderer/index.html');
  if (!existsSync(builtPage)) {
    throw new Error('out/renderer/index.html is missing: run `npm run build` before this scan.');
  }

  const run = loadScanner();
  // The scanner logs its offline complaints (translations, release list) on stdout; keep them out.
  const log = console.log;
  console.log = () => undefined;
  let sourceFindings, pageFindings, canaryFindings;
  const work = await mkdtemp(join(tmpdir(), 'electronegativity-'));
  const shipped = join(work, 'app');
  const canary = join(work, 'canary');
  try {
    await cp(join(repo, 'src'), join(shipped, 'src'), {
      recursive: true,
      filter: (source) => !NOT_SHIPPED.test(source),
    });
    await mkdir(canary);
    await writeFile(join(canary, 'insecure-window.js'), CANARY_SOURCE);
    [sourceFindings, pageFindings, canaryFindings] = await Promise.all([
      scan(run, { input: join(shipped, 'src'), label: 'src', root: shipped, electronVersion }),
      scan(run, {
        input: builtPage,
        label: 'out/renderer/index.html',
        root: repo,
        electronVersion,
        customScan: ['cspglobalcheck'],
      }),
      scan(run, { input: canary, label: 'canary', root: canary, electronVersion }),
    ]);
  } finally {
    console.log = log;
    await rm(work, { recursive: true, force: true });
  }

  const missing = CANARY_CHECKS.filter((id) => !canaryFindings.some((f) => f.check === id));
  if (missing.length) {
    throw new Error(
      `the scanner did not flag a deliberately insecure window (missing ${missing.join(', ')}): ` +
        'it is not working, so its silence about the app means nothing',
    );
  }

  const findings = [...sourceFindings, ...pageFindings];
  const { rows, unaccepted, stale } = compare(findings, accepted);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  console.log(
    `electronegativity (Electron ${electronVersion}): src + out/renderer/index.html, ${seconds}s`,
  );
  console.log(rows.length ? formatTable(rows) : 'No findings.');
  console.log(
    `\n${findings.length} finding(s): ${findings.length - unaccepted.length} accepted in ` +
      `${ACCEPTED_FILE}, ${unaccepted.length} new.`,
  );
  let failed = false;
  if (unaccepted.length) {
    failed = true;
    console.error(
      `\nFAIL: ${unaccepted.length} finding(s) not accepted. Fix the code, or, only for a false ` +
        `positive or a deliberate choice, add { "check", "file", "reason" } to ${ACCEPTED_FILE}.`,
    );
  }
  if (stale.length) {
    failed = true;
    console.error(`\nFAIL: accepted entries that match no finding any more (remove them):`);
    for (const entry of stale) console.error(`  ${entry.check} in ${entry.file}`);
  }
  if (!failed) console.log('OK: no findings outside the accepted list.');
  return failed ? 1 : 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`\nFAIL: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
