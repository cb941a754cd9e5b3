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
      'onNotificationClick',
      'openExternal',
      'setBadgeCounts',
      'setHostSettings',
      'showNotification',
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
    ['setHostSettings', [{ keepRunningInTray: false }], IpcChannel.setHostSettings],
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

  describe('onNotificationClick', () => {
    async function subscribe() {
      const api = await loadPreload();
      const listener = vi.fn();
      const unsubscribe = api.onNotificationClick(listener);
      expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
      const [channel, wrapped] = electron.ipcRenderer.on.mock.calls[0] as [string, Listener];
      expect(channel).toBe(IpcChannel.notificationClicked);
      return { listener, unsubscribe, wrapped };
    }

    it('passes the ticket id, and only the ticket id, to the listener', async () => {
      const { listener, wrapped } = await subscribe();
      const event = { sender: 'the IpcRendererEvent must not reach the page' };
      wrapped(event, 'T-42');
      expect(listener).toHaveBeenCalledExactlyOnceWith('T-42');
    });

    it.each([
      ['a number', 42],
      ['an object', { ticketId: 'T-1' }],
      ['null', null],
      ['undefined', undefined],
      ['an array', ['T-1']],
    ])('ignores a payload that is %s', async (_label, payload) => {
      const { listener, wrapped } = await subscribe();
      wrapped({}, payload);
      expect(listener).not.toHaveBeenCalled();
    });

    it('unsubscribes the very listener it subscribed', async () => {
      const { unsubscribe, wrapped } = await subscribe();
      unsubscribe();
      expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(
        IpcChannel.notificationClicked,
        wrapped,
      );
    });
  });
});
