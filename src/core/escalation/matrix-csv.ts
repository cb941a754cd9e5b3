import { SLA_TARGETS, type SlaTargetName } from '../sla';
import { PRIORITIES, type Priority, type TicketCriteria } from '../tickets';
import { formatCsv, parseCsv, protectFormula, unprotectFormula } from '../transfer/csv';
import { quoted, type ImportProblem } from '../transfer/problems';
import {
  CONTACT_KINDS,
  ESCALATION_TYPES,
  OWNER_KINDS,
  type Contact,
  type ContactKind,
  type EscalationAction,
  type EscalationLevel,
  type EscalationMatrix,
  type EscalationRow,
  type EscalationTrigger,
  type EscalationType,
  type OwnerKind,
  type RepeatPolicy,
} from './matrix';
import { describeTrigger, validateMatrix, type MatrixProblem } from './validate-matrix';

/**
 * The matrix as a spreadsheet: one line per level (a row without levels has one line with the
 * level left empty). Consecutive lines with the same `row` id are one matrix row, in order; a
 * new line may leave `level id` empty.
 * Lists are comma-separated; contacts and actions are separated by semicolons; triggers and
 * repeats are written as words ("after 30 business minutes", "every 30 minutes, 3 times").
 */
export const MATRIX_CSV_COLUMNS = [
  'row',
  'row name',
  'priorities',
  'categories',
  'tiers',
  'channels',
  'level',
  'level id',
  'level name',
  'type',
  'owner kind',
  'owner id',
  'owner name',
  'contacts',
  'trigger',
  'actions',
  'repeat',
] as const;
type Column = (typeof MATRIX_CSV_COLUMNS)[number];

const list = (values: readonly string[] | undefined) => (values ?? []).join(', ');

function actionText(action: EscalationAction): string {
  switch (action.kind) {
    case 'notify':
      return `notify: ${action.roles.join(', ')}`;
    case 'reassign':
      return 'reassign';
    case 'raise_priority':
      return action.to ? `raise priority to ${action.to}` : 'raise priority';
  }
}

function repeatText(repeat: RepeatPolicy): string {
  return repeat.kind === 'none' ? '' : `every ${repeat.minutes} minutes, ${repeat.maxTimes} times`;
}

/** The matrix as CSV text, for a spreadsheet (cells that could run as formulas are protected). */
export function matrixToCsv(matrix: EscalationMatrix): string {
  const lines: string[][] = [[...MATRIX_CSV_COLUMNS]];
  for (const row of matrix.rows) {
    const rowCells = [
      row.id,
      row.name,
      list(row.criteria.priorities),
      list(row.criteria.categories),
      list(row.criteria.tiers),
      list(row.criteria.channels),
    ];
    if (row.levels.length === 0)
      lines.push([...rowCells, ...MATRIX_CSV_COLUMNS.slice(6).map(() => '')]);
    row.levels.forEach((level, index) => {
      lines.push([
        ...rowCells,
        String(index + 1),
        level.id,
        level.name ?? '',
        level.type,
        level.owner?.kind ?? '',
        level.owner?.id ?? '',
        level.owner?.name ?? '',
        (level.owner?.contacts ?? []).map((c) => `${c.kind}: ${c.value}`).join('; '),
        level.trigger ? describeTrigger(level.trigger) : '',
        level.actions.map(actionText).join('; '),
        repeatText(level.repeat),
      ]);
    });
  }
  return formatCsv(lines.map((cells) => cells.map(protectFormula)));
}

/** What reading a matrix CSV gave: the matrix (when every line could be read) and what is wrong. */
export interface MatrixCsvResult {
  /** Undefined when any line has a problem: nothing is half-read. */
  matrix?: EscalationMatrix;
  /** Lines that could not be read, by spreadsheet row and column. */
  problems: ImportProblem[];
  /** The read matrix's own problems (validateMatrix), each with the line it comes from. */
  matrixProblems: (MatrixProblem & { line: number })[];
}

const splitList = (text: string, separator: string) =>
  text
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);

