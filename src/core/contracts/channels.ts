/** IPC channel names between preload and main; nothing else crosses the bridge. */
export const IpcChannel = {
  appInfo: 'desk:app-info',
  showNotification: 'desk:show-notification',
  setBadge: 'desk:set-badge',
  openExternal: 'desk:open-external',
  getHostSettings: 'desk:get-host-settings',
  setHostSettings: 'desk:set-host-settings',
  notificationClicked: 'desk:notification-clicked',
  scheduleAlerts: 'desk:schedule-alerts',
  setAlertPreferences: 'desk:set-alert-preferences',
  alertsFired: 'desk:alerts-fired',
  alertsAcknowledged: 'desk:alerts-acknowledged',
  printToPdf: 'desk:print-to-pdf',
  syncSignIn: 'desk:sync-sign-in',
  syncRefresh: 'desk:sync-refresh',
  syncSignOut: 'desk:sync-sign-out',
  syncHasSignIn: 'desk:sync-has-sign-in',
} as const;

export type IpcChannelName = (typeof IpcChannel)[keyof typeof IpcChannel];
