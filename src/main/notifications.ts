import { Notification } from 'electron';
import type { NotificationRequest } from '@core/contracts';

/**
 * Shows desk notifications. Keeps a reference to each until it is closed (a collected Notification
 * loses its click handler) and replaces an earlier one with the same tag.
 */
export class DeskNotifier {
  private readonly live = new Map<string, Notification>();
  private counter = 0;

  constructor(private readonly onClick: (ticketId: string | undefined) => void) {}

  /** False when the platform has no notification support; the renderer then alerts in-app. */
  show(request: NotificationRequest): boolean {
    if (!Notification.isSupported()) return false;
    const key = request.tag ?? `n${++this.counter}`;
    this.live.get(key)?.close();
    const notification = new Notification({
      title: request.title,
      body: request.body,
      urgency: request.urgency ?? 'normal',
      timeoutType: request.urgency === 'critical' ? 'never' : 'default',
    });
    notification.on('click', () => this.onClick(request.ticketId));
    notification.on('close', () => {
      if (this.live.get(key) === notification) this.live.delete(key);
    });
    this.live.set(key, notification);
    notification.show();
    return true;
  }
}