const TRIGGER_PATTERNS: [RegExp, (m: RegExpExecArray) => EscalationTrigger | string][] = [
  [
    /^after (\d+(?:\.\d+)?) (business|calendar) minutes?$/i,
    (m) => ({
      kind: 'after_minutes',
      minutes: Number(m[1]),
      mode: m[2]!.toLowerCase() as 'business' | 'calendar',
    }),
  ],
  [
    /^at (\d+(?:\.\d+)?)\s*% of ([a-z _]+)$/i,
    (m) => {
      const target = m[2]!.trim().toLowerCase().replace(' ', '_');
      return (SLA_TARGETS as readonly string[]).includes(target)
        ? { kind: 'sla_percent', percent: Number(m[1]), target: target as SlaTargetName }
        : `names no SLA target: use first response, next update or resolution`;
    },
  ],
  [/^(?:at )?risk above (\d+(?:\.\d+)?)$/i, (m) => ({ kind: 'risk_above', score: Number(m[1]) })],
  [
    // Also the minus sign (U+2212) the app itself shows, and a leading plus.
    /^(?:at )?sentiment below ([-+\u2212]?(?:\d+(?:\.\d+)?|\.\d+))$/i,
    (m) => ({ kind: 'sentiment_below', score: Number(m[1]!.replace('\u2212', '-')) }),
  ],
];

function parseTrigger(text: string): EscalationTrigger | string | undefined {
  if (!text) return undefined;
  for (const [pattern, make] of TRIGGER_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return make(match);
  }
  return 'is not a trigger: write "after 30 business minutes", "at 50% of resolution", "at risk above 70" or "at sentiment below -0.5"';
}

function parseAction(text: string): EscalationAction | string {
  const lower = text.toLowerCase();
  if (lower === 'reassign') return { kind: 'reassign' };
  if (lower === 'raise priority') return { kind: 'raise_priority' };
  const raise = /^raise priority to (p[1-4])$/i.exec(text);
  if (raise) return { kind: 'raise_priority', to: raise[1]!.toUpperCase() as Priority };
  const notify = /^notify:\s*(.*)$/i.exec(text);
  if (notify) return { kind: 'notify', roles: splitList(notify[1]!, ',') };
  return `${quoted(text)} is not an action: use "notify: role, role", "reassign", "raise priority" or "raise priority to P1"`;
}

function parseRepeat(text: string): RepeatPolicy | string {
  if (!text || text.toLowerCase() === 'none') return { kind: 'none' };
  const match = /^every (\d+) minutes?,\s*(\d+) times?$/i.exec(text);
  if (match) return { kind: 'every', minutes: Number(match[1]), maxTimes: Number(match[2]) };
  return 'is not a repeat: write "every 30 minutes, 3 times", or leave it empty';
}

function parseContact(text: string): Contact | string {
  const colon = text.indexOf(':');
  const kind = (colon < 0 ? '' : text.slice(0, colon).trim().toLowerCase()) as ContactKind;
  const value = colon < 0 ? '' : text.slice(colon + 1).trim();
  if (!(CONTACT_KINDS as readonly string[]).includes(kind) || !value) {
    return `${quoted(text)} is not a contact: write "email: ops@example.com", "phone: …" or "chat: …"`;
  }
  return { kind, value };
}

/**
 * Reads a matrix from CSV text written by `matrixToCsv` (or edited in a spreadsheet). Every cell
 * that cannot be read is listed with its spreadsheet row and column, and then no matrix is
 * returned; a matrix that was read is also checked by `validateMatrix`, each problem with its line.
 */
