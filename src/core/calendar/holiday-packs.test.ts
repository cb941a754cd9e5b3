import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HolidayPackSchema, mergeHolidays } from './holiday-packs';
import type { Holiday } from './types';
import { validateCalendar } from './validate';

const packs = import.meta.glob<unknown>('../../../resources/holidays/*.json', {
  eager: true,
  import: 'default',
});
const WEEK = { mon: [{ from: '09:00', to: '17:00' }] };

describe('the bundled holiday packs', () => {
  it('ship several countries', () => {
    expect(Object.keys(packs).length).toBeGreaterThanOrEqual(8);
  });

  it.each(Object.entries(packs))('%s is a valid pack that makes a valid calendar', (file, json) => {
    const pack = HolidayPackSchema.parse(json);
    expect(file).toContain(`/${pack.id}.json`);
    for (const holiday of pack.holidays) {
      const year = Number(holiday.date.slice(0, 4));
      expect(year).toBeGreaterThanOrEqual(pack.years.from);
      expect(year).toBeLessThanOrEqual(pack.years.to);
    }
    const { holidays } = mergeHolidays([], pack.holidays);
    expect(validateCalendar({ timeZone: 'UTC', week: WEEK, holidays })).toEqual([]);
  });

  it('names what is wrong in a damaged pack', () => {
    const result = HolidayPackSchema.safeParse({
      id: 'Germany!',
      name: 'Germany',
      years: { from: 2026, to: 2030 },
      source: 'hand-made',
      holidays: [{ date: '2026-02-30', name: 'Nope' }],
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    expect(messages).toEqual([
      'id: a pack id is a country code, e.g. "de" or "gb-eng"',
      'holidays.0.date: a holiday date is YYYY-MM-DD',
    ]);
  });
});

describe('adding holidays to a calendar', () => {
  it('adds each date once, skips days a recurring holiday covers, and keeps date order', () => {
    const existing: Holiday[] = [
      { date: '2026-12-25', name: 'Christmas', recurring: true },
      { date: '2026-05-01', name: 'Labour Day' },
    ];
    const { holidays, added } = mergeHolidays(existing, [
      { date: '2027-12-25', name: 'Christmas Day' },
      { date: '2026-05-01', name: 'May Day' },
      { date: '2026-01-01', name: 'New Year' },
    ]);
    expect(added).toBe(1);
    expect(holidays.map((h) => h.date)).toEqual(['2026-01-01', '2026-05-01', '2026-12-25']);
  });

  it('adding the same holidays again adds nothing (property)', () => {
    const day = fc
      .tuple(
        fc.integer({ min: 2024, max: 2030 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
      )
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const holiday = fc.record({ date: day, recurring: fc.boolean() });
    fc.assert(
      fc.property(fc.array(holiday), fc.array(holiday), (start, more) => {
        const once = mergeHolidays(start, more);
        const twice = mergeHolidays(once.holidays, more);
        expect(twice.added).toBe(0);
        expect(twice.holidays).toEqual(once.holidays);
      }),
    );
  });
});
