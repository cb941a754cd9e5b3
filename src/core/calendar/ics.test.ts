import { describe, expect, it } from 'vitest';
import { holidaysFromIcs } from './ics';
import { validateCalendar } from './validate';

const YEARS = { from: 2026, to: 2028 };

/** A calendar file around some VEVENT bodies (lines joined with CRLF, as RFC 5545 has them). */
function ics(...events: string[][]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Escalation Desk//Tests//EN',
    ...events.flatMap((lines, i) => [
      'BEGIN:VEVENT',
      `UID:event-${i}@test`,
      ...lines,
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ].join('\r\n');
}

describe('holidays from an iCalendar file', () => {
  it.each([
    [
      'a one-off all-day event',
      [['DTSTART;VALUE=DATE:20261225', 'SUMMARY:Christmas Day']],
      [{ date: '2026-12-25', name: 'Christmas Day' }],
    ],
    [
      'a two-day event (DTEND is the day after the last)',
      [['DTSTART;VALUE=DATE:20261225', 'DTEND;VALUE=DATE:20261227', 'SUMMARY:Christmas']],
      [
        { date: '2026-12-25', name: 'Christmas' },
        { date: '2026-12-26', name: 'Christmas' },
      ],
    ],
    [
      'every year on its date: one recurring holiday',
      [['DTSTART;VALUE=DATE:20200101', 'RRULE:FREQ=YEARLY', 'SUMMARY:New Year']],
      [{ date: '2020-01-01', name: 'New Year', recurring: true }],
    ],
    [
      'a weekday rule: its dates within the years asked for',
      [
        [
          'DTSTART;VALUE=DATE:20241128',
          'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH',
          'SUMMARY:Thanksgiving',
        ],
      ],
      [
        { date: '2026-11-26', name: 'Thanksgiving' },
        { date: '2027-11-25', name: 'Thanksgiving' },
        { date: '2028-11-23', name: 'Thanksgiving' },
      ],
    ],
    [
      'a yearly event with an exception: its dates, without the excluded one',
      [
        [
          'DTSTART;VALUE=DATE:20260501',
          'RRULE:FREQ=YEARLY',
          'EXDATE;VALUE=DATE:20270501',
          'SUMMARY:Labour Day',
        ],
      ],
      [
        { date: '2026-05-01', name: 'Labour Day' },
        { date: '2028-05-01', name: 'Labour Day' },
      ],
    ],
    [
      'a folded line and escaped characters in the title',
      [['DTSTART;VALUE=DATE:20261003', 'SUMMARY:Day of German\\, Unity', ' (national)']],
      [{ date: '2026-10-03', name: 'Day of German, Unity(national)' }],
    ],
    [
      'the same day twice: listed once',
      [
        ['DTSTART;VALUE=DATE:20261225', 'SUMMARY:Christmas Day'],
        ['DTSTART;VALUE=DATE:20261225', 'SUMMARY:Christmas (observed)'],
      ],
      [{ date: '2026-12-25', name: 'Christmas Day' }],
    ],
  ])('%s', (_name, events, holidays) => {
    const result = holidaysFromIcs(ics(...events), YEARS);
    expect(result.problems).toEqual([]);
    expect(result.holidays).toEqual(holidays);
    // What it reads is a valid calendar's holiday list.
    const week = { mon: [{ from: '09:00', to: '17:00' }] };
    expect(validateCalendar({ timeZone: 'Europe/Berlin', week, holidays })).toEqual([]);
  });

  it.each([
    [
      'an event at a time of day',
      ['DTSTART:20261224T140000Z', 'DTEND:20261224T180000Z', 'SUMMARY:Office party'],
      'is at a time of day, not a whole day: only all-day events are holidays.',
    ],
    ['an event without a start', ['SUMMARY:Someday'], 'has no start date (DTSTART).'],
    [
      'an all-day event of six weeks',
      ['DTSTART;VALUE=DATE:20260701', 'DTEND;VALUE=DATE:20260815', 'SUMMARY:Summer'],
      'lasts more than 31 days: not a holiday.',
    ],
    [
      'a rule that ended before the years asked for',
      ['DTSTART;VALUE=DATE:20100101', 'RRULE:FREQ=YEARLY;COUNT=3', 'SUMMARY:Old'],
      'repeats, but never between 2026 and 2028.',
    ],
  ])('leaves out %s and says why, keeping the other events', (_name, lines, message) => {
    const result = holidaysFromIcs(
      ics(lines, ['DTSTART;VALUE=DATE:20261225', 'SUMMARY:Christmas Day']),
      YEARS,
    );
    expect(result.problems).toEqual([expect.objectContaining({ event: 1, message })]);
    expect(result.holidays).toEqual([{ date: '2026-12-25', name: 'Christmas Day' }]);
  });

  it.each([
    ['plain text', 'Christmas is on the 25th'],
    ['a vCard', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dana Smith\r\nEND:VCARD'],
    ['a calendar cut off half-way', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026'],
  ])('a file that is not iCalendar (%s) gives no holidays and one clear problem', (_n, text) => {
    const result = holidaysFromIcs(text, YEARS);
    expect(result.holidays).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.message).toMatch(/^Not an iCalendar file/);
  });
});
