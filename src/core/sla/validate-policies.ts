import { validateCalendar } from '../calendar';
import { criteriaCover, describeCriteria, isDoneStatus, isPriority } from '../tickets';
import {
  isFallbackPolicy,
  SLA_TARGETS,
  TIME_MODES,
  type CalendarLookup,
  type SlaPolicy,
} from './policy';

/** What can be wrong with a list of SLA policies. */
export const POLICY_PROBLEM_CODES = [
  'no_policies',
  'no_fallback',
  'extra_fallback',
  'shadowed_policy',
  'missing_name',
  'duplicate_policy_id',
  'unknown_priority',
  'no_targets',
  'target_minutes',
  'target_mode',
  'missing_calendar',
  'unknown_calendar',
  'invalid_calendar',
  'warning_percent',
  'duplicate_warning_percent',
  'pause_status',
  'duplicate_pause_status',
  'unknown_pause_target',
] as const;
export type PolicyProblemCode = (typeof POLICY_PROBLEM_CODES)[number];

/** One problem, located: `path` into the policy list (starting with the policy's index). */
export interface PolicyProblem {
  path: (string | number)[];
  policyId: string | undefined;
  code: PolicyProblemCode;
  /** Names where the problem is, e.g. "Policy 'Gold P1', resolution target: …". */
  message: string;
}

/** How a policy is named in messages: its name, else its id, else its position. */
export function policyLabel(policy: SlaPolicy, index: number): string {
  return `Policy '${policy.name.trim() || policy.id.trim() || `#${index + 1}`}'`;
}

