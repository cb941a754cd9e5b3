import { describe, expect, it } from 'vitest';
import { liveSlaState, type SlaSummary } from './summary';

const T = Date.UTC(2026, 10, 2, 9);
const MIN = 60_000;

describe('liveSlaState', () => {
  const running: SlaSummary = { state: 'running', dueAt: T + 60 * MIN, warnAt: T + 45 * MIN };
  it.each([
    ['no summary', undefined, T, 'none'],
    ['running before its warning', running, T, 'running'],
    ['running once its first warning has passed', running, T + 45 * MIN, 'at_risk'],
    ['running at its due time', running, T + 60 * MIN, 'breached'],
    ['stored at risk, later overdue', { ...running, state: 'at_risk' }, T + 61 * MIN, 'breached'],
    ['stored at risk stays at risk', { ...running, state: 'at_risk' }, T, 'at_risk'],
    [
      'paused past its due time stays paused',
      { ...running, state: 'paused' },
      T + 90 * MIN,
      'paused',
    ],
    ['breached stays breached', { ...running, state: 'breached' }, T, 'breached'],
    ['met stays met', { ...running, state: 'met' }, T + 90 * MIN, 'met'],
    [
      'no warning: running until due',
      { state: 'running', dueAt: T + 60 * MIN },
      T + 59 * MIN,
      'running',
    ],
    ['no clock', { state: 'none' }, T, 'none'],
  ] as const)('%s', (_case, summary, now, expected) => {
    expect(liveSlaState(summary as SlaSummary | undefined, now)).toBe(expected);
  });
});
