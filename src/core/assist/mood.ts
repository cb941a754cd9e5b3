// The sentiment scale's words and a ticket's mood over time: no lexicon here, so the queue and
// the risk score can use them without loading the analyser (see sentiment.ts).

const LABEL_THRESHOLD = 0.05;
const TREND_THRESHOLD = 0.2;

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** A customer message's score at the time it was sent. */
export interface SentimentPoint {
  at: number;
  score: number;
}

export interface SentimentTrend {
  latest: number;
  average: number;
  /** Latest score minus the mean of the earlier messages (0 with one message). */
  change: number;
  direction: 'angrier' | 'calmer' | 'steady';
  messages: number;
}

/** A score as the desk writes it, with its sign: "−0.62", "+0.44", "0.00". */
export function formatScore(value: number): string {
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`;
}

/** Names a score: at or below -0.05 negative, at or above 0.05 positive (VADER's convention). */
export function sentimentLabel(score: number): SentimentLabel {
  if (score <= -LABEL_THRESHOLD) return 'negative';
  if (score >= LABEL_THRESHOLD) return 'positive';
  return 'neutral';
}

/** A ticket's customer messages over time -> where the mood is going. */
export function sentimentTrend(points: readonly SentimentPoint[]): SentimentTrend | undefined {
  if (points.length === 0) return undefined;
  const ordered = [...points].sort((a, b) => a.at - b.at);
  let total = 0;
  for (const point of ordered) total += point.score;
  const latest = ordered[ordered.length - 1]!.score;
  const earlier = ordered.length - 1;
  const change = earlier === 0 ? 0 : latest - (total - latest) / earlier;
  const direction =
    change <= -TREND_THRESHOLD ? 'angrier' : change >= TREND_THRESHOLD ? 'calmer' : 'steady';
  return { latest, average: total / ordered.length, change, direction, messages: ordered.length };
}
