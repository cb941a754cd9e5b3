import {
  planTableImport,
  readImportFile,
  type ColumnMapping,
  type ConvertSettings,
  type DeskSnapshot,
  type ImportPlan,
  type ImportTable,
  type TableRow,
} from '@core/transfer';

/** How many rows the mapping step previews. */
export const PREVIEW_ROWS = 10;

/** A read file as the dialog needs it: a table's shape and first rows, a plan, or why not. */
export type ReadSummary =
  | {
      kind: 'table';
      columns: string[];
      preview: TableRow[];
      rowCount: number;
      unit: ImportTable['unit'];
      delimiter: ImportTable['delimiter'];
      suggested: ColumnMapping;
    }
  | { kind: 'plan'; plan: ImportPlan }
  | { kind: 'unreadable'; reason: string };

/** Reads one import file and plans it under mappings; the read table stays with the session. */
export interface ImportSession {
  read(file: File, desk: DeskSnapshot): Promise<ReadSummary>;
  plan(mapping: ColumnMapping, settings: ConvertSettings): Promise<ImportPlan>;
  dispose(): void;
}

/** Does the work in the calling thread: in a worker, in tests, or where workers cannot start. */
export class InlineImportSession implements ImportSession {
  private table: ImportTable | undefined;
  private desk: DeskSnapshot | undefined;

  async read(file: File, desk: DeskSnapshot): Promise<ReadSummary> {
    const read = readImportFile(await file.text(), file.name, desk);
    this.desk = desk;
    this.table = read.kind === 'table' ? read.table : undefined;
    if (read.kind !== 'table') return read;
    return {
      kind: 'table',
      columns: read.table.columns,
      preview: read.table.rows.slice(0, PREVIEW_ROWS),
      rowCount: read.table.rows.length,
      unit: read.table.unit,
      delimiter: read.table.delimiter,
      suggested: read.suggested,
    };
  }

  async plan(mapping: ColumnMapping, settings: ConvertSettings): Promise<ImportPlan> {
    if (!this.table || !this.desk) throw new Error('Choose a file first.');
    return planTableImport(this.table, mapping, this.desk, settings);
  }

  dispose(): void {
    this.table = undefined;
    this.desk = undefined;
  }
}

/** A request to the import worker. */
export type WorkerRequest =
  | { id: number; type: 'read'; file: File; desk: DeskSnapshot }
  | { id: number; type: 'plan'; mapping: ColumnMapping; settings: ConvertSettings };

/** The worker's answer to a request. */
export type WorkerResponse =
  | { id: number; ok: true; result: ReadSummary | ImportPlan }
  | { id: number; ok: false; error: string };

/** A request before the session numbers it. */
type UnsentRequest = WorkerRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'id'>
    : never
  : never;

class WorkerUnavailable extends Error {}

/** Runs the session in a Web Worker so that parsing a large file never blocks the window. */
class WorkerImportSession implements ImportSession {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve: (value: never) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;
  private answered = false;

  constructor() {
    this.worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
    this.worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      this.answered = true;
      const waiting = this.pending.get(event.data.id);
      if (!waiting) return;
      this.pending.delete(event.data.id);
      if (event.data.ok) waiting.resolve(event.data.result as never);
      else waiting.reject(new Error(event.data.error));
    });
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      const error = this.answered
        ? new Error(event.message || 'The import worker stopped.')
        : new WorkerUnavailable(event.message || 'The import worker could not start.');
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    });
  }

  private request<T>(message: UnsentRequest): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  read(file: File, desk: DeskSnapshot): Promise<ReadSummary> {
    return this.request({ type: 'read', file, desk });
  }

  plan(mapping: ColumnMapping, settings: ConvertSettings): Promise<ImportPlan> {
    return this.request({ type: 'plan', mapping, settings });
  }

  dispose(): void {
    this.worker.terminate();
  }
}

/** Uses a worker when one can start, else does the work inline. */
class PreferWorkerSession implements ImportSession {
  private session: ImportSession;

  constructor() {
    this.session = new WorkerImportSession();
  }

  async read(file: File, desk: DeskSnapshot): Promise<ReadSummary> {
    try {
      return await this.session.read(file, desk);
    } catch (error) {
      if (!(error instanceof WorkerUnavailable)) throw error;
      this.session.dispose();
      this.session = new InlineImportSession();
      return this.session.read(file, desk);
    }
  }

  plan(mapping: ColumnMapping, settings: ConvertSettings): Promise<ImportPlan> {
    return this.session.plan(mapping, settings);
  }

  dispose(): void {
    this.session.dispose();
  }
}

/** A new import session: in a worker where the platform has them. */
export function createImportSession(): ImportSession {
  return typeof Worker === 'undefined' ? new InlineImportSession() : new PreferWorkerSession();
}
