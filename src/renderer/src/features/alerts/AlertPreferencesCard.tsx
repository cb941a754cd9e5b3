import type { AlertPreferences } from '@core/contracts';
import { useLiveQuery } from 'dexie-react-hooks';
import { Check } from 'lucide-react';
import { useId, useState } from 'react';
import {
  Checkbox,
  CheckboxGroup,
  FieldError,
  Label,
  Radio,
  RadioGroup,
  Switch,
  Text,
} from 'react-aria-components';
import { db } from '../../db/database';
import { useSetting, writeSetting } from '../../db/settings';

/** The card's form: the preferences as edited, including values not valid to store yet. */
interface Draft {
  teams: 'all' | 'chosen';
  chosenTeamIds: string[];
  quietEnabled: boolean;
  from: string;
  to: string;
  soundOnBreach: boolean;
  timeZone: string | undefined;
}

interface DraftErrors {
  teams?: string;
  from?: string;
  to?: string;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function draftOf(preferences: AlertPreferences): Draft {
  return {
    teams: preferences.followedTeamIds.length ? 'chosen' : 'all',
    chosenTeamIds: preferences.followedTeamIds,
    quietEnabled: preferences.quietHours.enabled,
    from: preferences.quietHours.from,
    to: preferences.quietHours.to,
    soundOnBreach: preferences.soundOnBreach,
    timeZone: preferences.timeZone,
  };
}

function timeError(value: string): string | undefined {
  if (value === '') return 'Enter a time, for example 22:00.';
  if (!CLOCK_TIME.test(value)) return 'Write the time as HH:MM, from 00:00 to 23:59.';
  return undefined;
}

/** What keeps a draft from being stored; empty when it can be. */
function validate(draft: Draft): DraftErrors {
  const errors: DraftErrors = {};
  if (draft.teams === 'chosen' && draft.chosenTeamIds.length === 0) {
    errors.teams = 'Choose at least one team, or follow all teams.';
  }
  const from = timeError(draft.from);
  const to = timeError(draft.to);
  if (from) errors.from = from;
  if (to) errors.to = to;
  if (!from && !to && draft.quietEnabled && draft.from === draft.to) {
    errors.to = 'Quiet hours need an end time different from the start time.';
  }
  return errors;
}

function preferencesOf(draft: Draft): AlertPreferences {
  return {
    followedTeamIds: draft.teams === 'all' ? [] : draft.chosenTeamIds,
    quietHours: { enabled: draft.quietEnabled, from: draft.from, to: draft.to },
    soundOnBreach: draft.soundOnBreach,
    ...(draft.timeZone ? { timeZone: draft.timeZone } : {}),
  };
}

const clock = new Intl.DateTimeFormat(undefined, {
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** "22:00" as the time fields show it here, e.g. "10:00 PM" or "22:00". */
function clockText(time: string): string {
  const [hours, minutes] = time.split(':').map(Number);
  return clock.format(Date.UTC(2000, 0, 1, hours ?? 0, minutes ?? 0));
}

function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Settings card: which teams' alerts notify this user, quiet hours and a sound on breach. */
export function AlertPreferencesCard() {
  const stored = useSetting('alertPreferences');
  const teams = useLiveQuery(() => db.teams.orderBy('name').toArray(), []);
  // The form as edited; until the first edit it follows the stored value.
  const [edited, setEdited] = useState<Draft | null>(null);
  const [status, setStatus] = useState('');
  const id = useId();
  const draft = edited ?? (stored ? draftOf(stored) : null);
  const errors = draft ? validate(draft) : {};

  if (!draft) {
    return (
      <section className="card" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>Alert preferences</h2>
        <p className="muted">Reading…</p>
      </section>
    );
  }

  const change = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setEdited(next);
    if (Object.keys(validate(next)).length > 0) {
      setStatus('Not saved: correct the marked field.');
      return;
    }
    setStatus('Saving…');
    writeSetting('alertPreferences', preferencesOf(next)).then(
      () => setStatus('Saved.'),
      (error: unknown) =>
        setStatus(`Not saved: ${error instanceof Error ? error.message : String(error)}`),
    );
  };

  const timeZone = draft.timeZone ?? localTimeZone();
  const crossesMidnight = !errors.from && !errors.to && draft.from > draft.to;
  const noTeams = teams !== undefined && teams.length === 0;

  return (
    <section className="card alert-preferences" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Alert preferences</h2>
      <p className="muted">
        Which alerts notify you on this computer. The alert centre still lists every alert.
      </p>

      <RadioGroup
        className="pref-group"
        value={draft.teams}
        onChange={(value) => change({ teams: value === 'chosen' ? 'chosen' : 'all' })}
      >
        <Label className="pref-label">Teams I follow</Label>
        <div className="pref-options">
          <Radio value="all" className="pref-choice">
            <span className="radio-mark" aria-hidden="true" />
            All teams
          </Radio>
          <Radio value="chosen" className="pref-choice" isDisabled={noTeams}>
            <span className="radio-mark" aria-hidden="true" />
            Only the teams I choose
          </Radio>
        </div>
        <Text slot="description" className="muted small-text">
          {noTeams ? 'The desk has no teams yet. ' : ''}
          Tickets with no team always notify.
        </Text>
      </RadioGroup>

      {draft.teams === 'chosen' ? (
        <CheckboxGroup
          className="pref-group team-choices"
          value={draft.chosenTeamIds}
          onChange={(chosenTeamIds) => change({ chosenTeamIds })}
          isInvalid={errors.teams !== undefined}
          validationBehavior="aria"
        >
          <Label className="pref-label">Teams to follow</Label>
          <div className="team-list">
            {(teams ?? []).map((team) => (
              <Checkbox key={team.id} value={team.id} className="pref-choice">
                <span className="check-mark" aria-hidden="true">
                  <Check size={12} strokeWidth={3} />
                </span>
                {team.name}
              </Checkbox>
            ))}
          </div>
          <FieldError className="field-error">{errors.teams}</FieldError>
        </CheckboxGroup>
      ) : null}

      <div className="pref-group">
        <Switch
          className="pref-switch"
          isSelected={draft.quietEnabled}
          onChange={(quietEnabled) => change({ quietEnabled })}
          aria-describedby={`${id}-quiet-hint`}
        >
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          Quiet hours
        </Switch>
        <p id={`${id}-quiet-hint`} className="muted small-text">
          No system notifications during these hours. Times are in {timeZone.replaceAll('_', ' ')}.
        </p>
        <div className="quiet-times">
          {(['from', 'to'] as const).map((end) => (
            <div key={end} className="quiet-time">
              <label htmlFor={`${id}-${end}`}>{end === 'from' ? 'From' : 'To'}</label>
              <input
                className="text-input"
                id={`${id}-${end}`}
                type="time"
                value={draft[end]}
                required
                aria-invalid={errors[end] ? true : undefined}
                aria-describedby={errors[end] ? `${id}-${end}-error` : undefined}
                onChange={(event) =>
                  change(end === 'from' ? { from: event.target.value } : { to: event.target.value })
                }
              />
              {errors[end] ? (
                <p id={`${id}-${end}-error`} className="field-error small-text">
                  {errors[end]}
                </p>
              ) : null}
            </div>
          ))}
        </div>
        {draft.quietEnabled && crossesMidnight ? (
          <p className="muted small-text">
            Runs over midnight: from {clockText(draft.from)} until {clockText(draft.to)} the next
            morning.
          </p>
        ) : null}
      </div>

      <div className="pref-group">
        <Switch
          className="pref-switch"
          isSelected={draft.soundOnBreach}
          onChange={(soundOnBreach) => change({ soundOnBreach })}
          aria-describedby={`${id}-sound-hint`}
        >
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          Play a sound on breach
        </Switch>
        <p id={`${id}-sound-hint`} className="muted small-text">
          Breach notifications play the system sound; warnings and escalations stay silent.
        </p>
      </div>

      <p className="muted small-text pref-status" role="status">
        {status}
      </p>
    </section>
  );
}
