import type { AlertNotification } from '@core/alerts';
import {
  checkExternalUrl,
  PrintToPdfRequestSchema,
  type AppInfo,
  type BadgeCounts,
  type DeskApi,
  type HostSettings,
  type NotificationRequest,
  type NotificationTarget,
} from '@core/contracts';
import {
  KeptSignInSchema,
  memorySignInKeeper,
  SessionBroker,
  type SessionPort,
  type SignInKeeper,
} from '@core/sync';
import type { FetchLike } from '../features/sync/sync-api';
import { inPageAlertPort, type AlertWorkerPort } from './alert-scheduler-service';
import { startAlertScheduler } from './alert-worker-port';
import { createBrowserAlerts, type LockManagerLike } from './browser-alerts';

type NotificationCtor = typeof Notification;

const SYNC_SIGN_IN_KEY = 'escalation-desk.sync-sign-in';
/** Where desks before sign-ins named their server kept a bare token: removed when seen. */
const OLD_SYNC_TOKEN_KEY = 'escalation-desk.sync-refresh-token';
/** How long a sign-in or refresh may take. */
const SIGN_IN_TIMEOUT_MS = 20_000;

/**
 * The sync sign-in in the site's local storage (a browser has no OS keychain to offer, and the
 * page is the only place to keep it). Anything unreadable there counts as no sign-in.
 */
