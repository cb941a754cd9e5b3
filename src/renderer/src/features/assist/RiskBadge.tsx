import {
  formatScore,
  RISK_FACTORS,
  riskLevel,
  sentimentLabel,
  type SentimentLabel,
  type RiskAssessment,
  type RiskFactor,
  type RiskLevel,
  type SentimentTrend,
} from '@core/index';
import './risk.css';

/** How each risk factor is named on screen. */
export const RISK_FACTOR_LABELS: Record<RiskFactor, string> = {
  sentiment: 'Customer mood',
  sla: 'SLA',
  reassignments: 'Hand-overs',
  reopenings: 'Reopened',
  tier: 'Customer tier',
  age: 'Age',
  customer_history: 'Customer history',
};

const LEVEL_WORDS: Record<RiskLevel, string> = { high: 'High', medium: 'Medium', low: 'Low' };
const LEVEL_TONES: Record<RiskLevel, string> = {
  high: ' tone-breached',
  medium: ' tone-risk',
  low: '',
};

/** A risk score with its level in words (never colour alone), e.g. "72 High". */
export function RiskBadge({ score }: { score: number }) {
  const level = riskLevel(score);
  return (
    <span className={`chip risk-badge${LEVEL_TONES[level]}`} data-risk-score={score}>
      <span className="visually-hidden">Risk </span>
      {score} <span className="risk-word">{LEVEL_WORDS[level]}</span>
    </span>
  );
}

/** The app's chip tone for a sentiment label. */
export const SENTIMENT_TONES: Record<SentimentLabel, string> = {
  negative: ' tone-breached',
  neutral: '',
  positive: ' tone-ok',
};

/** Why a risk score is what it is: every factor's points out of its maximum, and in words. */
export function RiskReasonsList({ risk }: { risk: RiskAssessment }) {
  const byFactor = new Map(risk.reasons.map((reason) => [reason.factor, reason]));
  return (
    <ul className="risk-reasons" aria-label="Why this score">
      {RISK_FACTORS.map((factor) => {
        const reason = byFactor.get(factor);
        if (!reason) return null;
        return (
          <li key={factor} className={reason.points > 0 ? 'adds' : undefined}>
            <span className="risk-reason-points">
              +{reason.points}
              <span className="muted">/{reason.max}</span>
            </span>
            <span className="risk-reason-name">{RISK_FACTOR_LABELS[factor]}</span>
            <span className="risk-reason-detail">{reason.detail}</span>
          </li>
        );
      })}
      <li className="risk-total">
        <span className="risk-reason-points">={risk.score}</span>
        <span className="risk-reason-name">Escalation risk</span>
        <span className="risk-reason-detail">out of 100</span>
      </li>
    </ul>
  );
}

/** A sentiment score as words and number, e.g. "Negative (−0.62)". */
export function sentimentText(score: number): string {
  const label = sentimentLabel(score);
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} (${formatScore(score)})`;
}

/** The mood of a ticket's customer messages: the last one's and which way it is going. */
export function moodText(trend: SentimentTrend): string {
  const last = sentimentText(trend.latest);
  if (trend.messages < 2) return `${last}, from one message`;
  const way =
    trend.direction === 'angrier'
      ? 'getting angrier'
      : trend.direction === 'calmer'
        ? 'getting calmer'
        : 'steady';
  return `${last}, ${way} over ${trend.messages} messages`;
}
