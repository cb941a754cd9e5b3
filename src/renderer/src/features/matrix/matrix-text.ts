import {
  describeTrigger,
  type Contact,
  type EscalationAction,
  type EscalationLevel,
  type EscalationOwner,
  type MatrixProblem,
  type RepeatPolicy,
} from '@core/index';

/** The owner in words: "Tier 2 specialists (team)"; "no owner" while it is missing. */
export function ownerText(owner: EscalationOwner | undefined): string {
  if (!owner) return 'no owner';
  const name = owner.name.trim() || owner.id.trim() || 'unnamed';
  return `${name} (${owner.kind})`;
}

/** Contacts in words: "email tier2@example.com, phone +44 20 7946 0000". */
export function contactsText(contacts: readonly Contact[]): string {
  return contacts.map((contact) => `${contact.kind} ${contact.value}`).join(', ');
}

/** One action in words: "notify manager, admin", "reassign", "raise priority to P1". */
export function actionText(action: EscalationAction): string {
  switch (action.kind) {
    case 'notify':
      return `notify ${action.roles.join(', ') || '(no roles)'}`;
    case 'reassign':
      return 'reassign';
    case 'raise_priority':
      return action.to ? `raise priority to ${action.to}` : 'raise priority one step';
  }
}

/** The actions in words, separated by semicolons; "no actions" when there are none. */
export function actionsText(actions: readonly EscalationAction[]): string {
  return actions.length === 0 ? 'no actions' : actions.map(actionText).join('; ');
}

/** The repeat policy in words: "no repeat" or "repeat every 30 min, at most 4 times". */
export function repeatText(repeat: RepeatPolicy): string {
  return repeat.kind === 'none'
    ? 'no repeat'
    : `repeat every ${repeat.minutes} min, at most ${repeat.maxTimes} times`;
}

/** The trigger in words, or "no trigger" while it is missing. */
export function triggerText(level: EscalationLevel): string {
  return level.trigger ? describeTrigger(level.trigger) : 'no trigger';
}

/** A level in one line, as its grid cell is named: type, owner, trigger, actions, repeat. */
export function levelSummary(level: EscalationLevel): string {
  return [
    level.type,
    ownerText(level.owner),
    triggerText(level),
    actionsText(level.actions),
    repeatText(level.repeat),
  ].join(' · ');
}

/** "2 errors, 1 warning"; "No problems" when there are none. */
export function problemCountText(problems: readonly Pick<MatrixProblem, 'severity'>[]): string {
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  const parts: string[] = [];
  if (errors) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
  if (warnings) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  return parts.length ? parts.join(', ') : 'No problems';
}

/**
 * A problem's message for the editor. An emptied number field is NaN in the draft; the engine's
 * message would say "NaN", which means nothing to the user.
 */
export function problemText(problem: Pick<MatrixProblem, 'message'>): string {
  return problem.message.replace(/\bNaN%?/g, 'an empty value');
}

/** Problems sorted to where the editor shows them: the matrix, a row, or one level of a row. */
export interface PlacedProblems {
  general: MatrixProblem[];
  byRow: Map<string, MatrixProblem[]>;
  byLevel: Map<string, MatrixProblem[]>;
}

/** The key of a level's problems in `PlacedProblems.byLevel`. */
export const levelKey = (rowId: string, index: number) => `${rowId}\u0000${index}`;

/** Places each problem by its row id and level index (errors before warnings in each place). */
export function placeProblems(problems: readonly MatrixProblem[]): PlacedProblems {
  const placed: PlacedProblems = { general: [], byRow: new Map(), byLevel: new Map() };
  const ordered = [...problems].sort(
    (a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'),
  );
  for (const problem of ordered) {
    if (problem.rowId === undefined) {
      placed.general.push(problem);
      continue;
    }
    const [map, key] =
      problem.levelIndex === undefined
        ? [placed.byRow, problem.rowId]
        : [placed.byLevel, levelKey(problem.rowId, problem.levelIndex)];
    const list = map.get(key);
    if (list) list.push(problem);
    else map.set(key, [problem]);
  }
  return placed;
}
