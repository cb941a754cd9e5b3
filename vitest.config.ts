import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const alias = { '@core': resolve(import.meta.dirname, 'src/core') };

export default defineConfig({
  define: { __DESK_VERSION__: JSON.stringify('0.0.0-test') },
  resolve: { alias },
  test: {
    // One test file per core (the default leaves one core idle: a third longer on 2 cores).
    maxWorkers: '100%',
    // Nothing here waits on a timer of its own: the limit only catches a hang. 5 s (the default)
    // was hit by IndexedDB- and database-heavy tests on a busy 2-core machine.
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          environment: 'node',
          include: ['src/core/**/*.test.ts'],
          // Pure functions with no module state to reset: one module graph for every file.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'main',
          environment: 'node',
          include: ['src/main/**/*.test.ts', 'src/preload/**/*.test.ts', 'build/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['src/server/**/*.test.ts'],
          setupFiles: ['src/server/test-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // Desks (Dexie over fake-indexeddb) syncing with a real server in the same process.
          name: 'sync',
          environment: 'node',
          include: ['tests/sync/**/*.test.ts'],
          setupFiles: ['src/server/test-setup.ts'],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['src/renderer/**/*.test.ts', 'src/renderer/**/*.test.tsx'],
          setupFiles: ['src/renderer/src/test-setup.ts'],
          // One jsdom and one copy of the libraries per worker: a quarter of the time. The setup
          // file gives each file fresh app modules and an empty desk database.
          isolate: false,
        },
      },
    ],
  },
});
