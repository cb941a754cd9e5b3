import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { unpackScheduleAlerts, type FiredAlertBatch, type Ticket } from '@core/index';
import type { DeskDatabase } from '../../db/database';
import { openTestDesk, TEST_T0 } from '../../db/test-desk';
import { createTicket, ticketEvents } from '../../db/ticket-writes';
import {
  answerDeskWork,
  inPageDeskWork,
  workerSideDeskWork,
  yieldToInput,
  type DeskWork,
  type DeskWorkInput,
  type DeskWorkReply,
  type DeskWorkRequest,
} from './desk-work';
import { workerDeskWork } from './desk-work-client';
import type { DeriveProgress } from './derive-alerts';

const MINUTE = 60_000;
let database: DeskDatabase;

beforeEach(async () => {
  database = await openTestDesk('desk-work');
  await database.customers.put({ id: 'c-1', name: 'Acme Retail', tier: 'enterprise' });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await database.delete();
});

const newTicket = (title: string, createdAt = TEST_T0) =>
  createTicket(
    {
      title,
      description: 'Card refund missing',
      customerId: 'c-1',
      tier: 'enterprise',
      channel: 'store',
      category: 'billing',
      priority: 'P3',
    },
    createdAt,
    database,
  );

/** Each ticket's first-response warning (75% of an hour), fired late at one moment. */
function warnings(tickets: readonly Ticket[], firedAt: number): FiredAlertBatch {
  return {
    firedAt,
    alerts: tickets.map((ticket) => ({
      key: `${ticket.id}:first_response:warn:75`,
      at: TEST_T0 + 45 * MINUTE,
      ticketId: ticket.id,
      kind: 'sla_warning' as const,
      target: 'first_response' as const,
      percent: 75,
      firedAt,
      late: true,
    })),
  };
}

describe('recording a fired batch', () => {
  it('records a catch-up batch larger than one transaction slice completely, and only once', async () => {
    const tickets: Ticket[] = [];
    for (let i = 0; i < 130; i++) tickets.push(await newTicket(`Refund ${i}`));
    const work = inPageDeskWork(database);
    const batch = warnings(tickets, TEST_T0 + 50 * MINUTE);

    const first = await work.record(batch);
    expect(first.written).toBe(130);
    expect(new Set(first.changedTicketIds)).toEqual(new Set(tickets.map((t) => t.id)));
    expect(first.ticketIds).toHaveLength(130);
    const lastEvents = await ticketEvents(tickets[129]!.id, database);
    expect(lastEvents.filter((event) => event.type === 'sla_warning')).toHaveLength(1);

    const again = await work.record(batch);
    expect(again).toMatchObject({ written: 0, changedTicketIds: [] });
    expect(await database.firedAlerts.count()).toBe(130);
    expect(await database.events.where('type').equals('sla_warning').count()).toBe(130);
  });

  it('counts open tickets at risk and breached for the badge', async () => {
    const [a, b] = [await newTicket('One'), await newTicket('Two')];
    const work = inPageDeskWork(database);
    await work.record(warnings([a, b], TEST_T0 + 50 * MINUTE));
    expect(await work.counts()).toEqual({ atRisk: 2, breached: 0 });
  });
});

/** A stand-in for the Web Worker: answers with `work`, copying messages as postMessage does. */
class FakeWorker extends EventTarget {
  posted: DeskWorkRequest[] = [];
  terminated = false;
  constructor(private readonly work: DeskWork) {
    super();
  }
  inputs = 0;
  postMessage(message: DeskWorkRequest | DeskWorkInput) {
    if (message.type === 'input') {
      this.inputs++;
      return;
    }
    const copy = structuredClone(message);
    this.posted.push(copy);
    const answer = (reply: DeskWorkReply) => {
      if (!this.terminated) this.dispatchEvent(new MessageEvent('message', { data: reply }));
    };
    void answerDeskWork(this.work, copy, (progress) => answer(structuredClone(progress))).then(
      answer,
    );
  }
  terminate() {
    this.terminated = true;
  }
  crash(message: string) {
    this.dispatchEvent(new ErrorEvent('error', { message, cancelable: true }));
  }
}

