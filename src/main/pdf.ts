import type { PrintToPdfRequest, PrintToPdfResult } from '@core/contracts';

/** The effects saving a PDF needs; main wires them to Electron, tests to fakes. */
export interface PdfDeps {
  /** Asks the user where to save, proposing `fileName`; undefined when they cancel. */
  chooseFile(fileName: string): Promise<string | undefined>;
  /** Renders the window's page as it prints (print CSS applies). */
  render(options: { landscape: boolean }): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
}

/**
 * Saves the desk's page as a PDF: asks where first (nothing is rendered if the user cancels),
 * then renders and writes it, always under a .pdf name.
 */
export async function savePageAsPdf(
  deps: PdfDeps,
  request: PrintToPdfRequest,
): Promise<PrintToPdfResult> {
  const chosen = await deps.chooseFile(request.fileName);
  if (!chosen) return { outcome: 'cancelled' };
  const path = /\.pdf$/i.test(chosen) ? chosen : `${chosen}.pdf`;
  const data = await deps.render({ landscape: request.landscape });
  await deps.writeFile(path, data);
  return { outcome: 'saved', path };
}
