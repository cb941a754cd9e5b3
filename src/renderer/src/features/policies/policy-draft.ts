import {
  DEFAULT_PAUSE_STATUSES,
  isFallbackPolicy,
  PRIORITIES,
  type PauseStatus,
  type PolicyProblem,
  type Priority,
  type SlaPolicy,
  type SlaTargetName,
  type TicketCriteria,
  type TimeMode,
} from '@core/index';

/** The list with the item at `from` moved to `to` (clamped to the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || from >= next.length) return next;
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item!);
  return next;
}

/** The list without the item at `index`. */
export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** The list with the item at `index` replaced by `item`. */
export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((existing, i) => (i === index ? item : existing));
}

/** `base` made into an id-friendly slug ("Gold P1" → "gold-p1"). */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'item'
  );
}

/** An id not in `taken`: `base`, else `base-2`, `base-3`, … */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * A new policy, inserted before the fallback (which must stay last). The first policy of an empty
 * list is the fallback itself; later ones start with a priority no policy names yet, for the user
 * to change, since a second policy without conditions would never apply.
 */
export function addPolicy(
  policies: readonly SlaPolicy[],
  calendarId: string | undefined,
): { policies: SlaPolicy[]; index: number } {
  const id = uniqueId(
    'policy',
    policies.map((policy) => policy.id),
  );
  const mode: TimeMode = calendarId ? 'business' : 'calendar';
  const policy: SlaPolicy = {
    id,
    name: 'New policy',
    ...(policies.length > 0 ? { conditions: { priorities: [unusedPriority(policies)] } } : {}),
    ...(calendarId ? { calendar: calendarId } : {}),
    targets: {
      first_response: { minutes: 60, mode },
      resolution: { minutes: 8 * 60, mode },
    },
    pauseStatuses: DEFAULT_PAUSE_STATUSES.map((pause) => ({ ...pause })),
    warningPercents: [75, 90],
  };
  const last = policies.at(-1);
  const index = last && isFallbackPolicy(last) ? policies.length - 1 : policies.length;
  const next = [...policies];
  next.splice(index, 0, policy);
  return { policies: next, index };
}

function unusedPriority(policies: readonly SlaPolicy[]): Priority {
  const used = new Set(policies.flatMap((policy) => policy.conditions?.priorities ?? []));
  return PRIORITIES.find((priority) => !used.has(priority)) ?? 'P1';
}

/** A copy of the policy at `index` right after it, with a new id and "(copy)" in its name. */
export function duplicatePolicy(
  policies: readonly SlaPolicy[],
  index: number,
): { policies: SlaPolicy[]; index: number } {
  const original = policies[index];
  if (!original) return { policies: [...policies], index };
  const copy: SlaPolicy = {
    ...structuredClone(original),
    id: uniqueId(
      `${slug(original.id)}-copy`,
      policies.map((policy) => policy.id),
    ),
    name: `${original.name} (copy)`,
  };
  const next = [...policies];
  next.splice(index + 1, 0, copy);
  return { policies: next, index: index + 1 };
}

/**
 * The criteria with one dimension set; empty lists and empty criteria are dropped, so a policy
 * with nothing chosen is plainly the fallback.
 */
export function setCriteria(
  criteria: TicketCriteria | undefined,
  key: keyof TicketCriteria,
  values: readonly string[],
): TicketCriteria | undefined {
  const next: TicketCriteria = { ...criteria };
  if (values.length === 0) delete next[key];
  else if (key === 'priorities') next.priorities = [...values] as Priority[];
  else next[key] = [...values];
  return Object.keys(next).length === 0 ? undefined : next;
}

/** `values` with `value` added when `on` (in the order of `order` when given) or removed. */
export function toggleValue<T extends string>(
  values: readonly T[],
  value: T,
  on: boolean,
  order?: readonly T[],
): T[] {
  const without = values.filter((existing) => existing !== value);
  if (!on) return without;
  const next = [...without, value];
  return order ? next.sort((a, b) => order.indexOf(a) - order.indexOf(b)) : next;
}

