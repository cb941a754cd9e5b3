import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Facts } from '../../components/Facts';
import { FormDialog } from '../../components/FormDialog';
import { useDemoLoad } from '../demo/demo-load-store';
import { appSyncEngine } from './app-sync';
import { RefusedList } from './RefusedList';
import { checkServerUrl, checkSignIn } from './sync-api';
import type { LocalRule, TeamRulesPlan } from './local-rules';
import type { SyncEngine } from './sync-engine';
import { focusSyncCard, SYNC_CARD_ID, takeSyncCardRequest } from './sync-card-focus';
import { useSyncState, type SyncState } from './sync-store';
import { changesCount, formatSyncTime, rowLabel } from './sync-text';
import './sync.css';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs an engine action, keeping its error sentence for the card. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A sync can outlive the card (Settings closed meanwhile): its end then changes nothing here.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (caught) {
      if (mounted.current) setError(messageOf(caught));
      return false;
    } finally {
      if (mounted.current) setBusy(false);
    }
  };
  return { busy, error, run, setError };
}

/** Settings card: optional team sync — sign in, pick a space, sync, sign out. */
export function SyncSettingsCard({ engine = appSyncEngine() }: { engine?: SyncEngine }) {
  const state = useSyncState((current) => current, engine.store);
  const id = useId();
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (takeSyncCardRequest()) focusSyncCard(card.current);
  }, []);
  let body;
  if (state.space && state.status !== 'signed_out') {
    body = <SyncingView engine={engine} state={state} />;
  } else if (state.user && !state.space && state.status !== 'signed_out') {
    body = <SpacePicker engine={engine} state={state} />;
  } else {
    body = <SignInForm engine={engine} state={state} />;
  }
  return (
    <section
      ref={card}
      id={SYNC_CARD_ID}
      className="card sync-settings"
      aria-labelledby={`${id}-title`}
      tabIndex={-1}
    >
      <h2 id={`${id}-title`}>Team sync</h2>
      {body}
    </section>
  );
}

function SignInForm({ engine, state }: { engine: SyncEngine; state: SyncState }) {
  const id = useId();
  const [serverUrl, setServerUrl] = useState(state.serverUrl ?? '');
  const [email, setEmail] = useState(state.user?.email ?? '');
  const [password, setPassword] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<ReturnType<typeof checkSignIn>>();
  const [discarding, setDiscarding] = useState(false);
  const { busy, error, run } = useAction();
  const keptSpace = state.status === 'signed_out' ? state.space : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkServerUrl(serverUrl);
    setUrlError(checked.ok ? null : checked.message);
    const problems = checkSignIn(email, password);
    setFieldErrors(problems);
    if (!checked.ok || problems) return;
    const signedIn = await run(() => engine.signIn(checked.url, email, password));
    if (signedIn) setPassword('');
  };

  return (
    <>
      {keptSpace ? (
        <div className="sync-notice" role="status">
          <p>
            <strong>Signed out of {keptSpace.name}.</strong>{' '}
            {state.pending > 0
              ? `${changesCount(state.pending)} made on this computer ${state.pending === 1 ? 'is' : 'are'} waiting; sign in again to send ${state.pending === 1 ? 'it' : 'them'}.`
              : 'Sign in again to go on syncing.'}
          </p>
          {state.error ? <p className="muted">{state.error}</p> : null}
        </div>
      ) : (
        <p className="muted">
          Off by default: the desk works fully on this computer without it. With a team sync server,
          tickets, their activity, customers, teams and rules are shared with your team’s other
          desks.
        </p>
      )}
      <form className="sync-form" onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor={`${id}-server`}>Server address</label>
        <input
          className="text-input"
          id={`${id}-server`}
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://sync.example.com"
          value={serverUrl}
          onChange={(event) => setServerUrl(event.target.value)}
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? `${id}-server-error` : undefined}
          required
        />
        {urlError ? (
          <p id={`${id}-server-error`} className="field-error small-text">
            {urlError}
          </p>
        ) : null}
        <label htmlFor={`${id}-email`}>Email</label>
        <input
          className="text-input"
          id={`${id}-email`}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={fieldErrors?.email ? true : undefined}
          aria-describedby={fieldErrors?.email ? `${id}-email-error` : undefined}
          required
        />
        {fieldErrors?.email ? (
          <p id={`${id}-email-error`} className="field-error small-text">
            {fieldErrors.email}
          </p>
        ) : null}
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          className="text-input"
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={fieldErrors?.password ? true : undefined}
          aria-describedby={fieldErrors?.password ? `${id}-password-error` : undefined}
          required
        />
        {fieldErrors?.password ? (
          <p id={`${id}-password-error`} className="field-error small-text">
            {fieldErrors.password}
          </p>
        ) : null}
        <div className="sync-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
          {keptSpace && state.pending > 0 ? (
            <button type="button" className="button" onClick={() => setDiscarding(true)}>
              Discard unsent changes
            </button>
          ) : null}
        </div>
      </form>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <FormDialog
        open={discarding}
        onOpenChange={setDiscarding}
        title="Discard unsent changes?"
        description={`The ${changesCount(state.pending)} waiting will never reach ${keptSpace?.name ?? 'the space'}, and team sync is turned off. The desk on this computer keeps them as they are.`}
        submitLabel="Discard and turn sync off"
        alert
        destructive
        onSubmit={() => engine.signOut({ discardUnsent: true })}
      />
    </>
  );
}

