// Types for the pure parts of security-scan.mjs, for build/security-scan.test.ts.
export interface Finding {
  check: string;
  file: string;
  line: number;
  severity: string;
  confidence: string;
  sample: string;
  description: string;
}
export interface Acceptance {
  check: string;
  file: string;
  sample?: string;
  reason: string;
}
export const ACCEPTED_FILE: string;
export const NOT_SHIPPED: RegExp;
export const CANARY_CHECKS: string[];
export function displayPath(file: string | undefined, input: string, root?: string): string;
export function normaliseIssues(issues: unknown[], input: string, root?: string): Finding[];
export function parseAccepted(json: unknown): Acceptance[];
export function covers(entry: Acceptance, finding: Finding): boolean;
export function compare(
  findings: Finding[],
  accepted: Acceptance[],
): {
  rows: Array<{ finding: Finding; entry: Acceptance | undefined }>;
  unaccepted: Finding[];
  stale: Acceptance[];
};
export function formatTable(
  rows: Array<{ finding: Finding; entry: Acceptance | undefined }>,
): string;
