import { ExportPanel } from './ExportPanel';
import { ImportDialog } from './ImportDialog';

/** The Settings card for moving tickets in and out of the desk. */
export function TransferCard() {
  return (
    <section className="card" aria-labelledby="transfer-title">
      <h2 id="transfer-title">Import and export</h2>
      <p className="muted">
        Import tickets and customers from CSV or JSON. Every row with a problem is listed before
        anything is written; then import the valid rows, or nothing.
      </p>
      <div className="toolbar">
        <ImportDialog />
      </div>
      <h3>Export</h3>
      <p className="muted">
        <strong>Everything (JSON)</strong> holds customers, tickets and their full history, and
        imports back into a desk as the same data. <strong>Tickets (CSV)</strong> has every ticket
        field with its customer, for spreadsheets; importing it gives the same tickets with a new
        history (created and status changes only). <strong>Events (CSV)</strong> lists the history
        for reading; it cannot be imported.
      </p>
      <ExportPanel />
    </section>
  );
}
