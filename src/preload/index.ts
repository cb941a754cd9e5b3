import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IpcChannel } from '@core/contracts/channels';
import type { DeskApi } from '@core/contracts/desk-api';

// Named functions only: no generic send/invoke crosses into the page.
const desk = {
  getAppInfo: () => ipcRenderer.invoke(IpcChannel.appInfo),
  showNotification: (request) => ipcRenderer.invoke(IpcChannel.showNotification, request),
  setBadgeCounts: (counts) => ipcRenderer.invoke(IpcChannel.setBadge, counts),
  openExternal: (url) => ipcRenderer.invoke(IpcChannel.openExternal, url),
  getHostSettings: () => ipcRenderer.invoke(IpcChannel.getHostSettings),
  setHostSettings: (patch) => ipcRenderer.invoke(IpcChannel.setHostSettings, patch),
  onNotificationClick: (listener) => {
    const wrapped = (_event: IpcRendererEvent, ticketId: unknown) => {
      if (typeof ticketId === 'string') listener(ticketId);
    };
    ipcRenderer.on(IpcChannel.notificationClicked, wrapped);
    return () => {
      ipcRenderer.removeListener(IpcChannel.notificationClicked, wrapped);
    };
  },
} satisfies DeskApi;

contextBridge.exposeInMainWorld('desk', desk);
