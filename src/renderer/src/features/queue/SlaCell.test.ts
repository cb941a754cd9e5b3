import { describe, expect, it } from 'vitest';
import type { SlaSummary } from '@core/index';
import { formatClock, slaClockText } from './SlaCell';

const T = Date.UTC(2026, 10, 2, 9);
const S = 1000;
const MIN = 60 * S;

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [59 * S, '0:59'],
    [12 * MIN + 5 * S, '12:05'],
    [-(12 * MIN + 5 * S), '12:05'],
    [60 * MIN, '1 h'],
    [3 * 60 * MIN + 20 * MIN + 30 * S, '3 h 20 min'],
    [24 * 60 * MIN, '1 d'],
    [51 * 60 * MIN, '2 d 3 h'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});

describe('slaClockText', () => {
  const running: SlaSummary = {
    state: 'running',
    target: 'resolution',
    dueAt: T + 90 * MIN,
    warnAt: T + 60 * MIN,
  };
  it.each([
    ['ticking down', running, T, 'Resolution · 1 h 30 min'],
    ['under an hour, to the second', running, T + 30 * MIN + 15 * S, 'Resolution · 59:45'],
    ['over due, counting up', running, T + 95 * MIN, 'Resolution · 5:00 over'],
    ['paused', { ...running, state: 'paused' }, T, 'Resolution · paused'],
    ['met', { ...running, state: 'met' }, T, 'Resolution · met'],
    ['no policy', { state: 'none' }, T, 'No SLA'],
    ['no summary', undefined, T, 'No SLA'],
  ] as const)('%s', (_case, sla, now, text) => {
    expect(slaClockText(sla as SlaSummary | undefined, now)).toBe(text);
  });
});
