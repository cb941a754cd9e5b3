import {
  describeCriteria,
  isCatchAll,
  type AssistLevelWarning,
  type AssistSettings,
  type EscalationMatrix,
} from '@core/index';
import { ArrowLeft, FileDown, Printer } from 'lucide-react';
import { useSaveAsPdf } from '../../components/save-as-pdf';
import { formatFullDateTime } from '../../format';
import { assistWaitLines } from './AssistWarnings';
import {
  levelKey,
  actionsText,
  contactsText,
  ownerText,
  repeatText,
  triggerText,
} from './matrix-text';

/** The matrix as one printable page for the team's operating procedures (read-only). */
export function PrintView(props: {
  matrix: EscalationMatrix;
  version: number;
  updatedAt: number | undefined;
  unsaved: boolean;
  /** The desk's assist switches: a level waiting on one switched off says so on paper too. */
  assist: AssistSettings | undefined;
  /** The editor's warnings for such levels, by levelKey. */
  assistWarnings: ReadonlyMap<string, AssistLevelWarning>;
  onBack(): void;
}) {
  const { matrix, assist } = props;
  const waits = assistWaitLines(matrix, assist);
  const pdf = useSaveAsPdf('Matrix saved as PDF');
  const saveAsPdf = () => {
    const day = new Date().toISOString().slice(0, 10);
    const name = props.version ? `v${props.version} ${day}` : day;
    return pdf.save({ fileName: `Escalation matrix ${name}.pdf`, landscape: true });
  };
  const status = props.unsaved
    ? `Unsaved draft${props.version ? ` (changes to version ${props.version})` : ''} — save it before printing the procedure.`
    : props.version && props.updatedAt !== undefined
      ? `Version ${props.version}, saved ${formatFullDateTime(props.updatedAt)}`
      : 'Not saved yet';
  return (
    <section className="matrix-print" data-print-page aria-labelledby="matrix-print-title">
      <div className="matrix-print-actions">
        <button type="button" className="button" onClick={props.onBack}>
          <ArrowLeft size={16} aria-hidden="true" />
          Back to editor
        </button>
        <button type="button" className="button primary" onClick={() => window.print()}>
          <Printer size={16} aria-hidden="true" />
          Print…
        </button>
        <button
          type="button"
          className="button"
          disabled={pdf.saving}
          onClick={() => void saveAsPdf()}
        >
          <FileDown size={16} aria-hidden="true" />
          Save as PDF…
        </button>
      </div>
      <h2 id="matrix-print-title">Escalation matrix — operating procedure</h2>
      <p className="matrix-print-meta">{status}</p>
      <p className="matrix-print-meta">
        Rows are checked from the top; the first row whose criteria match the ticket applies. Each
        level fires after the one above it.
      </p>
      {waits.length > 0 ? (
        <ul className="matrix-print-waits">
          {waits.map(({ feature, text }) => (
            <li key={feature}>
              <strong>Warning: </strong>
              {text}
            </li>
          ))}
        </ul>
      ) : null}
      <table className="matrix-print-table">
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Applies to</th>
            <th scope="col">Level</th>
            <th scope="col">Type</th>
            <th scope="col">Owner and contacts</th>
            <th scope="col">Trigger</th>
            <th scope="col">Actions</th>
            <th scope="col">Repeat</th>
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row, r) => {
            const span = Math.max(1, row.levels.length);
            const head = (
              <>
                <th scope="row" rowSpan={span}>
                  {r + 1}. {row.name}
                </th>
                <td rowSpan={span}>
                  {isCatchAll(row.criteria)
                    ? 'Every ticket (fallback)'
                    : describeCriteria(row.criteria)}
                </td>
              </>
            );
            if (row.levels.length === 0) {
              return (
                <tr key={row.id}>
                  {head}
                  <td colSpan={6}>No levels: not escalated.</td>
                </tr>
              );
            }
            return row.levels.map((level, index) => (
              <tr key={`${row.id}:${level.id}`} className={index === 0 ? 'first-level' : ''}>
                {index === 0 ? head : null}
                <td>
                  L{index + 1}
                  {level.name ? ` ${level.name}` : ''}
                </td>
                <td>{level.type}</td>
                <td>
                  {ownerText(level.owner)}
                  {level.owner?.contacts.length ? (
                    <span className="matrix-print-contacts">
                      {contactsText(level.owner.contacts)}
                    </span>
                  ) : null}
                </td>
                <td>
                  {triggerText(level)}
                  {props.assistWarnings.has(levelKey(row.id, index)) ? (
                    <span className="matrix-print-wait">
                      <strong>Warning: </strong>
                      {props.assistWarnings.get(levelKey(row.id, index))!.message}
                    </span>
                  ) : null}
                </td>
                <td>{actionsText(level.actions)}</td>
                <td>{level.repeat.kind === 'none' ? '—' : repeatText(level.repeat)}</td>
              </tr>
            ));
          })}
        </tbody>
      </table>
    </section>
  );
}
