import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RULES_TEMPLATES, type EscalationMatrix, type SlaPolicy } from '@core/index';
import type { DeskDatabase } from '../../db/database';
import { onDeskChanged } from '../../db/desk-changes';
import { ALL_DAY_CALENDAR, EVERYTHING_POLICY, openTestDesk, TEST_T0 } from '../../db/test-desk';
import { createTicket } from '../../db/ticket-writes';
import {
  deleteCalendar,
  rollBackTo,
  ruleHistory,
  RulesInvalidError,
  saveCalendar,
  saveMatrix,
  savePolicies,
} from './rule-store';
import { OpenTicketCache, previewRules, type WorkProgress } from './rules-work';
import { resumeSlaRefresh } from './sla-refresh';

const HOUR = 3_600_000;
const T0 = TEST_T0;
const THREE_LEVEL = RULES_TEMPLATES.find((template) => template.id === 'three-level')!;

let database: DeskDatabase;
beforeEach(async () => {
  database = await openTestDesk('rules');
});
afterEach(async () => {
  await database.delete();
});

const input = {
  title: 'Checkout fails for every card',
  description: '',
  customerId: 'c-1',
  tier: 'enterprise' as const,
  channel: 'email' as const,
  category: 'payments',
  priority: 'P1' as const,
};

const faster = (minutes: number): SlaPolicy => ({
  ...EVERYTHING_POLICY,
  targets: { ...EVERYTHING_POLICY.targets, first_response: { minutes, mode: 'calendar' } },
});

