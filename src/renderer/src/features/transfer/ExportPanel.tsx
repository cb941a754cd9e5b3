import { Download } from 'lucide-react';
import { useId, useState } from 'react';
import { saveExport, type ExportKind, type ExportProgress } from './export-files';
import { count } from './wording';

const EXPORTS: { kind: ExportKind; label: string }[] = [
  { kind: 'tickets', label: 'Export tickets (CSV)' },
  { kind: 'events', label: 'Export events (CSV)' },
  { kind: 'json', label: 'Export everything (JSON)' },
];

/** Buttons that save the desk's tickets as CSV or everything as JSON, with progress. */
export function ExportPanel() {
  const progressId = useId();
  const [running, setRunning] = useState<ExportKind | null>(null);
  const [progress, setProgress] = useState<ExportProgress>({ done: 0, total: 0 });
  const [result, setResult] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  const run = async (kind: ExportKind) => {
    setRunning(kind);
    setResult(null);
    setProgress({ done: 0, total: 0 });
    try {
      const fileName = await saveExport(kind, setProgress);
      setResult({ tone: 'ok', text: `Saved ${fileName}.` });
    } catch (error) {
      setResult({
        tone: 'error',
        text: `The export failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    } finally {
      setRunning(null);
    }
  };

  return (
    <div className="export-panel">
      <div className="toolbar">
        {EXPORTS.map(({ kind, label }) => (
          <button
            key={kind}
            type="button"
            className="button"
            disabled={running !== null}
            onClick={() => void run(kind)}
          >
            <Download size={16} aria-hidden="true" />
            {label}
          </button>
        ))}
      </div>
      {running ? (
        <div className="export-progress">
          <label htmlFor={progressId}>
            Exporting: {count(progress.done, 'record')} of {progress.total.toLocaleString()}
          </label>
          <progress id={progressId} max={Math.max(1, progress.total)} value={progress.done} />
        </div>
      ) : null}
      {result ? (
        <p className={result.tone === 'error' ? 'form-error' : 'muted'} role="status">
          {result.text}
        </p>
      ) : null}
    </div>
  );
}
