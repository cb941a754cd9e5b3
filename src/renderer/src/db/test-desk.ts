import type { BusinessCalendar, SlaPolicy } from '@core/index';
import { DeskDatabase } from './database';

/** Monday 2 November 2026, 09:00 UTC: the start of the tests' desk day. */
export const TEST_T0 = Date.UTC(2026, 10, 2, 9, 0);

/** A calendar open around the clock, in UTC. */
export const ALL_DAY_CALENDAR: BusinessCalendar = {
  timeZone: 'UTC',
  week: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
      d,
      [{ from: '00:00', to: '24:00' }],
    ]),
  ),
};

/** One policy for every ticket: first response in 60 min, resolution in 8 h, warning at 75%. */
export const EVERYTHING_POLICY: SlaPolicy = {
  id: 'p-all',
  name: 'Everything',
  calendar: 'cal-247',
  targets: {
    first_response: { minutes: 60, mode: 'calendar' },
    resolution: { minutes: 8 * 60, mode: 'calendar' },
  },
  pauseStatuses: [],
  warningPercents: [75],
};

/** A fresh, uniquely named desk database with the 24/7 calendar and the one policy (for tests). */
export async function openTestDesk(prefix: string): Promise<DeskDatabase> {
  const database = new DeskDatabase(`${prefix}-${Math.random()}`);
  await database.calendars.put({
    id: 'cal-247',
    name: '24/7',
    calendar: ALL_DAY_CALENDAR,
    updatedAt: 0,
  });
  await database.policies.put({ id: 'p-all', order: 0, policy: EVERYTHING_POLICY, updatedAt: 0 });
  return database;
}
