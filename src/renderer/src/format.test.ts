import { describe, expect, it } from 'vitest';
import { formatMinutes, formatRelative } from './format';

describe('formatMinutes', () => {
  it.each([
    [0, '0 min'],
    [45, '45 min'],
    [59.6, '1 h'],
    [200, '3 h 20 min'],
    [1440, '1 d'],
    [1440 + 185, '1 d 3 h'],
    [-90, '1 h 30 min'],
  ])('%d → %s', (minutes, text) => expect(formatMinutes(minutes)).toBe(text));
});

describe('formatRelative', () => {
  it('says "in" for the future and "ago" for the past', () => {
    expect(formatRelative(3_600_000, 0)).toBe('in 1 h');
    expect(formatRelative(0, 5 * 60_000)).toBe('5 min ago');
  });
});
