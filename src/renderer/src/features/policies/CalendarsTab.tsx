import { validateCalendar, type CalendarProblem } from '@core/index';
import { Plus, Trash2 } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useDeskStore } from '../../store';
import { RuleHistory } from '../rules/RuleHistory';
import {
  deleteCalendar,
  saveCalendar,
  useCalendars,
  usePolicies,
  type NamedCalendar,
} from '../rules/rule-store';
import { useImpactConfirm } from '../rules/impact-confirm';
import { WhatIfPanel } from '../rules/WhatIfPanel';
import { calendarProblemsAt, officeHours } from './calendar-draft';
import { usePolicyEditor } from './editor-state';
import { describedBy, FieldErrors } from './fields';
import { HolidaysEditor } from './HolidaysEditor';
import { sameRules, slug, uniqueId } from './policy-draft';
import { SaveBar } from './SaveBar';
import { TimeZoneField } from './TimeZoneField';
import { WeeklyHours } from './WeeklyHours';

function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The Calendars tab: the stored business calendars, and an editor for one. */
export function CalendarsTab() {
  const stored = useCalendars();
  const policies = usePolicies();
  const id = useId();
  const drafts = usePolicyEditor((state) => state.calendarDrafts);
  const created = usePolicyEditor((state) => state.createdCalendars);
  const selectedId = usePolicyEditor((state) => state.selectedCalendarId);
  const setSelectedId = (selectedCalendarId: string | undefined) =>
    usePolicyEditor.setState({ selectedCalendarId });

  if (stored === undefined) return <p className="muted">Reading the calendars…</p>;

  const rows: NamedCalendar[] = [
    ...stored.map(({ id: calendarId, name, calendar }) => ({ id: calendarId, name, calendar })),
    ...created.flatMap((calendarId) => drafts[calendarId] ?? []),
  ];
  const storedById = new Map(stored.map((row) => [row.id, row]));
  const isDirty = (calendarId: string) => {
    const draft = drafts[calendarId];
    const row = storedById.get(calendarId);
    if (!draft) return false;
    if (!row) return true;
    return !sameRules(
      { name: draft.name, calendar: draft.calendar },
      { name: row.name, calendar: row.calendar },
    );
  };
  const currentId = rows.some((row) => row.id === selectedId) ? selectedId : rows[0]?.id;
  const current = currentId
    ? (drafts[currentId] ?? rows.find((row) => row.id === currentId))
    : undefined;

  const update = (calendarId: string, change: (calendar: NamedCalendar) => NamedCalendar) => {
    const base = rows.find((row) => row.id === calendarId);
    usePolicyEditor.setState(({ calendarDrafts }) => {
      const from = calendarDrafts[calendarId] ?? base;
      return from ? { calendarDrafts: { ...calendarDrafts, [calendarId]: change(from) } } : {};
    });
  };
  const forget = (calendarId: string) => {
    usePolicyEditor.setState(({ calendarDrafts, createdCalendars }) => {
      const next = { ...calendarDrafts };
      delete next[calendarId];
      return {
        calendarDrafts: next,
        createdCalendars: createdCalendars.filter((c) => c !== calendarId),
      };
    });
  };
  const addCalendar = () => {
    const calendarId = uniqueId(
      slug('calendar'),
      rows.map((row) => row.id),
    );
    usePolicyEditor.setState(({ calendarDrafts, createdCalendars }) => ({
      calendarDrafts: {
        ...calendarDrafts,
        [calendarId]: {
          id: calendarId,
          name: 'New calendar',
          calendar: officeHours(localTimeZone()),
        },
      },
      createdCalendars: [...createdCalendars, calendarId],
      selectedCalendarId: calendarId,
    }));
  };

  return (
    <div className="policy-layout">
      <section className="card policy-list-card" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>Business calendars</h2>
        <p className="field-hint">
          Working hours and holidays that business-hours targets count in.
        </p>
        <div className="policy-toolbar">
          <button type="button" className="button" onClick={addCalendar}>
            <Plus size={16} aria-hidden="true" />
            Add calendar
          </button>
        </div>
        {rows.length === 0 ? (
          <p className="muted">No calendars yet: targets can only count calendar time.</p>
        ) : (
          <ul className="policy-list">
            {rows.map((row) => {
              const shown = drafts[row.id] ?? row;
              return (
                <li key={row.id} className={row.id === currentId ? 'selected' : ''}>
                  <button
                    type="button"
                    className="policy-list-item"
                    aria-current={row.id === currentId ? 'true' : undefined}
                    onClick={() => setSelectedId(row.id)}
                  >
                    <span className="policy-list-name">{shown.name.trim() || row.id}</span>
                    <span className="policy-list-detail">
                      {shown.calendar.timeZone}
                      {!storedById.has(row.id) ? (
                        <span className="chip tone-risk">Not saved yet</span>
                      ) : isDirty(row.id) ? (
                        <span className="chip tone-risk">Unsaved</span>
                      ) : null}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {current ? (
        <CalendarForm
          key={current.id}
          draft={current}
          isNew={!storedById.has(current.id)}
          dirty={isDirty(current.id)}
          usedBy={(policies?.policies ?? [])
            .filter((policy) => policy.calendar === current.id)
            .map((policy) => policy.name.trim() || policy.id)}
          onChange={(change) => update(current.id, change)}
          onDiscard={() => forget(current.id)}
          onSaved={() => forget(current.id)}
          onDeleted={() => {
            forget(current.id);
            setSelectedId(undefined);
          }}
        />
      ) : null}
    </div>
  );
}

function CalendarForm(props: {
  draft: NamedCalendar;
  isNew: boolean;
  dirty: boolean;
  usedBy: string[];
  onChange: (change: (calendar: NamedCalendar) => NamedCalendar) => void;
  onDiscard: () => void;
  onSaved: () => void;
  onDeleted: () => void;
}) {
  const { draft, onChange } = props;
  const id = useId();
  const pushToast = useDeskStore((state) => state.pushToast);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [deleting, setDeleting] = useState(false);
  const [deleteRefusal, setDeleteRefusal] = useState<string>();
  const [now] = useState(() => Date.now());
  const impact = useImpactConfirm();

  const problems: CalendarProblem[] = useMemo(
    () => [
      ...(draft.name.trim() ? [] : [{ path: 'name', message: 'Give the calendar a name.' }]),
      ...validateCalendar(draft.calendar),
    ],
    [draft],
  );
  const at = (path: string) => calendarProblemsAt(problems, path).map((p) => p.message);
  const proposed = useMemo(
    () => ({ calendars: [{ id: draft.id, name: draft.name, calendar: draft.calendar }] }),
    [draft],
  );

  const save = async () => {
    setSaving(true);
    setSaveError(undefined);
    try {
      const { version } = await saveCalendar(draft, props.isNew ? { note: 'New calendar' } : {});
      props.onSaved();
      pushToast({
        tone: 'success',
        title: 'Calendar saved',
        body: `${draft.name}: version ${version}. Open tickets' SLA clocks are being updated.`,
      });
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  const saveBlocked = problems.length
    ? `Correct the ${problems.length === 1 ? 'problem' : `${problems.length} problems`} marked above before saving.`
    : !props.dirty
      ? 'There are no changes to save.'
      : undefined;
  const nameErrors = at('name');
  const zoneErrors = at('timeZone');

  return (
    <div className="calendar-editor">
      <section className="card" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>
          {draft.name.trim() || draft.id}
          {props.isNew ? <span className="chip tone-risk">Not saved yet</span> : null}
        </h2>
        <div className="calendar-basics">
          <div className="policy-field">
            <label htmlFor={`${id}-name`} className="field-label">
              Calendar name
            </label>
            <input
              id={`${id}-name`}
              type="text"
              value={draft.name}
              onChange={(event) => {
                const name = event.target.value;
                onChange((c) => ({ ...c, name }));
              }}
              aria-invalid={nameErrors.length ? true : undefined}
              aria-describedby={describedBy(nameErrors.length > 0 && `${id}-name-error`)}
            />
            <FieldErrors id={`${id}-name-error`} messages={nameErrors} />
          </div>
          <TimeZoneField
            value={draft.calendar.timeZone}
            now={now}
            error={zoneErrors.length ? zoneErrors.join(' ') : undefined}
            onChange={(timeZone) =>
              onChange((c) => ({ ...c, calendar: { ...c.calendar, timeZone } }))
            }
          />
        </div>
      </section>

      <WeeklyHours
        calendar={draft.calendar}
        problems={problems}
        onChange={(change) => onChange((c) => ({ ...c, calendar: change(c.calendar) }))}
      />

      <HolidaysEditor
        calendar={draft.calendar}
        problems={problems}
        onChange={(change) => onChange((c) => ({ ...c, calendar: change(c.calendar) }))}
      />

      <section className="card" aria-labelledby={`${id}-save`}>
        <h2 id={`${id}-save`}>Save</h2>
        {problems.length ? (
          <div className="policy-problems" role="status">
            <p className="form-summary">
              {problems.length === 1 ? '1 problem' : `${problems.length} problems`} to correct
              before saving:
            </p>
            <ul>
              {problems.map((problem, i) => (
                <li key={`${problem.path}-${i}`}>
                  {problem.path ? <code>{problem.path}</code> : null} {problem.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <SaveBar
          saveLabel="Save calendar"
          onSave={() => impact.confirmThenSave(() => void save())}
          saving={saving}
          blocked={saveBlocked}
          canDiscard={props.dirty}
          onDiscard={() => {
            setSaveError(undefined);
            props.onDiscard();
          }}
          error={saveError}
        >
          {!props.isNew ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                if (props.usedBy.length) {
                  setDeleteRefusal(
                    `This calendar can't be deleted: it is used by ${props.usedBy.length === 1 ? 'policy' : 'policies'} ${props.usedBy.map((name) => `'${name}'`).join(', ')}. Choose another calendar for ${props.usedBy.length === 1 ? 'it' : 'them'} first.`,
                  );
                } else {
                  setDeleteRefusal(undefined);
                  setDeleting(true);
                }
              }}
            >
              <Trash2 size={16} aria-hidden="true" />
              Delete calendar
            </button>
          ) : null}
          {props.dirty ? <span className="chip tone-risk">Unsaved changes</span> : null}
        </SaveBar>
        {deleteRefusal ? (
          <p className="form-error" role="alert">
            {deleteRefusal}
          </p>
        ) : null}
      </section>

      {props.dirty ? (
        <WhatIfPanel
          proposed={proposed}
          disabled={problems.length > 0}
          onPreview={impact.onPreview}
        />
      ) : null}
      {!props.isNew ? <RuleHistory kind="calendar" subject={draft.id} /> : null}
      {impact.dialog}

      {deleting ? (
        <ConfirmDialog
          title="Delete calendar"
          description={`Delete the calendar '${draft.name}'? Its saved versions stay in the history.`}
          confirmLabel="Delete calendar"
          onConfirm={async () => {
            // Refused (naming the policies) if one started using it meanwhile; the dialog shows why.
            await deleteCalendar(draft.id);
            props.onDeleted();
            pushToast({ tone: 'success', title: 'Calendar deleted', body: draft.name });
          }}
          onClose={() => setDeleting(false)}
        />
      ) : null}
    </div>
  );
}
