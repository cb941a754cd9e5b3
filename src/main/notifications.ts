import { Notification, type NotificationConstructorOptions } from 'electron';
import type { AlertNotification } from '@core/alerts';
import type { NotificationRequest, NotificationTarget } from '@core/contracts';

export interface DeskNotifierHandlers {
  /** A notification was clicked: open what it names (nothing named: just show the desk). */
  onClick(target: NotificationTarget | undefined): void;
  /** An alert notification's Acknowledge button was pressed: acknowledge these alert keys. */
  onAcknowledge(keys: string[]): void;
}

/**
 * Platforms whose notifications show action buttons. Electron 45's NotificationAction docs: a
 * `button` works on macOS and Windows; Linux has no actions. On macOS the button appears only for
 * a signed app whose Info.plist sets NSUserNotificationAlertStyle to "alert".
 */
export function supportsNotificationActions(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

/** The label of the one action button on an alert notification. */
export const ACKNOWLEDGE_ACTION = 'Acknowledge';

/**
 * Shows desk notifications: the renderer's own (`show`) and the host's SLA alerts (`showAlert`).
 * Keeps a reference to each until it is closed (a collected Notification loses its handlers) and
 * replaces an earlier one with the same tag.
 */
export class DeskNotifier {
  private readonly live = new Map<string, Notification>();
  private counter = 0;
  private readonly actions: boolean;

  constructor(
    private readonly handlers: DeskNotifierHandlers,
    platform: NodeJS.Platform = process.platform,
  ) {
    this.actions = supportsNotificationActions(platform);
  }

  /** False when the platform has no notification support; the renderer then alerts in-app. */
  show(request: NotificationRequest): boolean {
    return this.present(
      {
        title: request.title,
        body: request.body,
        urgency: request.urgency ?? 'normal',
        timeoutType: request.urgency === 'critical' ? 'never' : 'default',
        ...(request.silent === undefined ? {} : { silent: request.silent }),
      },
      request.tag,
      request.ticketId === undefined ? undefined : { ticketId: request.ticketId },
    );
  }

  /**
   * Shows the notification planned for fired SLA alerts: its click opens the ticket (or the alert
   * centre, for a group) and, where the platform has action buttons, Acknowledge acknowledges
   * every alert it stands for. False when the platform has no notification support.
   */
  showAlert(alert: AlertNotification): boolean {
    return this.present(
      {
        title: alert.title,
        body: alert.body,
        urgency: alert.urgency,
        timeoutType: alert.urgency === 'critical' ? 'never' : 'default',
        silent: alert.silent,
        ...(this.actions ? { actions: [{ type: 'button', text: ACKNOWLEDGE_ACTION }] } : {}),
      },
      alert.tag,
      alert.target,
      this.actions ? alert.keys : undefined,
    );
  }

  private present(
    options: NotificationConstructorOptions,
    tag: string | undefined,
    target: NotificationTarget | undefined,
    acknowledges?: string[],
  ): boolean {
    if (!Notification.isSupported()) return false;
    const key = tag ?? `n${++this.counter}`;
    this.live.get(key)?.close();
    const notification = new Notification(options);
    notification.on('click', () => this.handlers.onClick(target));
    if (acknowledges) {
      // The only button is Acknowledge, so any action (whatever its index) acknowledges.
      notification.on('action', () => this.handlers.onAcknowledge([...acknowledges]));
    }
    notification.on('close', () => {
      if (this.live.get(key) === notification) this.live.delete(key);
    });
    this.live.set(key, notification);
    notification.show();
    return true;
  }
}
