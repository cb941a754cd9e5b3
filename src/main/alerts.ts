import type { PowerMonitor } from 'electron';
import {
  AlertScheduler,
  planAlertNotifications,
  type AlertFireContext,
  type AlertNotification,
} from '@core/alerts';
import {
  AlertPreferencesSchema,
  DEFAULT_ALERT_PREFERENCES,
  type AlertPreferences,
  type FiredAlertBatch,
  type ScheduleAlertsRequest,
} from '@core/contracts';
import type { SchedulerClock } from '@core/scheduler';
import { readJsonFile, writeJsonFile } from './json-file';

/** Wall-clock time and Node timers; the timer functions are looked up when called. */
export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The machine's own time zone, read at each use (the user may travel). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The most keys one `alertsAcknowledged` message carries (AcknowledgedKeysSchema's limit). */
export const MAX_ACKNOWLEDGED_KEYS_PER_MESSAGE = 10_000;

/** Splits acknowledged keys into messages the desk accepts (a summary may stand for more). */
export function acknowledgementMessages(keys: readonly string[]): string[][] {
  const messages: string[][] = [];
  for (let start = 0; start < keys.length; start += MAX_ACKNOWLEDGED_KEYS_PER_MESSAGE) {
    messages.push(keys.slice(start, start + MAX_ACKNOWLEDGED_KEYS_PER_MESSAGE));
  }
  return messages;
}

export interface DeskAlertsOptions {
  /** Shows one planned notification (DeskNotifier.showAlert). */
  notify(notification: AlertNotification): unknown;
  /** Hands a fired batch to the desk window, if there is one, so the desk records it. */
  deliver(batch: FiredAlertBatch): void;
  /** Where the alert preferences are kept between runs; without it they live in memory only. */
  preferencesFile?: string;
  clock?: SchedulerClock;
  /** The time zone for quiet hours when the preferences name none; the system's by default. */
  timeZone?: () => string;
}

function copyOf(preferences: AlertPreferences): AlertPreferences {
  return {
    ...preferences,
    followedTeamIds: [...preferences.followedTeamIds],
    quietHours: { ...preferences.quietHours },
  };
}

/**
 * Main's side of SLA alerts: the alerts the desk hands over in one scheduler on the real clock, so
 * they come due with the window hidden in the tray; each wake-up notifies what is new (grouped,
 * per the user's alert preferences) and hands the whole batch to the desk to record.
 */
export class DeskAlerts {
  private readonly scheduler: AlertScheduler;
  private preferences: AlertPreferences = copyOf(DEFAULT_ALERT_PREFERENCES);
  /** The preferences as last read from or written to the file. */
  private saved: string | undefined;
  private readonly timeZone: () => string;

  constructor(private readonly options: DeskAlertsOptions) {
    this.timeZone = options.timeZone ?? systemTimeZone;
    this.scheduler = new AlertScheduler(options.clock ?? systemClock, (batch, context) =>
      this.fire(batch, context),
    );
  }

  /** Reads the saved preferences (a missing or invalid file gives the defaults). */
  async loadPreferences(): Promise<AlertPreferences> {
    const file = this.options.preferencesFile;
    if (file) {
      this.preferences = await readJsonFile(
        file,
        AlertPreferencesSchema,
        copyOf(DEFAULT_ALERT_PREFERENCES),
      );
      this.saved = JSON.stringify(this.preferences);
    }
    return copyOf(this.preferences);
  }

  getPreferences(): AlertPreferences {
    return copyOf(this.preferences);
  }

  /** Applies new preferences at once, then saves them (a failed save only warns). */
  async setPreferences(preferences: AlertPreferences): Promise<void> {
    this.preferences = copyOf(preferences);
    const file = this.options.preferencesFile;
    const text = JSON.stringify(this.preferences);
    // The desk sends its preferences on every start: write only what changed.
    if (!file || text === this.saved) return;
    try {
      await writeJsonFile(file, this.preferences);
      this.saved = text;
    } catch (error) {
      console.warn('Could not save the alert preferences:', error);
    }
  }

  /** Replaces the pending alerts, all or per ticket (see ScheduleAlertsRequest). */
  schedule(request: ScheduleAlertsRequest): void {
    this.scheduler.schedule(request);
  }

  /** Fires what came due meanwhile (after sleep, a locked screen or a clock change). */
  recheck(): void {
    this.scheduler.recheck();
  }

  /**
   * Re-checks whenever the machine wakes or the user comes back (unlock: Windows and macOS; a
   * session becoming active: macOS). Electron has no event for a wall-clock change: the
   * scheduler's waits of at most a minute notice one.
   */
  watchPower(powerMonitor: Pick<PowerMonitor, 'on'>): void {
    const recheck = () => this.recheck();
    powerMonitor.on('resume', recheck);
    powerMonitor.on('unlock-screen', recheck);
    powerMonitor.on('user-did-become-active', recheck);
  }

  /** Alerts pending. */
  get pending(): number {
    return this.scheduler.size;
  }

  stop(): void {
    this.scheduler.stop();
  }

  // Never throws: the scheduler re-arms its timer only after this returns.
  private fire(batch: FiredAlertBatch, { tickets, fresh }: AlertFireContext): void {
    try {
      this.options.deliver(batch);
    } catch (error) {
      console.warn('Could not hand fired SLA alerts to the desk:', error);
    }
    if (fresh.length === 0) return;
    let notifications: AlertNotification[];
    try {
      notifications = planAlertNotifications(fresh, tickets, this.preferences, {
        now: batch.firedAt,
        timeZone: this.timeZone(),
      }).notifications;
    } catch (error) {
      console.warn('Could not plan the notifications of fired SLA alerts:', error);
      return;
    }
    for (const notification of notifications) {
      try {
        this.options.notify(notification);
      } catch (error) {
        console.warn('Could not show an SLA alert notification:', error);
      }
    }
  }
}