describe('saving rules', () => {
  it('keeps rules found in place as version 1, then numbers each save, with who and a note', async () => {
    await database.settings.put({ key: 'currentUserId', value: 'u-ana' });
    const first = await savePolicies([faster(30)], { now: T0, database });
    const second = await savePolicies([faster(45)], { now: T0 + HOUR, database, note: 'Looser' });
    await Promise.all([first.refreshed, second.refreshed]);
    expect([first.version, second.version]).toEqual([2, 3]);
    const history = await ruleHistory('policies', 'all', database);
    expect(history.map((row) => [row.version, row.savedBy, row.note])).toEqual([
      [3, 'u-ana', 'Looser'],
      [2, 'u-ana', ''],
      [1, 'system', 'As found before history was kept'],
    ]);
    expect(history[2]!.value).toEqual({ kind: 'policies', policies: [EVERYTHING_POLICY] });
    expect((await database.policies.orderBy('order').toArray()).map((r) => r.policy)).toEqual([
      faster(45),
    ]);
  });

  it('continues the version number of a matrix stored before history was kept', async () => {
    await database.matrices.put({
      id: 'active',
      version: 4,
      matrix: THREE_LEVEL.matrix,
      updatedAt: 1,
    });
    expect((await saveMatrix(THREE_LEVEL.matrix, { now: T0, database })).version).toBe(5);
    expect((await ruleHistory('matrix', 'active', database)).map((r) => r.version)).toEqual([5, 4]);
  });

  it('starts a new matrix at version 1 when none was stored', async () => {
    const saved = await saveMatrix(THREE_LEVEL.matrix, { now: T0, database });
    expect(saved.version).toBe(1);
    expect(await database.matrices.get('active')).toMatchObject({ version: 1, updatedAt: T0 });
  });

  it.each<[string, () => Promise<unknown>, RegExp]>([
    [
      'a matrix with an error',
      () => saveMatrix({ rows: [] }, { now: T0, database }),
      /matrix can't be saved: .*no rows/i,
    ],
    [
      'a matrix of the wrong shape',
      () =>
        saveMatrix({ rows: [{ id: 'r' }] } as unknown as EscalationMatrix, { now: T0, database }),
      /matrix can't be saved: rows\.0\.name/,
    ],
    [
      'policies naming a calendar that does not exist',
      () => savePolicies([{ ...EVERYTHING_POLICY, calendar: 'nope' }], { now: T0, database }),
      /SLA policies can't be saved: .*nope/,
    ],
    [
      'policies without a fallback',
      () =>
        savePolicies([{ ...EVERYTHING_POLICY, conditions: { priorities: ['P1'] } }], {
          now: T0,
          database,
        }),
      /SLA policies can't be saved/,
    ],
    [
      'an invalid calendar',
      () =>
        saveCalendar(
          { id: 'c', name: 'Bad', calendar: { timeZone: 'Mars/Olympus', week: {} } },
          { now: T0, database },
        ),
      /calendar can't be saved: Calendar 'Bad', timeZone/,
    ],
  ])('refuses %s, naming the problem, and writes nothing', async (_, save, message) => {
    const before = await Promise.all([
      database.policies.toArray(),
      database.calendars.toArray(),
      database.matrices.toArray(),
    ]);
    await expect(save()).rejects.toThrow(RulesInvalidError);
    await expect(save()).rejects.toThrow(message);
    expect(
      await Promise.all([
        database.policies.toArray(),
        database.calendars.toArray(),
        database.matrices.toArray(),
      ]),
    ).toEqual(before);
    expect(await database.ruleVersions.count()).toBe(0);
  });

  it('saves a template calendar together with the policies that use it', async () => {
    const saved = await savePolicies(THREE_LEVEL.policies, {
      now: T0,
      database,
      calendars: THREE_LEVEL.calendars,
    });
    await saved.refreshed;
    const calendar = THREE_LEVEL.calendars[0]!;
    expect((await database.calendars.get(calendar.id))?.calendar).toEqual(calendar.calendar);
    expect((await ruleHistory('calendar', calendar.id, database)).map((r) => r.version)).toEqual([
      1,
    ]);
  });

  it("recomputes open tickets' SLA clocks after a policy change and announces it", async () => {
    const ticket = await createTicket(input, T0, database);
    const changes: unknown[] = [];
    const stop = onDeskChanged((ids) => changes.push(ids));
    const saved = await savePolicies([faster(20)], { now: T0 + 60_000, database });
    await saved.refreshed;
    stop();
    expect((await database.ticketSla.get(ticket.id))?.dueAt).toBe(T0 + 20 * 60_000);
    expect(changes).toContain('all');
    expect(await database.settings.get('slaRefreshPending')).toBeUndefined();
  });

  it('rolls back by saving the old rules again as a new version', async () => {
    const ticket = await createTicket(input, T0, database);
    await (
      await savePolicies([faster(20)], { now: T0, database })
    ).refreshed;
    const original = (await ruleHistory('policies', 'all', database)).find((r) => r.version === 1)!;
    const rolled = await rollBackTo(original.id!, { now: T0 + HOUR, database });
    await rolled.refreshed;
    expect(rolled.version).toBe(3);
    const history = await ruleHistory('policies', 'all', database);
    expect(history[0]).toMatchObject({ version: 3, note: 'Rolled back to version 1' });
    expect(history[0]!.value).toEqual(original.value);
    expect((await database.ticketSla.get(ticket.id))?.dueAt).toBe(T0 + HOUR);
  });

  it('refuses to delete a calendar a policy uses, naming the policy', async () => {
    await expect(deleteCalendar('cal-247', database)).rejects.toThrow(/policy 'Everything'/);
    await saveCalendar(
      { id: 'spare', name: 'Spare', calendar: ALL_DAY_CALENDAR },
      { now: T0, database },
    );
    await deleteCalendar('spare', database);
    expect(await database.calendars.get('spare')).toBeUndefined();
  });
});

