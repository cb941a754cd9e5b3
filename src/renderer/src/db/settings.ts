import { useLiveQuery } from 'dexie-react-hooks';
import { z } from 'zod';
import {
  AlertPreferencesSchema,
  AssistSettingsSchema,
  DEFAULT_ASSIST_SETTINGS,
  type AssistSettings,
  CHANNELS,
  DEFAULT_ALERT_PREFERENCES,
  type AlertPreferences,
  type Channel,
} from '@core/index';
import { db, type DeskDatabase } from './database';

/** How many desk codes of renamed tickets are remembered (one per join of a team). */
export const RENAMED_CODES_KEPT = 20;

export const ThemePreferenceSchema = z.enum(['system', 'light', 'dark']);
export type ThemePreference = z.infer<typeof ThemePreferenceSchema>;

/** The value type of each setting. */
export interface SettingValues {
  theme: ThemePreference;
  /** The channel a new escalation starts with: the one used last on this computer. */
  newEscalationChannel: Channel;
  /** Which alerts notify on this computer: followed teams, quiet hours, sound. */
  alertPreferences: AlertPreferences;
  /** The queue view the queue opens with: a built-in view id or a saved view's id. */
  defaultQueueView: string;
  /** Which assist features (sentiment, risk, routing, similar escalations) are on. */
  assist: AssistSettings;
  /**
   * The desk codes this desk's tickets took when it joined a team (ESC-1001 became
   * ESC-3FA2C1D9-1001), newest first: an old id (a link, a note, a notification) still opens its ticket.
   */
  renamedTicketCodes: string[];
}
type SettingKey = keyof SettingValues;
type SettingValue<K extends SettingKey> = SettingValues[K];

/** Each setting's schema and default. */
const SETTINGS: {
  [K in SettingKey]: { schema: z.ZodType<SettingValues[K]>; fallback: SettingValues[K] };
} = {
  theme: { schema: ThemePreferenceSchema, fallback: 'system' },
  newEscalationChannel: { schema: z.enum(CHANNELS), fallback: 'store' },
  alertPreferences: {
    schema: AlertPreferencesSchema,
    fallback: structuredClone(DEFAULT_ALERT_PREFERENCES) as AlertPreferences,
  },
  // 'all' is the built-in "All open" view.
  defaultQueueView: { schema: z.string().min(1), fallback: 'all' },
  assist: { schema: AssistSettingsSchema, fallback: { ...DEFAULT_ASSIST_SETTINGS } },
  renamedTicketCodes: {
    schema: z.array(z.string().regex(/^[0-9A-Z]{4,}$/)).max(RENAMED_CODES_KEPT),
    fallback: [],
  },
};

/** Reads a setting; a missing or invalid stored value gives the default. */
export async function readSetting<K extends SettingKey>(
  key: K,
  database: DeskDatabase = db,
): Promise<SettingValue<K>> {
  const row = await database.settings.get(key);
  const parsed = SETTINGS[key].schema.safeParse(row?.value);
  return parsed.success ? parsed.data : SETTINGS[key].fallback;
}

/** Writes a setting after validating it. */
export async function writeSetting<K extends SettingKey>(
  key: K,
  value: SettingValue<K>,
  database: DeskDatabase = db,
): Promise<void> {
  await database.settings.put({ key, value: SETTINGS[key].schema.parse(value) });
}

/** A setting read live from the database (undefined until the first read). */
export function useSetting<K extends SettingKey>(key: K): SettingValue<K> | undefined {
  return useLiveQuery(() => readSetting(key), [key]);
}
