import { describe, expect, it } from 'vitest';
import { isDoneStatus, isPriority, raisePriority } from './ticket';

describe('tickets', () => {
  it.each([
    ['P4', 1, 'P3'],
    ['P3', 1, 'P2'],
    ['P2', 1, 'P1'],
    ['P1', 1, 'P1'],
    ['P4', 2, 'P2'],
    ['P4', 9, 'P1'],
    ['P3', 0, 'P3'],
  ] as const)('raising %s by %i gives %s', (from, steps, to) => {
    expect(raisePriority(from, steps)).toBe(to);
  });

  it.each([
    ['P1', true],
    ['P4', true],
    ['P5', false],
    ['p1', false],
    [1, false],
  ])('%s is a priority: %s', (value, expected) => {
    expect(isPriority(value)).toBe(expected);
  });

  it.each([
    ['resolved', true],
    ['closed', true],
    ['open', false],
    ['pending_customer', false],
    ['awaiting_parts', false],
  ])('%s is done: %s', (status, expected) => {
    expect(isDoneStatus(status)).toBe(expected);
  });
});
