import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { FiredAlertBatch } from '@core/contracts/alerts';
import { IpcChannel } from '@core/contracts/channels';
import type { DeskApi, NotificationTarget } from '@core/contracts/desk-api';

/**
 * Subscribes to one main→renderer channel: the page's listener gets only a payload that `accept`
 * turns into a value (never the IpcRendererEvent); returns the unsubscribe function.
 */
function subscribe<T>(
  channel: string,
  accept: (payload: unknown) => T | undefined,
  listener: (value: T) => void,
): () => void {
  const wrapped = (_event: IpcRendererEvent, payload: unknown) => {
    const value = accept(payload);
    if (value !== undefined) listener(value);
  };
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A ticket to open or the alert centre; a fresh object with the known field only. */
function notificationTarget(payload: unknown): NotificationTarget | undefined {
  if (!isRecord(payload)) return undefined;
  if (typeof payload.ticketId === 'string') return { ticketId: payload.ticketId };
  if (payload.view === 'alerts') return { view: 'alerts' };
  return undefined;
}

function firedAlertBatch(payload: unknown): FiredAlertBatch | undefined {
  if (!isRecord(payload)) return undefined;
  if (typeof payload.firedAt !== 'number' || !Array.isArray(payload.alerts)) return undefined;
  return payload as unknown as FiredAlertBatch;
}

function acknowledgedKeys(payload: unknown): string[] | undefined {
  if (!Array.isArray(payload) || payload.length === 0) return undefined;
  return payload.every((key) => typeof key === 'string') ? (payload as string[]) : undefined;
}

// Named functions only: no generic send/invoke crosses into the page.
const desk = {
  getAppInfo: () => ipcRenderer.invoke(IpcChannel.appInfo),
  showNotification: (request) => ipcRenderer.invoke(IpcChannel.showNotification, request),
  setBadgeCounts: (counts) => ipcRenderer.invoke(IpcChannel.setBadge, counts),
  openExternal: (url) => ipcRenderer.invoke(IpcChannel.openExternal, url),
  getHostSettings: () => ipcRenderer.invoke(IpcChannel.getHostSettings),
  setHostSettings: (patch) => ipcRenderer.invoke(IpcChannel.setHostSettings, patch),
  onNotificationClick: (listener) =>
    subscribe(IpcChannel.notificationClicked, notificationTarget, listener),
  scheduleAlerts: (request) => ipcRenderer.invoke(IpcChannel.scheduleAlerts, request),
  setAlertPreferences: (preferences) =>
    ipcRenderer.invoke(IpcChannel.setAlertPreferences, preferences),
  onAlertsFired: (listener) => subscribe(IpcChannel.alertsFired, firedAlertBatch, listener),
  onAlertsAcknowledged: (listener) =>
    subscribe(IpcChannel.alertsAcknowledged, acknowledgedKeys, listener),
  printToPdf: (request) => ipcRenderer.invoke(IpcChannel.printToPdf, request),
  syncSignIn: (request) => ipcRenderer.invoke(IpcChannel.syncSignIn, request),
  syncRefresh: (serverUrl) => ipcRenderer.invoke(IpcChannel.syncRefresh, serverUrl),
  syncSignOut: () => ipcRenderer.invoke(IpcChannel.syncSignOut),
  syncHasSignIn: (serverUrl) => ipcRenderer.invoke(IpcChannel.syncHasSignIn, serverUrl),
} satisfies DeskApi;

contextBridge.exposeInMainWorld('desk', desk);
