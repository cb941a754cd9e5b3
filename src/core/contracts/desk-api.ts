import { z } from 'zod';
import type { AlertPreferences, FiredAlertBatch, ScheduleAlertsPayload } from './alerts';
import {
  MAX_EMAIL_LENGTH,
  MAX_PASSWORD_LENGTH,
  ServerUrlSchema,
  type SessionOutcome,
} from '../sync/session';
import { checkExternalUrl } from './external-url';

const ticketId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'a ticket id has only letters, digits, "-" and "_"');

/** A notification the desk asks the host to show. */
export const NotificationRequestSchema = z.strictObject({
  title: z.string().min(1, 'a notification needs a title').max(200),
  body: z.string().max(1000),
  /** The ticket to open when the notification is clicked. */
  ticketId: ticketId.optional(),
  /** Notifications with the same tag replace each other instead of piling up. */
  tag: z.string().max(100).optional(),
  urgency: z.enum(['low', 'normal', 'critical']).optional(),
  /** No sound; by default the system decides. */
  silent: z.boolean().optional(),
});
export type NotificationRequest = z.infer<typeof NotificationRequestSchema>;

/** Counts shown on the dock/taskbar badge and in the tray tooltip. */
export const BadgeCountsSchema = z.strictObject({
  breached: z.number().int().min(0).max(1_000_000),
  atRisk: z.number().int().min(0).max(1_000_000),
});
export type BadgeCounts = z.infer<typeof BadgeCountsSchema>;

/** A link to open in the system browser: http(s) only, no credentials. */
export const ExternalUrlSchema = z.string().transform((value, ctx) => {
  const check = checkExternalUrl(value);
  if (!check.ok) {
    ctx.addIssue({ code: 'custom', message: check.reason });
    return z.NEVER;
  }
  return check.url;
});

/** Settings that belong to the host process rather than the desk's data. */
export const HostSettingsSchema = z.strictObject({
  /** Closing the window hides it to the tray so SLA alerts keep coming. */
  keepRunningInTray: z.boolean(),
});
export type HostSettings = z.infer<typeof HostSettingsSchema>;

export const HostSettingsPatchSchema = HostSettingsSchema.partial().strict();
export type HostSettingsPatch = z.infer<typeof HostSettingsPatchSchema>;

/**
 * A request to save the page as it prints (the matrix's print view) as a PDF. The name is only
 * what the save dialog proposes: a plain file name ending in .pdf, no folders.
 */
export const PrintToPdfRequestSchema = z.strictObject({
  fileName: z
    .string()
    .max(120, 'a file name of at most 120 characters')
    .regex(
      /^[A-Za-z0-9_][A-Za-z0-9_ .()-]*\.pdf$/i,
      'a plain file name ending in .pdf (letters, digits, spaces, "_", "-", ".", "(" and ")"; no folders)',
    ),
  landscape: z.boolean(),
});
export type PrintToPdfRequest = z.infer<typeof PrintToPdfRequestSchema>;

/**
 * What became of a PDF: saved where the user chose, cancelled in the save dialog, or (in a
 * browser) handed to the browser's print dialog, whose destinations include saving as PDF.
 */
export type PrintToPdfResult =
  { outcome: 'saved'; path: string } | { outcome: 'cancelled' } | { outcome: 'print-dialog' };

/** Facts about the running app, shown in Settings and in error reports. */
export interface AppInfo {
  name: string;
  version: string;
  host: 'electron' | 'browser';
  platform: string;
  /** Runtime versions, e.g. electron, chrome, node; empty in a browser. */
  versions: Record<string, string>;
  /** Whether the host can show system notifications at all. */
  notificationsSupported: boolean;
  /** Whether host settings (tray behaviour) apply. */
  hasTray: boolean;
}

/** Signing in to the sync server through the host (which keeps the sign-in; see SessionBroker). */
export const SyncSignInRequestSchema = z.strictObject({
  serverUrl: ServerUrlSchema,
  email: z.string().min(1).max(MAX_EMAIL_LENGTH),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
export type SyncSignInRequest = z.infer<typeof SyncSignInRequestSchema>;

/** What a clicked notification opens: one ticket, or the alert centre (a grouped alert). */
export type NotificationTarget = { ticketId: string } | { view: 'alerts' };

/** Everything the renderer needs from the machine; ElectronHost and BrowserHost implement it. */
export interface DeskApi {
  getAppInfo(): Promise<AppInfo>;
  /** Shows a system notification; resolves to false when the host could not show one. */
  showNotification(request: NotificationRequest): Promise<boolean>;
  setBadgeCounts(counts: BadgeCounts): Promise<void>;
  /** Opens an http(s) link in the system browser; rejects any other link. */
  openExternal(url: string): Promise<void>;
  getHostSettings(): Promise<HostSettings>;
  setHostSettings(patch: HostSettingsPatch): Promise<HostSettings>;
  /** Subscribes to clicks on the desk's notifications; returns the unsubscribe function. */
  onNotificationClick(listener: (target: NotificationTarget) => void): () => void;
  /**
   * Hands the host the SLA alerts to raise (keyed, idempotent; see ScheduleAlertsRequest). The
   * host's scheduler raises them on time even with the window hidden, notifies (grouped, per the
   * alert preferences) and reports each batch to `onAlertsFired`.
   */
  scheduleAlerts(request: ScheduleAlertsPayload): Promise<void>;
  /** Which alerts notify (followed teams, quiet hours, sound). */
  setAlertPreferences(preferences: AlertPreferences): Promise<void>;
  /** Subscribes to alerts coming due; the desk records them. Returns the unsubscribe function. */
  onAlertsFired(listener: (batch: FiredAlertBatch) => void): () => void;
  /** Subscribes to alerts acknowledged from a notification's action button. */
  onAlertsAcknowledged(listener: (keys: string[]) => void): () => void;
  /** Saves the page as it prints as a PDF where the user chooses (a print dialog in a browser). */
  printToPdf(request: PrintToPdfRequest): Promise<PrintToPdfResult>;
  /**
   * Signs in to the sync server and keeps the sign-in (encrypted with the OS keychain on desktop;
   * the page never sees its refresh token). The session says whether it outlasts this one.
   */
  syncSignIn(request: SyncSignInRequest): Promise<SessionOutcome>;
  /** A new access token from the sign-in kept for this server. */
  syncRefresh(serverUrl: string): Promise<SessionOutcome>;
  /** Forgets the kept sign-in and ends it on its server when that can be reached. */
  syncSignOut(): Promise<void>;
  /** Whether a sign-in is kept for this server. */
  syncHasSignIn(serverUrl: string): Promise<boolean>;
}

/** Turns a zod failure into one readable sentence naming each problem and where it is. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

/** Validates an IPC payload; throws an error naming every problem when it does not fit. */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown, channel: string): T {
  const result = schema.safeParse(payload);
  if (!result.success) {
    throw new Error(`Rejected ${channel} payload: ${describeIssues(result.error)}`);
  }
  return result.data;
}
