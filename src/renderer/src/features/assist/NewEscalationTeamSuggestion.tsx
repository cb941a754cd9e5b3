import type { RoutingExample } from '@core/index';
import type { Team } from '@core/index';
import { useEffect, useState } from 'react';
import { TeamSuggestions } from './TeamSuggestions';

/** How long typing must pause before the suggestion is asked for again. */
export const SUGGEST_AFTER_TYPING_MS = 600;

/**
 * The routing suggestion on the new-escalation form, once a category and a description are
 * filled in. Picking a suggested team fills the form's Team field (`onPick`); nothing is chosen
 * without that click, and the field can still be changed.
 */
export function NewEscalationTeamSuggestion(props: {
  category: string;
  title: string;
  description: string;
  customerId: string | null;
  /** The desk's teams, for their names. */
  teams: readonly Team[];
  /** The team the form's Team field holds now. */
  chosenTeamId: string | null;
  onPick(teamId: string): void;
}) {
  const category = props.category.trim();
  const description = props.description.trim();
  const key =
    category && description
      ? JSON.stringify({
          category,
          text: `${props.title.trim()}\n${description}`,
          customerId: props.customerId ?? '',
        } satisfies RoutingExample)
      : undefined;
  const [asked, setAsked] = useState<string | undefined>(undefined);
  useEffect(() => {
    const timer = window.setTimeout(() => setAsked(key), SUGGEST_AFTER_TYPING_MS);
    return () => window.clearTimeout(timer);
  }, [key]);
  const example = asked === undefined ? undefined : (JSON.parse(asked) as RoutingExample);

  if (key === undefined) return null;
  return (
    <div className="field assist-new-escalation">
      <TeamSuggestions
        example={example}
        teams={props.teams}
        chosenTeamId={props.chosenTeamId ?? undefined}
        onPick={props.onPick}
      />
    </div>
  );
}
