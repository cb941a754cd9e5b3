import { describeCriteria, isFallbackPolicy, SLA_TARGETS, type SlaPolicy } from '@core/index';
import { useId } from 'react';
import { formatDuration } from './policy-draft';

const HEADERS = {
  first_response: 'First response',
  next_update: 'Next update',
  resolution: 'Resolution',
};

/**
 * Every policy's targets side by side, in first-match order: a desk's P1–P4 (or tier) targets
 * read as one table, as a manager compares them. Choosing a policy opens it in the form.
 */
export function TargetsOverview(props: {
  policies: readonly SlaPolicy[];
  selected: number;
  onSelect(index: number): void;
}) {
  const id = useId();
  if (props.policies.length === 0) return null;
  return (
    <section className="card targets-overview" aria-labelledby={id}>
      <h2 id={id}>Targets at a glance</h2>
      <table className="targets-table">
        <caption className="visually-hidden">
          Each policy&rsquo;s targets, in the order policies are matched
        </caption>
        <thead>
          <tr>
            <th scope="col">Policy</th>
            <th scope="col">Applies to</th>
            {SLA_TARGETS.map((target) => (
              <th scope="col" key={target}>
                {HEADERS[target]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.policies.map((policy, index) => (
            <tr key={`${policy.id}-${index}`} aria-current={index === props.selected || undefined}>
              <th scope="row">
                <button
                  type="button"
                  className="targets-policy"
                  onClick={() => props.onSelect(index)}
                >
                  {policy.name.trim() || policy.id}
                </button>
              </th>
              <td>
                {isFallbackPolicy(policy)
                  ? 'Every other ticket'
                  : describeCriteria(policy.conditions)}
              </td>
              {SLA_TARGETS.map((target) => {
                const spec = policy.targets[target];
                return (
                  <td key={target}>
                    {spec ? (
                      <>
                        {formatDuration(spec.minutes)}
                        <span className="muted">
                          {' '}
                          {spec.mode === 'business' ? 'business' : 'calendar'}
                        </span>
                      </>
                    ) : (
                      <span className="muted">not tracked</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
