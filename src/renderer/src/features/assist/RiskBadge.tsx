import {
  RISK_FACTORS,
  sentimentLabel,
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

/** A risk score with its level in words (never colour alone), e.g. "72 High". */
export function RiskBadge({ risk }: { risk: RiskAssessment }) {
  return (
    <span className={`risk-badge risk-${risk.level}`} data-risk-score={risk.score}>
      <span className="visually-hidden">Risk </span>
      <strong>{risk.score}</strong> {LEVEL_WORDS[risk.level]}
    </span>
  );
}

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
  const word = label.charAt(0).toUpperCase() + label.slice(1);
  const number = `${score < 0 ? '−' : score > 0 ? '+' : ''}${Math.abs(score).toFixed(2)}`;
  return `${word} (${number})`;
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
