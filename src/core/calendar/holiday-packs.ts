import { z } from 'zod';
import type { Holiday } from './types';
import { parseLocalDate } from './validate';

/**
 * A bundled list of a country's public holidays for some years (resources/holidays/*.json,
 * written by scripts/holiday-packs.mjs), offered by the calendar editor without a network.
 */
export const HolidayPackSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)?$/, 'a pack id is a country code, e.g. "de" or "gb-eng"'),
  name: z.string().min(1).max(100),
  years: z.strictObject({ from: z.number().int(), to: z.number().int() }),
  source: z.string().max(200),
  holidays: z
    .array(
      z.strictObject({
        date: z.string().refine((date) => parseLocalDate(date) !== undefined, {
          message: 'a holiday date is YYYY-MM-DD',
        }),
        name: z.string().min(1).max(120),
      }),
    )
    .min(1),
});
export type HolidayPack = z.infer<typeof HolidayPackSchema>;

/**
 * Adds holidays to a calendar's list: a date already there (or falling on a recurring holiday's
 * day) is not added twice, and the list stays in date order. Returns the list and how many were
 * added, for the editor to say so.
 */
export function mergeHolidays(
  existing: readonly Holiday[],
  added: readonly Holiday[],
): { holidays: Holiday[]; added: number } {
  const onceDates = new Set(existing.filter((h) => !h.recurring).map((h) => h.date));
  const everyYear = new Set(existing.filter((h) => h.recurring).map((h) => h.date.slice(5)));
  const holidays = [...existing];
  let count = 0;
  for (const holiday of added) {
    const day = holiday.date.slice(5);
    if (everyYear.has(day)) continue;
    if (holiday.recurring) {
      everyYear.add(day);
    } else {
      if (onceDates.has(holiday.date)) continue;
      onceDates.add(holiday.date);
    }
    holidays.push(holiday);
    count++;
  }
  holidays.sort((a, b) => a.date.localeCompare(b.date));
  return { holidays, added: count };
}