function SpacePicker({ engine, state }: { engine: SyncEngine; state: SyncState }) {
  const id = useId();
  const spaces = state.user?.spaces ?? [];
  const [spaceId, setSpaceId] = useState(spaces[0]?.id ?? '');
  const { busy, error, run } = useAction();
  const progress = state.progress;
  // A demo load writes thousands of tickets the join would have to rename and send half-way.
  const demoLoading = useDemoLoad((demo) => demo.phase === 'running');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => engine.joinSpace(spaceId));
  };

  return (
    <>
      <p className="muted">
        Signed in as <strong>{state.user?.name}</strong> ({state.user?.email}).
      </p>
      {spaces.length === 0 ? (
        <p className="form-error" role="alert">
          This account is not a member of any space yet; ask your sync server’s admin to add it.
        </p>
      ) : (
        <form className="sync-form" onSubmit={submit}>
          <label htmlFor={`${id}-space`}>Space</label>
          <select
            className="text-input"
            id={`${id}-space`}
            value={spaceId}
            disabled={busy}
            onChange={(event) => setSpaceId(event.target.value)}
          >
            {spaces.map((space) => (
              <option key={space.id} value={space.id}>
                {space.name}
              </option>
            ))}
          </select>
          <p className="muted small-text sync-hint">
            Every ticket, log entry, customer, team and rule on this computer is sent to the space,
            so nothing here is lost; what the space already has comes to this desk.
            {state.pending > 0
              ? ` The ${changesCount(state.pending)} still waiting for the space synced before will not be sent there.`
              : ''}
          </p>
          {demoLoading ? (
            <p id={`${id}-demo`} className="muted small-text">
              A demo desk is loading into this desk: start syncing once it has finished or been
              cancelled.
            </p>
          ) : null}
          <div className="sync-actions">
            <button
              type="submit"
              className="button primary"
              disabled={busy || !spaceId || demoLoading}
              aria-describedby={demoLoading ? `${id}-demo` : undefined}
            >
              Start syncing
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void run(() => engine.signOut())}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      {progress ? (
        <div className="sync-progress">
          <span id={`${id}-progress`}>
            Preparing {progress.total.toLocaleString('en')} rows for the space
          </span>
          <progress
            aria-labelledby={`${id}-progress`}
            max={progress.total || 1}
            value={progress.done}
          />
          <span className="muted small-text" role="status">
            {progress.done.toLocaleString('en')} of {progress.total.toLocaleString('en')}
          </span>
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

function SyncingView({ engine, state }: { engine: SyncEngine; state: SyncState }) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [keepUnsent, setKeepUnsent] = useState(true);
  const { busy, error, run } = useAction();
  const user = state.user;

  const signOut = () => {
    if (state.pending > 0) {
      setKeepUnsent(true);
      setConfirming(true);
    } else {
      void run(() => engine.signOut());
    }
  };

  return (
    <>
      <Facts
        rows={[
          ['Server', state.serverUrl ?? '—'],
          ['Signed in as', user ? `${user.name} (${user.email}), ${user.role}` : '—'],
          ['Space', state.space?.name ?? '—'],
          [
            'Last sync',
            state.syncing
              ? 'Syncing…'
              : state.lastSyncAt === undefined
                ? 'Not yet'
                : formatSyncTime(state.lastSyncAt),
          ],
          ['Waiting to send', state.pending > 0 ? changesCount(state.pending) : 'Nothing'],
        ]}
      />
      {state.tokenKept === false ? (
        <p className="muted small-text">
          This computer has no safe place to keep the sign-in: you will sign in again next time.
        </p>
      ) : null}
      {state.error && (state.status === 'error' || state.status === 'offline') ? (
        <p className="form-error" role="alert">
          {state.status === 'offline' ? 'Offline: ' : ''}
          {state.error}
          {state.status === 'offline' ? ' Changes wait here and are sent when it is back.' : ''}
        </p>
      ) : null}
      <div className="sync-actions">
        <button
          type="button"
          className="button primary"
          disabled={state.syncing || busy}
          onClick={() => void run(() => engine.syncNow())}
        >
          Sync now
        </button>
        <button type="button" className="button" disabled={busy} onClick={signOut}>
          Sign out
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {state.space ? (
        <DeskOwnRules engine={engine} synced={state.lastSyncAt !== undefined} />
      ) : null}
      <RefusedChanges engine={engine} state={state} />
      <FormDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Sign out of team sync?"
        description={`${changesCount(state.pending)} made on this computer ${state.pending === 1 ? 'has' : 'have'} not reached ${state.space?.name ?? 'the space'} yet.`}
        submitLabel={keepUnsent ? 'Sign out' : 'Discard and sign out'}
        alert
        destructive={!keepUnsent}
        onSubmit={() => engine.signOut({ discardUnsent: !keepUnsent })}
      >
        <fieldset className="sync-choices">
          <legend className="visually-hidden">Unsent changes</legend>
          <label>
            <input
              type="radio"
              name={`${id}-unsent`}
              checked={keepUnsent}
              onChange={() => setKeepUnsent(true)}
            />
            Keep them here and send them when I sign in to this space again
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-unsent`}
              checked={!keepUnsent}
              onChange={() => setKeepUnsent(false)}
            />
            Discard unsent changes (the desk keeps its data; sync is turned off)
          </label>
        </fieldset>
      </FormDialog>
    </>
  );
}

/** "policy “Store SLA”, calendar “Store hours” and the escalation matrix". */
function describeRules(rules: readonly LocalRule[]): string {
  const parts = rules.map((rule) =>
    rule.table === 'matrices'
      ? 'the escalation matrix'
      : `${rule.table === 'policies' ? 'policy' : 'calendar'} “${rule.name}”`,
  );
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]!;
}

/**
 * The rules rows this desk has and the team does not (kept from before it joined): its SLA clocks
 * and escalations use them, the team's other desks don't. One action drops them, after asking.
 */
export function DeskOwnRules({ engine, synced }: { engine: SyncEngine; synced: boolean }) {
  const id = useId();
  const plan = useLiveQuery(() => engine.teamRulesPlan(), [engine]);
  /** The plan the dialog asks about, taken when it opens (a pull meanwhile changes nothing in it). */
  const [confirming, setConfirming] = useState<TeamRulesPlan | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  if (!plan || (plan.local.length === 0 && done === null)) return null;
  const ask = () =>
    void run(async () => setConfirming(await engine.teamRulesPlan({ countUncovered: true })));
  return (
    <div className="sync-refused" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Rules of this desk only</h3>
      {plan.local.length > 0 ? (
        <p className="muted small-text">
          This desk’s SLA clocks and escalations also use {describeRules(plan.local)}, which the
          team’s other desks don’t have.{' '}
          {plan.refusal
            ? synced
              ? plan.refusal
              : 'The team’s rules have not come down yet: this desk keeps its own until they have.'
            : plan.drop.length > 0
              ? 'A manager can add them for the team, or this desk can use the team’s rules only.'
              : 'The team’s policies use them: a manager can add them for the team.'}
        </p>
      ) : null}
      {plan.drop.length > 0 && !plan.refusal ? (
        <button type="button" className="button small" disabled={busy} onClick={ask}>
          Use the team’s rules only
        </button>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p className="muted small-text" role="status">
          {done}
        </p>
      ) : null}
      {confirming && confirming.drop.length > 0 ? (
        <ConfirmDialog
          title="Use the team’s rules only?"
          description={[
            `This removes ${describeRules(confirming.drop)} from this desk, and recomputes its open tickets’ SLA clocks with the team’s rules. Nothing is sent: the team never had them.`,
            confirming.uncovered
              ? `${confirming.uncovered.toLocaleString()} open ${confirming.uncovered === 1 ? 'ticket matches' : 'tickets match'} no team policy and will have no SLA clock.`
              : '',
          ]
            .filter(Boolean)
            .join(' ')}
          confirmLabel="Remove this desk’s rules"
          onConfirm={async () => {
            const dropped = await engine.useTeamRulesOnly();
            setDone(
              dropped.length === 0
                ? 'This desk already uses the team’s rules only.'
                : `Removed ${describeRules(dropped)}. This desk now uses the team’s rules only.`,
            );
          }}
          onClose={() => setConfirming(null)}
        />
      ) : null}
    </div>
  );
}

/** The changes the server refused (each with why), and rows from it the desk could not read. */
export function RefusedChanges({ engine, state }: { engine: SyncEngine; state: SyncState }) {
  const id = useId();
  if (state.rejected.length === 0 && state.skipped.length === 0) return null;
  return (
    <div className="sync-refused" aria-labelledby={`${id}-title`} role="group">
      <h3 id={`${id}-title`}>
        {state.rejected.length > 0
          ? `${changesCount(state.rejected.length)} refused by the server`
          : 'Changes from the server not applied'}
      </h3>
      {state.rejected.length > 0 ? <RefusedList rejected={state.rejected} /> : null}
      {state.skipped.length > 0 ? (
        <>
          <p className="muted small-text">
            The server sent {changesCount(state.skipped.length)} this desk could not read; they were
            left out.
          </p>
          <ul className="sync-problem-list">
            {[...state.skipped].reverse().map((skip, index) => (
              <li key={`${skip.table}-${skip.id}-${skip.at}-${index}`}>
                <strong>{rowLabel(skip.table, skip.id)}</strong>
                <span>{skip.problem}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <button type="button" className="button small" onClick={() => void engine.dismissRejected()}>
        Clear the list
      </button>
    </div>
  );
}
