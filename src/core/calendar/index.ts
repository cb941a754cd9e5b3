export type { BusinessCalendar, CalendarProblem, Holiday, TimeRange, Weekday } from './types';
export { WEEKDAYS } from './types';
export { addBusinessMinutes, businessMinutesBetween, isBusinessTime } from './business-time';
export { assertValidCalendar, InvalidCalendarError, validateCalendar } from './validate';
export { MAX_INSTANT_MS, MIN_INSTANT_MS } from './zone-clock';
export { holidaysFromIcs, type IcsHolidays, type IcsProblem, type YearRange } from './ics';
export { HolidayPackSchema, mergeHolidays, type HolidayPack } from './holiday-packs';
