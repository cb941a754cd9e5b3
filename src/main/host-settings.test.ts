import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_HOST_SETTINGS, HostSettingsStore } from './host-settings';
import { readJsonFile, whenJsonWritesSettled, writeJsonFile } from './json-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-settings-'));
});
afterEach(async () => {
  await whenJsonWritesSettled();
  await rm(dir, { recursive: true, force: true });
});

describe('HostSettingsStore', () => {
  it('starts with the defaults: keep running in the tray', async () => {
    const store = new HostSettingsStore(dir);
    expect(store.get()).toEqual({ keepRunningInTray: true });
    expect(await store.load()).toEqual(DEFAULT_HOST_SETTINGS);
  });

  it('round-trips an update through the file', async () => {
    const store = new HostSettingsStore(dir);
    await store.load();
    expect(await store.update({ keepRunningInTray: false })).toEqual({ keepRunningInTray: false });
    expect(store.get()).toEqual({ keepRunningInTray: false });

    const reopened = new HostSettingsStore(dir);
    expect(await reopened.load()).toEqual({ keepRunningInTray: false });
    const onDisk = JSON.parse(await readFile(join(dir, 'host-settings.json'), 'utf8')) as unknown;
    expect(onDisk).toEqual({ keepRunningInTray: false });
  });

  it('keeps the current value for an empty patch', async () => {
    const store = new HostSettingsStore(dir);
    await store.update({ keepRunningInTray: false });
    expect(await store.update({})).toEqual({ keepRunningInTray: false });
  });

  it('creates the user-data folder when it does not exist yet', async () => {
    const store = new HostSettingsStore(join(dir, 'not', 'yet'));
    await store.update({ keepRunningInTray: false });
    expect(await new HostSettingsStore(join(dir, 'not', 'yet')).load()).toEqual({
      keepRunningInTray: false,
    });
  });

  it.each([
    ['not JSON', '{"keepRunningInTray": fal'],
    ['an empty file', ''],
    ['the wrong type', '{"keepRunningInTray": "no"}'],
    ['an unknown key', '{"keepRunningInTray": false, "evil": true}'],
    ['an array', '[false]'],
    ['null', 'null'],
  ])('falls back to the defaults for a corrupt file (%s)', async (_label, content) => {
    await writeFile(join(dir, 'host-settings.json'), content);
    const store = new HostSettingsStore(dir);
    expect(await store.load()).toEqual(DEFAULT_HOST_SETTINGS);
  });

  it('is not changed by mutating what it returned', async () => {
    const store = new HostSettingsStore(dir);
    const settings = await store.load();
    (settings as { keepRunningInTray: boolean }).keepRunningInTray = false;
    expect(new HostSettingsStore(dir).get()).toEqual({ keepRunningInTray: true });
  });
});

describe('json-file', () => {
  const Schema = z.object({ n: z.number() });

  it('reads a missing file as the fallback', async () => {
    expect(await readJsonFile(join(dir, 'missing.json'), Schema, { n: -1 })).toEqual({ n: -1 });
  });

  it('keeps the last of many concurrent writes and leaves no temp files behind', async () => {
    const file = join(dir, 'many.json');
    await Promise.all(Array.from({ length: 20 }, (_, n) => writeJsonFile(file, { n })));
    expect(await readJsonFile(file, Schema, { n: -1 })).toEqual({ n: 19 });
    expect(await readdir(dir)).toEqual(['many.json']);
  });

  it('reports a failed write to its caller without blocking later writes', async () => {
    const blocked = join(dir, 'file-not-dir');
    await writeFile(blocked, 'x');
    await expect(writeJsonFile(join(blocked, 'a.json'), { n: 1 })).rejects.toThrow();
    await writeJsonFile(join(dir, 'ok.json'), { n: 2 });
    expect(await readJsonFile(join(dir, 'ok.json'), Schema, { n: -1 })).toEqual({ n: 2 });
  });
});
