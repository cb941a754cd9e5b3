import { TABLE_NOUN, type SyncTable } from './protocol';

/** Server account roles, from least to most authority. */
export const ACCOUNT_ROLES = ['agent', 'supervisor', 'manager', 'admin'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** The desk's rules: only managers and admins change them; they time and escalate tickets. */
export const RULE_TABLES: ReadonlySet<SyncTable> = new Set(['matrices', 'policies', 'calendars']);
const STAFF_TABLES: ReadonlySet<SyncTable> = new Set(['teams', 'people']);

/** Whether `role` carries at least the authority of `floor`. */
export function roleAtLeast(role: AccountRole, floor: AccountRole): boolean {
  return ACCOUNT_ROLES.indexOf(role) >= ACCOUNT_ROLES.indexOf(floor);
}

/**
 * Why a member with `role` may not make this change, or null when they may. Every member writes
 * tickets, events, customers, templates and alerts; supervisors and up change teams and people and
 * delete tickets and log entries; only managers and admins change the matrix, policies and calendars.
 */
export function writeRefusal(
  role: AccountRole,
  table: SyncTable,
  op: 'put' | 'delete',
): string | null {
  const noun = TABLE_NOUN[table];
  if (RULE_TABLES.has(table) && !roleAtLeast(role, 'manager')) {
    return `Only managers and admins can change the ${noun}; you are signed in as ${role}.`;
  }
  if (STAFF_TABLES.has(table) && !roleAtLeast(role, 'supervisor')) {
    return `Only supervisors, managers and admins can change a ${noun}; you are signed in as ${role}.`;
  }
  if (op === 'delete' && !roleAtLeast(role, 'supervisor')) {
    return `Agents cannot delete ${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}.`;
  }
  return null;
}
