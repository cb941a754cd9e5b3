import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escalationKey, evaluateEscalation, type EscalationType } from '../escalation';
import { deriveSlaState, summarizeSla, type SlaState, type SlaTargetState } from '../sla';
import {
  checkTransition,
  isDoneStatus,
  ROOT_CAUSES,
  slaEventsOf,
  type DeskEvent,
  type Ticket,
  type TicketStatus,
} from '../tickets';
import { generateDemoReference, type DemoReference } from './reference';
import {
  demoTicketId,
  generateDemoTicket,
  generateDemoTickets,
  type DemoBatch,
  type DemoTicket,
} from './tickets';

const NOW = Date.UTC(2025, 5, 16, 10, 30);
const DAY = 86_400_000;

function generateAll(reference: DemoReference, batchSize = 250): DemoBatch {
  const all: DemoBatch = {
    from: 0,
    to: reference.ticketCount,
    tickets: [],
    events: [],
    ticketSla: [],
    firedAlerts: [],
  };
  for (const batch of generateDemoTickets(reference, batchSize)) {
    all.tickets.push(...batch.tickets);
    all.events.push(...batch.events);
    all.ticketSla.push(...batch.ticketSla);
    all.firedAlerts.push(...batch.firedAlerts);
  }
  return all;
}

function foldOf(reference: DemoReference, events: readonly DeskEvent[]): SlaState {
  const lookup = (id: string) => reference.calendars.find((row) => row.id === id)?.calendar;
  return deriveSlaState(slaEventsOf(events), reference.policies, reference.now, {
    resolveCalendar: lookup,
  });
}

function runsOf(sla: SlaState): SlaTargetState[] {
  const { first_response, next_update, resolution } = sla.targets;
  return [first_response, ...sla.nextUpdateHistory, next_update, resolution].filter(
    (run): run is SlaTargetState => run !== undefined,
  );
}

