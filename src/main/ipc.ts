import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import {
  AlertPreferencesSchema,
  BadgeCountsSchema,
  ExternalUrlSchema,
  HostSettingsPatchSchema,
  IpcChannel,
  NotificationRequestSchema,
  PrintToPdfRequestSchema,
  ScheduleAlertsPayloadSchema,
  SyncSignInRequestSchema,
  parsePayload,
  type AlertPreferences,
  type AppInfo,
  type BadgeCounts,
  type HostSettings,
  type HostSettingsPatch,
  type NotificationRequest,
  type PrintToPdfRequest,
  type PrintToPdfResult,
  type ScheduleAlertsRequest,
  type SyncSignInRequest,
} from '@core/contracts';
import { ServerUrlSchema, type SessionOutcome } from '@core/sync';

/** What the IPC handlers act on; main wires these to Electron, tests to plain functions. */
export interface IpcDeps {
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  appInfo(): AppInfo;
  showNotification(request: NotificationRequest): boolean;
  setBadgeCounts(counts: BadgeCounts): void;
  openExternal(url: string): Promise<void>;
  getHostSettings(): HostSettings;
  setHostSettings(patch: HostSettingsPatch): Promise<HostSettings>;
  scheduleAlerts(request: ScheduleAlertsRequest): void;
  setAlertPreferences(preferences: AlertPreferences): Promise<void>;
  printToPdf(request: PrintToPdfRequest): Promise<PrintToPdfResult>;
  syncSignIn(request: SyncSignInRequest): Promise<SessionOutcome>;
  syncRefresh(serverUrl: string): Promise<SessionOutcome>;
  syncSignOut(): Promise<void>;
  syncHasSignIn(serverUrl: string): Promise<boolean>;
}

const NoPayload = z.undefined({ error: 'this call takes no payload' });

/** Registers every handler: sender check first, then the payload schema, then the action. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, deps: IpcDeps): void {
  function handle<T, R>(channel: string, schema: z.ZodType<T>, action: (payload: T) => R) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!deps.isTrustedSender(event)) {
        throw new Error(`Refused ${channel}: the request did not come from the desk window`);
      }
      return action(parsePayload(schema, payload, channel));
    });
  }

  handle(IpcChannel.appInfo, NoPayload, () => deps.appInfo());
  handle(IpcChannel.showNotification, NotificationRequestSchema, (request) =>
    deps.showNotification(request),
  );
  handle(IpcChannel.setBadge, BadgeCountsSchema, (counts) => deps.setBadgeCounts(counts));
  handle(IpcChannel.openExternal, ExternalUrlSchema, (url) => deps.openExternal(url));
  handle(IpcChannel.getHostSettings, NoPayload, () => deps.getHostSettings());
  handle(IpcChannel.setHostSettings, HostSettingsPatchSchema, (patch) =>
    deps.setHostSettings(patch),
  );
  handle(IpcChannel.scheduleAlerts, ScheduleAlertsPayloadSchema, (request) => {
    deps.scheduleAlerts(request);
  });
  handle(IpcChannel.setAlertPreferences, AlertPreferencesSchema, (preferences) =>
    deps.setAlertPreferences(preferences),
  );
  handle(IpcChannel.printToPdf, PrintToPdfRequestSchema, (request) => deps.printToPdf(request));
  handle(IpcChannel.syncSignIn, SyncSignInRequestSchema, (request) => deps.syncSignIn(request));
  handle(IpcChannel.syncRefresh, ServerUrlSchema, (serverUrl) => deps.syncRefresh(serverUrl));
  handle(IpcChannel.syncSignOut, NoPayload, () => deps.syncSignOut());
  handle(IpcChannel.syncHasSignIn, ServerUrlSchema, (serverUrl) => deps.syncHasSignIn(serverUrl));
}
