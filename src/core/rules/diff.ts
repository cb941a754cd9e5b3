/** One difference between two versions of a rule set (a calendar, a policy list, a matrix). */
export interface RuleChange {
  /** Where, e.g. `rows["p1"].levels["l2"].trigger.percent` or `holidays["2026-12-25"]`. */
  path: string;
  kind: 'added' | 'removed' | 'changed' | 'moved';
  before?: unknown;
  after?: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The key that identifies an item of a list across versions: its id, else its date. */
function identity(item: unknown): string | undefined {
  if (!isObject(item)) return undefined;
  if (typeof item.id === 'string') return item.id;
  if (typeof item.date === 'string') return item.date;
  return undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function diffInto(before: unknown, after: unknown, path: string, out: RuleChange[]): void {
  if (same(before, after)) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    const keysBefore = before.map(identity);
    const keysAfter = after.map(identity);
    const keyed = [...keysBefore, ...keysAfter].every((key) => key !== undefined);
    if (!keyed) {
      out.push({ path, kind: 'changed', before, after });
      return;
    }
    const at = (key: string) => `${path}[${JSON.stringify(key)}]`;
    const afterIndex = new Map(keysAfter.map((key, index) => [key!, index]));
    const beforeIndex = new Map(keysBefore.map((key, index) => [key!, index]));
    before.forEach((item, index) => {
      const key = keysBefore[index]!;
      if (!afterIndex.has(key)) out.push({ path: at(key), kind: 'removed', before: item });
    });
    // Moves among the items kept: compare their relative order, not their raw positions.
    const keptBefore = keysBefore.filter((key) => afterIndex.has(key!));
    const keptAfter = keysAfter.filter((key) => beforeIndex.has(key!));
    after.forEach((item, index) => {
      const key = keysAfter[index]!;
      const old = beforeIndex.get(key);
      if (old === undefined) {
        out.push({ path: at(key), kind: 'added', after: item });
        return;
      }
      const from = keptBefore.indexOf(key);
      const to = keptAfter.indexOf(key);
      if (from !== to) out.push({ path: at(key), kind: 'moved', before: from + 1, after: to + 1 });
      diffInto(before[old], item, at(key), out);
    });
    return;
  }
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const child = path ? `${path}.${key}` : key;
      if (!(key in after)) out.push({ path: child, kind: 'removed', before: before[key] });
      else if (!(key in before)) out.push({ path: child, kind: 'added', after: after[key] });
      else diffInto(before[key], after[key], child, out);
    }
    return;
  }
  out.push({ path, kind: 'changed', before, after });
}

/**
 * The differences between two versions of a rule set, for the history view: items of a list
 * that have an `id` (rows, levels, policies) or a `date` (holidays) are matched by it, so a
 * reordered row is one "moved" change, not every field of two rows changed.
 */
export function diffRules(before: Json | unknown, after: Json | unknown): RuleChange[] {
  const out: RuleChange[] = [];
  diffInto(before, after, '', out);
  return out;
}
