import { describe, expect, it } from 'vitest';
import { countChange, durationChange, rateChange, scoreChange } from './report-format';

describe('change against the previous period', () => {
  it.each([
    [
      'a higher escalation rate is worse',
      rateChange(0.25, 0.231, false),
      'up',
      'worse',
      'Up 1.9 points vs previous period',
    ],
    [
      'a higher compliance is better',
      rateChange(0.9, 0.8, true),
      'up',
      'better',
      'Up 10.0 points vs previous period',
    ],
    [
      'no previous rate',
      rateChange(0.9, null, true),
      'none',
      'neutral',
      'No data vs previous period',
    ],
    [
      'more tickets is neither',
      countChange(200, 160, null),
      'up',
      'neutral',
      'Up 25% vs previous period',
    ],
    [
      'fewer dropped is better',
      countChange(2, 4, false),
      'down',
      'better',
      'Down 50% vs previous period',
    ],
    ['from none', countChange(3, 0, false), 'up', 'worse', 'Up from none vs previous period'],
    [
      'a tiny change in a big count',
      countChange(1001, 1000, null),
      'up',
      'neutral',
      'Up 1 vs previous period',
    ],
    [
      'faster is better',
      durationChange(60 * 60_000, 90 * 60_000),
      'down',
      'better',
      'Down 30 min vs previous period',
    ],
    [
      'same duration',
      durationChange(60_000, 60_000),
      'same',
      'neutral',
      'No change vs previous period',
    ],
    [
      'a lower CSAT is worse',
      scoreChange(4.2, 4.5),
      'down',
      'worse',
      'Down 0.3 vs previous period',
    ],
  ] as const)('%s', (_name, change, direction, verdict, text) => {
    expect(change).toEqual({ direction, verdict, text });
  });
});
