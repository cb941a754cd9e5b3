import { SLA_TARGETS } from '../sla';
import { criteriaCover, describeCriteria, isCatchAll, isPriority } from '../tickets';
import type { EscalationLevel, EscalationMatrix, EscalationRow, EscalationTrigger } from './matrix';

/** What can be wrong with a matrix; the editor may key help texts on these. */
export const MATRIX_PROBLEM_CODES = [
  'no_rows',
  'no_fallback',
  'missing_name',
  'duplicate_row_id',
  'unknown_priority',
  'shadowed_row',
  'no_levels',
  'duplicate_level_id',
  'missing_owner',
  'incomplete_owner',
  'owner_kind_mismatch',
  'invalid_contact',
  'missing_trigger',
  'unreachable_level',
  'minutes_out_of_range',
  'percent_out_of_range',
  'score_out_of_range',
  'unknown_target',
  'trigger_before_previous',
  'invalid_repeat',
  'no_actions',
  'notify_without_roles',
] as const;
export type MatrixProblemCode = (typeof MATRIX_PROBLEM_CODES)[number];

/** Errors block saving; warnings are shown but allowed. */
export type ProblemSeverity = 'error' | 'warning';

/** One problem, located: `path` into the matrix, plus the row id and level index when it has them. */
export interface MatrixProblem {
  path: (string | number)[];
  rowId: string | undefined;
  levelIndex: number | undefined;
  severity: ProblemSeverity;
  code: MatrixProblemCode;
  /** Names where the problem is, e.g. "Row 'P1 Enterprise', level L2: …". */
  message: string;
}

/** How a row is named in messages: its name, else its id, else its position. */
export function rowLabel(row: EscalationRow, index: number): string {
  const name = row.name.trim() || row.id.trim() || `#${index + 1}`;
  return `Row '${name}'`;
}

/** How a level is named in messages: its position (L1…Ln) and name, e.g. "L2 (Duty manager)". */
export function levelLabel(level: EscalationLevel, index: number): string {
  const name = level.name?.trim();
  return name ? `L${index + 1} (${name})` : `L${index + 1}`;
}

/** A trigger in words, e.g. "after 30 business minutes" or "at 50% of first response". */
export function describeTrigger(trigger: EscalationTrigger): string {
  switch (trigger.kind) {
    case 'after_minutes':
      return `after ${trigger.minutes} ${trigger.mode} minutes`;
    case 'sla_percent':
      return `at ${trigger.percent}% of ${trigger.target.replace('_', ' ')}`;
    case 'risk_above':
      return `at risk above ${trigger.score}`;
    case 'sentiment_below':
      return `at sentiment below ${trigger.score}`;
  }
}

function describeShortTrigger(trigger: EscalationTrigger): string {
  if (trigger.kind === 'sla_percent') return `${trigger.percent}%`;
  if (trigger.kind === 'risk_above') return `risk above ${trigger.score}`;
  if (trigger.kind === 'sentiment_below') return `sentiment below ${trigger.score}`;
  return `${trigger.minutes} minutes`;
}

