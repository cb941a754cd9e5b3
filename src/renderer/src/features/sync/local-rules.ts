import { selectPolicy } from '@core/index';
import type { DeskDatabase } from '../../db/database';
import { versionKey } from '../../db/outbox';

/** A rules row this desk has and the team does not. */
export interface LocalRule {
  table: 'policies' | 'calendars' | 'matrices';
  id: string;
  /** As the desk names it: the policy's or calendar's name, or "escalation matrix". */
  name: string;
}

/**
 * The rules rows of this desk that the team's server does not have: every row a pull brings (and
 * every row the desk queues) leaves a version in `syncMeta`, so a row without one was on the desk
 * before it joined and was not sent (an agent's rules are not), or was refused and kept (a
 * manager's pre-join row the team turned down, an agent's edit of the desk's own rule): a kept
 * refusal removes the row's version, and a later pull of the team's row sets one again. The
 * desk's SLA clocks and escalations use these rows; the team's other desks do not have them.
 * Read inside the caller's transaction when there is one.
 */
export async function localRules(database: DeskDatabase): Promise<LocalRule[]> {
  const [policies, calendars, matrices] = await Promise.all([
    database.policies.orderBy('order').toArray(),
    database.calendars.toArray(),
    database.matrices.toArray(),
  ]);
  const rows: LocalRule[] = [
    ...policies.map((row) => ({
      table: 'policies' as const,
      id: row.id,
      name: row.policy.name || row.id,
    })),
    ...calendars.map((row) => ({
      table: 'calendars' as const,
      id: row.id,
      name: row.name || row.id,
    })),
    ...matrices.map((row) => ({
      table: 'matrices' as const,
      id: row.id,
      name: 'escalation matrix',
    })),
  ];
  const versions = await database.syncMeta.bulkGet(
    rows.map((row) => versionKey(row.table, row.id)),
  );
  return rows.filter((_, index) => versions[index] === undefined);
}

/** What "use the team's rules only" would drop, and what it must keep. */
export interface TeamRulesPlan {
  /** Every rules row of this desk only (see localRules). */
  local: LocalRule[];
  drop: LocalRule[];
  /** Calendars of this desk a team policy still uses (the team lacks them): they stay. */
  keep: LocalRule[];
  /** Why nothing can be dropped yet, or undefined. */
  refusal?: string;
  /**
   * Open tickets that a dropped policy covers and no team policy does: they would have no SLA
   * clock. Counted only when asked (it reads every open ticket).
   */
  uncovered?: number;
}

/**
 * Plans dropping this desk's own rules rows so that it runs on the team's alone. Refused while the
 * team has no SLA policy of its own on this desk: dropping would leave the tickets no SLA clocks.
 */
export async function planTeamRulesOnly(
  database: DeskDatabase,
  options: { countUncovered?: boolean } = {},
): Promise<TeamRulesPlan> {
  const local = await localRules(database);
  const localPolicies = new Set(
    local.filter((row) => row.table === 'policies').map((row) => row.id),
  );
  const policies = (await database.policies.orderBy('order').toArray()).map((row) => row.policy);
  const team = policies.filter((policy) => !localPolicies.has(policy.id));
  if (local.length > 0 && team.length === 0 && localPolicies.size > 0) {
    return {
      local,
      drop: [],
      keep: local,
      refusal:
        'The team has no SLA policy yet: without this desk’s own, its tickets would have no SLA clocks. A manager can add the team’s policies, or this desk’s for the team.',
    };
  }
  const used = new Set(team.map((policy) => policy.calendar));
  const keep = local.filter((row) => row.table === 'calendars' && used.has(row.id));
  const plan: TeamRulesPlan = { local, drop: local.filter((row) => !keep.includes(row)), keep };
  if (options.countUncovered && localPolicies.size > 0) {
    const open = await database.ticketSla.where('open').equals(1).primaryKeys();
    const tickets = await database.tickets.bulkGet(open);
    plan.uncovered = tickets.filter(
      (ticket) =>
        ticket !== undefined &&
        selectPolicy(policies, ticket, ticket.policyId) !== undefined &&
        selectPolicy(team, ticket, ticket.policyId) === undefined,
    ).length;
  }
  return plan;
}