describe('what-if over the desk', () => {
  it('counts the open tickets a draft would give new due times and breaches', async () => {
    const tickets = await Promise.all([
      createTicket(input, T0, database),
      createTicket({ ...input, title: 'Second' }, T0 + 1, database),
    ]);
    const now = T0 + 30 * 60_000;
    const same = await previewRules(database, { policies: [EVERYTHING_POLICY] }, now);
    expect(same).toMatchObject({ openTickets: 2, ticketsWithNewDueTimes: 0, newlyBreached: 0 });
    const progress: number[] = [];
    const tighter = await previewRules(database, { policies: [faster(15)] }, now, {
      onProgress: (p) => progress.push(p.done / p.total),
    });
    expect(tighter).toMatchObject({ openTickets: 2, ticketsWithNewDueTimes: 2, newlyBreached: 2 });
    expect(tighter?.newlyBreachedTickets.map((t) => t.id).sort()).toEqual(
      tickets.map((t) => t.id).sort(),
    );
    expect(progress.at(-1)).toBe(1);
  });

  it('counts the escalation levels a draft matrix would fire at once', async () => {
    await createTicket(input, T0, database);
    const matrix: EscalationMatrix = {
      rows: [
        {
          id: 'all',
          name: 'Everything',
          criteria: {},
          levels: [
            {
              id: 'l1',
              type: 'automatic',
              owner: { kind: 'role', id: 'duty', name: 'Duty manager', contacts: [] },
              trigger: { kind: 'sla_percent', target: 'resolution', percent: 10 },
              actions: [{ kind: 'notify', roles: ['manager'] }],
              repeat: { kind: 'none' },
            },
          ],
        },
      ],
    };
    // An hour into an 8-hour resolution target: 12.5%, past the level's 10%.
    const summary = await previewRules(database, { matrix }, T0 + HOUR);
    expect(summary).toMatchObject({ levelsFiring: 1, levelsFiringByLevel: { 1: 1 } });
  });

  it('keeps open tickets between previews, reading again only what changed', async () => {
    const first = await createTicket(input, T0, database);
    const cache = new OpenTicketCache();
    const now = T0 + 30 * 60_000;
    const preview = () => previewRules(database, { policies: [faster(15)] }, now, { cache });
    expect(await preview()).toMatchObject({ openTickets: 1, newlyBreached: 1 });
    // A second ticket and a resolved first one: the new ticket is read, the resolved one dropped.
    const second = await createTicket({ ...input, title: 'Second' }, T0 + 20 * 60_000, database);
    await database.tickets.update(first.id, { status: 'resolved' });
    const progress: WorkProgress[] = [];
    const summary = await previewRules(database, { policies: [faster(15)] }, now, {
      cache,
      onProgress: (p) => progress.push(p),
    });
    expect(summary).toMatchObject({ openTickets: 1, newlyBreached: 0 });
    expect(summary?.dueChanges.map((change) => change.ticketId)).toEqual([second.id]);
    // One ticket read, one compared.
    expect(progress.at(-1)).toEqual({ done: 2, total: 2 });
    // A change the cache was not told about is not seen; once told, it is.
    await database.tickets.update(second.id, { title: 'Renamed' });
    expect((await preview())?.dueChanges[0]?.title).toBe('Second');
    cache.invalidate([second.id]);
    expect((await preview())?.dueChanges[0]?.title).toBe('Renamed');
    cache.invalidate('all');
    expect(await preview()).toMatchObject({ openTickets: 1 });
    expect(cache.size).toBe(1);
  });

  it('stops early when a newer preview is wanted', async () => {
    await createTicket(input, T0, database);
    expect(await previewRules(database, {}, T0, { shouldStop: () => true })).toBeUndefined();
  });
});

describe('an unfinished clock refresh', () => {
  it('is finished on the next start from the marker the save left', async () => {
    const ticket = await createTicket(input, T0, database);
    // As if the app closed right after saving: the policies are saved, the clocks are not.
    await database.policies.put({ id: 'p-all', order: 0, policy: faster(10), updatedAt: T0 });
    await database.settings.put({ key: 'slaRefreshPending', value: T0 });
    expect((await database.ticketSla.get(ticket.id))?.dueAt).toBe(T0 + HOUR);
    await resumeSlaRefresh(database);
    expect((await database.ticketSla.get(ticket.id))?.dueAt).toBe(T0 + 10 * 60_000);
    expect(await database.settings.get('slaRefreshPending')).toBeUndefined();
  });
});
