export type { BusinessCalendar, CalendarProblem, Holiday, TimeRange, Weekday } from './types';
export { WEEKDAYS } from './types';
export { addBusinessMinutes, businessMinutesBetween, isBusinessTime } from './business-time';
export { assertValidCalendar, InvalidCalendarError, validateCalendar } from './validate';
export { MAX_INSTANT_MS, MIN_INSTANT_MS } from './zone-clock';
// The iCalendar import (ics.ts) is left out on purpose: it brings ical.js (~150 kB), which only
// the calendar editor needs; import it from '@core/calendar/ics'.
export { HolidayPackSchema, mergeHolidays, type HolidayPack } from './holiday-packs';
