import { deskChanged } from '../../db/desk-changes';
import * as Dialog from '@radix-ui/react-dialog';
import type { ColumnMapping, ImportPlan } from '@core/transfer';
import { Upload, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { hrefFor } from '../../router';
import { createImportSession, type ImportSession, type ReadSummary } from './import-session';
import {
  loadDeskSnapshot,
  writeImportPlan,
  type ImportOutcome,
  type ImportProgress,
} from './import-writer';
import { MappingStep, type DateSettings } from './MappingStep';
import { ProblemTable } from './ProblemTable';
import { count, machineTimeZone, newIdPrefix } from './wording';

type TableSummary = Extract<ReadSummary, { kind: 'table' }>;

/** Where the import stands; each step knows what it needs to show. */
type Step =
  | { name: 'choose'; error?: string }
  | { name: 'reading'; fileName: string }
  | { name: 'mapping'; fileName: string; summary: TableSummary; error?: string }
  | { name: 'checking'; fileName: string; summary: TableSummary }
  | { name: 'review'; fileName: string; plan: ImportPlan; summary?: TableSummary }
  | { name: 'importing'; plan: ImportPlan; progress: ImportProgress; stopping: boolean }
  | { name: 'done'; outcome: ImportOutcome };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The "Import tickets…" button and its dialog: choose, map, check, import in chunks. */
export function ImportDialog() {
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [dates, setDates] = useState<DateSettings>(() => ({
    timeZone: machineTimeZone(),
    slashDates: 'dmy',
  }));
  const session = useRef<ImportSession | null>(null);
  const stopRequested = useRef(false);
  const fileInputId = useId();
  const importing = step.name === 'importing';

  const reset = () => {
    session.current?.dispose();
    session.current = null;
    setStep({ name: 'choose' });
    setMapping({});
  };
  useEffect(() => () => session.current?.dispose(), []);

  const onOpenChange = (next: boolean) => {
    if (importing) return; // the import stops through its own Cancel, after the current chunk
    setOpen(next);
    if (!next) reset();
  };

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    session.current?.dispose();
    const current = createImportSession();
    session.current = current;
    setStep({ name: 'reading', fileName: file.name });
    try {
      const summary = await current.read(file, await loadDeskSnapshot());
      if (session.current !== current) return;
      if (summary.kind === 'unreadable') setStep({ name: 'choose', error: summary.reason });
      else if (summary.kind === 'plan')
        setStep({ name: 'review', fileName: file.name, plan: summary.plan });
      else {
        setMapping(summary.suggested);
        setStep({ name: 'mapping', fileName: file.name, summary });
      }
    } catch (error) {
      if (session.current === current) {
        setStep({ name: 'choose', error: `The file could not be read: ${message(error)}` });
      }
    }
  };

  const checkRows = async (fileName: string, summary: TableSummary) => {
    const current = session.current;
    if (!current) return;
    setStep({ name: 'checking', fileName, summary });
    try {
      const now = Date.now();
      const plan = await current.plan(mapping, { ...dates, now, newIdPrefix: newIdPrefix(now) });
      if (session.current === current) setStep({ name: 'review', fileName, plan, summary });
    } catch (error) {
      if (session.current === current) {
        setStep({ name: 'mapping', fileName, summary, error: message(error) });
      }
    }
  };

  const runImport = async (plan: ImportPlan) => {
    stopRequested.current = false;
    setStep({
      name: 'importing',
      plan,
      progress: { tickets: 0, total: plan.tickets.length },
      stopping: false,
    });
    const outcome = await writeImportPlan(plan, {
      now: Date.now(),
      shouldStop: () => stopRequested.current,
      onProgress: (progress) =>
        setStep((current) => (current.name === 'importing' ? { ...current, progress } : current)),
    });
    deskChanged();
    setStep({ name: 'done', outcome });
  };

  const stopImport = () => {
    stopRequested.current = true;
    setStep((current) => (current.name === 'importing' ? { ...current, stopping: true } : current));
  };

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger className="button primary">
        <Upload size={16} aria-hidden="true" />
        Import tickets…
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog transfer-dialog"
          onEscapeKeyDown={(event) => importing && event.preventDefault()}
          onInteractOutside={(event) => event.preventDefault()}
        >
          <div className="dialog-header">
            <Dialog.Title>Import tickets</Dialog.Title>
            {importing ? null : (
              <Dialog.Close className="icon-button" aria-label="Close">
                <X size={18} aria-hidden="true" />
              </Dialog.Close>
            )}
          </div>
          <Dialog.Description className="muted">
            Tickets and customers from a CSV file (comma or semicolon separated) or JSON: this
            desk’s own export, or a list of tickets.
          </Dialog.Description>

          {step.name === 'choose' ? (
            <div className="transfer-step">
              <label htmlFor={fileInputId} className="field-label">
                File to import (.csv or .json)
              </label>
              <input
                id={fileInputId}
                type="file"
                accept=".csv,.json,text/csv,application/json"
                onChange={(event) => void chooseFile(event)}
              />
              {step.error ? (
                <p className="form-error" role="alert">
                  {step.error}
                </p>
              ) : null}
            </div>
          ) : null}

          {step.name === 'reading' || step.name === 'checking' ? (
            <div className="transfer-step" role="status">
              <p>
                {step.name === 'reading'
                  ? `Reading ${step.fileName}…`
                  : `Checking ${count(step.summary.rowCount, step.summary.unit)}…`}
              </p>
              <progress
                aria-label={step.name === 'reading' ? 'Reading the file' : 'Checking the rows'}
              />
            </div>
          ) : null}

          {step.name === 'mapping' ? (
            <div className="transfer-step">
              <MappingStep
                summary={step.summary}
                mapping={mapping}
                onMappingChange={setMapping}
                dates={dates}
                onDatesChange={setDates}
              />
              {step.error ? (
                <p className="form-error" role="alert">
                  {step.error}
                </p>
              ) : null}
              <div className="dialog-actions">
                <button type="button" className="button" onClick={reset}>
                  Choose another file
                </button>
                <button
                  type="button"
                  className="button primary"
                  onClick={() => void checkRows(step.fileName, step.summary)}
                >
                  Check {count(step.summary.rowCount, step.summary.unit)}
                </button>
              </div>
            </div>
          ) : null}

          {step.name === 'review' ? (
            <ReviewStep
              step={step}
              onBack={
                step.summary
                  ? () =>
                      setStep({ name: 'mapping', fileName: step.fileName, summary: step.summary! })
                  : undefined
              }
              onCancel={() => onOpenChange(false)}
              onImport={() => void runImport(step.plan)}
            />
          ) : null}

          {step.name === 'importing' ? (
            <div className="transfer-step">
              <label htmlFor={`${fileInputId}-progress`}>
                Imported {count(step.progress.tickets, 'ticket')} of{' '}
                {step.progress.total.toLocaleString()}
              </label>
              <progress
                id={`${fileInputId}-progress`}
                max={Math.max(1, step.progress.total)}
                value={step.progress.tickets}
              />
              <p className="muted small-text" role="status">
                {step.stopping
                  ? 'Stopping after the current chunk…'
                  : 'Tickets are written in chunks; each chunk is saved whole or not at all.'}
              </p>
              <div className="dialog-actions">
                <button
                  type="button"
                  className="button"
                  onClick={stopImport}
                  disabled={step.stopping}
                >
                  Cancel import
                </button>
              </div>
            </div>
          ) : null}

          {step.name === 'done' ? (
            <div className="transfer-step">
              <OutcomeMessage outcome={step.outcome} />
              <div className="dialog-actions">
                <a
                  className="button"
                  href={hrefFor({ view: 'queue' })}
                  onClick={() => onOpenChange(false)}
                >
                  Go to the queue
                </a>
                <button
                  type="button"
                  className="button primary"
                  onClick={() => onOpenChange(false)}
                >
                  Close
                </button>
              </div>
            </div>
          ) : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function ReviewStep({
  step,
  onBack,
  onCancel,
  onImport,
}: {
  step: Extract<Step, { name: 'review' }>;
  onBack: (() => void) | undefined;
  onCancel: () => void;
  onImport: () => void;
}) {
  const { plan } = step;
  const valid = plan.tickets.length;
  const events = plan.tickets.reduce((sum, item) => sum + item.events.length, 0);
  const fromTable = step.summary !== undefined;
  const unit = plan.unit;
  const validText = fromTable ? count(valid, `valid ${unit}`) : count(valid, 'valid ticket');
  const importLabel =
    valid === 0 && plan.customers.length === 0
      ? 'Nothing to import'
      : fromTable
        ? `Import ${count(valid, `valid ${unit}`)}`
        : valid > 0
          ? `Import ${count(valid, 'ticket')}`
          : `Import ${count(plan.customers.length, 'customer')}`;
  return (
    <div className="transfer-step">
      <p className="transfer-summary" role="status">
        <strong>
          {validText}, {count(plan.withProblems, `${unit} with problems`, `${unit}s with problems`)}
        </strong>
        <span className="muted block">
          {step.fileName}: {count(events, 'event')} and{' '}
          {count(plan.customers.length, 'new customer')} would be added.
          {plan.withProblems > 0 ? ' Rows with problems are left out whole.' : ''}
        </span>
      </p>
      {plan.notices.map((notice) => (
        <p key={notice} className="notice">
          {notice}
        </p>
      ))}
      {plan.problems.length > 0 ? <ProblemTable problems={plan.problems} unit={unit} /> : null}
      <div className="dialog-actions">
        {onBack ? (
          <button type="button" className="button" onClick={onBack}>
            Back to the columns
          </button>
        ) : null}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          onClick={onImport}
          disabled={valid === 0 && plan.customers.length === 0}
        >
          {importLabel}
        </button>
      </div>
    </div>
  );
}

function OutcomeMessage({ outcome }: { outcome: ImportOutcome }) {
  const written = `${count(outcome.tickets, 'ticket')}, ${count(outcome.events, 'event')} and ${count(outcome.customers, 'new customer')}`;
  if (outcome.status === 'done') {
    return (
      <p role="status" className="transfer-summary">
        <strong>Import finished.</strong> Added {written}.
      </p>
    );
  }
  if (outcome.status === 'cancelled') {
    return (
      <p role="status" className="transfer-summary">
        <strong>Import cancelled.</strong> Added {written} before stopping; the other{' '}
        {count(outcome.total - outcome.tickets, 'ticket')} were not written. Import the same file
        again to add them: the tickets already added are listed as being in the desk.
      </p>
    );
  }
  return (
    <div role="alert" className="transfer-summary">
      <p>
        <strong>Import stopped by a problem:</strong> {outcome.error}
      </p>
      <p>
        Added {written} before it; nothing of the chunk that failed was written, and{' '}
        {count(outcome.total - outcome.tickets, 'ticket')} were not imported.
      </p>
    </div>
  );
}
