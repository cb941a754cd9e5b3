// A ticket's risk signals from its activity log. Apart from risk.ts, which scores them: the queue
// scores stored signals at start-up and must not pull in the sentiment analyser and its lexicon
// (about 145 kB), which only the workers and the ticket page need.
import type { DeskEvent } from '../tickets/desk';
import { inFoldOrder } from '../tickets/events';
import { isDoneStatus } from '../tickets/ticket';
import { sentimentTrend, type SentimentTrend } from './mood';
import { customerMessagesOf, type RiskSignals } from './risk';
import { analyzeSentiment } from './sentiment';

/** The mood of a ticket's customer messages and where it is going; undefined before the first. */
export function moodOf(events: readonly DeskEvent[]): SentimentTrend | undefined {
  return sentimentTrend(
    customerMessagesOf(events).map((message) => ({
      at: message.at,
      score: analyzeSentiment(message.body).score,
    })),
  );
}

/**
 * A ticket's risk signals from its activity log (any order): the customer messages' mood (unless
 * `sentiment` is false), assignments away from an owner or a team, and reopenings.
 */
export function riskSignalsOf(
  events: readonly DeskEvent[],
  pastEscalations: number,
  options: { sentiment?: boolean } = {},
): RiskSignals {
  let reassignments = 0;
  let teamMoves = 0;
  let reopenings = 0;
  let owner: string | undefined;
  let team: string | undefined;
  let done = false;
  for (const event of inFoldOrder(events)) {
    if (event.type === 'assigned' || event.type === 'escalated' || event.type === 'de_escalated') {
      // An imported ticket's first owner and team show only as where its first assignment came from.
      if (event.type === 'assigned') {
        owner ??= event.fromOwnerId;
        team ??= event.fromTeamId;
      }
      const ownerMoved = event.toOwnerId !== undefined && event.toOwnerId !== owner;
      const teamMoved = event.toTeamId !== undefined && event.toTeamId !== team;
      // Escalating is a hand-over by design; only assignments count, and the first is no hand-over.
      if (event.type === 'assigned') {
        const fromTeam = teamMoved && team !== undefined;
        if ((ownerMoved && owner !== undefined) || fromTeam) reassignments++;
        if (fromTeam) teamMoves++;
      }
      if (ownerMoved) owner = event.toOwnerId;
      if (teamMoved) team = event.toTeamId;
    } else if (event.type === 'created') {
      done = isDoneStatus(event.status);
    } else if (event.type === 'status_changed') {
      const nowDone = isDoneStatus(event.to);
      if (done && !nowDone) reopenings++;
      done = nowDone;
    }
  }
  const trend = options.sentiment === false ? undefined : moodOf(events);
  return {
    ...(trend === undefined ? {} : { sentiment: trend }),
    ...(options.sentiment === false ? { sentimentOff: true as const } : {}),
    reassignments,
    ...(teamMoves === 0 ? {} : { teamMoves }),
    reopenings,
    pastEscalations,
  };
}
