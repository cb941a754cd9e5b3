import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import {
  IpcChannel,
  packScheduleAlerts,
  unpackScheduleAlerts,
  type AppInfo,
  type IpcChannelName,
  type PackedScheduleAlerts,
  type ScheduleAlertsRequest,
} from '@core/contracts';
import { registerIpcHandlers, type IpcDeps } from './ipc';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

const SERVER = 'https://sync.example.com';
const signedOut = { ok: false, kind: 'signed-out', message: 'Sign in.' } as const;

const appInfo: AppInfo = {
  name: 'Escalation Desk',
  version: '1.0.0',
  host: 'electron',
  platform: 'linux',
  versions: { electron: '45.5.0' },
  notificationsSupported: true,
  hasTray: true,
};

/** Registers the handlers against a fake ipcMain; `trusted` decides the sender check. */
function setup(trusted = true) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => handlers.set(channel, handler)),
  };
  const deps = {
    isTrustedSender: vi.fn(() => trusted),
    appInfo: vi.fn(() => appInfo),
    showNotification: vi.fn(() => true),
    setBadgeCounts: vi.fn(),
    openExternal: vi.fn(async () => undefined),
    getHostSettings: vi.fn(() => ({ keepRunningInTray: true })),
    setHostSettings: vi.fn(async (patch: object) => ({ keepRunningInTray: true, ...patch })),
    scheduleAlerts: vi.fn(),
    setAlertPreferences: vi.fn(async () => undefined),
    printToPdf: vi.fn(async () => ({ outcome: 'cancelled' as const })),
    syncSignIn: vi.fn(async () => signedOut),
    syncRefresh: vi.fn(async () => signedOut),
    syncSignOut: vi.fn(async () => undefined),
    syncHasSignIn: vi.fn(async () => false),
  } satisfies IpcDeps;
  registerIpcHandlers(ipcMain, deps);
  const event = { sender: { id: 1 }, senderFrame: { url: 'app://desk/index.html', parent: null } };
  const invoke = async (channel: IpcChannelName, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  };
  return { handlers, ipcMain, deps, event, invoke };
}

/** Which dependency each channel calls. */
const actionOf = {
  [IpcChannel.appInfo]: 'appInfo',
  [IpcChannel.showNotification]: 'showNotification',
  [IpcChannel.setBadge]: 'setBadgeCounts',
  [IpcChannel.openExternal]: 'openExternal',
  [IpcChannel.getHostSettings]: 'getHostSettings',
  [IpcChannel.setHostSettings]: 'setHostSettings',
  [IpcChannel.scheduleAlerts]: 'scheduleAlerts',
  [IpcChannel.setAlertPreferences]: 'setAlertPreferences',
  [IpcChannel.printToPdf]: 'printToPdf',
  [IpcChannel.syncSignIn]: 'syncSignIn',
  [IpcChannel.syncRefresh]: 'syncRefresh',
  [IpcChannel.syncSignOut]: 'syncSignOut',
  [IpcChannel.syncHasSignIn]: 'syncHasSignIn',
} as const satisfies Partial<Record<IpcChannelName, keyof IpcDeps>>;
type InvokeChannel = keyof typeof actionOf;

const alertTicket = {
  id: 'ESC-1',
  title: 'Checkout fails',
  customer: 'Acme',
  priority: 'P1',
  teamId: 'tier-2',
  team: 'Tier 2 Support',
};
const breachAlert = {
  key: 'ESC-1:resolution:breach',
  at: 1_900_000_000_000,
  ticketId: 'ESC-1',
  kind: 'sla_breach',
  target: 'resolution',
};
const scheduleAll = { scope: 'all', tickets: [alertTicket], alerts: [breachAlert] };
const preferences = {
  followedTeamIds: ['tier-2'],
  quietHours: { enabled: true, from: '22:00', to: '07:00' },
  soundOnBreach: true,
};