export function matrixFromCsv(text: string): MatrixCsvResult {
  const table = parseCsv(text);
  const problems: ImportProblem[] = [...table.problems];
  const position = new Map(table.columns.map((name, index) => [name.toLowerCase(), index]));
  const missing = MATRIX_CSV_COLUMNS.filter((column) => !position.has(column));
  if (missing.length > 0) {
    problems.push({
      row: table.headerRow,
      column: '',
      reason: `The header lacks ${missing.map((m) => quoted(m)).join(', ')}: export a matrix to see the columns.`,
    });
    return { problems, matrixProblems: [] };
  }

  const rows: EscalationRow[] = [];
  const lineOf = new Map<string, number>();
  for (const { row: line, cells } of table.rows) {
    const cell = (column: Column) => unprotectFormula((cells[position.get(column)!] ?? '').trim());
    if (MATRIX_CSV_COLUMNS.every((column) => cell(column) === '')) continue;
    const fail = (column: Column, reason: string) => problems.push({ row: line, column, reason });
    const id = cell('row');
    if (!id) {
      fail('row', 'is empty: every line names its row (the same id on each line of a row)');
      continue;
    }
    let row = rows.at(-1);
    if (!row || row.id !== id) {
      if (rows.some((known) => known.id === id)) {
        fail('row', `${quoted(id)} appears again after other rows: keep a row's lines together`);
        continue;
      }
      const criteria: TicketCriteria = {};
      const priorities = splitList(cell('priorities'), ',').map((p) => p.toUpperCase());
      const unknown = priorities.filter((p) => !(PRIORITIES as readonly string[]).includes(p));
      if (unknown.length)
        fail('priorities', `${quoted(unknown.join(', '))} is not P1, P2, P3 or P4`);
      if (priorities.length) criteria.priorities = priorities as Priority[];
      for (const [column, key] of [
        ['categories', 'categories'],
        ['tiers', 'tiers'],
        ['channels', 'channels'],
      ] as const) {
        const values = splitList(cell(column), ',');
        if (values.length) criteria[key] = values;
      }
      row = { id, name: cell('row name'), criteria, levels: [] };
      rows.push(row);
      lineOf.set(`${id}`, line);
    }
    const levelText = cell('level');
    if (!levelText) continue;
    const expected = row.levels.length + 1;
    if (levelText !== String(expected)) {
      fail(
        'level',
        `${quoted(levelText)} should be ${expected}: levels count up from 1 within a row`,
      );
      continue;
    }
    const type = cell('type').toLowerCase() as EscalationType;
    if (!(ESCALATION_TYPES as readonly string[]).includes(type)) {
      fail('type', `${quoted(cell('type'))} is not functional, hierarchical or automatic`);
    }
    const level: EscalationLevel = {
      // A line added in a spreadsheet may leave the id empty: one is made from the row's.
      id: cell('level id') || `${id}-l${expected}`,
      type,
      actions: [],
      repeat: { kind: 'none' },
    };
    const name = cell('level name');
    if (name) level.name = name;
    const ownerKind = cell('owner kind').toLowerCase();
    if (ownerKind) {
      if (!(OWNER_KINDS as readonly string[]).includes(ownerKind)) {
        fail('owner kind', `${quoted(ownerKind)} is not team, role or person`);
      }
      const contacts: Contact[] = [];
      for (const part of splitList(cell('contacts'), ';')) {
        const contact = parseContact(part);
        if (typeof contact === 'string') fail('contacts', contact);
        else contacts.push(contact);
      }
      level.owner = {
        kind: ownerKind as OwnerKind,
        id: cell('owner id'),
        name: cell('owner name'),
        contacts,
      };
    }
    const trigger = parseTrigger(cell('trigger'));
    if (typeof trigger === 'string') fail('trigger', `${quoted(cell('trigger'))} ${trigger}`);
    else if (trigger) level.trigger = trigger;
    for (const part of splitList(cell('actions'), ';')) {
      const action = parseAction(part);
      if (typeof action === 'string') fail('actions', action);
      else level.actions.push(action);
    }
    const repeat = parseRepeat(cell('repeat'));
    if (typeof repeat === 'string') fail('repeat', `${quoted(cell('repeat'))} ${repeat}`);
    else level.repeat = repeat;
    row.levels.push(level);
    lineOf.set(`${id}:${row.levels.length - 1}`, line);
  }
  if (problems.length > 0) return { problems, matrixProblems: [] };
  const matrix: EscalationMatrix = { rows };
  const matrixProblems = validateMatrix(matrix).map((problem) => ({
    ...problem,
    line:
      lineOf.get(`${problem.rowId}:${problem.levelIndex}`) ??
      lineOf.get(`${problem.rowId}`) ??
      table.headerRow,
  }));
  return { matrix, problems, matrixProblems };
}
