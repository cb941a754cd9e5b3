// The part of Papa Parse that core uses, declared here rather than taken from @types/papaparse:
// those types reference @types/node, which would let Node globals into core and the renderer.
// Imported by its file path ("papaparse/papaparse.js", the same code as the package's main) so
// that this declaration, not @types/papaparse, types it.
declare module 'papaparse/papaparse.js' {
  export interface PapaParseError {
    type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
    code: string;
    message: string;
    /** Index of the record the error is in (0 = the first record of the input). */
    row?: number;
    index?: number;
  }

  export interface PapaParseResult {
    data: string[][];
    errors: PapaParseError[];
    meta: { delimiter: string; linebreak: string; aborted: boolean; truncated: boolean };
  }

  export interface PapaParseConfig {
    delimiter?: string;
    newline?: '' | '\r' | '\n' | '\r\n';
    quoteChar?: string;
    escapeChar?: string;
    header?: false;
    dynamicTyping?: false;
    skipEmptyLines?: false;
  }

  export interface PapaUnparseConfig {
    delimiter?: string;
    newline?: string;
    quotes?: boolean;
    header?: boolean;
    escapeFormulae?: false;
  }

  const Papa: {
    parse(input: string, config?: PapaParseConfig): PapaParseResult;
    unparse(data: readonly (readonly string[])[], config?: PapaUnparseConfig): string;
  };
  export default Papa;
}
