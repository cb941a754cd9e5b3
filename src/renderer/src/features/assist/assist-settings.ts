import type { AssistSettings } from '@core/index';
import { db as defaultDb, type DeskDatabase } from '../../db/database';
import { deskChanged } from '../../db/desk-changes';
import { readSetting, writeSetting } from '../../db/settings';

/**
 * Saves the assist switches and makes the desk follow them. Risk or sentiment switched: every
 * open ticket is derived again (in the desk worker), so risk and sentiment levels of the matrix
 * are scheduled or cancelled and the stored risk signals restated, or dropped once risk is off.
 */
export async function saveAssistSettings(
  next: AssistSettings,
  database: DeskDatabase = defaultDb,
): Promise<void> {
  const previous = await readSetting('assist', database);
  await writeSetting('assist', next, database);
  if (next.risk !== previous.risk || next.sentiment !== previous.sentiment) deskChanged();
}