/** Whether a number has at most two decimals (as thresholds are written). */
function isHundredth(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-9;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{3,}$/;

/** Every problem of a matrix, each with where it is; empty when the matrix can be saved and used. */
export function validateMatrix(matrix: EscalationMatrix): MatrixProblem[] {
  const problems: MatrixProblem[] = [];
  const add = (
    code: MatrixProblemCode,
    path: (string | number)[],
    message: string,
    where: { rowId?: string; levelIndex?: number } = {},
    severity: ProblemSeverity = 'error',
  ) => {
    problems.push({
      path,
      rowId: where.rowId,
      levelIndex: where.levelIndex,
      severity,
      code,
      message,
    });
  };

  if (matrix.rows.length === 0) {
    add(
      'no_rows',
      ['rows'],
      'The matrix has no rows: add at least a fallback row with no criteria.',
    );
    return problems;
  }
  if (!matrix.rows.some((row) => isCatchAll(row.criteria))) {
    add(
      'no_fallback',
      ['rows'],
      'The matrix has no fallback row: tickets that match no row are never escalated. Add a row with no criteria at the end.',
    );
  }

  const rowIds = new Map<string, number>();
  matrix.rows.forEach((row, r) => {
    const label = rowLabel(row, r);
    const rowPath = ['rows', r];
    const at = { rowId: row.id };

    if (row.name.trim() === '') {
      add('missing_name', [...rowPath, 'name'], `${label} has no name.`, at);
    }
    const sameId = rowIds.get(row.id);
    if (sameId !== undefined) {
      const other = rowLabel(matrix.rows[sameId]!, sameId);
      add(
        'duplicate_row_id',
        [...rowPath, 'id'],
        `${label}: its id '${row.id}' is already used by ${other.replace('Row', 'row')}.`,
        at,
      );
    } else {
      rowIds.set(row.id, r);
    }

    (row.criteria.priorities ?? []).forEach((priority: unknown, p) => {
      if (!isPriority(priority)) {
        add(
          'unknown_priority',
          [...rowPath, 'criteria', 'priorities', p],
          `${label}: '${String(priority)}' is not a priority (use P1, P2, P3 or P4).`,
          at,
        );
      }
    });

    const shadowing = matrix.rows.findIndex(
      (earlier, e) => e < r && criteriaCover(earlier.criteria, row.criteria),
    );
    if (shadowing !== -1) {
      const earlier = matrix.rows[shadowing]!;
      const earlierLabel = rowLabel(earlier, shadowing).replace('Row', 'row');
      const message = isCatchAll(earlier.criteria)
        ? `${label} never applies: it comes after the fallback ${earlierLabel}, which matches every ticket.`
        : `${label} never applies: ${earlierLabel} above it already matches every ticket it would (${describeCriteria(earlier.criteria)}).`;
      add('shadowed_row', [...rowPath, 'criteria'], message, at);
    }

    if (row.levels.length === 0) {
      add(
        'no_levels',
        [...rowPath, 'levels'],
        `${label} has no levels: tickets matching it are never escalated.`,
        at,
      );
    }
    validateLevels(row, r, label, add);
  });
  return problems;
}

/** Per comparable kind (an SLA target, or risk): the earlier level with the latest trigger. */
type PreviousTriggers = Map<string, { index: number; value: number; trigger: EscalationTrigger }>;

type AddProblem = (
  code: MatrixProblemCode,
  path: (string | number)[],
  message: string,
  where?: { rowId?: string; levelIndex?: number },
  severity?: ProblemSeverity,
) => void;

function validateLevels(row: EscalationRow, r: number, rowName: string, add: AddProblem): void {
  const levelIds = new Map<string, number>();
  let blockedBy: number | undefined;
  // The latest earlier level per comparable trigger (same SLA target, or risk), for ordering.
  const previousByKind: PreviousTriggers = new Map();

  row.levels.forEach((level, l) => {
    const path = ['rows', r, 'levels', l];
    const at = { rowId: row.id, levelIndex: l };
    const label = `${rowName}, level ${levelLabel(level, l)}`;

    const sameId = levelIds.get(level.id);
    if (sameId !== undefined) {
      add(
        'duplicate_level_id',
        [...path, 'id'],
        `${label}: its id '${level.id}' is already used by L${sameId + 1}.`,
        at,
      );
    } else {
      levelIds.set(level.id, l);
    }

    validateOwner(level, path, label, at, add);

    if (blockedBy !== undefined) {
      add(
        'unreachable_level',
        path,
        `${label} is never reached automatically: L${blockedBy + 1} above it has no trigger, so the ticket does not get past it by itself.`,
        at,
      );
    }
    const trigger = level.trigger;
    if (trigger === undefined) {
      add(
        'missing_trigger',
        [...path, 'trigger'],
        `${label}: no trigger — choose after how many minutes, at what percentage of an SLA target, or above which risk score it fires.`,
        at,
      );
      blockedBy ??= l;
    } else {
      validateTrigger(trigger, l, path, label, at, add, previousByKind);
    }

    const repeat = level.repeat;
    if (repeat.kind === 'every') {
      if (!(Number.isFinite(repeat.minutes) && repeat.minutes > 0)) {
        add(
          'invalid_repeat',
          [...path, 'repeat', 'minutes'],
          `${label}: the alert can only repeat every 1 minute or more, not every ${repeat.minutes}.`,
          at,
        );
      }
      if (!(Number.isInteger(repeat.maxTimes) && repeat.maxTimes >= 1)) {
        add(
          'invalid_repeat',
          [...path, 'repeat', 'maxTimes'],
          `${label}: the number of repeats must be a whole number of at least 1, not ${repeat.maxTimes}.`,
          at,
        );
      }
    }

    if (level.actions.length === 0) {
      add(
        'no_actions',
        [...path, 'actions'],
        `${label}: no actions — it fires without notifying, reassigning or raising priority.`,
        at,
        'warning',
      );
    }
    level.actions.forEach((action, a) => {
      if (action.kind === 'notify' && action.roles.filter((role) => role.trim()).length === 0) {
        add(
          'notify_without_roles',
          [...path, 'actions', a, 'roles'],
          `${label}: the notify action names no role to notify.`,
          at,
        );
      }
      if (action.kind === 'raise_priority' && action.to !== undefined && !isPriority(action.to)) {
        add(
          'unknown_priority',
          [...path, 'actions', a, 'to'],
          `${label}: cannot raise priority to '${String(action.to)}' (use P1, P2, P3 or P4).`,
          at,
        );
      }
    });
  });
}

function validateOwner(
  level: EscalationLevel,
  path: (string | number)[],
  label: string,
  at: { rowId: string; levelIndex: number },
  add: AddProblem,
): void {
  const owner = level.owner;
  if (owner === undefined) {
    add(
      'missing_owner',
      [...path, 'owner'],
      `${label}: no owner — choose the team, role or person it escalates to.`,
      at,
    );
    return;
  }
  if (owner.id.trim() === '' || owner.name.trim() === '') {
    add(
      'incomplete_owner',
      [...path, 'owner', owner.id.trim() === '' ? 'id' : 'name'],
      `${label}: the owner ${owner.name.trim() ? `'${owner.name}' ` : ''}is incomplete — pick an existing ${owner.kind}.`,
      at,
    );
  }
  if (level.type === 'functional' && owner.kind === 'role') {
    add(
      'owner_kind_mismatch',
      [...path, 'owner', 'kind'],
      `${label}: a functional escalation goes to a team or a specialist, not to a role.`,
      at,
      'warning',
    );
  }
  if (level.type === 'hierarchical' && owner.kind === 'team') {
    add(
      'owner_kind_mismatch',
      [...path, 'owner', 'kind'],
      `${label}: a hierarchical escalation goes to a higher role or a named person, not to a team.`,
      at,
      'warning',
    );
  }
  owner.contacts.forEach((contact, c) => {
    const value = contact.value.trim();
    const valid =
      contact.kind === 'email'
        ? EMAIL.test(value)
        : contact.kind === 'phone'
          ? PHONE.test(value)
          : value !== '';
    if (!valid) {
      add(
        'invalid_contact',
        [...path, 'owner', 'contacts', c, 'value'],
        value === ''
          ? `${label}: the owner's ${contact.kind} contact is empty.`
          : `${label}: '${value}' is not a valid ${contact.kind === 'email' ? 'email address' : 'phone number'}.`,
        at,
      );
    }
  });
}

function validateTrigger(
  trigger: EscalationTrigger,
  l: number,
  path: (string | number)[],
  label: string,
  at: { rowId: string; levelIndex: number },
  add: AddProblem,
  previousByKind: PreviousTriggers,
): void {
  const triggerPath = [...path, 'trigger'];
  let comparableKind: string | undefined;
  let value = 0;
  switch (trigger.kind) {
    case 'after_minutes':
      if (!Number.isFinite(trigger.minutes) || trigger.minutes < 0) {
        add(
          'minutes_out_of_range',
          [...triggerPath, 'minutes'],
          `${label}: ${trigger.minutes} is not a number of minutes (0 or more).`,
          at,
        );
      } else if (l > 0 && trigger.minutes === 0) {
        add(
          'minutes_out_of_range',
          [...triggerPath, 'minutes'],
          `${label}: after 0 minutes it fires together with L${l}; wait at least 1 minute.`,
          at,
        );
      }
      return;
    case 'sla_percent':
      if (!(SLA_TARGETS as readonly string[]).includes(trigger.target)) {
        add(
          'unknown_target',
          [...triggerPath, 'target'],
          `${label}: '${String(trigger.target)}' is not an SLA target (use first_response, next_update or resolution).`,
          at,
        );
        return;
      }
      if (!(trigger.percent >= 1 && trigger.percent <= 100)) {
        add(
          'percent_out_of_range',
          [...triggerPath, 'percent'],
          `${label}: ${trigger.percent}% is outside 1–100%.`,
          at,
        );
        return;
      }
      comparableKind = `sla:${trigger.target}`;
      value = trigger.percent;
      break;
    case 'risk_above':
      if (!(trigger.score >= 0 && trigger.score < 100)) {
        add(
          'score_out_of_range',
          [...triggerPath, 'score'],
          `${label}: risk scores go from 0 to 100, so "above ${trigger.score}" must be 0–99.`,
          at,
        );
        return;
      }
      comparableKind = 'risk';
      value = trigger.score;
      break;
    case 'sentiment_below':
      if (!(trigger.score > -1 && trigger.score <= 1) || !isHundredth(trigger.score)) {
        add(
          'score_out_of_range',
          [...triggerPath, 'score'],
          `${label}: sentiment goes from -1 to 1 in steps of 0.01, so "below ${trigger.score}" must be one of -0.99 … 1.`,
          at,
        );
        return;
      }
      // A later level waits for a darker mood: a lower threshold comes later.
      comparableKind = 'sentiment';
      value = -trigger.score;
      break;
  }
  const previous = previousByKind.get(comparableKind);
  if (previous !== undefined && value <= previous.value) {
    const relation = value === previous.value ? 'comes together with' : 'comes before';
    add(
      'trigger_before_previous',
      triggerPath,
      `${label}: the trigger ${describeTrigger(trigger)} ${relation} L${previous.index + 1}'s ${describeShortTrigger(previous.trigger)}.`,
      at,
    );
  } else {
    previousByKind.set(comparableKind, { index: l, value, trigger });
  }
}