const goodPayloads: Array<[InvokeChannel, unknown]> = [
  [IpcChannel.appInfo, undefined],
  [IpcChannel.showNotification, { title: 'SLA breached', body: 'Ticket T-1 is overdue' }],
  [IpcChannel.setBadge, { breached: 2, atRisk: 3 }],
  [IpcChannel.openExternal, 'https://example.com/runbook'],
  [IpcChannel.getHostSettings, undefined],
  [IpcChannel.setHostSettings, { keepRunningInTray: false }],
  [IpcChannel.scheduleAlerts, scheduleAll],
  [IpcChannel.scheduleAlerts, { scope: ['ESC-1', 'ESC-2'], tickets: [], alerts: [] }],
  [IpcChannel.scheduleAlerts, packScheduleAlerts(scheduleAll as ScheduleAlertsRequest)],
  [IpcChannel.setAlertPreferences, preferences],
  [IpcChannel.setAlertPreferences, { ...preferences, timeZone: 'Europe/Berlin' }],
  [IpcChannel.printToPdf, { fileName: 'Escalation matrix v3 (2026-11-27).pdf', landscape: true }],
  [IpcChannel.syncSignIn, { serverUrl: SERVER, email: 'ana@example.com', password: 'pw' }],
  [IpcChannel.syncSignIn, { serverUrl: 'http://localhost:8080/sync', email: 'a', password: 'p' }],
  [IpcChannel.syncRefresh, SERVER],
  [IpcChannel.syncSignOut, undefined],
  [IpcChannel.syncHasSignIn, SERVER],
];

