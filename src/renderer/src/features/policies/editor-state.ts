import type { RulesTemplate, SlaPolicy, TemplateCalendar } from '@core/index';
import { create } from 'zustand';
import type { NamedCalendar } from '../rules/rule-store';

/** The policy list as edited, with the template it came from and that template's calendars. */
export interface PolicyDraft {
  policies: SlaPolicy[];
  templateId?: RulesTemplate['id'];
  /** The template's calendars; those the desk lacks and the policies use are saved with them. */
  pendingCalendars: TemplateCalendar[];
}

/**
 * The editors' unsaved work, kept for the session outside the components so that switching tabs
 * or visiting a ticket loses nothing; saved rules live in Dexie.
 */
export interface PolicyEditorState {
  /** Null: the editor shows the stored policies. */
  policyDraft: PolicyDraft | null;
  selectedPolicy: number;
  /** Edited calendars by id; one added here exists only in this map until it is saved. */
  calendarDrafts: Record<string, NamedCalendar>;
  /** Ids of calendars added and not saved yet, in the order they were added. */
  createdCalendars: string[];
  selectedCalendarId: string | undefined;
}

const EMPTY: PolicyEditorState = {
  policyDraft: null,
  selectedPolicy: 0,
  calendarDrafts: {},
  createdCalendars: [],
  selectedCalendarId: undefined,
};

export const usePolicyEditor = create<PolicyEditorState>(() => EMPTY);

/** Drops every unsaved draft (tests start from here). */
export function resetPolicyEditor(): void {
  usePolicyEditor.setState(EMPTY, true);
}