/** Replays a history the plain way and checks it against the stored record; returns the problems. */
function problemsOf(reference: DemoReference, generated: DemoTicket): string[] {
  const { ticket, events, sla } = generated;
  const problems: string[] = [];
  const expect = (ok: boolean, message: string) => {
    if (!ok) problems.push(`${ticket.id}: ${message}`);
  };
  const people = new Set(reference.people.map((p) => p.id));
  const teams = new Set(reference.teams.map((t) => t.id));

  const created = events[0];
  expect(created?.type === 'created', 'history starts with created');
  if (created?.type !== 'created') return problems;
  expect(new Set(events.map((e) => e.id)).size === events.length, 'event ids are unique');
  let status: TicketStatus = created.status;
  let priority = created.priority;
  let level = 0;
  let levelSince = created.at;
  let escalationType: EscalationType | undefined;
  let ownerId: string | undefined;
  let teamId: string | undefined;
  let escalated = false;
  let resolvedAt: number | undefined;
  let closedAt: number | undefined;
  let rootCause: string | undefined;
  let csat: number | undefined;
  let previousAt = created.at;
  for (const event of events) {
    expect(event.ticketId === ticket.id && event.id.startsWith(`${ticket.id}-`), 'event ids');
    expect(event.at >= previousAt && event.at <= reference.now, `event ${event.id} in order`);
    expect(event.by === 'system' || people.has(event.by), `event ${event.id} by a person`);
    previousAt = event.at;
    switch (event.type) {
      case 'status_changed': {
        const check = checkTransition(status, event.to);
        expect(check.ok, `${status} → ${event.to} is allowed`);
        if (event.to === 'resolved') {
          resolvedAt = event.at;
          rootCause = undefined;
        }
        if (event.to === 'closed') {
          closedAt = event.at;
          csat = undefined;
        }
        status = event.to;
        break;
      }
      case 'priority_changed':
        priority = event.to;
        break;
      case 'assigned':
        ownerId = event.toOwnerId;
        teamId = event.toTeamId;
        break;
      case 'escalated':
        expect(event.fromLevel === level && event.toLevel > level, 'escalation goes up a level');
        expect(!isDoneStatus(status), 'escalates only open tickets');
        expect(event.reason.length > 0, 'escalation has a reason');
        expect(
          (event.escalationType === 'automatic') === (event.by === 'system'),
          'automatic escalations are by the system, others by a person',
        );
        expect(event.fromOwnerId === ownerId, 'escalation starts from the current owner');
        level = event.toLevel;
        levelSince = event.at;
        escalationType = event.escalationType;
        escalated = true;
        ownerId = event.toOwnerId ?? ownerId;
        teamId = event.toTeamId ?? teamId;
        break;
      case 'de_escalated':
        expect(event.fromLevel === level && event.toLevel < level, 'de-escalation goes down');
        level = event.toLevel;
        levelSince = event.at;
        ownerId = event.toOwnerId ?? ownerId;
        teamId = event.toTeamId ?? teamId;
        break;
      case 'root_cause':
        expect(status === 'resolved' && event.at === resolvedAt, 'root cause at resolution');
        expect((ROOT_CAUSES as readonly string[]).includes(event.rootCause), 'known root cause');
        rootCause = event.rootCause;
        break;
      case 'csat':
        expect(status === 'closed' && event.at === closedAt, 'CSAT at close');
        expect(Number.isInteger(event.score) && event.score >= 1 && event.score <= 5, 'CSAT 1–5');
        csat = event.score;
        break;
      default:
        break;
    }
  }
  const done = isDoneStatus(status);
  expect(ticket.status === status, `status ${ticket.status} = ${status}`);
  expect(ticket.priority === priority, 'priority');
  expect(ticket.level === level, 'level');
  expect(ticket.escalationType === escalationType, 'type of the last escalation');
  expect(ticket.escalated === escalated, 'escalated');
  expect(ticket.ownerId === ownerId && (ownerId === undefined || people.has(ownerId)), 'owner');
  expect(ticket.teamId === teamId && (teamId === undefined || teams.has(teamId)), 'team');
  expect(ticket.createdAt === created.at && ticket.updatedAt === previousAt, 'times');
  expect(ticket.resolvedAt === (done ? resolvedAt : undefined), 'resolvedAt');
  expect(ticket.closedAt === (status === 'closed' ? closedAt : undefined), 'closedAt');
  expect(ticket.rootCause === (done ? rootCause : undefined), 'root cause on the record');
  expect(ticket.csat === (status === 'closed' ? csat : undefined), 'csat on the record');
  expect(ticket.csat === undefined || ticket.status === 'closed', 'CSAT only when closed');
  expect(ticket.tier === created.tier && ticket.channel === created.channel, 'facts');
  expect(
    !done || !(ticket.escalated || ticket.breached) || ticket.rootCause !== undefined,
    'root cause when escalated or breached and resolved',
  );
  expect(
    reference.customers.some((c) => c.id === ticket.customerId && c.tier === ticket.tier),
    'customer',
  );

  // SLA alerts are exactly what the fold says.
  const fold = foldOf(reference, events);
  const runs = runsOf(fold);
  const breaches = runs.filter((run) => run.state === 'breached');
  const breachEvents = events.filter((e) => e.type === 'sla_breached');
  expect(ticket.breached === breaches.length > 0, 'breached = the fold has a breach');
  const key = (target: string, dueAt: number) => `${target}@${Math.round(dueAt)}`;
  expect(
    JSON.stringify(breaches.map((run) => key(run.target, run.dueAt)).sort()) ===
      JSON.stringify(breachEvents.map((e) => key(e.target, e.dueAt)).sort()),
    'breach events match the fold',
  );
  for (const event of breachEvents) expect(event.at === event.dueAt, 'breach at its due time');
  const warnings = runs.flatMap((run) =>
    run.warnings
      .filter((warning) => warning.at < (run.metAt ?? reference.now))
      .map((warning) => `${run.target}:${warning.percent}@${Math.round(warning.at)}`),
  );
  const warningEvents = events.flatMap((e) =>
    e.type === 'sla_warning' ? [`${e.target}:${e.percent}@${e.at}`] : [],
  );
  expect(
    JSON.stringify(warnings.sort()) === JSON.stringify(warningEvents.sort()),
    'warning events match the fold',
  );
  const summary = summarizeSla(fold, reference.now);
  expect(
    sla.state === summary.state && sla.dueAt === summary.dueAt && sla.target === summary.target,
    'SLA summary',
  );

  // An open ticket has nothing overdue left for the desk to fire when the demo is loaded.
  if (!done) {
    const firedKeys = new Set(generated.firedAlerts.map((alert) => alert.key));
    const evaluation = evaluateEscalation(
      { ...(level > 0 ? { level: { number: level, since: levelSince } } : {}), firedKeys },
      reference.matrix,
      fold,
      reference.now,
    );
    expect(evaluation.due.length === 0, `nothing due at load: ${JSON.stringify(evaluation.due)}`);
    for (let n = 1; n <= 3; n++) {
      if (!firedKeys.has(escalationKey(ticket.id, n))) continue;
      expect(
        events.some((e) => e.type === 'escalated' && e.toLevel >= n),
        `level ${n} marked fired only when reached`,
      );
    }
  } else {
    expect(generated.firedAlerts.length === 0, 'no fired alerts for done tickets');
  }
  return problems;
}