const badPayloads: Array<[InvokeChannel, string, unknown, RegExp]> = [
  [IpcChannel.printToPdf, 'no payload', undefined, /expected object/i],
  [
    IpcChannel.printToPdf,
    'a path up',
    { fileName: '../../etc/x.pdf', landscape: true },
    /no folders/,
  ],
  [IpcChannel.printToPdf, 'a folder', { fileName: 'C:\\x\\m.pdf', landscape: true }, /no folders/],
  [IpcChannel.printToPdf, 'another type', { fileName: 'matrix.exe', landscape: true }, /\.pdf/],
  [
    IpcChannel.printToPdf,
    'a hidden file',
    { fileName: '.pdf', landscape: true },
    /plain file name/,
  ],
  [
    IpcChannel.printToPdf,
    'a long name',
    { fileName: `${'m'.repeat(130)}.pdf`, landscape: true },
    /120/,
  ],
  [IpcChannel.printToPdf, 'no orientation', { fileName: 'm.pdf' }, /landscape/],
  [
    IpcChannel.printToPdf,
    'an unknown key',
    { fileName: 'm.pdf', landscape: true, path: '/' },
    /path/,
  ],
  [IpcChannel.appInfo, 'an unexpected payload', { x: 1 }, /takes no payload/],
  [IpcChannel.syncSignOut, 'an unexpected payload', 'token', /takes no payload/],
  [IpcChannel.syncRefresh, 'no payload', undefined, /expected string/i],
  [
    IpcChannel.syncRefresh,
    'plain http to another computer',
    'http://sync.example.com',
    /sync server address/,
  ],
  [IpcChannel.syncRefresh, 'another scheme', 'file:///etc/passwd', /sync server address/],
  [IpcChannel.syncRefresh, 'an address with a query', `${SERVER}/?to=evil`, /sync server address/],
  [
    IpcChannel.syncHasSignIn,
    'credentials in the address',
    'https://a:b@sync.example.com',
    /sync server address/,
  ],
  [
    IpcChannel.syncSignIn,
    'no password',
    { serverUrl: SERVER, email: 'a@example.com', password: '' },
    /password/,
  ],
  [
    IpcChannel.syncSignIn,
    'an unknown key',
    { serverUrl: SERVER, email: 'a', password: 'p', to: 'x' },
    /to/,
  ],
  [
    IpcChannel.syncSignIn,
    'a hostile server',
    { serverUrl: 'javascript:alert(1)', email: 'a', password: 'p' },
    /serverUrl/,
  ],
  [IpcChannel.getHostSettings, 'an unexpected payload', 'please', /takes no payload/],
  [IpcChannel.showNotification, 'no payload', undefined, /expected object/i],
  [IpcChannel.showNotification, 'a string', 'hello', /expected object/i],
  [IpcChannel.showNotification, 'an array', [{ title: 't', body: 'b' }], /expected object/i],
  [
    IpcChannel.showNotification,
    'an empty title',
    { title: '', body: 'b' },
    /title: a notification needs a title/,
  ],
  [IpcChannel.showNotification, 'a missing body', { title: 't' }, /body/],
  [IpcChannel.showNotification, 'a title that is not text', { title: 7, body: 'b' }, /title/],
  [
    IpcChannel.showNotification,
    'an over-long title',
    { title: 'x'.repeat(201), body: 'b' },
    /title/,
  ],
  [
    IpcChannel.showNotification,
    'an over-long body',
    { title: 't', body: 'x'.repeat(1001) },
    /body/,
  ],
  [
    IpcChannel.showNotification,
    'a ticket id with a path in it',
    { title: 't', body: 'b', ticketId: '../../x' },
    /ticketId: a ticket id has only letters/,
  ],
  [
    IpcChannel.showNotification,
    'an empty ticket id',
    { title: 't', body: 'b', ticketId: '' },
    /ticketId/,
  ],
  [
    IpcChannel.showNotification,
    'an unknown urgency',
    { title: 't', body: 'b', urgency: 'panic' },
    /urgency/,
  ],
  [
    IpcChannel.showNotification,
    'an unknown key',
    { title: 't', body: 'b', icon: 'file:///etc/passwd' },
    /icon/,
  ],
  [IpcChannel.setBadge, 'no payload', undefined, /expected object/i],
  [IpcChannel.setBadge, 'a negative count', { breached: -1, atRisk: 0 }, /breached/],
  [IpcChannel.setBadge, 'a fractional count', { breached: 1.5, atRisk: 0 }, /breached/],
  [IpcChannel.setBadge, 'a count as text', { breached: '3', atRisk: 0 }, /breached/],
  [IpcChannel.setBadge, 'NaN', { breached: Number.NaN, atRisk: 0 }, /breached/],
  [IpcChannel.setBadge, 'Infinity', { breached: 0, atRisk: Number.POSITIVE_INFINITY }, /atRisk/],
  [IpcChannel.setBadge, 'a huge count', { breached: 0, atRisk: 10_000_000 }, /atRisk/],
  [IpcChannel.setBadge, 'a missing count', { breached: 1 }, /atRisk/],
  [IpcChannel.setBadge, 'an unknown key', { breached: 1, atRisk: 1, total: 2 }, /total/],
  [IpcChannel.openExternal, 'no payload', undefined, /expected string/i],
  [IpcChannel.openExternal, 'an object', { url: 'https://example.com' }, /expected string/i],
  [IpcChannel.openExternal, 'a javascript: link', 'javascript:alert(1)', /scheme "javascript:"/],
  [IpcChannel.openExternal, 'a file: link', 'file:///etc/passwd', /scheme "file:"/],
  [IpcChannel.openExternal, 'an app: link', 'app://desk/index.html', /scheme "app:"/],
  [IpcChannel.openExternal, 'a custom scheme', 'ms-msdt:/id', /scheme "ms-msdt:"/],
  [IpcChannel.openExternal, 'an smb: share', 'smb://attacker/share', /scheme "smb:"/],
  [IpcChannel.openExternal, 'credentials', 'http://user:pass@host', /user name or password/],
  [IpcChannel.openExternal, 'control characters', 'https://example.com/\r\n', /control characters/],
  [
    IpcChannel.openExternal,
    'an over-long link',
    `https://example.com/${'a'.repeat(2100)}`,
    /longer than/,
  ],
  [IpcChannel.setHostSettings, 'no payload', undefined, /expected object/i],
  [
    IpcChannel.setHostSettings,
    'a setting as text',
    { keepRunningInTray: 'yes' },
    /keepRunningInTray/,
  ],
  [IpcChannel.setHostSettings, 'an unknown setting', { autoUpdate: true }, /autoUpdate/],
  [
    IpcChannel.setHostSettings,
    'a prototype key',
    JSON.parse('{"__proto__": {"x": 1}}'),
    /__proto__/,
  ],
  [IpcChannel.scheduleAlerts, 'no payload', undefined, /expected object/i],
  [
    IpcChannel.scheduleAlerts,
    'a packed request that is not JSON',
    { utf8: new TextEncoder().encode('{"scope": "all", ') },
    /utf8: a packed request must be JSON/,
  ],
  [
    IpcChannel.scheduleAlerts,
    'a packed request that is not a request',
    { utf8: new TextEncoder().encode(JSON.stringify({ ...scheduleAll, tickets: [] })) },
    /alerts\.0\.ticketId: ticket ESC-1 is not among the request's tickets/,
  ],
  [
    IpcChannel.scheduleAlerts,
    'a packed request with more beside it',
    { ...packScheduleAlerts(scheduleAll as ScheduleAlertsRequest), scope: 'all' },
    /a packed request is \{ utf8/,
  ],
  [IpcChannel.scheduleAlerts, 'packed text', { utf8: '{}' }, /a packed request is \{ utf8/],
  [
    IpcChannel.scheduleAlerts,
    'packed bytes that are not UTF-8',
    { utf8: new Uint8Array([0x7b, 0xff, 0x7d]) },
    /utf8: a packed request must be JSON/,
  ],
  [IpcChannel.scheduleAlerts, 'a bare list of alerts', [breachAlert], /expected object/i],
  [IpcChannel.scheduleAlerts, 'a missing scope', { tickets: [], alerts: [] }, /scope/],
  [IpcChannel.scheduleAlerts, 'an unknown scope', { ...scheduleAll, scope: 'some' }, /scope/],
  [
    IpcChannel.scheduleAlerts,
    'an alert of a ticket it does not describe',
    { ...scheduleAll, tickets: [] },
    /alerts\.0\.ticketId: ticket ESC-1 is not among the request's tickets/,
  ],
  [
    IpcChannel.scheduleAlerts,
    'an alert outside its scope',
    { ...scheduleAll, scope: ['ESC-2'] },
    /alerts\.0\.ticketId: ticket ESC-1 is outside the request's scope/,
  ],
  [
    IpcChannel.scheduleAlerts,
    'an unknown alert kind',
    { ...scheduleAll, alerts: [{ ...breachAlert, kind: 'explode' }] },
    /alerts\.0\.kind/,
  ],
  [
    IpcChannel.scheduleAlerts,
    'a time that is not a number',
    { ...scheduleAll, alerts: [{ ...breachAlert, at: '2030-01-01' }] },
    /alerts\.0\.at/,
  ],
  [
    IpcChannel.scheduleAlerts,
    'a time that is NaN',
    { ...scheduleAll, alerts: [{ ...breachAlert, at: Number.NaN }] },
    /alerts\.0\.at/,
  ],
  [
    IpcChannel.scheduleAlerts,
    'a time after the year 2200',
    { ...scheduleAll, alerts: [{ ...breachAlert, at: 8e12 }] },
    /alerts\.0\.at: a time must be before the year 2200/,
  ],
  [
    IpcChannel.scheduleAlerts,
    'an empty alert key',
    { ...scheduleAll, alerts: [{ ...breachAlert, key: '' }] },
    /alerts\.0\.key/,
  ],
  [
    IpcChannel.scheduleAlerts,
    'a ticket id with a path in it',
    { ...scheduleAll, tickets: [{ ...alertTicket, id: '../x' }] },
    /tickets\.0\.id: a ticket id has only letters/,
  ],
  [
    IpcChannel.scheduleAlerts,
    'an unknown priority',
    { ...scheduleAll, tickets: [{ ...alertTicket, priority: 'P0' }] },
    /tickets\.0\.priority/,
  ],
  [
    IpcChannel.scheduleAlerts,
    'an unknown key on an alert',
    { ...scheduleAll, alerts: [{ ...breachAlert, html: '<b>' }] },
    /html/,
  ],
  [IpcChannel.setAlertPreferences, 'no payload', undefined, /expected object/i],
  [
    IpcChannel.setAlertPreferences,
    'a missing setting',
    { followedTeamIds: [], soundOnBreach: false },
    /quietHours/,
  ],
  [
    IpcChannel.setAlertPreferences,
    'teams as text',
    { ...preferences, followedTeamIds: 'tier-2' },
    /followedTeamIds/,
  ],
  [
    IpcChannel.setAlertPreferences,
    'an hour that does not exist',
    { ...preferences, quietHours: { enabled: true, from: '25:00', to: '07:00' } },
    /quietHours\.from: a time of day is written HH:MM/,
  ],
  [
    IpcChannel.setAlertPreferences,
    'a time without minutes',
    { ...preferences, quietHours: { enabled: true, from: '22:00', to: '7' } },
    /quietHours\.to/,
  ],
  [
    IpcChannel.setAlertPreferences,
    'sound as text',
    { ...preferences, soundOnBreach: 'loud' },
    /soundOnBreach/,
  ],
  [IpcChannel.setAlertPreferences, 'an unknown setting', { ...preferences, volume: 11 }, /volume/],
];

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per invoke channel, and nothing generic', () => {
    const { ipcMain, handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(Object.keys(actionOf).sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(Object.keys(actionOf).length);
    // Main→renderer channels are sent, never invoked.
    expect(handlers.has(IpcChannel.notificationClicked)).toBe(false);
    expect(handlers.has(IpcChannel.alertsFired)).toBe(false);
    expect(handlers.has(IpcChannel.alertsAcknowledged)).toBe(false);
  });

  it.each(goodPayloads)('%s: a valid payload reaches its action', async (channel, payload) => {
    const { deps, invoke } = setup();
    await invoke(channel, payload);
    const action = deps[actionOf[channel]];
    expect(action).toHaveBeenCalledTimes(1);
    // A packed alert request reaches the scheduler unpacked.
    const packed = typeof payload === 'object' && payload !== null && 'utf8' in payload;
    const expected = packed ? unpackScheduleAlerts(payload as PackedScheduleAlerts) : payload;
    if (payload !== undefined) expect(action).toHaveBeenCalledWith(expected);
  });

  it('returns what the action returns', async () => {
    const { invoke } = setup();
    await expect(invoke(IpcChannel.appInfo)).resolves.toEqual(appInfo);
    await expect(invoke(IpcChannel.showNotification, { title: 't', body: '' })).resolves.toBe(true);
    await expect(invoke(IpcChannel.setHostSettings, {})).resolves.toEqual({
      keepRunningInTray: true,
    });
    await expect(invoke(IpcChannel.scheduleAlerts, scheduleAll)).resolves.toBeUndefined();
    await expect(invoke(IpcChannel.setAlertPreferences, preferences)).resolves.toBeUndefined();
  });

  it('hands the normalised link, not the raw one, to openExternal', async () => {
    const { deps, invoke } = setup();
    await invoke(IpcChannel.openExternal, 'HTTPS://Example.COM');
    expect(deps.openExternal).toHaveBeenCalledWith('https://example.com/');
  });

  it.each(goodPayloads)(
    '%s: an untrusted sender is refused and nothing runs',
    async (channel, payload) => {
      const { deps, event, invoke } = setup(false);
      await expect(invoke(channel, payload)).rejects.toThrow(
        `Refused ${channel}: the request did not come from the desk window`,
      );
      expect(deps.isTrustedSender).toHaveBeenCalledWith(event);
      expect(deps[actionOf[channel]]).not.toHaveBeenCalled();
    },
  );

  it.each(badPayloads)(
    '%s: an untrusted sender is refused before its payload (%s) is even looked at',
    async (channel, _label, payload) => {
      const { deps, invoke } = setup(false);
      await expect(invoke(channel, payload)).rejects.toThrow(/^Refused /);
      expect(deps[actionOf[channel]]).not.toHaveBeenCalled();
    },
  );

  it.each(badPayloads)(
    '%s rejects %s with a message naming the problem, and does not act',
    async (channel, _label, payload, problem) => {
      const { deps, invoke } = setup();
      const error = await Promise.resolve(invoke(channel, payload)).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(new RegExp(`^Rejected ${channel} payload: `));
      expect((error as Error).message).toMatch(problem);
      expect(deps[actionOf[channel]]).not.toHaveBeenCalled();
    },
  );
});
