import { describe, expect, it } from 'vitest';
import { badgeCount, trayTooltip } from './tray-text';

describe('trayTooltip', () => {
  it.each([
    [0, 0, 'Escalation Desk — all SLAs on track'],
    [1, 0, 'Escalation Desk — 1 breached'],
    [0, 4, 'Escalation Desk — 4 at risk'],
    [2, 3, 'Escalation Desk — 2 breached, 3 at risk'],
  ])('%i breached, %i at risk → %s', (breached, atRisk, text) => {
    expect(trayTooltip({ breached, atRisk })).toBe(text);
  });
});

describe('badgeCount', () => {
  it.each([
    [0, 0, 0],
    [1, 0, 1],
    [0, 4, 4],
    [2, 3, 5],
  ])('%i breached + %i at risk → %i', (breached, atRisk, count) => {
    expect(badgeCount({ breached, atRisk })).toBe(count);
  });
});
