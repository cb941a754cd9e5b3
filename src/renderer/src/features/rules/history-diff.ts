import { describeTrigger, diffRules, type EscalationTrigger, type RuleChange } from '@core/index';
import type { RuleValue } from '../../db/database';

/** One change between two versions, in words for the history view. */
export interface ChangeLine {
  /** Where, e.g. "Row 'P1 Enterprise' › L2 › trigger". */
  where: string;
  kind: RuleChange['kind'];
  before?: string;
  after?: string;
}

const FIELD_NAMES: Record<string, string> = {
  first_response: 'first response',
  next_update: 'next update',
  warningPercents: 'warning thresholds',
  pauseStatuses: 'pause statuses',
  pauseTargets: 'targets paused',
  timeZone: 'time zone',
  maxTimes: 'at most',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Splits `rows["p1"].levels["l2"].trigger` into `['rows', {key:'p1'}, 'levels', {key:'l2'}, 'trigger']`. */
function segments(path: string): (string | { key: string })[] {
  const out: (string | { key: string })[] = [];
  const pattern = /\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) out.push({ key: JSON.parse(match[1]) as string });
    else if (match[2] !== undefined) out.push(match[2]);
  }
  return out;
}

/** How an item of a keyed list is named: a level by its place (L2), others by name or date. */
function itemLabel(list: string, item: unknown, index: number, key: string): string {
  if (list === 'levels') {
    const name = isObject(item) && typeof item.name === 'string' ? ` (${item.name})` : '';
    return `L${index + 1}${name}`;
  }
  const name = isObject(item) && typeof item.name === 'string' && item.name ? item.name : key;
  if (list === 'rows') return `Row '${name}'`;
  if (list === 'policies') return `Policy '${name}'`;
  if (list === 'holidays') return `Holiday ${key}${name !== key ? ` (${name})` : ''}`;
  return `'${name}'`;
}

/** A path in words, naming list items from whichever version has them. */
function describePath(path: string, before: unknown, after: unknown): string {
  const words: string[] = [];
  let left: unknown = before;
  let right: unknown = after;
  let list = '';
  for (const part of segments(path)) {
    if (typeof part === 'string') {
      list = part;
      left = isObject(left) ? left[part] : undefined;
      right = isObject(right) ? right[part] : undefined;
      words.push(FIELD_NAMES[part] ?? part);
      continue;
    }
    const find = (value: unknown) => {
      if (!Array.isArray(value)) return { item: undefined, index: -1 };
      const index = value.findIndex(
        (item) => isObject(item) && (item.id === part.key || item.date === part.key),
      );
      return { item: value[index] as unknown, index };
    };
    const inRight = find(right);
    const inLeft = find(left);
    const found = inRight.index >= 0 ? inRight : inLeft;
    // The list's own name ("rows") is implied by the item's label ("Row 'P1'").
    if (words.length && words[words.length - 1] === (FIELD_NAMES[list] ?? list)) words.pop();
    words.push(itemLabel(list, found.item, found.index, part.key));
    left = inLeft.item;
    right = inRight.item;
  }
  return words.join(' › ') || 'everything';
}

function isTrigger(value: unknown): value is EscalationTrigger {
  return (
    isObject(value) &&
    (value.kind === 'after_minutes' ||
      value.kind === 'sla_percent' ||
      value.kind === 'risk_above' ||
      value.kind === 'sentiment_below')
  );
}

/** A value in brief: plain for text and numbers, in words for a trigger, else compact JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isTrigger(value)) return describeTrigger(value);
  if (isObject(value) && typeof value.name === 'string' && value.name) return value.name;
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** The unwrapped rules of a version, as diffed: the matrix, the policy list or the calendar. */
function rulesOf(value: RuleValue): unknown {
  switch (value.kind) {
    case 'matrix':
      return value.matrix;
    case 'policies':
      return { policies: value.policies };
    case 'calendar':
      return { name: value.name, ...value.calendar };
  }
}

/** The changes from one version to another, each located and described in words. */
export function describeChanges(before: RuleValue, after: RuleValue): ChangeLine[] {
  const from = rulesOf(before);
  const to = rulesOf(after);
  return diffRules(from, to).map((change) => ({
    where: describePath(change.path, from, to),
    kind: change.kind,
    ...(change.kind === 'added' ? {} : { before: describeValue(change.before) }),
    ...(change.kind === 'removed' ? {} : { after: describeValue(change.after) }),
  }));
}
