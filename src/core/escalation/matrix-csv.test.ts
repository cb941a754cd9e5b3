import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRIORITIES } from '../tickets';
import type { EscalationLevel, EscalationMatrix } from './matrix';
import { MATRIX_CSV_COLUMNS, matrixFromCsv, matrixToCsv } from './matrix-csv';

const l1: EscalationLevel = {
  id: 'l1',
  name: 'Billing specialists',
  type: 'functional',
  owner: {
    kind: 'team',
    id: 'team-billing',
    name: 'Billing',
    contacts: [
      { kind: 'email', value: 'billing@example.com' },
      { kind: 'phone', value: '+44 20 7946 0000' },
    ],
  },
  trigger: { kind: 'sla_percent', target: 'first_response', percent: 50 },
  actions: [{ kind: 'reassign' }, { kind: 'notify', roles: ['team lead', 'manager'] }],
  repeat: { kind: 'every', minutes: 30, maxTimes: 3 },
};
const l2: EscalationLevel = {
  id: 'l2',
  name: 'Duty manager',
  type: 'hierarchical',
  owner: { kind: 'role', id: 'duty-manager', name: 'Duty manager', contacts: [] },
  trigger: { kind: 'after_minutes', minutes: 120, mode: 'business' },
  actions: [{ kind: 'raise_priority', to: 'P1' }],
  repeat: { kind: 'none' },
};
const MATRIX: EscalationMatrix = {
  rows: [
    {
      id: 'p1-enterprise',
      name: 'P1, enterprise',
      criteria: { priorities: ['P1'], tiers: ['enterprise'] },
      levels: [l1, l2],
    },
    { id: 'empty', name: 'Nothing yet', criteria: { channels: ['store'] }, levels: [] },
    {
      id: 'all',
      name: '=Everything else',
      criteria: {},
      levels: [
        { ...l2, id: 'auto', type: 'automatic', trigger: { kind: 'risk_above', score: 70 } },
        {
          ...l2,
          id: 'mood',
          type: 'automatic',
          trigger: { kind: 'sentiment_below', score: -0.6 },
        },
      ],
    },
  ],
};

const header = MATRIX_CSV_COLUMNS.join(',');

