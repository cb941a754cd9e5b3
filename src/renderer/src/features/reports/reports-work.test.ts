import { escalateTicket, logMessage, resolveTicket, type ReportOptions } from '@core/index';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskDatabase } from '../../db/database';
import { openTestDesk, TEST_T0 } from '../../db/test-desk';
import { applyWorkflow, createTicket } from '../../db/ticket-writes';
import type { ReportProgress, ReportQuery } from './report-query';
import { computeReportResult, drillDownIds, ReportFactsCache } from './reports-work';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OPTIONS: ReportOptions = { bucket: 'day', timeZone: 'UTC', recurrenceDays: 30 };

let database: DeskDatabase;
let ids: string[];

const input = (title: string, category: string, priority: 'P1' | 'P3') => ({
  title,
  description: '',
  customerId: 'c-1',
  tier: 'business' as const,
  channel: 'email' as const,
  category,
  priority,
});

/** The week of 2 November 2026 (Monday), where every test ticket is created. */
const WEEK: ReportQuery = {
  filter: { from: TEST_T0 - 9 * HOUR, to: TEST_T0 - 9 * HOUR + 7 * DAY },
  options: OPTIONS,
};

/** A hierarchical escalation to the team lead. */
function escalateToLead(id: string, at: number) {
  return applyWorkflow(
    id,
    (t, ctx) =>
      escalateTicket(
        t,
        { type: 'hierarchical', toLevel: 1, toOwnerId: 'p-lead', reason: 'VIP' },
        ctx,
      ),
    at,
    database,
  );
}

beforeEach(async () => {
  database = await openTestDesk('reports-work');
  ids = [];
  ids.push((await createTicket(input('Refund missing', 'billing', 'P3'), TEST_T0, database)).id);
  ids.push((await createTicket(input('Outage', 'network', 'P1'), TEST_T0 + HOUR, database)).id);
  ids.push(
    (await createTicket(input('Invoice wrong', 'billing', 'P3'), TEST_T0 + 2 * HOUR, database)).id,
  );
  // The outage is answered in 30 minutes and escalated functionally to L1.
  await applyWorkflow(
    ids[1]!,
    (t, ctx) => logMessage(t, 'to_customer', 'Looking into it', ctx),
    TEST_T0 + HOUR + 30 * 60_000,
    database,
  );
  await applyWorkflow(
    ids[1]!,
    (t, ctx) =>
      escalateTicket(
        t,
        { type: 'functional', toLevel: 1, toTeamId: 'team-network', reason: 'Network team' },
        ctx,
      ),
    TEST_T0 + 2 * HOUR,
    database,
  );
  // The first billing ticket is resolved after 3 hours.
  await applyWorkflow(ids[0]!, (t, ctx) => resolveTicket(t, {}, ctx), TEST_T0 + 3 * HOUR, database);
});

afterEach(async () => {
  await database.delete();
});

