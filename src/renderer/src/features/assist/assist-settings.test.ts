import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskDatabase } from '../../db/database';
import { onDeskChanged } from '../../db/desk-changes';
import { readSetting } from '../../db/settings';
import { openTestDesk } from '../../db/test-desk';
import { saveAssistSettings } from './assist-settings';

let database: DeskDatabase;
beforeEach(async () => {
  database = await openTestDesk('assist-settings');
  await database.ticketSla.bulkPut([
    {
      ticketId: 'T1',
      state: 'none',
      open: 1,
      risk: { reassignments: 1, reopenings: 0, pastEscalations: 0 },
    },
    { ticketId: 'T2', state: 'none', open: 1 },
  ]);
});
afterEach(async () => {
  await database.delete();
});

const ALL_ON = { sentiment: true, risk: true, routing: true, similar: true };

describe('saving the assist switches', () => {
  it('re-derives the desk when risk is switched off (the derivation drops the signals)', async () => {
    const changed = vi.fn();
    const stop = onDeskChanged(changed);
    await saveAssistSettings({ ...ALL_ON, risk: false }, database);
    stop();
    expect(await readSetting('assist', database)).toEqual({ ...ALL_ON, risk: false });
    expect(changed).toHaveBeenCalledWith('all');
  });

  it.each([
    ['sentiment off', { ...ALL_ON, sentiment: false }, true],
    ['routing off', { ...ALL_ON, routing: false }, false],
    ['similar off', { ...ALL_ON, similar: false }, false],
  ])(
    '%s keeps the signals; re-derives only when the signals depend on it',
    async (_name, next, rederived) => {
      const changed = vi.fn();
      const stop = onDeskChanged(changed);
      await saveAssistSettings(next, database);
      stop();
      expect((await database.ticketSla.get('T1'))?.risk).toBeDefined();
      expect(changed).toHaveBeenCalledTimes(rederived ? 1 : 0);
    },
  );
});
