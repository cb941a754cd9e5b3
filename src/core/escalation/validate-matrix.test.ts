import { describe, expect, it } from 'vitest';
import type { EscalationLevel, EscalationMatrix, EscalationRow } from './matrix';
import { EscalationMatrixSchema } from './matrix';
import { validateMatrix } from './validate-matrix';

const level = (
  id: string,
  name: string,
  fields: Partial<EscalationLevel> = {},
): EscalationLevel => ({
  id,
  name,
  type: 'hierarchical',
  owner: {
    kind: 'role',
    id: 'duty-manager',
    name: 'Duty manager',
    contacts: [
      { kind: 'email', value: 'duty@desk.example' },
      { kind: 'phone', value: '+49 30 1234567' },
      { kind: 'chat', value: '#duty' },
    ],
  },
  trigger: { kind: 'after_minutes', minutes: 60, mode: 'business' },
  actions: [{ kind: 'notify', roles: ['manager'] }],
  repeat: { kind: 'none' },
  ...fields,
});

const validMatrix = (): EscalationMatrix => ({
  rows: [
    {
      id: 'p1-ent',
      name: 'P1 Enterprise',
      criteria: { priorities: ['P1'], tiers: ['enterprise'] },
      levels: [
        level('l1', 'Specialists', {
          type: 'functional',
          owner: { kind: 'team', id: 'net', name: 'Network', contacts: [] },
          trigger: { kind: 'sla_percent', target: 'resolution', percent: 75 },
          actions: [{ kind: 'reassign' }],
          repeat: { kind: 'every', minutes: 30, maxTimes: 3 },
        }),
        level('l2', 'Duty manager', {
          trigger: { kind: 'sla_percent', target: 'resolution', percent: 90 },
        }),
        level('l3', 'Risk watch', {
          type: 'automatic',
          trigger: { kind: 'risk_above', score: 70 },
          actions: [{ kind: 'raise_priority', to: 'P1' }],
        }),
      ],
    },
    {
      id: 'p1',
      name: 'P1',
      criteria: { priorities: ['P1'] },
      levels: [level('l1', '')],
    },
    { id: 'rest', name: 'Everything else', criteria: {}, levels: [level('l1', '')] },
  ],
});

type Mutation = (matrix: EscalationMatrix) => void;
const row = (matrix: EscalationMatrix, index: number): EscalationRow => matrix.rows[index]!;
const levelOf = (matrix: EscalationMatrix, r: number, l: number): EscalationLevel =>
  row(matrix, r).levels[l]!;

