import { z } from 'zod';

/** Which assist features are on; each can be switched off in Settings. */
export interface AssistSettings {
  /** Score customer messages (timeline, mood trend, sentiment triggers, the risk's mood factor). */
  sentiment: boolean;
  /** Score every open ticket's escalation risk (queue column, "High risk" view, risk triggers). */
  risk: boolean;
  /** Suggest the team to route a new or functionally escalated ticket to. */
  routing: boolean;
  /** Show past escalations similar to a ticket. */
  similar: boolean;
}

/** Everything on: nothing leaves the machine, so there is no reason to start with any off. */
export const DEFAULT_ASSIST_SETTINGS: Readonly<AssistSettings> = {
  sentiment: true,
  risk: true,
  routing: true,
  similar: true,
};

/** Shape of the stored assist settings; a missing switch is on. */
export const AssistSettingsSchema = z.object({
  sentiment: z.boolean().default(true),
  risk: z.boolean().default(true),
  routing: z.boolean().default(true),
  similar: z.boolean().default(true),
}) satisfies z.ZodType<AssistSettings, unknown>;
