import './rules.css';
import { useLiveQuery } from 'dexie-react-hooks';
import { History } from 'lucide-react';
import { useId, useState } from 'react';
import { FormDialog } from '../../components/FormDialog';
import { formatFullDateTime } from '../../format';
import { db, type RuleKind, type RuleVersionRow } from '../../db/database';
import { useDeskStore } from '../../store';
import { describeChanges } from './history-diff';
import { rollBackTo, useRuleHistory } from './rule-store';

const KIND_LABELS: Record<RuleKind, string> = {
  matrix: 'escalation matrix rules',
  policies: 'SLA policies',
  calendar: 'calendar hours and holidays',
};

const CHANGE_WORDS = { added: 'Added', removed: 'Removed', changed: 'Changed', moved: 'Moved' };

function Changes({ from, to }: { from: RuleVersionRow; to: RuleVersionRow }) {
  const lines = describeChanges(from.value, to.value);
  if (lines.length === 0) {
    return (
      <p className="muted">
        Versions {from.version} and {to.version} are the same.
      </p>
    );
  }
  return (
    <table className="history-diff">
      <caption className="visually-hidden">
        Changes from version {from.version} to version {to.version}
      </caption>
      <thead>
        <tr>
          <th scope="col">Change</th>
          <th scope="col">Where</th>
          <th scope="col">Version {from.version}</th>
          <th scope="col">Version {to.version}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <tr key={index} className={`diff-${line.kind}`}>
            <td>{CHANGE_WORDS[line.kind]}</td>
            <td>{line.where}</td>
            <td>
              {line.kind === 'moved' && line.before ? `position ${line.before}` : line.before}
            </td>
            <td>{line.kind === 'moved' && line.after ? `position ${line.after}` : line.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Every saved version of a rule set (who saved it, when, how it came about), the differences
 * between any two, and rollback: the chosen version's rules saved again as a new version.
 */
export function RuleHistory(props: { kind: RuleKind; subject: string }) {
  const headingId = useId();
  const versions = useRuleHistory(props.kind, props.subject);
  const people = useLiveQuery(async () => {
    const ids = [...new Set((versions ?? []).map((row) => row.savedBy))];
    const rows = await db.people.bulkGet(ids);
    return new Map(ids.flatMap((id, index) => (rows[index] ? [[id, rows[index].name]] : [])));
  }, [versions]);
  const [compare, setCompare] = useState<{ from?: number; to?: number }>({});
  const [rollingBack, setRollingBack] = useState<RuleVersionRow>();
  const pushToast = useDeskStore((state) => state.pushToast);

  if (versions === undefined) return null;
  const latest = versions[0];
  const byVersion = new Map(versions.map((row) => [row.version, row]));
  const to = byVersion.get(compare.to ?? latest?.version ?? 0) ?? latest;
  const from =
    byVersion.get(compare.from ?? (to ? to.version - 1 : 0)) ??
    versions.find((row) => to && row.version < to.version);
  const nameOf = (id: string) =>
    id === 'system' ? 'Found in place' : (people?.get(id) ?? (id === 'local-user' ? 'You' : id));

  return (
    <section className="card rule-history" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <History size={18} aria-hidden="true" /> History
      </h2>
      {versions.length === 0 ? (
        <p className="muted">
          No saved versions yet. Saving starts the history: the {KIND_LABELS[props.kind]} in place
          now are kept as the first version, so you can always come back to them.
        </p>
      ) : (
        <>
          <table className="history-table">
            <caption className="visually-hidden">
              Saved versions of the {KIND_LABELS[props.kind]}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Saved</th>
                <th scope="col">By</th>
                <th scope="col">Note</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((row) => (
                <tr key={row.id} aria-current={row === latest ? 'true' : undefined}>
                  <td>
                    {row.version}
                    {row === latest ? <span className="chip">Current</span> : null}
                  </td>
                  <td>{formatFullDateTime(row.savedAt)}</td>
                  <td>{nameOf(row.savedBy)}</td>
                  <td>{row.note}</td>
                  <td className="history-actions">
                    {row.version > 1 ? (
                      <button
                        type="button"
                        className="button small"
                        onClick={() => setCompare({ from: row.version - 1, to: row.version })}
                      >
                        Changes in version {row.version}
                      </button>
                    ) : null}
                    {row !== latest ? (
                      <button
                        type="button"
                        className="button small"
                        onClick={() => setRollingBack(row)}
                      >
                        Roll back to version {row.version}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {versions.length > 1 && from && to ? (
            <div className="history-compare">
              <div className="control-row">
                <label>
                  Compare version{' '}
                  <select
                    value={from.version}
                    onChange={(event) =>
                      setCompare({ from: Number(event.target.value), to: to.version })
                    }
                  >
                    {versions.map((row) => (
                      <option key={row.id} value={row.version}>
                        {row.version}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  with version{' '}
                  <select
                    value={to.version}
                    onChange={(event) =>
                      setCompare({ from: from.version, to: Number(event.target.value) })
                    }
                  >
                    {versions.map((row) => (
                      <option key={row.id} value={row.version}>
                        {row.version}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <Changes from={from} to={to} />
            </div>
          ) : null}
        </>
      )}
      <FormDialog
        open={rollingBack !== undefined}
        onOpenChange={(open) => {
          if (!open) setRollingBack(undefined);
        }}
        title={`Roll back to version ${rollingBack?.version ?? ''}?`}
        description={`The ${KIND_LABELS[props.kind]} of version ${rollingBack?.version ?? ''} become current again, saved as version ${(latest?.version ?? 0) + 1}. Nothing is deleted: every version stays in the history.${props.kind === 'matrix' ? '' : ' The SLA clocks of open tickets are recomputed.'}`}
        submitLabel="Roll back"
        onSubmit={async () => {
          if (rollingBack?.id === undefined) return;
          const saved = await rollBackTo(rollingBack.id);
          pushToast({
            tone: 'success',
            title: `Rolled back to version ${rollingBack.version}`,
            body: `Saved as version ${saved.version}.`,
          });
        }}
      >
        {null}
      </FormDialog>
    </section>
  );
}
