import { db, type DeskDatabase } from '../../db/database';
import { formFromDraft, isBlankForm, type EscalationForm } from './form';

/** The drafts-table row that holds the unfinished new-escalation form. */
export const NEW_ESCALATION_DRAFT_ID = 'new-escalation';

/** How long typing must pause before the draft is written. */
export const DRAFT_SAVE_DELAY_MS = 300;

export interface RestoredDraft {
  form: EscalationForm;
  updatedAt: number;
}

/** Keeps the form as the draft; a blank form removes the draft instead. */
export async function saveDraft(
  form: EscalationForm,
  now: number,
  database: DeskDatabase = db,
): Promise<void> {
  if (isBlankForm(form)) {
    await database.drafts.delete(NEW_ESCALATION_DRAFT_ID);
    return;
  }
  await database.drafts.put({ id: NEW_ESCALATION_DRAFT_ID, value: form, updatedAt: now });
}

/** The saved draft, or null when there is none worth restoring. */
export async function loadDraft(database: DeskDatabase = db): Promise<RestoredDraft | null> {
  const row = await database.drafts.get(NEW_ESCALATION_DRAFT_ID);
  if (!row) return null;
  const form = formFromDraft(row.value);
  if (!form || isBlankForm(form)) return null;
  return { form, updatedAt: row.updatedAt };
}

/** Throws the draft away. */
export async function discardDraft(database: DeskDatabase = db): Promise<void> {
  await database.drafts.delete(NEW_ESCALATION_DRAFT_ID);
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** When a draft was saved, as the restore notice says it: "14:32" today, else with the date. */
export function draftTimeLabel(updatedAt: number, now: number): string {
  const sameDay = new Date(updatedAt).toDateString() === new Date(now).toDateString();
  return (sameDay ? timeOfDay : dayAndTime).format(updatedAt);
}
