import { memo } from 'react';
import { ArrowDownRight, ArrowUpRight, Minus } from 'lucide-react';
import type { DrillTarget } from './figure';
import type { Kpi } from './kpis';

const VERDICT_WORDS = { better: 'better', worse: 'worse', neutral: '' } as const;

/** The overview: a card per headline figure; each card opens its tickets. */
export const KpiCards = memo(function KpiCards(props: {
  kpis: Kpi[];
  onDrill(target: DrillTarget): void;
}) {
  return (
    <ul className="kpi-grid">
      {props.kpis.map((kpi) => {
        const { change } = kpi;
        const Icon =
          change.direction === 'up'
            ? ArrowUpRight
            : change.direction === 'down'
              ? ArrowDownRight
              : Minus;
        const verdict = VERDICT_WORDS[change.verdict];
        return (
          <li key={kpi.id}>
            <button
              type="button"
              className="kpi-card"
              data-kpi={kpi.id}
              title="Open these tickets in the queue"
              onClick={() => props.onDrill(kpi.target)}
            >
              <span className="kpi-label">{kpi.label}</span>
              <span className="kpi-value">{kpi.value}</span>
              <span className="kpi-detail">{kpi.detail}</span>
              <span className={`kpi-change verdict-${change.verdict}`}>
                <Icon size={16} aria-hidden="true" />
                <span>
                  {change.text}
                  {verdict ? <strong className="kpi-verdict">, {verdict}</strong> : null}
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
});
