import { describe, expect, it, vi } from 'vitest';
import { createWorkerRpc, type WorkerReply } from './worker-rpc';

type Request = { id: number; type: 'double'; value: number };

/** A worker stand-in: answers `double` after one progress message, or stays silent, or crashes. */
class FakeWorker extends EventTarget {
  received: unknown[] = [];
  terminated = false;
  silent = false;
  postMessage(message: Request | { type: string }) {
    this.received.push(message);
    if (this.silent || !('id' in message)) return;
    queueMicrotask(() => {
      this.emit({ id: message.id, progress: 0.5 });
      this.emit({ id: message.id, ok: true, result: message.value * 2 });
    });
  }
  emit(message: WorkerReply<number>) {
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

const inPageDouble = (_id: number, request: { value: number }) =>
  Promise.resolve(request.value * 20);

describe('requests to a worker', () => {
  it('sends each request with a new id, forwards progress and resolves with the reply', async () => {
    const fake = new FakeWorker();
    const onStart = vi.fn();
    const rpc = createWorkerRpc<Request, number>({
      name: 'test',
      start: () => fake as unknown as Worker,
      inPage: inPageDouble,
      onStart,
    });
    const progress: number[] = [];
    expect(rpc.nextId()).toBe(1);
    await expect(rpc.ask({ type: 'double', value: 4 }, (p) => progress.push(p))).resolves.toBe(8);
    await expect(rpc.ask({ type: 'double', value: 5 })).resolves.toBe(10);
    expect(progress).toEqual([0.5]);
    expect(fake.received).toEqual([
      { type: 'double', value: 4, id: 1 },
      { type: 'double', value: 5, id: 2 },
    ]);
    expect(onStart).toHaveBeenCalledTimes(1);
  });

  it('rejects with the message of a failed request', async () => {
    const fake = new FakeWorker();
    fake.silent = true;
    const rpc = createWorkerRpc<Request, number>({
      name: 'test',
      start: () => fake as unknown as Worker,
      inPage: inPageDouble,
    });
    const asked = rpc.ask({ type: 'double', value: 1 });
    fake.emit({ id: 1, ok: false, message: 'the desk could not be read' });
    await expect(asked).rejects.toThrow('the desk could not be read');
  });

  it('does pending and later requests on the page once the worker crashes, with one warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fake = new FakeWorker();
    fake.silent = true;
    const rpc = createWorkerRpc<Request, number>({
      name: 'reports',
      start: () => fake as unknown as Worker,
      inPage: inPageDouble,
    });
    const pending = rpc.ask({ type: 'double', value: 2 });
    fake.crash();
    await expect(pending).resolves.toBe(40);
    await expect(rpc.ask({ type: 'double', value: 3 })).resolves.toBe(60);
    expect(fake.terminated).toBe(true);
    expect(fake.received).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('The reports worker stopped (script failed to load)');
    warn.mockRestore();
  });

  it('works on the page when there is no worker, and drops notices', async () => {
    const rpc = createWorkerRpc<Request, number>({
      name: 'test',
      start: undefined,
      inPage: inPageDouble,
    });
    rpc.notify({ type: 'invalidate' });
    await expect(rpc.ask({ type: 'double', value: 1 })).resolves.toBe(20);
  });

  it('passes notices to a running worker without an id', async () => {
    const fake = new FakeWorker();
    const rpc = createWorkerRpc<Request, number>({
      name: 'test',
      start: () => fake as unknown as Worker,
      inPage: inPageDouble,
    });
    rpc.notify({ type: 'invalidate' });
    expect(fake.received).toEqual([]);
    await rpc.ask({ type: 'double', value: 1 });
    rpc.notify({ type: 'invalidate', ticketIds: ['ESC-1'] });
    expect(fake.received.at(-1)).toEqual({ type: 'invalidate', ticketIds: ['ESC-1'] });
  });
});
