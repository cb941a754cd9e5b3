/**
 * What the server can store of a change's JSON: PostgreSQL's jsonb refuses NUL characters and
 * lone UTF-16 surrogates, and very deep nesting is refused before it costs. The desk checks the
 * same before sending, so one unstorable change is refused alone instead of blocking the outbox.
 */

/** How deep a change's JSON may nest. */
export const MAX_JSON_DEPTH = 64;

/**
 * The most bytes (UTF-8 JSON) one mutation may take, and one push's mutations together. The
 * server's request limit is larger (5 MiB), leaving room for the envelope.
 */
export const MAX_PUSH_BYTES = 4 * 1024 * 1024;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function storableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/**
 * What in a JSON value the server cannot store, as `path: problem`, or null when all is well.
 */
export function unstorable(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') {
    return storableText(value)
      ? null
      : `${path}: contains a character the server cannot store (NUL or a lone UTF-16 surrogate)`;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_JSON_DEPTH) return `${path}: is nested more than ${MAX_JSON_DEPTH} levels deep`;
  for (const [key, item] of Object.entries(value)) {
    const problem = storableText(key)
      ? unstorable(item, `${path}.${key}`, depth + 1)
      : `${path}: a field name contains a character the server cannot store`;
    if (problem !== null) return problem;
  }
  return null;
}

const encoder = new TextEncoder();

/** The size of a value as UTF-8 JSON, in bytes. */
export function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}
