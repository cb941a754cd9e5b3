import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IpcChannel } from '@core/contracts/channels';
import type { DeskApi } from '@core/contracts/desk-api';

type Listener = (event: unknown, ...args: unknown[]) => void;

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => 'answer'),
    on: vi.fn(),
    removeListener: vi.fn(),
    send: vi.fn(),
    sendSync: vi.fn(),
  },
}));

vi.mock('electron', () => electron);

/** Loads the preload afresh and returns what it exposed as window.desk. */
async function loadPreload(): Promise<DeskApi> {
  vi.resetModules();
  await import('./index');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, DeskApi];
  expect(key).toBe('desk');
  return api;
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe('preload', () => {
  it('exposes exactly the named DeskApi functions under "desk", nothing generic', async () => {
    const api = await loadPreload();
    expect(Object.keys(api).sort()).toEqual([
      'getAppInfo',
      'getHostSettings',
      'onAlertsAcknowledged',
      'onAlertsFired',
      'onNotificationClick',
      'openExternal',
      'printToPdf',
      'scheduleAlerts',
      'setAlertPreferences',
      'setBadgeCounts',
      'setHostSettings',
      'showNotification',
      'syncHasSignIn',
      'syncRefresh',
      'syncSignIn',
      'syncSignOut',
    ]);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it.each([
    ['getAppInfo', [], IpcChannel.appInfo],
    ['showNotification', [{ title: 't', body: 'b', ticketId: 'T-1' }], IpcChannel.showNotification],
    ['setBadgeCounts', [{ breached: 1, atRisk: 2 }], IpcChannel.setBadge],
    ['openExternal', ['https://example.com/'], IpcChannel.openExternal],
    ['getHostSettings', [], IpcChannel.getHostSettings],
    ['printToPdf', [{ fileName: 'matrix.pdf', landscape: true }], IpcChannel.printToPdf],
    [
      'syncSignIn',
      [{ serverUrl: 'https://sync.example.com', email: 'a@example.com', password: 'pw' }],
      IpcChannel.syncSignIn,
    ],
    ['syncRefresh', ['https://sync.example.com'], IpcChannel.syncRefresh],
    ['syncSignOut', [], IpcChannel.syncSignOut],
    ['syncHasSignIn', ['https://sync.example.com'], IpcChannel.syncHasSignIn],
    ['setHostSettings', [{ keepRunningInTray: false }], IpcChannel.setHostSettings],
    ['scheduleAlerts', [{ scope: 'all', tickets: [], alerts: [] }], IpcChannel.scheduleAlerts],
    [
      'setAlertPreferences',
      [
        {
          followedTeamIds: ['tier-2'],
          quietHours: { enabled: false, from: '22:00', to: '07:00' },
          soundOnBreach: true,
        },
      ],
      IpcChannel.setAlertPreferences,
    ],
  ] as const)('%s invokes %j on its own channel', async (name, args, channel) => {
    const api = await loadPreload();
    const call = api[name] as (...a: unknown[]) => Promise<unknown>;
    await expect(call(...args)).resolves.toBe('answer');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, ...args);
  });

  it('never uses send or sendSync', async () => {
    const api = await loadPreload();
    await api.getAppInfo();
    await api.openExternal('https://example.com/');
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });

  /** Subscribes through `method` and returns the listener, the unsubscribe and the wrapped one. */
  async function subscribe(
    method: 'onNotificationClick' | 'onAlertsFired' | 'onAlertsAcknowledged',
    channel: string,
  ) {
    const api = await loadPreload();
    const listener = vi.fn();
    const unsubscribe = api[method](listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [subscribed, wrapped] = electron.ipcRenderer.on.mock.calls[0] as [string, Listener];
    expect(subscribed).toBe(channel);
    return { listener, unsubscribe, wrapped };
  }

  describe('onNotificationClick', () => {
    const click = () => subscribe('onNotificationClick', IpcChannel.notificationClicked);

    it.each([
      ['a ticket', { ticketId: 'T-42' }, { ticketId: 'T-42' }],
      ['the alert centre', { view: 'alerts' }, { view: 'alerts' }],
      ['a ticket, without extra fields', { ticketId: 'T-1', evil: 'x' }, { ticketId: 'T-1' }],
    ])('passes the target (%s), and only the target, to the listener', async (_l, sent, got) => {
      const { listener, wrapped } = await click();
      const event = { sender: 'the IpcRendererEvent must not reach the page' };
      wrapped(event, sent);
      expect(listener).toHaveBeenCalledExactlyOnceWith(got);
    });

    it.each([
      ['a bare ticket id', 'T-42'],
      ['a number', 42],
      ['a ticket id that is not text', { ticketId: 1 }],
      ['an unknown view', { view: 'settings' }],
      ['an empty object', {}],
      ['null', null],
      ['undefined', undefined],
      ['an array', [{ ticketId: 'T-1' }]],
    ])('ignores a payload that is %s', async (_label, payload) => {
      const { listener, wrapped } = await click();
      wrapped({}, payload);
      expect(listener).not.toHaveBeenCalled();
    });

    it('unsubscribes the very listener it subscribed', async () => {
      const { unsubscribe, wrapped } = await click();
      unsubscribe();
      expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(
        IpcChannel.notificationClicked,
        wrapped,
      );
    });
  });

  describe('onAlertsFired', () => {
    const fired = () => subscribe('onAlertsFired', IpcChannel.alertsFired);
    const batch = {
      firedAt: 1_900_000_000_000,
      alerts: [
        {
          key: 'T-1:resolution:breach',
          at: 1_900_000_000_000,
          ticketId: 'T-1',
          kind: 'sla_breach',
          target: 'resolution',
          firedAt: 1_900_000_000_000,
          late: false,
        },
      ],
    };

    it('passes the batch, and not the event, to the listener', async () => {
      const { listener, wrapped } = await fired();
      wrapped({ sender: 'not for the page' }, batch);
      expect(listener).toHaveBeenCalledExactlyOnceWith(batch);
    });

    it.each([
      ['null', null],
      ['a list of alerts', batch.alerts],
      ['a batch without alerts', { firedAt: 1 }],
      ['a batch without a time', { alerts: [] }],
      ['a time as text', { firedAt: 'now', alerts: [] }],
    ])('ignores a payload that is %s', async (_label, payload) => {
      const { listener, wrapped } = await fired();
      wrapped({}, payload);
      expect(listener).not.toHaveBeenCalled();
    });

    it('unsubscribes the very listener it subscribed', async () => {
      const { unsubscribe, wrapped } = await fired();
      unsubscribe();
      expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(
        IpcChannel.alertsFired,
        wrapped,
      );
    });
  });

  describe('onAlertsAcknowledged', () => {
    const acknowledged = () => subscribe('onAlertsAcknowledged', IpcChannel.alertsAcknowledged);

    it('passes the keys to the listener', async () => {
      const { listener, wrapped } = await acknowledged();
      wrapped({}, ['T-1:resolution:breach', 'T-2:level:2']);
      expect(listener).toHaveBeenCalledExactlyOnceWith(['T-1:resolution:breach', 'T-2:level:2']);
    });

    it.each([
      ['one key as text', 'T-1:resolution:breach'],
      ['an empty list', []],
      ['a list with a number', ['T-1:resolution:breach', 2]],
      ['an object', { keys: ['a'] }],
      ['null', null],
    ])('ignores a payload that is %s', async (_label, payload) => {
      const { listener, wrapped } = await acknowledged();
      wrapped({}, payload);
      expect(listener).not.toHaveBeenCalled();
    });

    it('unsubscribes the very listener it subscribed', async () => {
      const { unsubscribe, wrapped } = await acknowledged();
      unsubscribe();
      expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(
        IpcChannel.alertsAcknowledged,
        wrapped,
      );
    });
  });
});