export function localStorageSignIn(storage: Storage): SignInKeeper {
  return {
    load: async () => {
      storage.removeItem(OLD_SYNC_TOKEN_KEY);
      try {
        const kept = KeptSignInSchema.safeParse(
          JSON.parse(storage.getItem(SYNC_SIGN_IN_KEY) ?? ''),
        );
        return kept.success ? kept.data : null;
      } catch {
        return null;
      }
    },
    save: async (kept) => {
      try {
        if (kept === null) storage.removeItem(SYNC_SIGN_IN_KEY);
        else storage.setItem(SYNC_SIGN_IN_KEY, JSON.stringify(kept));
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** What the browser host needs from the page; a parameter so tests can hand in fakes. */
export interface BrowserEnvironment {
  Notification?: NotificationCtor | undefined;
  focus(): void;
  open(url: string, target: string, features: string): unknown;
  /** Opens the browser's print dialog (its destinations include saving as PDF). */
  print(): void;
  setAppBadge?: ((count: number) => Promise<void>) | undefined;
  clearAppBadge?: (() => Promise<void>) | undefined;
  setTitle(title: string): void;
  platform: string;
  /** Starts the SLA alert scheduler; the in-page one when absent. */
  startAlertScheduler?: (() => AlertWorkerPort) | undefined;
  /** Calls `listener` when the page may have missed time: visible again, focused, back online. */
  onWake?: ((listener: () => void) => () => void) | undefined;
  /** Web Locks, to let one tab notify; without them every tab does. */
  locks?: LockManagerLike | undefined;
  /**
   * Where the sync sign-in is kept between visits (the site's local storage); without it the
   * sign-in lasts for this page only.
   */
  syncSignIn?: SignInKeeper | undefined;
  /** How the page reaches the sync server to sign in. */
  fetch?: FetchLike | undefined;
  /** The host's IANA time zone; the browser's resolved one when absent. */
  timeZone?: (() => string) | undefined;
}

function watchWake(listener: () => void): () => void {
  const targets: [EventTarget, string][] = [
    [document, 'visibilitychange'],
    [window, 'focus'],
    [window, 'online'],
    [window, 'pageshow'],
  ];
  for (const [target, type] of targets) target.addEventListener(type, listener);
  return () => {
    for (const [target, type] of targets) target.removeEventListener(type, listener);
  };
}

function pageEnvironment(): BrowserEnvironment {
  const nav = navigator as Navigator & {
    setAppBadge?: (count: number) => Promise<void>;
    clearAppBadge?: () => Promise<void>;
    locks?: LockManager;
  };
  return {
    Notification: 'Notification' in window ? window.Notification : undefined,
    focus: () => window.focus(),
    open: (url, target, features) => window.open(url, target, features),
    print: () => window.print(),
    setAppBadge: nav.setAppBadge?.bind(nav),
    clearAppBadge: nav.clearAppBadge?.bind(nav),
    setTitle: (title) => {
      document.title = title;
    },
    platform: nav.platform,
    startAlertScheduler,
    onWake: watchWake,
    locks: nav.locks,
    syncSignIn: localStorageSignIn(window.localStorage),
    fetch: (url, init) => window.fetch(url, init),
  };
}

const TITLE = 'Escalation Desk';

function hostTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The browser host: DeskApi plus `dispose` (stops the alert scheduler; for tests). */
export type BrowserHost = DeskApi & { dispose(): void };

/**
 * The host for browser mode: Web Notifications, the app badge, window.open, and the SLA alert
 * scheduler in a Web Worker (see browser-alerts.ts).
 */
export function createBrowserHost(env: BrowserEnvironment = pageEnvironment()): BrowserHost {
  const clickListeners = new Set<(target: NotificationTarget) => void>();
  let hostSettings: HostSettings = { keepRunningInTray: false };
  let sessions: Promise<SessionPort> | undefined;
  /** The page's SessionBroker, built on first use (its code loads with the sync engine's). */
  function syncSessions(): Promise<SessionPort> {
    sessions ??= import('../features/sync/sync-api').then(({ fetchPost }) => {
      const fetch: FetchLike = env.fetch ?? (() => Promise.reject(new Error('no network')));
      return new SessionBroker(
        fetchPost(fetch, SIGN_IN_TIMEOUT_MS),
        env.syncSignIn ?? memorySignInKeeper(),
      );
    });
    return sessions;
  }
  let permissionRequest: Promise<unknown> | undefined;

  /** Whether notifications may be shown; asks the user (once at a time) while undecided. */
  async function notificationsAllowed(): Promise<boolean> {
    const Ctor = env.Notification;
    if (!Ctor) return false;
    if (Ctor.permission === 'default') {
      permissionRequest ??= Ctor.requestPermission().finally(() => {
        permissionRequest = undefined;
      });
      await permissionRequest;
    }
    return Ctor.permission === 'granted';
  }

  /** Shows a Web Notification; a click focuses the page and opens `target`. */
  function show(
    title: string,
    options: { body: string; tag?: string | undefined; silent?: boolean | undefined },
    urgency: NotificationRequest['urgency'],
    target: NotificationTarget | undefined,
  ): boolean {
    if (!env.Notification) return false;
    let notification: Notification;
    try {
      notification = new env.Notification(title, {
        body: options.body,
        ...(options.tag ? { tag: options.tag } : {}),
        ...(options.silent !== undefined ? { silent: options.silent } : {}),
        requireInteraction: urgency === 'critical',
      });
    } catch {
      // Some browsers (Chrome on Android) only show notifications through a service worker.
      return false;
    }
    notification.onclick = () => {
      env.focus();
      notification.close();
      if (target) for (const listener of [...clickListeners]) listener(target);
    };
    return true;
  }

  const alerts = createBrowserAlerts({
    startScheduler: env.startAlertScheduler ?? (() => inPageAlertPort()),
    notify: async (notifications: AlertNotification[]) => {
      if (!(await notificationsAllowed())) return 0;
      let shown = 0;
      for (const { title, body, tag, silent, urgency, target } of notifications) {
        if (show(title, { body, tag, silent }, urgency, target)) shown++;
      }
      return shown;
    },
    onWake: env.onWake,
    locks: env.locks,
    timeZone: env.timeZone ?? hostTimeZone,
  });

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
      if (!(await notificationsAllowed())) return false;
      return show(
        request.title,
        { body: request.body, tag: request.tag, silent: request.silent },
        request.urgency,
        request.ticketId ? { ticketId: request.ticketId } : undefined,
      );
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
      return () => {
        clickListeners.delete(listener);
      };
    },
    scheduleAlerts: alerts.scheduleAlerts,
    setAlertPreferences: alerts.setAlertPreferences,
    onAlertsFired: alerts.onAlertsFired,
    onAlertsAcknowledged: alerts.onAlertsAcknowledged,
    printToPdf: async (request) => {
      // Validated as in main, so a bad name fails the same way in both hosts.
      PrintToPdfRequestSchema.parse(request);
      env.print();
      return { outcome: 'print-dialog' };
    },
    syncSignIn: async ({ serverUrl, email, password }) =>
      (await syncSessions()).signIn(serverUrl, email, password),
    syncRefresh: async (serverUrl) => (await syncSessions()).refresh(serverUrl),
    syncSignOut: async () => (await syncSessions()).signOut(),
    syncHasSignIn: async (serverUrl) => (await syncSessions()).hasSignIn(serverUrl),
    dispose: alerts.dispose,
  };
}
