import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = () => void;

const electron = vi.hoisted(() => {
  class FakeNotification {
    static supported = true;
    static created: FakeNotification[] = [];
    static isSupported = vi.fn(() => FakeNotification.supported);
    readonly listeners = new Map<string, Listener[]>();
    show = vi.fn();
    close = vi.fn(() => this.emit('close'));

    constructor(readonly options: Record<string, unknown>) {
      FakeNotification.created.push(this);
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    emit(name: string) {
      for (const listener of this.listeners.get(name) ?? []) listener();
    }
  }
  return { Notification: FakeNotification };
});

vi.mock('electron', () => ({ Notification: electron.Notification }));

import { DeskNotifier } from './notifications';

const { Notification } = electron;

beforeEach(() => {
  Notification.supported = true;
  Notification.created = [];
});

function setup() {
  const onClick = vi.fn();
  return { onClick, notifier: new DeskNotifier(onClick) };
}

describe('DeskNotifier', () => {
  it('returns false and shows nothing when the platform has no notifications', () => {
    Notification.supported = false;
    const { notifier } = setup();
    expect(notifier.show({ title: 'SLA breached', body: 'T-1' })).toBe(false);
    expect(Notification.created).toHaveLength(0);
  });

  it('shows a notification with the title and body and returns true', () => {
    const { notifier } = setup();
    expect(notifier.show({ title: 'SLA breached', body: 'T-1 is overdue' })).toBe(true);
    const [shown] = Notification.created;
    expect(shown?.options).toMatchObject({ title: 'SLA breached', body: 'T-1 is overdue' });
    expect(shown?.show).toHaveBeenCalledTimes(1);
  });

  it.each([
    [undefined, 'normal', 'default'],
    ['low', 'low', 'default'],
    ['normal', 'normal', 'default'],
    ['critical', 'critical', 'never'],
  ] as const)('urgency %s → %s, timeout %s', (urgency, expected, timeoutType) => {
    const { notifier } = setup();
    notifier.show({ title: 't', body: 'b', ...(urgency ? { urgency } : {}) });
    expect(Notification.created[0]?.options).toMatchObject({ urgency: expected, timeoutType });
  });

  it('calls onClick with the ticket id of the clicked notification', () => {
    const { notifier, onClick } = setup();
    notifier.show({ title: 'a', body: '', ticketId: 'T-1' });
    notifier.show({ title: 'b', body: '', ticketId: 'T-2' });
    Notification.created[1]?.emit('click');
    expect(onClick).toHaveBeenCalledExactlyOnceWith('T-2');
    Notification.created[0]?.emit('click');
    expect(onClick).toHaveBeenLastCalledWith('T-1');
  });

  it('calls onClick without a ticket id for a notification that names none', () => {
    const { notifier, onClick } = setup();
    notifier.show({ title: 'Summary', body: '3 breached' });
    Notification.created[0]?.emit('click');
    expect(onClick).toHaveBeenCalledExactlyOnceWith(undefined);
  });

  it('replaces (closes) the earlier notification with the same tag', () => {
    const { notifier } = setup();
    notifier.show({ title: 'first', body: '', tag: 'breaches' });
    notifier.show({ title: 'second', body: '', tag: 'breaches' });
    const [first, second] = Notification.created;
    expect(first?.close).toHaveBeenCalledTimes(1);
    expect(second?.close).not.toHaveBeenCalled();
    notifier.show({ title: 'third', body: '', tag: 'breaches' });
    expect(second?.close).toHaveBeenCalledTimes(1);
  });

  it('leaves notifications with other tags or no tag alone', () => {
    const { notifier } = setup();
    notifier.show({ title: 'a', body: '', tag: 'one' });
    notifier.show({ title: 'b', body: '', tag: 'two' });
    notifier.show({ title: 'c', body: '' });
    notifier.show({ title: 'd', body: '' });
    for (const shown of Notification.created) expect(shown.close).not.toHaveBeenCalled();
  });

  it('does not close a newer notification when an older one with its tag closes late', () => {
    const { notifier } = setup();
    notifier.show({ title: 'first', body: '', tag: 't' });
    notifier.show({ title: 'second', body: '', tag: 't' });
    const [first, second] = Notification.created;
    first?.emit('close'); // e.g. the OS reports the first one's close only now
    notifier.show({ title: 'third', body: '', tag: 't' });
    expect(second?.close).toHaveBeenCalledTimes(1);
  });

  it('forgets a notification the user dismissed, so the next with its tag closes nothing', () => {
    const { notifier } = setup();
    notifier.show({ title: 'first', body: '', tag: 't' });
    const [first] = Notification.created;
    first?.emit('close');
    first?.close.mockClear();
    notifier.show({ title: 'second', body: '', tag: 't' });
    expect(first?.close).not.toHaveBeenCalled();
  });
});
