import type { RoutingExample } from '@core/index';
import type { Team } from '@core/index';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { db } from '../../db/database';
import { TeamSuggestions } from './TeamSuggestions';

/** How long typing must pause before the suggestion is asked for again. */
export const SUGGEST_AFTER_TYPING_MS = 600;

const NO_TEAMS: Team[] = [];

/**
 * The routing suggestion on the new-escalation form, once a category and a description are
 * filled in. The form has no team field, so it is information only: the team is chosen when the
 * ticket is escalated.
 */
export function NewEscalationTeamSuggestion(props: {
  category: string;
  title: string;
  description: string;
  customerId: string | null;
}) {
  const teams = useLiveQuery(() => db.teams.orderBy('name').toArray(), []) ?? NO_TEAMS;
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
        teams={teams}
        note="For information: the team is chosen when the ticket is escalated."
      />
    </div>
  );
}