describe('reports over the desk', () => {
  it('counts the desk’s tickets and figures, with progress while it reads', async () => {
    const cache = new ReportFactsCache();
    const progress: ReportProgress[] = [];
    const result = await computeReportResult(database, cache, WEEK, TEST_T0 + DAY, (p) =>
      progress.push(p),
    );
    expect(result.deskTickets).toBe(3);
    expect(result.current.tickets).toBe(3);
    expect(result.current.escalation.escalated).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    expect(result.current.escalation.byType.functional).toBe(1);
    expect(result.current.firstResponse.calendar).toMatchObject({
      count: 1,
      medianMs: 30 * 60_000,
    });
    expect(result.current.resolution.calendar).toMatchObject({ count: 1, medianMs: 3 * HOUR });
    // The previous week had nothing.
    expect(result.previous.tickets).toBe(0);
    expect(result.dimensions.categories).toEqual(['billing', 'network']);
    expect(result.dimensions.maxLevel).toBe(1);
    expect(progress[0]).toMatchObject({ done: 0, total: 3 });
    expect(progress.at(-1)).toMatchObject({ done: 3, total: 3, label: 'Computing the report' });
  });

  it('filters by priority and category', async () => {
    const cache = new ReportFactsCache();
    const p1 = await computeReportResult(
      database,
      cache,
      { ...WEEK, filter: { ...WEEK.filter, priorities: ['P1'] } },
      TEST_T0 + DAY,
    );
    expect(p1.current.tickets).toBe(1);
    const billing = await computeReportResult(
      database,
      cache,
      { ...WEEK, filter: { ...WEEK.filter, categories: ['billing'] } },
      TEST_T0 + DAY,
    );
    expect(billing.current.tickets).toBe(2);
    expect(billing.current.escalation.escalated.count).toBe(0);
  });

  it('drills down to exactly the tickets a figure counts', async () => {
    const cache = new ReportFactsCache();
    const escalated = await drillDownIds(
      database,
      cache,
      { query: WEEK, drill: { segment: { kind: 'escalated' } } },
      TEST_T0 + DAY,
    );
    expect(escalated).toEqual([ids[1]]);
    const resolved = await drillDownIds(
      database,
      cache,
      { query: WEEK, drill: { segment: { kind: 'resolved' } } },
      TEST_T0 + DAY,
    );
    expect(resolved).toEqual([ids[0]]);
  });

  it('reads again only the tickets that changed, once told', async () => {
    const cache = new ReportFactsCache();
    await computeReportResult(database, cache, WEEK, TEST_T0 + DAY);
    await escalateToLead(ids[2]!, TEST_T0 + 5 * HOUR);
    // Not told yet: the cached facts stand.
    const before = await computeReportResult(database, cache, WEEK, TEST_T0 + DAY);
    expect(before.current.escalation.escalated.count).toBe(1);
    cache.invalidate([ids[2]!]);
    const progress: ReportProgress[] = [];
    const after = await computeReportResult(database, cache, WEEK, TEST_T0 + DAY, (p) =>
      progress.push(p),
    );
    expect(after.current.escalation.escalated.count).toBe(2);
    expect(after.current.escalation.byType.hierarchical).toBe(1);
    // Only the computing step: the desk was not read again from the start.
    expect(progress.map((p) => p.label)).toEqual(['Computing the report']);
  });

  it('reads everything again after a change to the whole desk', async () => {
    const cache = new ReportFactsCache();
    await computeReportResult(database, cache, WEEK, TEST_T0 + DAY);
    await database.tickets.delete(ids[2]!);
    cache.invalidate('all');
    const result = await computeReportResult(database, cache, WEEK, TEST_T0 + DAY);
    expect(result.deskTickets).toBe(2);
    expect(result.current.tickets).toBe(2);
  });

  it('keeps each report’s recurrences to the facts it computed from, when the desk is read again meanwhile', async () => {
    // Two billing escalations of the same customer: the later one recurs.
    const again = await createTicket(
      input('Invoice wrong again', 'billing', 'P3'),
      TEST_T0 + 3 * HOUR,
      database,
    );
    await escalateToLead(ids[2]!, TEST_T0 + 4 * HOUR);
    await escalateToLead(again.id, TEST_T0 + 5 * HOUR);
    const cache = new ReportFactsCache();
    // A snapshot stays as it was while the next read runs.
    const snapshot = await cache.all(database, TEST_T0 + DAY);
    cache.invalidate('all');
    const reading = cache.all(database, TEST_T0 + DAY);
    await Promise.resolve();
    expect(snapshot.facts).toHaveLength(4);
    expect(snapshot.recurringWithin(30)).toEqual(new Set([again.id]));
    await reading;

    const first = computeReportResult(database, cache, WEEK, TEST_T0 + DAY);
    cache.invalidate('all');
    const second = computeReportResult(database, cache, WEEK, TEST_T0 + DAY);
    const results = [
      await first,
      await second,
      await computeReportResult(database, cache, WEEK, TEST_T0 + DAY),
    ];
    for (const result of results) {
      expect(result.current.recurrence).toMatchObject({ count: 1, of: 3 });
    }
  });

  it('reads everything again after a failed read, instead of reporting a half-read desk', async () => {
    const cache = new ReportFactsCache();
    const where = vi.spyOn(database.ticketSla, 'where').mockImplementationOnce(() => {
      throw new Error('The disk is not readable.');
    });
    await expect(computeReportResult(database, cache, WEEK, TEST_T0 + DAY)).rejects.toThrow(
      'The disk is not readable.',
    );
    where.mockRestore();
    const retried = await computeReportResult(database, cache, WEEK, TEST_T0 + DAY);
    expect(retried.deskTickets).toBe(3);
    expect(retried.current.tickets).toBe(3);
  });

  it('reads a changed ticket again after a failed re-read', async () => {
    const cache = new ReportFactsCache();
    await computeReportResult(database, cache, WEEK, TEST_T0 + DAY);
    await escalateToLead(ids[2]!, TEST_T0 + 5 * HOUR);
    cache.invalidate([ids[2]!]);
    const bulkGet = vi.spyOn(database.tickets, 'bulkGet').mockRejectedValueOnce(new Error('Busy.'));
    await expect(computeReportResult(database, cache, WEEK, TEST_T0 + DAY)).rejects.toThrow(
      'Busy.',
    );
    bulkGet.mockRestore();
    const retried = await computeReportResult(database, cache, WEEK, TEST_T0 + DAY);
    expect(retried.current.escalation.escalated.count).toBe(2);
  });
});
