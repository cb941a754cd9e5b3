import { afterEach, describe, expect, it } from 'vitest';
import { DeskDatabase } from './database';
import { readSetting, writeSetting } from './settings';

let database: DeskDatabase;
afterEach(async () => {
  await database?.delete();
});

describe('settings', () => {
  it('gives the default until a value is stored, then the stored value after reopening', async () => {
    database = new DeskDatabase('settings-test-1');
    expect(await readSetting('theme', database)).toBe('system');
    await writeSetting('theme', 'dark', database);
    database.close();
    const reopened = new DeskDatabase('settings-test-1');
    expect(await readSetting('theme', reopened)).toBe('dark');
    database = reopened;
  });

  it('falls back to the default when the stored value is not valid', async () => {
    database = new DeskDatabase('settings-test-2');
    await database.settings.put({ key: 'theme', value: 'purple' });
    expect(await readSetting('theme', database)).toBe('system');
  });

  it('refuses to store an invalid value', async () => {
    database = new DeskDatabase('settings-test-3');
    await expect(writeSetting('theme', 'purple' as never, database)).rejects.toThrow();
    expect(await database.settings.count()).toBe(0);
  });
});
