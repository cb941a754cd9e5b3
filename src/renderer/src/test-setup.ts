import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll, vi } from 'vitest';

afterEach(() => cleanup());

// The test files of a worker share one environment and the libraries' modules (isolate: false
// in vitest.config.ts, which saves re-importing React and the rest for every file). Each file
// still gets the app's own modules afresh, so its vi.mock calls apply and its stores start
// empty, and an empty desk database, as in a new window.
vi.resetModules();
beforeAll(async () => {
  const { db } = await import('./db/database');
  await db.delete();
  await db.open();
});

// jsdom's Blob (and File) has no text(); browsers and workers do.
if (!('text' in Blob.prototype)) {
  Object.defineProperty(Blob.prototype, 'text', {
    value(this: Blob) {
      return new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.readAsText(this);
      });
    },
  });
}

// jsdom has no CSS.escape, which react-aria's popover uses when it opens (browsers all have it).
if (typeof globalThis.CSS?.escape !== 'function') {
  Object.defineProperty(globalThis, 'CSS', {
    value: { escape: (value: string) => value.replace(/["\\\]]/g, '\\$&') },
    configurable: true,
  });
}
