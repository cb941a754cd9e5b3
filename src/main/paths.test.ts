import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { PRELOAD_FROM_MAIN, RENDERER_FROM_MAIN, appPaths } from './paths';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const builtMain = join(repo, 'out/main/index.js');
const builtPreload = join(repo, 'out/preload/index.cjs');

/** Reads a build output, failing with a message that says how to produce it. */
function readBuilt(file: string): string {
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: run \`npx electron-vite build\` (part of \`npm test\`) before the unit tests.`,
    );
  }
  return readFileSync(file, 'utf8');
}

describe('appPaths', () => {
  it('places preload, renderer and resources relative to the main bundle', () => {
    const paths = appPaths('/opt/desk/out/main');
    expect(paths).toEqual({
      preload: resolve('/opt/desk/out/preload/index.cjs'),
      renderer: resolve('/opt/desk/out/renderer'),
      resources: resolve('/opt/desk/resources'),
    });
  });
});

describe('the built preload', () => {
  it('is the very file main points the window at', () => {
    const preload = resolve(repo, 'out/main', PRELOAD_FROM_MAIN);
    expect(preload).toBe(builtPreload);
    readBuilt(preload);
    expect(appPaths(join(repo, 'out/main')).renderer).toBe(
      resolve(repo, 'out/main', RENDERER_FROM_MAIN),
    );
  });

  it('is CommonJS (a sandboxed window cannot run an ESM preload)', () => {
    const source = readBuilt(builtPreload);
    expect(builtPreload.endsWith('.cjs')).toBe(true);
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
    expect(source).not.toMatch(/import\.meta/);
    // Compiles as a plain script inside the CommonJS wrapper; ESM syntax would throw here.
    expect(() =>
      runInNewContext(`(function (exports, require, module) {\n${source}\n})`),
    ).not.toThrow();
  });

  it('requires nothing but "electron" (everything else must be bundled)', () => {
    const source = readBuilt(builtPreload);
    const required = [...source.matchAll(/\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map(
      (match) => match[2],
    );
    expect(required.length).toBeGreaterThan(0);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(source).not.toMatch(/\brequire\s*\(\s*[^'"`\s)]/); // no computed require(...)
    expect(source).not.toMatch(/\bimport\s*\(/); // no dynamic import
  });

  it('runs with only "electron" available and exposes window.desk', () => {
    const source = readBuilt(builtPreload);
    const exposeInMainWorld = vi.fn();
    const electron = {
      contextBridge: { exposeInMainWorld },
      ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    };
    const requireInSandbox = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require "${name}"`);
    };
    const module = { exports: {} };
    const wrapper = runInNewContext(`(function (exports, require, module) {\n${source}\n})`) as (
      exports: object,
      require: (name: string) => unknown,
      module: object,
    ) => void;
    wrapper(module.exports, requireInSandbox, module);
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(exposeInMainWorld.mock.calls[0]?.[0]).toBe('desk');
  });
});

describe('the built main bundle', () => {
  it('points the window at the built preload', () => {
    const main = readBuilt(builtMain);
    expect(main).toContain(JSON.stringify(PRELOAD_FROM_MAIN));
    // …resolved against the bundle's own folder, out/main.
    expect(main).toMatch(/appPaths\(import\.meta\.dirname\)/);
  });

  it('keeps the window sandboxed and isolated after bundling', () => {
    const main = readBuilt(builtMain);
    expect(main).toMatch(/sandbox:\s*true/);
    expect(main).toMatch(/contextIsolation:\s*true/);
    expect(main).toMatch(/nodeIntegration:\s*false/);
    expect(main).not.toMatch(/sandbox:\s*false/);
  });
});
