import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspMetaPlugin } from './build/csp';

/** Browser mode: the same renderer, served as a static site, running with the BrowserHost. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  resolve: { alias: { '@core': resolve(import.meta.dirname, 'src/core') } },
  define: { __DESK_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0') },
  plugins: [react(), cspMetaPlugin()],
  build: { outDir: resolve(import.meta.dirname, 'out/web'), emptyOutDir: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