/** Words typed into a list field ("billing, delivery"): trimmed, without blanks or repeats. */
export function parseList(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const value = part.trim();
    if (value) seen.add(value);
  }
  return [...seen];
}

/** The policy with a target switched on (with a sensible start) or off. */
export function setTargetEnabled(
  policy: SlaPolicy,
  target: SlaTargetName,
  enabled: boolean,
): SlaPolicy {
  const targets = { ...policy.targets };
  if (enabled) {
    targets[target] ??= {
      minutes: target === 'resolution' ? 8 * 60 : 60,
      mode: policy.calendar ? 'business' : 'calendar',
    };
  } else {
    delete targets[target];
  }
  return { ...policy, targets };
}

/** The policy with a pause status switched on (with its usual reason) or off. */
export function setPauseStatus(policy: SlaPolicy, status: string, on: boolean): SlaPolicy {
  const without = policy.pauseStatuses.filter((pause) => pause.status !== status);
  if (!on) return { ...policy, pauseStatuses: without };
  const known = DEFAULT_PAUSE_STATUSES.find((pause) => pause.status === status);
  const pause: PauseStatus = known
    ? { ...known }
    : { status, reason: `Waiting (${status.replaceAll('_', ' ')})` };
  return { ...policy, pauseStatuses: [...without, pause] };
}

/** Which targets the pauses stop; every target checked is stored as "all" (no list). */
export function setPauseTargets(
  policy: SlaPolicy,
  targets: readonly SlaTargetName[],
  all: readonly SlaTargetName[],
): SlaPolicy {
  const next = { ...policy };
  if (all.every((target) => targets.includes(target))) delete next.pauseTargets;
  else next.pauseTargets = all.filter((target) => targets.includes(target));
  return next;
}

/** Why a warning percentage can't be added, or undefined when it can. */
export function warningPercentError(text: string, existing: readonly number[]): string | undefined {
  const percent = Number(text);
  if (text.trim() === '' || !Number.isInteger(percent) || percent < 1 || percent > 99) {
    return 'Give a whole percentage from 1 to 99 (100% is the breach itself).';
  }
  if (existing.includes(percent)) return `There is already a warning at ${percent}%.`;
  return undefined;
}

/** The warning percentages with one added, in ascending order. */
export function addWarningPercent(existing: readonly number[], percent: number): number[] {
  return [...existing.filter((p) => p !== percent), percent].sort((a, b) => a - b);
}

/**
 * Minutes from what a person types: "90", "1:30", "1h 30m", "1 h 30 min", "4h", "2.5 h";
 * undefined when it isn't a duration.
 */
export function parseDuration(text: string): number | undefined {
  const value = text.trim().toLowerCase();
  if (/^\d+$/.test(value)) return Number(value);
  const clock = /^(\d+):([0-5]\d)$/.exec(value);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const words =
    /^(?:(\d+(?:[.,]\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?|s)?)?)?$/.exec(value);
  if (!words || (words[1] === undefined && words[2] === undefined)) return undefined;
  const hours = Number((words[1] ?? '0').replace(',', '.'));
  return Math.round(hours * 60) + Number(words[2] ?? 0);
}

/** A target length in hours and minutes ("4 h", "1 h 30 min", "45 min"); days would be ambiguous in business time. */
export function formatDuration(minutes: number): string {
  if (!Number.isFinite(minutes)) return '';
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  const mins = total % 60;
  if (hours === 0) return `${mins} min`;
  return mins ? `${hours} h ${mins} min` : `${hours} h`;
}

/** Whether a problem's path starts with `prefix`. */
function startsWith(path: readonly (string | number)[], prefix: readonly (string | number)[]) {
  return prefix.length <= path.length && prefix.every((part, i) => path[i] === part);
}

/** The problems at exactly `path`, or at or under it when `nested`. */
export function problemsAt(
  problems: readonly PolicyProblem[],
  path: readonly (string | number)[],
  nested = false,
): PolicyProblem[] {
  return problems.filter((problem) =>
    nested
      ? startsWith(problem.path, path)
      : problem.path.length === path.length && startsWith(problem.path, path),
  );
}

/** Whether two values are the same rules (the draft compared with what is stored). */
export function sameRules(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