/** Splits a calendar problem path such as `week.mon[1].to` into `['week', 'mon', 1, 'to']`. */
function calendarPath(path: string): (string | number)[] {
  return path
    .split(/[.[\]]/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Every problem of an ordered list of SLA policies, each with where it is; empty when the list can
 * be saved and used. Calendar ids are checked only when `lookup` is given.
 */
export function validatePolicies(
  policies: readonly SlaPolicy[],
  lookup?: CalendarLookup,
): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const add = (
    code: PolicyProblemCode,
    path: (string | number)[],
    message: string,
    policyId?: string,
  ) => problems.push({ path, policyId, code, message });

  if (policies.length === 0) {
    add('no_policies', [], 'There are no SLA policies: add at least a fallback policy.');
    return problems;
  }
  const fallbackIndex = policies.findIndex(isFallbackPolicy);
  if (fallbackIndex === -1) {
    add(
      'no_fallback',
      [],
      'There is no fallback policy: tickets that match no policy get no SLA. Add a policy with no conditions at the end.',
    );
  }

  const ids = new Map<string, number>();
  policies.forEach((policy, p) => {
    const label = policyLabel(policy, p);
    const id = policy.id;

    if (policy.name.trim() === '') add('missing_name', [p, 'name'], `${label} has no name.`, id);
    const sameId = ids.get(id);
    if (sameId !== undefined) {
      add(
        'duplicate_policy_id',
        [p, 'id'],
        `${label}: its id '${id}' is already used by ${policyLabel(policies[sameId]!, sameId).replace('Policy', 'policy')}.`,
        id,
      );
    } else {
      ids.set(id, p);
    }

    (policy.conditions?.priorities ?? []).forEach((priority: unknown, i) => {
      if (!isPriority(priority)) {
        add(
          'unknown_priority',
          [p, 'conditions', 'priorities', i],
          `${label}: '${String(priority)}' is not a priority (use P1, P2, P3 or P4).`,
          id,
        );
      }
    });

    const shadowing = policies.findIndex(
      (earlier, e) => e < p && criteriaCover(earlier.conditions, policy.conditions),
    );
    if (shadowing !== -1) {
      const earlier = policies[shadowing]!;
      const earlierLabel = policyLabel(earlier, shadowing).replace('Policy', 'policy');
      if (isFallbackPolicy(policy) && isFallbackPolicy(earlier)) {
        add(
          'extra_fallback',
          [p, 'conditions'],
          `${label} is a second fallback: ${earlierLabel} already applies to every ticket not matched before it. Keep exactly one fallback.`,
          id,
        );
      } else {
        const why = isFallbackPolicy(earlier)
          ? `it comes after the fallback ${earlierLabel}, which matches every ticket`
          : `${earlierLabel} above it already matches every ticket it would (${describeCriteria(earlier.conditions)})`;
        add('shadowed_policy', [p, 'conditions'], `${label} never applies: ${why}.`, id);
      }
    }

    validateTargets(policy, p, label, lookup, add);

    const seenPercents = new Set<number>();
    policy.warningPercents.forEach((percent, i) => {
      if (!(percent >= 1 && percent <= 99)) {
        add(
          'warning_percent',
          [p, 'warningPercents', i],
          `${label}: a warning at ${percent}% is outside 1–99% (100% is the breach itself).`,
          id,
        );
      } else if (seenPercents.has(percent)) {
        add(
          'duplicate_warning_percent',
          [p, 'warningPercents', i],
          `${label}: the warning at ${percent}% is listed twice.`,
          id,
        );
      }
      seenPercents.add(percent);
    });

    const seenStatuses = new Set<string>();
    policy.pauseStatuses.forEach((pause, i) => {
      const path = [p, 'pauseStatuses', i, 'status'];
      if (pause.status.trim() === '') {
        add('pause_status', path, `${label}: pause status #${i + 1} has no status.`, id);
      } else if (isDoneStatus(pause.status)) {
        add(
          'pause_status',
          path,
          `${label}: '${pause.status}' cannot be a pause status — it stops the clocks for good.`,
          id,
        );
      } else if (seenStatuses.has(pause.status)) {
        add(
          'duplicate_pause_status',
          path,
          `${label}: the pause status '${pause.status}' is listed twice.`,
          id,
        );
      }
      seenStatuses.add(pause.status);
    });
    (policy.pauseTargets ?? []).forEach((target: unknown, i) => {
      if (!(SLA_TARGETS as readonly unknown[]).includes(target)) {
        add(
          'unknown_pause_target',
          [p, 'pauseTargets', i],
          `${label}: '${String(target)}' is not an SLA target (use first_response, next_update or resolution).`,
          id,
        );
      }
    });
  });
  return problems;
}

function validateTargets(
  policy: SlaPolicy,
  p: number,
  label: string,
  lookup: CalendarLookup | undefined,
  add: (code: PolicyProblemCode, path: (string | number)[], message: string, id?: string) => void,
): void {
  const id = policy.id;
  let usesBusinessTime = false;
  let targetCount = 0;
  for (const name of SLA_TARGETS) {
    const target = policy.targets[name];
    if (target === undefined) continue;
    targetCount++;
    const what = `${label}, ${name.replace('_', ' ')} target`;
    if (!(Number.isFinite(target.minutes) && target.minutes > 0)) {
      add(
        'target_minutes',
        [p, 'targets', name, 'minutes'],
        `${what}: ${target.minutes} is not a time limit; give a number of minutes above 0.`,
        id,
      );
    }
    if (!(TIME_MODES as readonly string[]).includes(target.mode)) {
      add(
        'target_mode',
        [p, 'targets', name, 'mode'],
        `${what}: '${String(target.mode)}' is neither business nor calendar time.`,
        id,
      );
    }
    if (target.mode === 'business') usesBusinessTime = true;
  }
  if (targetCount === 0) {
    add('no_targets', [p, 'targets'], `${label} sets no targets.`, id);
  }

  const calendar = policy.calendar;
  if (calendar === undefined || calendar === '') {
    if (usesBusinessTime) {
      add(
        'missing_calendar',
        [p, 'calendar'],
        `${label} counts business time but has no calendar.`,
        id,
      );
    }
  } else if (typeof calendar === 'string') {
    if (lookup !== undefined && lookup(calendar) === undefined) {
      add('unknown_calendar', [p, 'calendar'], `${label}: there is no calendar '${calendar}'.`, id);
    }
  } else {
    for (const problem of validateCalendar(calendar)) {
      add(
        'invalid_calendar',
        [p, 'calendar', ...calendarPath(problem.path)],
        `${label}, calendar${problem.path ? ` ${problem.path}` : ''}: ${problem.message}`,
        id,
      );
    }
  }
}