const rate = (tickets: Ticket[], test: (t: Ticket) => boolean) =>
  tickets.filter(test).length / tickets.length;

describe('demo tickets', () => {
  const reference = generateDemoReference({ now: NOW, ticketCount: 3_000, seed: 11 });
  const desk = generateAll(reference);
  const byTicket = new Map<string, DeskEvent[]>();
  for (const event of desk.events) {
    const list = byTicket.get(event.ticketId) ?? [];
    list.push(event);
    byTicket.set(event.ticketId, list);
  }

  it('numbers tickets ESC-10001 onwards and gives every event a unique id', () => {
    expect(desk.tickets.map((t) => t.id)).toEqual(
      Array.from({ length: 3_000 }, (_, i) => demoTicketId(i)),
    );
    expect(desk.tickets[0]!.id).toBe('ESC-10001');
    expect(new Set(desk.events.map((e) => e.id)).size).toBe(desk.events.length);
    expect(desk.ticketSla.map((row) => row.ticketId)).toEqual(desk.tickets.map((t) => t.id));
  });

  it('keeps every record consistent with its history and the SLA fold', () => {
    const problems: string[] = [];
    desk.tickets.forEach((ticket, index) => {
      const events = byTicket.get(ticket.id) ?? [];
      const firedAlerts = desk.firedAlerts.filter((alert) => alert.ticketId === ticket.id);
      const sla = desk.ticketSla[index]!;
      problems.push(...problemsOf(reference, { ticket, events, sla, firedAlerts }));
    });
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('spreads the tickets over the 90 days before now, more in office hours', () => {
    const created = desk.tickets.map((t) => t.createdAt);
    expect(Math.min(...created)).toBeGreaterThanOrEqual(NOW - 90 * DAY);
    expect(Math.max(...created)).toBeLessThan(NOW);
    expect(created.filter((at) => at < NOW - 60 * DAY).length).toBeGreaterThan(300);
    const weekend = created.filter((at) => [0, 6].includes(new Date(at).getUTCDay())).length;
    expect(weekend / created.length).toBeLessThan(0.1);
  });

  it('produces a realistic mix: escalated, breached, open, each kind of event', () => {
    const tickets = desk.tickets;
    const open = rate(tickets, (t) => !isDoneStatus(t.status));
    expect(open).toBeGreaterThan(0.12);
    expect(open).toBeLessThan(0.26);
    expect(rate(tickets, (t) => t.escalated)).toBeGreaterThan(0.25);
    expect(rate(tickets, (t) => t.escalated)).toBeLessThan(0.42);
    expect(rate(tickets, (t) => t.breached)).toBeGreaterThan(0.08);
    expect(rate(tickets, (t) => t.breached)).toBeLessThan(0.22);
    // Open tickets are the recent ones.
    const openAges = tickets.filter((t) => !isDoneStatus(t.status)).map((t) => NOW - t.createdAt);
    openAges.sort((a, b) => a - b);
    expect(openAges[Math.floor(openAges.length / 2)]!).toBeLessThan(21 * DAY);

    const count = (test: (e: DeskEvent) => boolean) => desk.events.filter(test).length;
    for (const type of ['functional', 'hierarchical', 'automatic'] as const) {
      expect(count((e) => e.type === 'escalated' && e.escalationType === type)).toBeGreaterThan(50);
    }
    for (const direction of ['to_customer', 'from_customer'] as const) {
      expect(count((e) => e.type === 'reply' && e.direction === direction)).toBeGreaterThan(500);
    }
    for (const to of ['pending_customer', 'pending_third_party'] as const) {
      expect(count((e) => e.type === 'status_changed' && e.to === to)).toBeGreaterThan(100);
    }
    for (const type of [
      'note',
      'priority_changed',
      'de_escalated',
      'sla_warning',
      'sla_breached',
      'root_cause',
      'csat',
    ] as const) {
      expect(
        count((e) => e.type === type),
        type,
      ).toBeGreaterThan(20);
    }
    const reopens = tickets.filter((t) => {
      let previous: TicketStatus = 'new';
      return (byTicket.get(t.id) ?? []).some((e) => {
        if (e.type !== 'status_changed') return false;
        const reopen = isDoneStatus(previous) && e.to === 'open';
        previous = e.to;
        return reopen;
      });
    });
    expect(reopens.length).toBeGreaterThan(30);
    expect(desk.events.length / tickets.length).toBeGreaterThan(8);
    expect(desk.events.length / tickets.length).toBeLessThan(20);
  });

  it('rates breached tickets lower and has many distinct texts', () => {
    const mean = (list: Ticket[]) =>
      list.reduce((sum, t) => sum + (t.csat ?? 0), 0) / Math.max(1, list.length);
    const rated = desk.tickets.filter((t) => t.csat !== undefined);
    expect(rated.length).toBeGreaterThan(1_000);
    expect(mean(rated.filter((t) => t.breached))).toBeLessThan(
      mean(rated.filter((t) => !t.breached)) - 0.8,
    );
    expect(new Set(desk.tickets.map((t) => t.title)).size).toBeGreaterThan(300);
    expect(new Set(desk.tickets.map((t) => t.description)).size).toBeGreaterThan(800);
  });

  it('is the same for the same seed, whatever the batch size, and differs for another seed', () => {
    const small = generateDemoReference({ now: NOW, ticketCount: 200, seed: 11 });
    expect(generateAll(small, 7)).toEqual(generateAll(small, 200));
    const newestFirst = [...generateDemoTickets(small, 30, 'newest_first')];
    expect(newestFirst.map((batch) => [batch.from, batch.to]).slice(0, 2)).toEqual([
      [170, 200],
      [140, 170],
    ]);
    expect(newestFirst.at(-1)).toMatchObject({ from: 0, to: 20 });
    expect(
      newestFirst.flatMap((batch) => batch.tickets).sort((a, b) => (a.id < b.id ? -1 : 1)),
    ).toEqual(generateAll(small).tickets);
    const again = generateDemoReference({ now: NOW, ticketCount: 200, seed: 11 });
    expect(generateAll(again).events).toEqual(generateAll(small).events);
    const other = generateDemoReference({ now: NOW, ticketCount: 200, seed: 12 });
    expect(generateAll(other).tickets).not.toEqual(generateAll(small).tickets);
    // A ticket does not depend on the tickets before it.
    expect(generateDemoTicket(small, 150)).toEqual(generateDemoTicket(again, 150));
    expect(generateDemoTicket(small, 150).ticket).toEqual(generateAll(small, 50).tickets[150]);
  });

  it('streams a large desk batch by batch without generating it all first', () => {
    const large = generateDemoReference({ now: NOW, ticketCount: 100_000 });
    const started = performance.now();
    const batches = generateDemoTickets(large, 200);
    const first = batches.next();
    expect(first.done).toBe(false);
    expect(first.value).toMatchObject({ from: 0, to: 200 });
    expect((first.value as DemoBatch).tickets).toHaveLength(200);
    expect(performance.now() - started).toBeLessThan(5_000);
    const last = generateDemoTicket(large, 99_999);
    expect(last.ticket.id).toBe('ESC-110000');
    expect(last.ticket.createdAt).toBeLessThan(NOW);
    expect(last.ticket.createdAt).toBeGreaterThan(NOW - DAY);
  });

  it('keeps its invariants for any seed and moment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) }),
        (seed, now) => {
          const reference = generateDemoReference({ now, seed, ticketCount: 120 });
          const problems: string[] = [];
          for (let index = 0; index < reference.ticketCount; index++) {
            problems.push(...problemsOf(reference, generateDemoTicket(reference, index)));
          }
          expect(problems.slice(0, 5)).toEqual([]);
        },
      ),
      { numRuns: 6 },
    );
  });
});
