import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

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
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
  }
  return { Notification: FakeNotification };
});

vi.mock('electron', () => ({ Notification: electron.Notification }));

import type { AlertNotification } from '@core/alerts';
import { ACKNOWLEDGE_ACTION, DeskNotifier, supportsNotificationActions } from './notifications';

const { Notification } = electron;

beforeEach(() => {
  Notification.supported = true;
  Notification.created = [];
});

function setup(platform: NodeJS.Platform = 'linux') {
  const onClick = vi.fn();
  const onAcknowledge = vi.fn();
  return {
    onClick,
    onAcknowledge,
    notifier: new DeskNotifier({ onClick, onAcknowledge }, platform),
  };
}

/** An alert notification as core plans it. */
function alert(overrides: Partial<AlertNotification> = {}): AlertNotification {
  return {
    title: 'ESC-101 breached resolution',
    body: 'Acme GmbH — Checkout fails\nP1 · Tier 2 Support',
    target: { ticketId: 'ESC-101' },
    tag: 'ESC-101:resolution:breach',
    urgency: 'critical',
    silent: true,
    keys: ['ESC-101:resolution:breach'],
    ...overrides,
  };
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

  it('calls onClick with the ticket of the clicked notification', () => {
    const { notifier, onClick } = setup();
    notifier.show({ title: 'a', body: '', ticketId: 'T-1' });
    notifier.show({ title: 'b', body: '', ticketId: 'T-2' });
    Notification.created[1]?.emit('click');
    expect(onClick).toHaveBeenCalledExactlyOnceWith({ ticketId: 'T-2' });
    Notification.created[0]?.emit('click');
    expect(onClick).toHaveBeenLastCalledWith({ ticketId: 'T-1' });
  });

  it.each([
    [undefined, {}],
    [true, { silent: true }],
    [false, { silent: false }],
  ] as const)('passes silent=%s on as %j (unset: the system decides)', (silent, expected) => {
    const { notifier } = setup();
    notifier.show({ title: 't', body: 'b', ...(silent === undefined ? {} : { silent }) });
    const options = Notification.created[0]?.options;
    if (silent === undefined) expect(options).not.toHaveProperty('silent');
    else expect(options).toMatchObject(expected);
  });

  it('gives the renderer’s own notifications no action buttons, even where supported', () => {
    const { notifier } = setup('darwin');
    notifier.show({ title: 'Test notification', body: 'It works' });
    expect(Notification.created[0]?.options).not.toHaveProperty('actions');
  });

  it('calls onClick without a target for a notification that names none', () => {
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

describe('DeskNotifier.showAlert', () => {
  it('shows what core planned: title, body, urgency, silence', () => {
    const { notifier } = setup();
    expect(notifier.showAlert(alert())).toBe(true);
    const [shown] = Notification.created;
    expect(shown?.options).toEqual({
      title: 'ESC-101 breached resolution',
      body: 'Acme GmbH — Checkout fails\nP1 · Tier 2 Support',
      urgency: 'critical',
      timeoutType: 'never',
      silent: true,
    });
    expect(shown?.show).toHaveBeenCalledTimes(1);
  });

  it('plays the sound when core says so (a breach with sound on breach), and times out normally when not critical', () => {
    const { notifier } = setup();
    notifier.showAlert(alert({ silent: false }));
    notifier.showAlert(alert({ tag: 'w', urgency: 'normal', title: 'ESC-1: 75% used' }));
    expect(Notification.created[0]?.options).toMatchObject({ silent: false });
    expect(Notification.created[1]?.options).toMatchObject({
      silent: true,
      urgency: 'normal',
      timeoutType: 'default',
    });
  });

  it('returns false and shows nothing when the platform has no notifications', () => {
    Notification.supported = false;
    const { notifier } = setup();
    expect(notifier.showAlert(alert())).toBe(false);
    expect(Notification.created).toHaveLength(0);
  });

  it('a click opens the ticket of a single alert', () => {
    const { notifier, onClick } = setup();
    notifier.showAlert(alert());
    Notification.created[0]?.emit('click');
    expect(onClick).toHaveBeenCalledExactlyOnceWith({ ticketId: 'ESC-101' });
  });

  it('a click on a group opens the alert centre', () => {
    const { notifier, onClick } = setup();
    notifier.showAlert(
      alert({
        title: '12 tickets breached resolution',
        target: { view: 'alerts' },
        tag: 'group:x',
      }),
    );
    Notification.created[0]?.emit('click');
    expect(onClick).toHaveBeenCalledExactlyOnceWith({ view: 'alerts' });
  });

  it.each(['darwin', 'win32'] as const)(
    'on %s it has an Acknowledge button that acknowledges every key it stands for',
    (platform) => {
      const { notifier, onAcknowledge, onClick } = setup(platform);
      notifier.showAlert(alert({ keys: ['A:resolution:breach', 'B:resolution:breach'] }));
      const [shown] = Notification.created;
      expect(shown?.options.actions).toEqual([{ type: 'button', text: ACKNOWLEDGE_ACTION }]);
      expect(ACKNOWLEDGE_ACTION).toBe('Acknowledge');
      // Electron 45 passes an event with actionIndex first (the positional index is deprecated).
      shown?.emit('action', { actionIndex: 0, selectionIndex: -1 }, 0, -1);
      expect(onAcknowledge).toHaveBeenCalledExactlyOnceWith([
        'A:resolution:breach',
        'B:resolution:breach',
      ]);
      expect(onClick).not.toHaveBeenCalled();
    },
  );

  it('on Linux (no notification actions) it shows no button', () => {
    const { notifier } = setup('linux');
    notifier.showAlert(alert());
    expect(Notification.created[0]?.options).not.toHaveProperty('actions');
    expect(Notification.created[0]?.listeners.has('action')).toBe(false);
  });

  it.each([
    ['darwin', true],
    ['win32', true],
    ['linux', false],
    ['freebsd', false],
  ] as const)('supportsNotificationActions(%s) → %s', (platform, expected) => {
    expect(supportsNotificationActions(platform)).toBe(expected);
  });

  it('replaces the earlier alert notification with the same tag (a group that grew)', () => {
    const { notifier } = setup();
    notifier.showAlert(alert({ tag: 'group:sla_breach:resolution:t2', title: '4 tickets' }));
    notifier.showAlert(alert({ tag: 'group:sla_breach:resolution:t2', title: '5 tickets' }));
    notifier.showAlert(alert({ tag: 'ESC-9:resolution:breach' }));
    const [first, second, third] = Notification.created;
    expect(first?.close).toHaveBeenCalledTimes(1);
    expect(second?.close).not.toHaveBeenCalled();
    expect(third?.close).not.toHaveBeenCalled();
  });
});
