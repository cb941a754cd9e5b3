import {
  MIN_ROUTING_EXAMPLES,
  routingExampleOf,
  type RoutingExample,
  type Team,
  type Ticket,
} from '@core/index';
import { Check, Sparkles } from 'lucide-react';
import { useTeamSuggestions, type TeamSuggestionsState } from './assist-client';
import './assist.css';

const count = new Intl.NumberFormat();

export interface TeamSuggestionsProps {
  /** The ticket or form to route; undefined while there is nothing to ask about yet. */
  example: RoutingExample | undefined;
  /** Teams never suggested, e.g. the ticket's current team. */
  exclude?: readonly string[];
  /** The desk's teams, for their names. */
  teams: readonly Team[];
  /**
   * Called with the team the user picks ("Use Network"); nothing is ever applied without it.
   * Without it the suggestion is shown for information only.
   */
  onPick?: (teamId: string) => void;
  /** The team the form has chosen now, shown as chosen instead of offered. */
  chosenTeamId?: string | undefined;
  /** A line under the suggestions, e.g. why there is nothing to pick. */
  note?: string | undefined;
}

/** The teams that resolved tickets like this one, learned on this computer from the desk. */
export function TeamSuggestions({ example, exclude, ...rest }: TeamSuggestionsProps) {
  const state = useTeamSuggestions(example, exclude);
  return <TeamSuggestionsPanel state={state} {...rest} />;
}

/**
 * The suggestions for escalating `ticket` functionally (the ticket page's dialog and the queue's
 * form): never its current team; a pick is passed on for the form to fill its Team field.
 */
export function EscalationTeamSuggestions(props: {
  ticket: Ticket;
  teams: readonly Team[];
  chosenTeamId: string;
  onPick(teamId: string): void;
}) {
  const { ticket } = props;
  return (
    <TeamSuggestions
      example={routingExampleOf(ticket)}
      exclude={ticket.teamId ? [ticket.teamId] : []}
      teams={props.teams}
      chosenTeamId={props.chosenTeamId}
      onPick={props.onPick}
    />
  );
}

/** The routing suggestion as it stands (see TeamSuggestions). */
export function TeamSuggestionsPanel(props: {
  state: TeamSuggestionsState;
  teams: readonly Team[];
  onPick?: ((teamId: string) => void) | undefined;
  chosenTeamId?: string | undefined;
  note?: string | undefined;
}) {
  const { state, teams, onPick, chosenTeamId, note } = props;
  const nameOf = (teamId: string) => teams.find((team) => team.id === teamId)?.name ?? teamId;

  if (state.status === 'off') {
    return state.reason === 'setting' ? (
      <p className="assist-note muted small-text">
        Routing suggestions are switched off in Settings.
      </p>
    ) : null;
  }
  if (state.status === 'loading') {
    return (
      <p className="assist-note muted small-text" role="status">
        Looking for the team that resolves tickets like this…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <p className="assist-note field-error small-text" role="alert">
        No team suggestion: {state.message}
      </p>
    );
  }
  if (state.suggestions.length === 0) {
    return (
      <p className="assist-note muted small-text" role="status">
        {state.learnedFrom < MIN_ROUTING_EXAMPLES
          ? `No team suggestion yet: it needs ${count.format(MIN_ROUTING_EXAMPLES)} resolved tickets with a team to learn from (${count.format(state.learnedFrom)} so far).`
          : 'No team suggestion for this ticket.'}
      </p>
    );
  }

  return (
    <aside className="assist-routing" aria-label="Suggested teams">
      <Sparkles className="assist-icon" size={16} aria-hidden="true" />
      <div className="assist-routing-body">
        <ol className="assist-suggestion-list">
          {state.suggestions.map((suggestion, index) => {
            const name = nameOf(suggestion.teamId);
            const percent = Math.round(suggestion.confidence * 100);
            const chosen = suggestion.teamId === chosenTeamId;
            return (
              <li key={suggestion.teamId} className="assist-suggestion">
                <div className="assist-suggestion-text">
                  <p>
                    {index === 0 ? 'Suggested team: ' : 'Or: '}
                    <strong>{name}</strong> — {percent}% likely
                    {index === 0 ? (
                      <span className="muted">
                        {' '}
                        (learned from {count.format(state.learnedFrom)} resolved tickets)
                      </span>
                    ) : null}
                  </p>
                  {suggestion.reasons.length > 0 ? (
                    <details className="assist-why">
                      {/* Named for its team: several "Why?" in a row are told apart by ear. */}
                      <summary>
                        Why<span className="visually-hidden"> {name}</span>?
                      </summary>
                      <ul>
                        {suggestion.reasons.map((reason) => (
                          <li key={reason}>{reason}</li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </div>
                {onPick ? (
                  chosen ? (
                    <span className="assist-chosen small-text">
                      <Check size={14} aria-hidden="true" /> Chosen
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="button small"
                      onClick={() => onPick(suggestion.teamId)}
                    >
                      Use {name}
                    </button>
                  )
                ) : null}
              </li>
            );
          })}
        </ol>
        {note ? <p className="assist-note muted small-text">{note}</p> : null}
      </div>
    </aside>
  );
}
