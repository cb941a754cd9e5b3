// Writes the bundled public-holiday packs (resources/holidays/*.json) that the calendar editor
// offers offline. Run after updating date-holidays, or to add a country or years:
//   node scripts/holiday-packs.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Holidays = require('date-holidays');
const { version } = require('date-holidays/package.json');

const FROM = 2026;
const TO = 2030;
/** [file id, country, region (optional), name shown]. */
const PACKS = [
  ['us', 'US', undefined, 'United States'],
  ['gb-eng', 'GB', 'ENG', 'United Kingdom: England'],
  ['ie', 'IE', undefined, 'Ireland'],
  ['ca', 'CA', undefined, 'Canada'],
  ['au', 'AU', undefined, 'Australia'],
  ['de', 'DE', undefined, 'Germany'],
  ['fr', 'FR', undefined, 'France'],
  ['es', 'ES', undefined, 'Spain'],
  ['nl', 'NL', undefined, 'Netherlands'],
  ['in', 'IN', undefined, 'India'],
];

for (const [id, country, region, name] of PACKS) {
  const calendar = region ? new Holidays(country, region) : new Holidays(country);
  calendar.setLanguages('en');
  const holidays = [];
  for (let year = FROM; year <= TO; year++) {
    for (const holiday of calendar.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      const date = holiday.date.slice(0, 10);
      if (!holidays.some((known) => known.date === date))
        holidays.push({ date, name: holiday.name });
    }
  }
  holidays.sort((a, b) => a.date.localeCompare(b.date));
  const pack = {
    id,
    name,
    years: { from: FROM, to: TO },
    source: `date-holidays ${version}, public holidays`,
    holidays,
  };
  writeFileSync(
    new URL(`../resources/holidays/${id}.json`, import.meta.url),
    `${JSON.stringify(pack, null, 2)}\n`,
  );
  console.log(`${id}: ${holidays.length} holidays`);
}
