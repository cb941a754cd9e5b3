import { RULES_TEMPLATES, SlaPolicySchema } from '@core/index';
import { z } from 'zod';
import type { DeskDatabase } from '../../db/database';
import { keepDraft } from '../rules/kept-draft';
import { usePolicyEditor, type PolicyEditorState } from './editor-state';

/** The drafts-table row of the policy and calendar editors' unsaved work. */
export const POLICY_EDITOR_DRAFT_ID = 'policies';

const CalendarSchema = z.object({
  timeZone: z.string(),
  week: z.record(z.string(), z.array(z.object({ from: z.string(), to: z.string() }))),
  holidays: z
    .array(
      z.object({
        date: z.string(),
        name: z.string().optional(),
        recurring: z.boolean().optional(),
      }),
    )
    .optional(),
});

const NamedCalendarSchema = z.object({
  id: z.string(),
  name: z.string(),
  calendar: CalendarSchema,
});

const TEMPLATE_IDS = RULES_TEMPLATES.map((template) => template.id) as [
  (typeof RULES_TEMPLATES)[number]['id'],
  ...(typeof RULES_TEMPLATES)[number]['id'][],
];

const KeptEditorSchema = z.object({
  policyDraft: z
    .object({
      policies: z.array(SlaPolicySchema),
      templateId: z.enum(TEMPLATE_IDS).optional(),
      pendingCalendars: z.array(NamedCalendarSchema),
    })
    .nullable(),
  calendarDrafts: z.record(z.string(), NamedCalendarSchema),
  createdCalendars: z.array(z.string()),
});

/**
 * Keeps the unsaved policy list and calendars in the database while there are any, and restores
 * them in the next session (see keepDraft).
 */
export function keepPolicyEditorDrafts(
  onRestored?: (updatedAt: number) => void,
  database?: DeskDatabase,
): () => void {
  return keepDraft<PolicyEditorState>({
    id: POLICY_EDITOR_DRAFT_ID,
    store: usePolicyEditor,
    pick: ({ policyDraft, calendarDrafts, createdCalendars }) =>
      policyDraft === null && Object.keys(calendarDrafts).length === 0
        ? null
        : { policyDraft, calendarDrafts, createdCalendars },
    restore: (value) => {
      const kept = KeptEditorSchema.safeParse(value);
      return kept.success ? (kept.data as Partial<PolicyEditorState>) : null;
    },
    onRestored,
    database,
  });
}
