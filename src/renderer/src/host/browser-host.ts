import {
  checkExternalUrl,
  type AppInfo,
  type BadgeCounts,
  type DeskApi,
  type HostSettings,
  type NotificationRequest,
} from '@core/contracts';

type NotificationCtor = typeof Notification;

/** What the browser host needs from the page; a parameter so tests can hand in fakes. */
export interface BrowserEnvironment {
  Notification?: NotificationCtor | undefined;
  focus(): void;
  open(url: string, target: string, features: string): unknown;
  setAppBadge?: ((count: number) => Promise<void>) | undefined;
  clearAppBadge?: (() => Promise<void>) | undefined;
  setTitle(title: string): void;
  platform: string;
}

function pageEnvironment(): BrowserEnvironment {
  const nav = navigator as Navigator & {
    setAppBadge?: (count: number) => Promise<void>;
    clearAppBadge?: () => Promise<void>;
  };
  return {
    Notification: 'Notification' in window ? window.Notification : undefined,
    focus: () => window.focus(),
    open: (url, target, features) => window.open(url, target, features),
    setAppBadge: nav.setAppBadge?.bind(nav),
    clearAppBadge: nav.clearAppBadge?.bind(nav),
    setTitle: (title) => {
      document.title = title;
    },
    platform: nav.platform,
  };
}

const TITLE = 'Escalation Desk';

/** The host for browser mode: Web Notifications, the app badge and window.open. */
export function createBrowserHost(env: BrowserEnvironment = pageEnvironment()): DeskApi {
  const clickListeners = new Set<(ticketId: string) => void>();
  let hostSettings: HostSettings = { keepRunningInTray: false };

  async function notificationsAllowed(): Promise<boolean> {
    const Ctor = env.Notification;
    if (!Ctor) return false;
    if (Ctor.permission === 'default') await Ctor.requestPermission();
    return Ctor.permission === 'granted';
  }

  return {
    getAppInfo: async (): Promise<AppInfo> => ({
      name: TITLE,
      version: __DESK_VERSION__,
      host: 'browser',
      platform: env.platform,
      versions: {},
      notificationsSupported: env.Notification !== undefined,
      hasTray: false,
    }),
    showNotification: async (request: NotificationRequest) => {
      if (!(await notificationsAllowed()) || !env.Notification) return false;
      const notification = new env.Notification(request.title, {
        body: request.body,
        ...(request.tag ? { tag: request.tag } : {}),
        requireInteraction: request.urgency === 'critical',
      });
      notification.onclick = () => {
        env.focus();
        notification.close();
        if (request.ticketId) for (const listener of clickListeners) listener(request.ticketId);
      };
      return true;
    },
    setBadgeCounts: async (counts: BadgeCounts) => {
      const total = counts.breached + counts.atRisk;
      env.setTitle(total > 0 ? `(${total}) ${TITLE}` : TITLE);
      if (total > 0) await env.setAppBadge?.(total);
      else await env.clearAppBadge?.();
    },
    openExternal: async (url: string) => {
      const check = checkExternalUrl(url);
      if (!check.ok) throw new Error(`This link was not opened: ${check.reason}.`);
      env.open(check.url, '_blank', 'noopener,noreferrer');
    },
    getHostSettings: async () => hostSettings,
    setHostSettings: async (patch) => {
      hostSettings = { ...hostSettings, ...patch };
      return hostSettings;
    },
    onNotificationClick: (listener) => {
      clickListeners.add(listener);
      return () => clickListeners.delete(listener);
    },
  };
}
