import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspMetaPlugin } from './build/csp';

/**
 * The sentiment lexicon (about 145 kB) is only needed where messages are scored: declared free of
 * side effects, core's assist modules and the lexicon are left out of the workers that never
 * score one (reports, rules, routing: about 110 kB less each).
 */
const SIDE_EFFECT_FREE = [
  { test: /vader-sentiment|[\\/]core[\\/]assist[\\/]/, sideEffects: false },
];

/** Browser mode: the same renderer, served as a static site, running with the BrowserHost. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  resolve: { alias: { '@core': resolve(import.meta.dirname, 'src/core') } },
  define: { __DESK_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0') },
  plugins: [react(), cspMetaPlugin()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/web'),
    emptyOutDir: true,
    rolldownOptions: { treeshake: { moduleSideEffects: SIDE_EFFECT_FREE } },
  },
  worker: { rolldownOptions: { treeshake: { moduleSideEffects: SIDE_EFFECT_FREE } } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
