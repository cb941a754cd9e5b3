import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';

/** Reads a JSON file through a schema; a missing, unreadable or invalid file gives `fallback`. */
export async function readJsonFile<T>(file: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  try {
    const parsed = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

const writesInFlight = new Map<string, Promise<void>>();
let writeCounter = 0;

/** Writes a file through a temp file and a rename, so a crash never leaves half a file. */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${++writeCounter}.tmp`;
  await writeFile(temp, data);
  await rename(temp, file);
}

/**
 * Writes JSON atomically (temp file + rename), so a crash never leaves half a file. Writes to the
 * same file run one after another, in call order, so the last call's value is what stays.
 */
export function writeJsonFile(file: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value, null, 2);
  const previous = writesInFlight.get(file) ?? Promise.resolve();
  const write = previous.catch(() => undefined).then(() => writeFileAtomically(file, text));
  writesInFlight.set(file, write);
  const forget = () => {
    if (writesInFlight.get(file) === write) writesInFlight.delete(file);
  };
  write.then(forget, forget);
  return write;
}

/** True while a JSON write has not finished (the app waits for these before it quits). */
export function hasPendingJsonWrites(): boolean {
  return writesInFlight.size > 0;
}

/** Resolves once every JSON write started so far, and any started meanwhile, has finished. */
export async function whenJsonWritesSettled(): Promise<void> {
  while (writesInFlight.size > 0) await Promise.allSettled([...writesInFlight.values()]);
}
