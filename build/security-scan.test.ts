import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// The gate's pure parts; importing the script does not run the scan.
import {
  ACCEPTED_FILE,
  NOT_SHIPPED,
  compare,
  covers,
  displayPath,
  formatTable,
  normaliseIssues,
  parseAccepted,
} from '../scripts/security-scan.mjs';

const reason = 'A reason long enough to say why this finding is a false positive here.';

function finding(check: string, file: string, sample = '', line = 3) {
  return { check, file, line, severity: 'MEDIUM', confidence: 'FIRM', sample, description: 'd' };
}

describe('security scan: the accepted-findings file', () => {
  it('is valid and gives every entry a reason', () => {
    const json: unknown = JSON.parse(
      readFileSync(new URL(`../${ACCEPTED_FILE}`, import.meta.url), 'utf8'),
    );
    const entries = parseAccepted(json);
    expect(entries.length).toBeGreaterThan(0);
  });

  it.each([
    ['no "accepted" array', {}, /"accepted" array/],
    ['a missing reason', { accepted: [{ check: 'X', file: 'src/a.ts' }] }, /"reason"/],
    [
      'a one-word reason',
      { accepted: [{ check: 'X', file: 'src/a.ts', reason: 'fine' }] },
      /explain why/,
    ],
    ['a missing check', { accepted: [{ file: 'src/a.ts', reason }] }, /"check"/],
    ['an empty file', { accepted: [{ check: 'X', file: '', reason }] }, /"file"/],
    ['an empty sample', { accepted: [{ check: 'X', file: 'f', sample: '', reason }] }, /"sample"/],
    [
      'an unknown key',
      { accepted: [{ check: 'X', file: 'f', reason, line: 3 }] },
      /unknown keys line/,
    ],
  ])('refuses %s', (_label, json, problem) => {
    expect(() => parseAccepted(json)).toThrow(problem);
  });
});

describe('security scan: matching findings', () => {
  const entry = { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'src/main/index.ts', reason };

  it.each([
    [
      'the same check and file, another line',
      finding('OPEN_EXTERNAL_JS_CHECK', 'src/main/index.ts', '', 99),
      true,
    ],
    ['another check', finding('SANDBOX_JS_CHECK', 'src/main/index.ts'), false],
    ['another file', finding('OPEN_EXTERNAL_JS_CHECK', 'src/main/ipc.ts'), false],
    [
      'a file with the same name elsewhere',
      finding('OPEN_EXTERNAL_JS_CHECK', 'src/renderer/index.ts'),
      false,
    ],
  ])('an entry covers %s: %s', (_label, found, expected) => {
    expect(covers(entry, found)).toBe(expected);
  });

  it('with a sample, covers only findings whose code contains it', () => {
    const pinned = { ...entry, sample: 'shell.openExternal(check.url)' };
    expect(
      covers(pinned, finding(entry.check, entry.file, 'await shell.openExternal(check.url);')),
    ).toBe(true);
    expect(covers(pinned, finding(entry.check, entry.file, 'shell.openExternal(rawUrl)'))).toBe(
      false,
    );
  });

  it('reports new findings and entries that match nothing any more', () => {
    const accepted = [entry, { check: 'PRELOAD_JS_CHECK', file: 'src/main/gone.ts', reason }];
    const findings = [
      finding('OPEN_EXTERNAL_JS_CHECK', 'src/main/index.ts'),
      finding('SANDBOX_JS_CHECK', 'src/main/desk-window.ts', 'sandbox: false,'),
    ];
    const result = compare(findings, accepted);
    expect(result.unaccepted).toEqual([findings[1]]);
    expect(result.stale).toEqual([accepted[1]]);
    const table = formatTable(result.rows);
    expect(table).toMatch(/accepted\s+OPEN_EXTERNAL_JS_CHECK\s+src\/main\/index\.ts:3/);
    expect(table).toMatch(
      /NEW\s+SANDBOX_JS_CHECK\s+src\/main\/desk-window\.ts:3\s+MEDIUM\/FIRM\s+sandbox: false,/,
    );
  });

  it('passes when every finding is accepted and every entry is used', () => {
    const result = compare([finding(entry.check, entry.file)], [entry]);
    expect(result.unaccepted).toEqual([]);
    expect(result.stale).toEqual([]);
  });
});

describe('security scan: normalising the scanner output', () => {
  it('makes paths repo-relative and names file-less global findings after the input', () => {
    const issues = [
      {
        id: 'PRELOAD_JS_CHECK',
        file: '/tmp/x/app/src/main/desk-window.ts',
        location: { line: 46, column: 6 },
        severity: { name: 'MEDIUM' },
        confidence: { name: 'FIRM' },
        sample: 'preload: options.preloadPath,',
        description: 'Review the use of preload scripts',
      },
      {
        id: 'CSP_GLOBAL_CHECK',
        file: 'N/A',
        location: { line: 0, column: 0 },
        severity: { name: 'MEDIUM' },
        confidence: { name: 'CERTAIN' },
        description: 'No CSP has been detected',
      },
    ];
    expect(normaliseIssues(issues, 'src', '/tmp/x/app')).toEqual([
      {
        check: 'PRELOAD_JS_CHECK',
        file: 'src/main/desk-window.ts',
        line: 46,
        severity: 'MEDIUM',
        confidence: 'FIRM',
        sample: 'preload: options.preloadPath,',
        description: 'Review the use of preload scripts',
      },
      {
        check: 'CSP_GLOBAL_CHECK',
        file: 'src',
        line: 0,
        severity: 'MEDIUM',
        confidence: 'CERTAIN',
        sample: '',
        description: 'No CSP has been detected',
      },
    ]);
    expect(displayPath('/repo/out/renderer/index.html', 'x', '/repo')).toBe(
      'out/renderer/index.html',
    );
  });

  it.each([
    ['src/main/ipc.test.ts', true],
    ['src/renderer/src/App.test.tsx', true],
    ['src/renderer/src/test-setup.ts', true],
    ['src/main/ipc.ts', false],
    ['src/renderer/src/App.tsx', false],
    ['src/main/test-helpers.ts', false],
  ])('leaves %s out of the scan: %s', (file, skipped) => {
    expect(NOT_SHIPPED.test(`/tmp/${file}`)).toBe(skipped);
  });
});
