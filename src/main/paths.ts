import { join } from 'node:path';

/**
 * Where the built preload sits relative to the built main bundle (out/main/index.js). Sandboxed
 * windows only run a CommonJS preload, so the build emits index.cjs (a test checks the file exists).
 */
export const PRELOAD_FROM_MAIN = '../preload/index.cjs';
export const RENDERER_FROM_MAIN = '../renderer';
export const RESOURCES_FROM_MAIN = '../../resources';

/** Absolute paths of the built app's parts, given the folder of the main bundle. */
export function appPaths(mainDir: string) {
  return {
    preload: join(mainDir, PRELOAD_FROM_MAIN),
    renderer: join(mainDir, RENDERER_FROM_MAIN),
    resources: join(mainDir, RESOURCES_FROM_MAIN),
  };
}
