import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskDatabase } from '../../db/database';
import { EVERYTHING_POLICY, openTestDesk, TEST_T0 } from '../../db/test-desk';
import { createTicket } from '../../db/ticket-writes';
import { previewRules, type WorkProgress } from './rules-work';
import { createRulesWork } from './rules-work-client';
import type { RulesWorkMessage, RulesWorkRequest } from './rules-work-protocol';

let database: DeskDatabase;
beforeEach(async () => {
  database = await openTestDesk('rules-client');
  await createTicket(
    {
      title: 'Refund not received',
      description: '',
      customerId: 'c-1',
      tier: 'standard',
      channel: 'web',
      category: 'billing',
      priority: 'P3',
    },
    TEST_T0,
    database,
  );
});
afterEach(async () => {
  await database.delete();
});

/**
 * A stand-in for the rules worker: answers previews with the real work on the test desk, after a
 * progress message, as the worker does; `crash()` fails it like a worker whose script won't load.
 */
class FakeWorker extends EventTarget {
  received: RulesWorkRequest[] = [];
  terminated = false;
  answer = true;
  postMessage(request: RulesWorkRequest) {
    this.received.push(request);
    if (!this.answer || request.type !== 'preview') return;
    void previewRules(database, request.proposed, request.now).then((result) => {
      this.emit({ id: request.id, progress: { done: 1, total: 1 } });
      this.emit({ id: request.id, ok: true, result });
    });
  }
  emit(message: RulesWorkMessage) {
    this.dispatchEvent(new MessageEvent('message', { data: message }));
  }
  crash() {
    const event = new Event('error', { cancelable: true }) as Event & { message: string };
    event.message = 'script failed to load';
    this.dispatchEvent(event);
  }
  terminate() {
    this.terminated = true;
  }
}

describe('the rules worker client', () => {
  it('asks the worker, forwards its progress and resolves with its answer', async () => {
    const fake = new FakeWorker();
    const work = createRulesWork(database, () => fake as unknown as Worker);
    const progress: WorkProgress[] = [];
    const summary = await work.preview({ policies: [EVERYTHING_POLICY] }, TEST_T0, (p) =>
      progress.push(p),
    );
    expect(fake.received).toMatchObject([{ type: 'preview', now: TEST_T0 }]);
    expect(summary).toMatchObject({ openTickets: 1, ticketsWithNewDueTimes: 0 });
    expect(progress).toEqual([{ done: 1, total: 1 }]);
  });

  it('does the work on the page when the worker fails, losing no request', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fake = new FakeWorker();
    fake.answer = false;
    const work = createRulesWork(database, () => fake as unknown as Worker);
    const pending = work.preview({}, TEST_T0);
    const refresh = work.refresh(TEST_T0);
    fake.crash();
    expect(await pending).toMatchObject({ openTickets: 1 });
    expect(await refresh).toEqual({ tickets: 1 });
    expect(fake.terminated).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/rules worker stopped/));
    warn.mockRestore();
  });
});

describe('warming up', () => {
  it('reads the open tickets ahead, so the first preview only compares', async () => {
    const work = createRulesWork(database, undefined);
    expect(await work.warm()).toEqual({ tickets: 1 });
    const progress: WorkProgress[] = [];
    await work.preview({}, TEST_T0, (p) => progress.push(p));
    expect(progress).toEqual([{ done: 1, total: 1 }]);
  });
});