describe('validateMatrix', () => {
  it('accepts a matrix with a fallback row and ordered triggers', () => {
    expect(validateMatrix(validMatrix())).toEqual([]);
    expect(EscalationMatrixSchema.safeParse(validMatrix()).success).toBe(true);
  });

  it('treats a row listing all four priorities as a fallback', () => {
    const matrix = validMatrix();
    matrix.rows.pop();
    row(matrix, 1).criteria = { priorities: ['P1', 'P2', 'P3', 'P4'] };
    expect(validateMatrix(matrix)).toEqual([]);
  });

  it.each<[string, Mutation, Record<string, unknown>]>([
    [
      'no rows',
      (m) => (m.rows = []),
      {
        code: 'no_rows',
        path: ['rows'],
        message: 'The matrix has no rows: add at least a fallback row with no criteria.',
      },
    ],
    [
      'no fallback row',
      (m) => m.rows.pop(),
      {
        code: 'no_fallback',
        path: ['rows'],
        rowId: undefined,
        message:
          'The matrix has no fallback row: tickets that match no row are never escalated. Add a row with no criteria at the end.',
      },
    ],
    [
      'a row after the fallback',
      (m) => m.rows.push({ ...row(m, 1), id: 'late', name: 'Late', criteria: { tiers: ['gold'] } }),
      {
        code: 'shadowed_row',
        path: ['rows', 3, 'criteria'],
        rowId: 'late',
        message:
          "Row 'Late' never applies: it comes after the fallback row 'Everything else', which matches every ticket.",
      },
    ],
    [
      'a row shadowed by a broader row above it',
      (m) => m.rows.reverse().push(m.rows.shift()!),
      {
        code: 'shadowed_row',
        path: ['rows', 1, 'criteria'],
        rowId: 'p1-ent',
        message:
          "Row 'P1 Enterprise' never applies: row 'P1' above it already matches every ticket it would (priority P1).",
      },
    ],
    [
      'a row with the same criteria as one above',
      (m) => m.rows.splice(2, 0, { ...row(m, 1), id: 'p1-again', name: 'P1 again' }),
      { code: 'shadowed_row', path: ['rows', 2, 'criteria'], rowId: 'p1-again' },
    ],
    [
      'a duplicate row id',
      (m) => (row(m, 1).id = 'p1-ent'),
      {
        code: 'duplicate_row_id',
        path: ['rows', 1, 'id'],
        message: "Row 'P1': its id 'p1-ent' is already used by row 'P1 Enterprise'.",
      },
    ],
    [
      'a row without a name',
      (m) => (row(m, 1).name = ' '),
      { code: 'missing_name', path: ['rows', 1, 'name'], message: "Row 'p1' has no name." },
    ],
    [
      'an unknown priority in the criteria',
      (m) => (row(m, 1).criteria.priorities = ['P1', 'urgent' as never]),
      {
        code: 'unknown_priority',
        path: ['rows', 1, 'criteria', 'priorities', 1],
        message: "Row 'P1': 'urgent' is not a priority (use P1, P2, P3 or P4).",
      },
    ],
    [
      'a row without levels',
      (m) => (row(m, 2).levels = []),
      {
        code: 'no_levels',
        path: ['rows', 2, 'levels'],
        rowId: 'rest',
        message: "Row 'Everything else' has no levels: tickets matching it are never escalated.",
      },
    ],
    [
      'a duplicate level id',
      (m) => (levelOf(m, 0, 2).id = 'l1'),
      {
        code: 'duplicate_level_id',
        path: ['rows', 0, 'levels', 2, 'id'],
        levelIndex: 2,
        message: "Row 'P1 Enterprise', level L3 (Risk watch): its id 'l1' is already used by L1.",
      },
    ],
    [
      'a level without an owner',
      (m) => delete levelOf(m, 0, 1).owner,
      {
        code: 'missing_owner',
        path: ['rows', 0, 'levels', 1, 'owner'],
        rowId: 'p1-ent',
        levelIndex: 1,
        severity: 'error',
        message:
          "Row 'P1 Enterprise', level L2 (Duty manager): no owner — choose the team, role or person it escalates to.",
      },
    ],
    [
      'an owner without an id',
      (m) => (levelOf(m, 2, 0).owner!.id = ''),
      {
        code: 'incomplete_owner',
        path: ['rows', 2, 'levels', 0, 'owner', 'id'],
        message:
          "Row 'Everything else', level L1: the owner 'Duty manager' is incomplete — pick an existing role.",
      },
    ],
    [
      'a functional level owned by a role',
      (m) => (levelOf(m, 2, 0).type = 'functional'),
      {
        code: 'owner_kind_mismatch',
        severity: 'warning',
        path: ['rows', 2, 'levels', 0, 'owner', 'kind'],
        message:
          "Row 'Everything else', level L1: a functional escalation goes to a team or a specialist, not to a role.",
      },
    ],
    [
      'a hierarchical level owned by a team',
      (m) => (levelOf(m, 0, 0).type = 'hierarchical'),
      {
        code: 'owner_kind_mismatch',
        severity: 'warning',
        message:
          "Row 'P1 Enterprise', level L1 (Specialists): a hierarchical escalation goes to a higher role or a named person, not to a team.",
      },
    ],
    [
      'a malformed email contact',
      (m) => (levelOf(m, 2, 0).owner!.contacts[0]!.value = 'duty at desk'),
      {
        code: 'invalid_contact',
        path: ['rows', 2, 'levels', 0, 'owner', 'contacts', 0, 'value'],
        message: "Row 'Everything else', level L1: 'duty at desk' is not a valid email address.",
      },
    ],
    [
      'a malformed phone contact',
      (m) => (levelOf(m, 2, 0).owner!.contacts[1]!.value = 'call me'),
      {
        code: 'invalid_contact',
        path: ['rows', 2, 'levels', 0, 'owner', 'contacts', 1, 'value'],
        message: "Row 'Everything else', level L1: 'call me' is not a valid phone number.",
      },
    ],
    [
      'an empty chat contact',
      (m) => (levelOf(m, 2, 0).owner!.contacts[2]!.value = ''),
      {
        code: 'invalid_contact',
        message: "Row 'Everything else', level L1: the owner's chat contact is empty.",
      },
    ],
    [
      'a level without a trigger',
      (m) => delete levelOf(m, 2, 0).trigger,
      {
        code: 'missing_trigger',
        path: ['rows', 2, 'levels', 0, 'trigger'],
        message:
          "Row 'Everything else', level L1: no trigger — choose after how many minutes, at what percentage of an SLA target, or above which risk score it fires.",
      },
    ],
    [
      'a level below a level without a trigger',
      (m) => delete levelOf(m, 0, 0).trigger,
      {
        code: 'unreachable_level',
        path: ['rows', 0, 'levels', 1],
        levelIndex: 1,
        message:
          "Row 'P1 Enterprise', level L2 (Duty manager) is never reached automatically: L1 above it has no trigger, so the ticket does not get past it by itself.",
      },
    ],
    [
      'a percentage below the previous level’s',
      (m) =>
        (levelOf(m, 0, 1).trigger = { kind: 'sla_percent', target: 'resolution', percent: 50 }),
      {
        code: 'trigger_before_previous',
        path: ['rows', 0, 'levels', 1, 'trigger'],
        rowId: 'p1-ent',
        levelIndex: 1,
        message:
          "Row 'P1 Enterprise', level L2 (Duty manager): the trigger at 50% of resolution comes before L1's 75%.",
      },
    ],
    [
      'a percentage equal to the previous level’s',
      (m) =>
        (levelOf(m, 0, 1).trigger = { kind: 'sla_percent', target: 'resolution', percent: 75 }),
      {
        code: 'trigger_before_previous',
        message:
          "Row 'P1 Enterprise', level L2 (Duty manager): the trigger at 75% of resolution comes together with L1's 75%.",
      },
    ],
    [
      'a risk threshold below an earlier one',
      (m) => {
        levelOf(m, 0, 1).trigger = { kind: 'risk_above', score: 80 };
      },
      {
        code: 'trigger_before_previous',
        path: ['rows', 0, 'levels', 2, 'trigger'],
        message:
          "Row 'P1 Enterprise', level L3 (Risk watch): the trigger at risk above 70 comes before L2's risk above 80.",
      },
    ],
    [
      'negative minutes',
      (m) => (levelOf(m, 2, 0).trigger = { kind: 'after_minutes', minutes: -5, mode: 'calendar' }),
      {
        code: 'minutes_out_of_range',
        path: ['rows', 2, 'levels', 0, 'trigger', 'minutes'],
        message: "Row 'Everything else', level L1: -5 is not a number of minutes (0 or more).",
      },
    ],
    [
      'zero minutes after a previous level',
      (m) =>
        row(m, 2).levels.push(
          level('l2', '', { trigger: { kind: 'after_minutes', minutes: 0, mode: 'business' } }),
        ),
      {
        code: 'minutes_out_of_range',
        path: ['rows', 2, 'levels', 1, 'trigger', 'minutes'],
        message:
          "Row 'Everything else', level L2: after 0 minutes it fires together with L1; wait at least 1 minute.",
      },
    ],
    [
      'a percentage above 100',
      (m) =>
        (levelOf(m, 0, 1).trigger = { kind: 'sla_percent', target: 'resolution', percent: 120 }),
      {
        code: 'percent_out_of_range',
        path: ['rows', 0, 'levels', 1, 'trigger', 'percent'],
        message: "Row 'P1 Enterprise', level L2 (Duty manager): 120% is outside 1–100%.",
      },
    ],
    [
      'a percentage of 0',
      (m) => (levelOf(m, 0, 0).trigger = { kind: 'sla_percent', target: 'resolution', percent: 0 }),
      { code: 'percent_out_of_range', path: ['rows', 0, 'levels', 0, 'trigger', 'percent'] },
    ],
    [
      'an unknown SLA target',
      (m) =>
        (levelOf(m, 0, 0).trigger = {
          kind: 'sla_percent',
          target: 'closure' as never,
          percent: 50,
        }),
      {
        code: 'unknown_target',
        path: ['rows', 0, 'levels', 0, 'trigger', 'target'],
        message:
          "Row 'P1 Enterprise', level L1 (Specialists): 'closure' is not an SLA target (use first_response, next_update or resolution).",
      },
    ],
    [
      'a sentiment threshold of -1 (nothing is below it)',
      (m) => (levelOf(m, 0, 2).trigger = { kind: 'sentiment_below', score: -1 }),
      {
        code: 'score_out_of_range',
        path: ['rows', 0, 'levels', 2, 'trigger', 'score'],
        message:
          'Row \'P1 Enterprise\', level L3 (Risk watch): sentiment goes from -1 to 1 in steps of 0.01, so "below -1" must be one of -0.99 … 1.',
      },
    ],
    [
      'a sentiment threshold finer than 0.01',
      (m) => (levelOf(m, 0, 2).trigger = { kind: 'sentiment_below', score: -0.505 }),
      {
        code: 'score_out_of_range',
        path: ['rows', 0, 'levels', 2, 'trigger', 'score'],
      },
    ],
    [
      'a sentiment threshold milder than an earlier one',
      (m) => {
        levelOf(m, 0, 1).trigger = { kind: 'sentiment_below', score: -0.6 };
        levelOf(m, 0, 2).trigger = { kind: 'sentiment_below', score: -0.3 };
      },
      {
        code: 'trigger_before_previous',
        path: ['rows', 0, 'levels', 2, 'trigger'],
        message:
          "Row 'P1 Enterprise', level L3 (Risk watch): the trigger at sentiment below -0.3 comes before L2's sentiment below -0.6.",
      },
    ],
    [
      'a risk score of 100',
      (m) => (levelOf(m, 0, 2).trigger = { kind: 'risk_above', score: 100 }),
      {
        code: 'score_out_of_range',
        path: ['rows', 0, 'levels', 2, 'trigger', 'score'],
        message:
          'Row \'P1 Enterprise\', level L3 (Risk watch): risk scores go from 0 to 100, so "above 100" must be 0–99.',
      },
    ],
    [
      'repeating every 0 minutes',
      (m) => (levelOf(m, 0, 0).repeat = { kind: 'every', minutes: 0, maxTimes: 2 }),
      {
        code: 'invalid_repeat',
        path: ['rows', 0, 'levels', 0, 'repeat', 'minutes'],
        message:
          "Row 'P1 Enterprise', level L1 (Specialists): the alert can only repeat every 1 minute or more, not every 0.",
      },
    ],
    [
      'repeating a fractional number of times',
      (m) => (levelOf(m, 0, 0).repeat = { kind: 'every', minutes: 15, maxTimes: 1.5 }),
      {
        code: 'invalid_repeat',
        path: ['rows', 0, 'levels', 0, 'repeat', 'maxTimes'],
        message:
          "Row 'P1 Enterprise', level L1 (Specialists): the number of repeats must be a whole number of at least 1, not 1.5.",
      },
    ],
    [
      'a level without actions',
      (m) => (levelOf(m, 2, 0).actions = []),
      {
        code: 'no_actions',
        severity: 'warning',
        path: ['rows', 2, 'levels', 0, 'actions'],
        message:
          "Row 'Everything else', level L1: no actions — it fires without notifying, reassigning or raising priority.",
      },
    ],
    [
      'notifying nobody',
      (m) => (levelOf(m, 2, 0).actions = [{ kind: 'notify', roles: [' '] }]),
      {
        code: 'notify_without_roles',
        path: ['rows', 2, 'levels', 0, 'actions', 0, 'roles'],
        message: "Row 'Everything else', level L1: the notify action names no role to notify.",
      },
    ],
    [
      'raising priority to an unknown one',
      (m) => (levelOf(m, 0, 2).actions = [{ kind: 'raise_priority', to: 'P0' as never }]),
      {
        code: 'unknown_priority',
        path: ['rows', 0, 'levels', 2, 'actions', 0, 'to'],
        message:
          "Row 'P1 Enterprise', level L3 (Risk watch): cannot raise priority to 'P0' (use P1, P2, P3 or P4).",
      },
    ],
  ])('reports %s', (_, mutate, expected) => {
    const matrix = validMatrix();
    mutate(matrix);
    const problems = validateMatrix(matrix);
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', ...expected }));
    // Nothing else is reported, except that a level without a trigger is itself a problem.
    const others = problems.filter((p) => p.code !== expected.code);
    expect(others.map((p) => p.code)).toEqual(
      expected.code === 'unreachable_level' ? ['missing_trigger'] : [],
    );
  });

  it('locates every problem of a matrix with several', () => {
    const matrix = validMatrix();
    matrix.rows.pop();
    delete levelOf(matrix, 1, 0).owner;
    levelOf(matrix, 0, 1).trigger = { kind: 'sla_percent', target: 'resolution', percent: 60 };
    const problems = validateMatrix(matrix).map((p) => [p.code, p.rowId, p.levelIndex]);
    expect(problems).toEqual([
      ['no_fallback', undefined, undefined],
      ['trigger_before_previous', 'p1-ent', 1],
      ['missing_owner', 'p1', 0],
    ]);
  });

  it('compares percentages against the latest earlier level on the same target only', () => {
    const matrix = validMatrix();
    row(matrix, 0).levels = [
      level('a', 'A', { trigger: { kind: 'sla_percent', target: 'resolution', percent: 75 } }),
      level('b', 'B', { trigger: { kind: 'sla_percent', target: 'first_response', percent: 50 } }),
      level('c', 'C', { trigger: { kind: 'sla_percent', target: 'resolution', percent: 60 } }),
      level('d', 'D', { trigger: { kind: 'sla_percent', target: 'resolution', percent: 70 } }),
    ];
    expect(validateMatrix(matrix).map((p) => p.message)).toEqual([
      "Row 'P1 Enterprise', level L3 (C): the trigger at 60% of resolution comes before L1's 75%.",
      "Row 'P1 Enterprise', level L4 (D): the trigger at 70% of resolution comes before L1's 75%.",
    ]);
  });
});