describe('the escalation matrix as CSV', () => {
  it('writes one line per level, readable words in the cells, and reads back the same matrix', () => {
    const csv = matrixToCsv(MATRIX);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(header);
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain('at 50% of first response');
    expect(lines[1]).toContain('every 30 minutes, 3 times');
    expect(lines[1]).toContain('reassign; notify: team lead, manager');
    expect(lines[2]).toContain('after 120 business minutes');
    // A name that a spreadsheet would run as a formula is protected, and comes back as it was.
    expect(lines[4]).toContain("'=Everything else");
    expect(lines[4]).toContain('at risk above 70');
    expect(lines[5]).toContain('at sentiment below -0.6');
    const read = matrixFromCsv(csv);
    expect(read.problems).toEqual([]);
    expect(read.matrix).toEqual(MATRIX);
  });

  it.each([
    ['at sentiment below -0.5', -0.5],
    ['sentiment below \u22120.62', -0.62],
    ['at sentiment below +0.2', 0.2],
    ['at sentiment below .3', 0.3],
  ])('reads the sentiment trigger "%s"', (text, score) => {
    const level = {
      ...MATRIX.rows[0]!.levels[0]!,
      trigger: { kind: 'risk_above' as const, score: 42 },
    };
    const csv = matrixToCsv({ rows: [{ ...MATRIX.rows[0]!, levels: [level] }] });
    expect(csv).toContain('at risk above 42');
    const read = matrixFromCsv(csv.replace('at risk above 42', text));
    expect(read.problems).toEqual([]);
    expect(read.matrix?.rows[0]?.levels[0]?.trigger).toEqual({ kind: 'sentiment_below', score });
  });

  it('reads back whatever it writes (property)', () => {
    const text = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .'"=+-]{0,12}$/).map((s) => s.trim());
    const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    const level = fc.record({
      id: word,
      name: fc.option(text.filter(Boolean), { nil: undefined }),
      type: fc.constantFrom('functional', 'hierarchical', 'automatic' as const),
      owner: fc.option(
        fc.record({
          kind: fc.constantFrom('team', 'role', 'person' as const),
          id: word,
          name: text,
          contacts: fc.array(
            fc.record({ kind: fc.constantFrom('email', 'phone', 'chat' as const), value: word }),
            { maxLength: 2 },
          ),
        }),
        { nil: undefined },
      ),
      trigger: fc.option(
        fc.oneof(
          fc.record({
            kind: fc.constant('after_minutes' as const),
            minutes: fc.integer({ min: 0, max: 10_000 }),
            mode: fc.constantFrom('business', 'calendar' as const),
          }),
          fc.record({
            kind: fc.constant('sla_percent' as const),
            target: fc.constantFrom('first_response', 'next_update', 'resolution' as const),
            percent: fc.integer({ min: 1, max: 200 }),
          }),
          fc.record({
            kind: fc.constant('risk_above' as const),
            score: fc.integer({ min: 0, max: 100 }),
          }),
          fc.record({
            kind: fc.constant('sentiment_below' as const),
            score: fc.integer({ min: -99, max: 100 }).map((n) => n / 100),
          }),
        ),
        { nil: undefined },
      ),
      actions: fc.array(
        fc.oneof(
          fc.constant({ kind: 'reassign' as const }),
          fc.constant({ kind: 'raise_priority' as const }),
          fc.record({
            kind: fc.constant('raise_priority' as const),
            to: fc.constantFrom(...PRIORITIES),
          }),
          fc.record({
            kind: fc.constant('notify' as const),
            roles: fc.array(word, { minLength: 1, maxLength: 3 }),
          }),
        ),
        { maxLength: 3 },
      ),
      repeat: fc.oneof(
        fc.constant({ kind: 'none' as const }),
        fc.record({
          kind: fc.constant('every' as const),
          minutes: fc.integer({ min: 1, max: 999 }),
          maxTimes: fc.integer({ min: 1, max: 20 }),
        }),
      ),
    });
    const row = fc.record({
      id: word,
      name: text,
      criteria: fc.record(
        {
          priorities: fc.uniqueArray(fc.constantFrom(...PRIORITIES), { minLength: 1 }),
          categories: fc.array(word, { minLength: 1, maxLength: 2 }),
          tiers: fc.array(word, { minLength: 1, maxLength: 2 }),
          channels: fc.array(word, { minLength: 1, maxLength: 2 }),
        },
        { requiredKeys: [] },
      ),
      levels: fc.array(level, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 4 }), (rows) => {
        const matrix = JSON.parse(JSON.stringify({ rows })) as EscalationMatrix;
        const read = matrixFromCsv(matrixToCsv(matrix));
        expect(read.problems).toEqual([]);
        expect(read.matrix).toEqual(matrix);
      }),
      { numRuns: 150 },
    );
  });

  it('reads a sheet saved with semicolons, in another case, with a new line lacking its level id', () => {
    const csv = [
      MATRIX_CSV_COLUMNS.join(';'),
      'vip;VIP;p1, p2;;enterprise;;1;;;Functional;Team;t-2;Tier 2;EMAIL: t2@example.com;At 75% of Resolution;Reassign;',
    ].join('\n');
    const read = matrixFromCsv(csv);
    expect(read.problems).toEqual([]);
    expect(read.matrix?.rows[0]).toMatchObject({
      id: 'vip',
      criteria: { priorities: ['P1', 'P2'], tiers: ['enterprise'] },
      levels: [
        {
          id: 'vip-l1',
          type: 'functional',
          owner: { kind: 'team', contacts: [{ kind: 'email', value: 't2@example.com' }] },
          trigger: { kind: 'sla_percent', target: 'resolution', percent: 75 },
          actions: [{ kind: 'reassign' }],
        },
      ],
    });
  });

  const line = (cells: Partial<Record<(typeof MATRIX_CSV_COLUMNS)[number], string>>) =>
    MATRIX_CSV_COLUMNS.map((column) => {
      const value = cells[column] ?? '';
      return value.includes(',') ? `"${value}"` : value;
    }).join(',');
  const good = { row: 'r1', 'row name': 'All', level: '1', type: 'automatic' };

  it.each([
    [
      'a trigger in other words',
      { trigger: 'soon' },
      'trigger',
      /is not a trigger: write "after 30 business minutes"/,
    ],
    [
      'an SLA target that does not exist',
      { trigger: 'at 50% of lunch' },
      'trigger',
      /names no SLA target/,
    ],
    ['an unknown action', { actions: 'reassign; shout' }, 'actions', /“shout” is not an action/],
    ['a repeat in other words', { repeat: 'often' }, 'repeat', /is not a repeat/],
    [
      'an unknown type',
      { type: 'sideways' },
      'type',
      /“sideways” is not functional, hierarchical or automatic/,
    ],
    ['a priority P5', { priorities: 'P1, P5' }, 'priorities', /“P5” is not P1, P2, P3 or P4/],
    [
      'a contact without its kind',
      { 'owner kind': 'team', contacts: 'ops@example.com' },
      'contacts',
      /is not a contact/,
    ],
    ['a level number out of order', { level: '2' }, 'level', /should be 1: levels count up from 1/],
    ['a line without its row id', { row: '' }, 'row', /every line names its row/],
  ])('names %s by row and column, and reads no matrix', (_name, cells, column, reason) => {
    const read = matrixFromCsv(
      [header, line(good), line({ ...good, row: 'r2', ...cells })].join('\r\n'),
    );
    expect(read.matrix).toBeUndefined();
    expect(read.problems).toEqual([{ row: 3, column, reason: expect.stringMatching(reason) }]);
  });

  it('says which columns a file lacks', () => {
    const read = matrixFromCsv('row,level\r\nr1,1');
    expect(read.matrix).toBeUndefined();
    expect(read.problems[0]!.reason).toMatch(/^The header lacks “row name”, “priorities”/);
  });

  it('reads a row split by another as a mistake, not as two rows with one id', () => {
    const read = matrixFromCsv(
      [header, line(good), line({ ...good, row: 'r2' }), line({ ...good, level: '2' })].join(
        '\r\n',
      ),
    );
    expect(read.problems).toEqual([
      { row: 4, column: 'row', reason: expect.stringMatching(/appears again after other rows/) },
    ]);
  });

  it('checks the matrix it read, each problem with the line it comes from', () => {
    const read = matrixFromCsv(
      [header, line({ ...good, 'level name': 'No trigger yet' })].join('\r\n'),
    );
    expect(read.matrix).toBeDefined();
    expect(read.matrixProblems.length).toBeGreaterThan(0);
    expect(read.matrixProblems.every((problem) => problem.line === 2)).toBe(true);
  });
});