describe('the desk worker client', () => {
  it('sends the work to the worker and hands back its answers', async () => {
    const ticket = await newTicket('Refund');
    const fake = new FakeWorker(workerSideDeskWork(database));
    const work = workerDeskWork(database, () => fake as unknown as Worker);

    // A whole desk's alerts come back as one block of bytes, for the host to unpack off the page.
    const { schedule: payload, restated } = await work.derive('all', TEST_T0);
    expect(Object.keys(payload)).toEqual(['utf8']);
    // The first derivation stores the ticket's risk signals; the next finds them unchanged.
    expect(restated).toEqual([ticket.id]);
    expect((await database.ticketSla.get(ticket.id))?.risk).toMatchObject({ reassignments: 0 });
    expect((await work.derive('all', TEST_T0)).restated).toEqual([]);
    const request = unpackScheduleAlerts(payload);
    expect(request.scope).toBe('all');
    expect(request.tickets.map((t) => t.id)).toEqual([ticket.id]);
    const recorded = await work.record(warnings([ticket], TEST_T0 + 50 * MINUTE));
    expect(recorded).toEqual({ ticketIds: [ticket.id], changedTicketIds: [ticket.id], written: 1 });
    expect(fake.posted.map((message) => message.type)).toEqual(['derive', 'derive', 'record']);
  });

  it('rejects with the worker’s message when it could not do the work', async () => {
    const failing: DeskWork = {
      ...inPageDeskWork(database),
      counts: () => Promise.reject(new Error('The desk database is closed.')),
    };
    const work = workerDeskWork(database, () => new FakeWorker(failing) as unknown as Worker);
    await expect(work.counts()).rejects.toThrow('The desk database is closed.');
  });

  it('does the work in the page when the worker stops, including what it was asked', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ticket = await newTicket('Refund');
    // A worker that never answers, then crashes.
    const silent: DeskWork = {
      derive: () => new Promise(() => {}),
      record: () => new Promise(() => {}),
      counts: () => new Promise(() => {}),
    };
    const fake = new FakeWorker(silent);
    let starts = 0;
    const work = workerDeskWork(database, () => {
      starts++;
      return fake as unknown as Worker;
    });
    const pending = work.record(warnings([ticket], TEST_T0 + 50 * MINUTE));
    await new Promise((resolve) => setTimeout(resolve, 10));
    fake.crash('Uncaught SyntaxError in desk-work.worker.js');

    expect(await pending).toMatchObject({ written: 1, changedTicketIds: [ticket.id] });
    expect(await work.counts()).toEqual({ atRisk: 1, breached: 0 });
    expect(starts).toBe(1);
    expect(fake.terminated).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('Uncaught SyntaxError');
  });

  it('works in the page where there are no workers', async () => {
    const ticket = await newTicket('Refund');
    const work = workerDeskWork(database, undefined);
    const request = unpackScheduleAlerts((await work.derive([ticket.id], TEST_T0)).schedule);
    expect(request.scope).toEqual([ticket.id]);
  });
});

describe('letting the user go first', () => {
  it('derives a whole desk in slices with a pause between them, a few tickets at once', async () => {
    const tickets: Ticket[] = [];
    for (let i = 0; i < 120; i++) tickets.push(await newTicket(`Refund ${i}`));
    let paces = 0;
    const work = workerSideDeskWork(database, async () => void paces++);
    const all = unpackScheduleAlerts((await work.derive('all', TEST_T0)).schedule);
    expect(all.tickets).toHaveLength(120);
    expect(paces).toBe(1);
    await work.derive([tickets[0]!.id], TEST_T0);
    expect(paces).toBe(1);
    // The same alerts as derived without pauses.
    const unpaced = unpackScheduleAlerts(
      (await inPageDeskWork(database).derive('all', TEST_T0)).schedule,
    );
    expect(all.alerts).toEqual(unpaced.alerts);
  });

  it('reports a whole-desk derivation’s progress from the worker, each restated ticket once', async () => {
    const tickets: Ticket[] = [];
    for (let i = 0; i < 229; i++) tickets.push(await newTicket(`Refund ${i}`));
    // The last ticket written is the one due soonest (logged from a store that was offline an
    // hour ago): the queue shows it first.
    const urgent = await newTicket('Store tills down', TEST_T0 - 60 * MINUTE);
    tickets.push(urgent);
    const fake = new FakeWorker(workerSideDeskWork(database, async () => {}));
    const work = workerDeskWork(database, () => fake as unknown as Worker);
    const seen: DeriveProgress[] = [];
    const { restated } = await work.derive('all', TEST_T0, (progress) => seen.push(progress));
    // One report per slice of a hundred, the last at the total.
    expect(seen.map((progress) => [progress.done, progress.total])).toEqual([
      [100, 230],
      [200, 230],
      [230, 230],
    ]);
    // Every ticket's risk signals were new: each is restated once, as its slice is done.
    expect(new Set(restated)).toEqual(new Set(tickets.map((ticket) => ticket.id)));
    const reported = seen.flatMap((progress) => progress.restated);
    expect(reported).toHaveLength(230);
    expect(new Set(reported)).toEqual(new Set(restated));
    expect(seen[0]!.restated).toHaveLength(100);
    // Scored soonest due first, so the queue's first screen fills in first.
    expect(seen[0]!.restated[0]).toBe(urgent.id);
  });

  it.each([
    ['no input lately: goes on at once', [-10_000], 0],
    ['input 100 ms ago: waits until 300 ms after it', [-100], 200],
    ['input all along: waits 2 s at most', 'always', 2_000],
  ] as const)('%s', async (_name, inputs, waited) => {
    let clock = 50_000;
    const lastInput = () => (inputs === 'always' ? clock : 50_000 + inputs[0]);
    const pace = yieldToInput(
      lastInput,
      () => clock,
      async (ms) => void (clock += ms),
    );
    await pace();
    expect(clock - 50_000).toBe(waited);
  });

  it('tells the worker when the user scrolls or types, at most every 100 ms', async () => {
    const fake = new FakeWorker(workerSideDeskWork(database));
    let notify = () => {};
    const work = workerDeskWork(
      database,
      () => fake as unknown as Worker,
      (listener) => (notify = listener),
    );
    await work.counts();
    notify();
    notify();
    expect(fake.inputs).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    notify();
    expect(fake.inputs).toBe(2);
  });
});
