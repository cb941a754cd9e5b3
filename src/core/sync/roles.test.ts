import { describe, expect, it } from 'vitest';
import { SYNC_TABLES, TABLE_NOUN, type SyncTable } from './protocol';
import { ACCOUNT_ROLES, roleAtLeast, writeRefusal, type AccountRole } from './roles';

type Op = 'put' | 'delete';

/** The least role that may make each change, written out table by table. */
const LEAST_ROLE: Record<SyncTable, Record<Op, AccountRole>> = {
  tickets: { put: 'agent', delete: 'supervisor' },
  events: { put: 'agent', delete: 'supervisor' },
  customers: { put: 'agent', delete: 'supervisor' },
  templates: { put: 'agent', delete: 'supervisor' },
  firedAlerts: { put: 'agent', delete: 'supervisor' },
  teams: { put: 'supervisor', delete: 'supervisor' },
  people: { put: 'supervisor', delete: 'supervisor' },
  matrices: { put: 'manager', delete: 'manager' },
  policies: { put: 'manager', delete: 'manager' },
  calendars: { put: 'manager', delete: 'manager' },
};

const cases = ACCOUNT_ROLES.flatMap((role) =>
  SYNC_TABLES.flatMap((table) =>
    (['put', 'delete'] as const).map((op) => ({
      role,
      table,
      op,
      allowed: ACCOUNT_ROLES.indexOf(role) >= ACCOUNT_ROLES.indexOf(LEAST_ROLE[table][op]),
    })),
  ),
);

describe('writeRefusal', () => {
  it('covers every role, table and operation', () => {
    expect(cases).toHaveLength(4 * 10 * 2);
  });

  it.each(cases.filter((c) => c.allowed))('lets $role $op $table', ({ role, table, op }) => {
    expect(writeRefusal(role, table, op)).toBeNull();
  });

  it.each(cases.filter((c) => !c.allowed))(
    'refuses $role $op $table, naming the role and the row',
    ({ role, table, op }) => {
      const reason = writeRefusal(role, table, op);
      expect(reason).toEqual(expect.stringContaining(TABLE_NOUN[table]));
      expect(reason?.toLowerCase()).toContain(role);
    },
  );

  it.each([
    {
      role: 'supervisor',
      table: 'matrices',
      reason:
        'Only managers and admins can change the escalation matrix; you are signed in as supervisor.',
    },
    {
      role: 'agent',
      table: 'people',
      reason:
        'Only supervisors, managers and admins can change a person; you are signed in as agent.',
    },
  ] as const)('tells a $role why they cannot change $table', ({ role, table, reason }) => {
    expect(writeRefusal(role, table, 'put')).toBe(reason);
  });

  it.each([
    { table: 'tickets', reason: 'Agents cannot delete a ticket.' },
    { table: 'events', reason: 'Agents cannot delete an activity-log entry.' },
    { table: 'firedAlerts', reason: 'Agents cannot delete an alert.' },
  ] as const)('tells an agent they cannot delete $table, in a proper sentence', (c) => {
    expect(writeRefusal('agent', c.table, 'delete')).toBe(c.reason);
  });
});

describe('roleAtLeast', () => {
  it('orders roles agent < supervisor < manager < admin', () => {
    const table = ACCOUNT_ROLES.map((role) =>
      ACCOUNT_ROLES.map((floor) => roleAtLeast(role, floor)),
    );
    expect(table).toEqual([
      [true, false, false, false],
      [true, true, false, false],
      [true, true, true, false],
      [true, true, true, true],
    ]);
  });
});
