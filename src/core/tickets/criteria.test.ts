import { describe, expect, it } from 'vitest';
import {
  criteriaCover,
  describeCriteria,
  isCatchAll,
  matchesCriteria,
  type TicketCriteria,
} from './criteria';
import type { TicketFacts } from './ticket';

const ticket: TicketFacts = { priority: 'P1', category: 'network', tier: 'gold', channel: 'phone' };

describe('ticket criteria', () => {
  it.each<[string, TicketCriteria | undefined, boolean]>([
    ['no criteria', undefined, true],
    ['empty lists', { priorities: [], tiers: [] }, true],
    ['matching priority', { priorities: ['P1', 'P2'] }, true],
    ['other priority', { priorities: ['P2'] }, false],
    [
      'all dimensions match',
      { priorities: ['P1'], categories: ['network'], tiers: ['gold'], channels: ['phone'] },
      true,
    ],
    ['one dimension fails', { priorities: ['P1'], channels: ['email'] }, false],
  ])('%s: matches %s', (_, criteria, expected) => {
    expect(matchesCriteria(criteria, ticket)).toBe(expected);
  });

  it.each<[TicketCriteria | undefined, boolean]>([
    [undefined, true],
    [{}, true],
    [{ categories: [] }, true],
    [{ priorities: ['P1', 'P2', 'P3', 'P4'] }, true],
    [{ priorities: ['P1', 'P2', 'P3'] }, false],
    [{ tiers: ['gold'] }, false],
  ])('%j is a catch-all: %s', (criteria, expected) => {
    expect(isCatchAll(criteria)).toBe(expected);
  });

  it.each<[TicketCriteria, TicketCriteria, boolean]>([
    [{}, { priorities: ['P1'] }, true],
    [{ priorities: ['P1'] }, { priorities: ['P1'], tiers: ['gold'] }, true],
    [{ priorities: ['P1', 'P2'] }, { priorities: ['P2'] }, true],
    [{ priorities: ['P1'] }, { priorities: ['P1', 'P2'] }, false],
    [{ priorities: ['P1'] }, {}, false],
    [{ priorities: ['P1'], tiers: ['gold'] }, { priorities: ['P1'] }, false],
    [{ priorities: ['P1', 'P2', 'P3', 'P4'] }, { tiers: ['gold'] }, true],
  ])('%j covers %j: %s', (broader, narrower, expected) => {
    expect(criteriaCover(broader, narrower)).toBe(expected);
  });

  it.each<[TicketCriteria | undefined, string]>([
    [undefined, 'every ticket'],
    [{ priorities: ['P1', 'P2'], tiers: ['gold'] }, 'priority P1 or P2, customer tier gold'],
    [{ categories: ['network'], channels: ['phone'] }, 'category network, channel phone'],
  ])('describes %j as "%s"', (criteria, text) => {
    expect(describeCriteria(criteria)).toBe(text);
  });
});
