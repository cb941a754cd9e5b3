import { describe, expect, it } from 'vitest';
import { validateCalendar } from '../calendar';
import { validateMatrix } from '../escalation';
import { validatePolicies, selectPolicy } from '../sla';
import { CUSTOMER_TIERS, PRIORITIES, ROLES } from '../tickets';
import {
  BUSINESS_CALENDAR_ID,
  demoCalendars,
  demoCustomers,
  demoMatrix,
  demoPeople,
  demoPolicies,
  demoTeams,
  generateDemoReference,
  MAX_DEMO_TICKETS,
  ROUND_THE_CLOCK_CALENDAR_ID,
  teamIdOf,
} from './reference';
import { DemoRandom } from './random';
import { DEMO_CATEGORIES } from './texts';

const NOW = Date.UTC(2025, 5, 16, 10, 30);

describe('demo reference data', () => {
  const reference = generateDemoReference({ now: NOW, ticketCount: 5_000 });
  const lookup = (id: string) => reference.calendars.find((row) => row.id === id)?.calendar;

  it('has valid calendars, policies and matrix', () => {
    for (const row of demoCalendars()) expect(validateCalendar(row.calendar)).toEqual([]);
    expect(validatePolicies(reference.policies, lookup)).toEqual([]);
    const problems = validateMatrix(reference.matrix);
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('has one policy per priority, P1 round the clock in calendar time, P4 the fallback', () => {
    const policies = demoPolicies();
    for (const priority of PRIORITIES) {
      const facts = { priority, category: 'billing', tier: 'standard', channel: 'email' };
      expect(selectPolicy(policies, facts)?.name).toContain(priority);
    }
    const p1 = policies[0]!;
    expect(p1.calendar).toBe(ROUND_THE_CLOCK_CALENDAR_ID);
    expect(Object.values(p1.targets).every((target) => target.mode === 'calendar')).toBe(true);
    for (const policy of policies.slice(1)) {
      expect(policy.calendar).toBe(BUSINESS_CALENDAR_ID);
      expect(Object.values(policy.targets).every((target) => target.mode === 'business')).toBe(
        true,
      );
    }
    expect(policies.at(-1)!.conditions).toBeUndefined();
    for (const policy of policies) expect(policy.warningPercents).toEqual([75, 90]);
  });

  it('escalates each category functionally to its team, then to a supervisor, then automatically', () => {
    const matrix = demoMatrix(demoTeams(), reference.people);
    for (const category of DEMO_CATEGORIES) {
      const row = matrix.rows.find((r) => r.criteria.categories?.includes(category))!;
      expect(row.levels.map((level) => level.type)).toEqual([
        'functional',
        'hierarchical',
        'automatic',
      ]);
      expect(row.levels[0]!.owner).toMatchObject({ kind: 'team', id: teamIdOf(category) });
      const supervisor = reference.people.find((p) => p.id === row.levels[1]!.owner!.id)!;
      expect(supervisor).toMatchObject({ role: 'supervisor', teamId: teamIdOf(category) });
      expect(row.levels[2]!.trigger).toMatchObject({ kind: 'sla_percent', target: 'resolution' });
    }
    expect(matrix.rows.at(-1)!.criteria).toEqual({});
  });

  it('has teams with skills, every role, and unique people with contact details', () => {
    const teams = demoTeams();
    for (const category of DEMO_CATEGORIES) {
      expect(teams.find((team) => team.id === teamIdOf(category))?.skills).toContain(category);
    }
    const people = demoPeople(5_000, new DemoRandom(1));
    for (const role of ROLES) expect(people.some((person) => person.role === role)).toBe(true);
    expect(new Set(people.map((p) => p.id)).size).toBe(people.length);
    expect(new Set(people.map((p) => p.name)).size).toBe(people.length);
    for (const person of people) {
      expect(person.email).toMatch(/^[a-z0-9.]+@escalationdesk\.example$/);
      expect(person.phone).toMatch(/^\+49 \d+ \d{4} \d{4}$/);
      if (person.teamId !== undefined) expect(teams.some((t) => t.id === person.teamId)).toBe(true);
    }
  });

  it('has customers in every tier: companies above standard, private people in standard', () => {
    const customers = demoCustomers(5_000, new DemoRandom(2));
    expect(customers.length).toBe(1_000);
    expect(new Set(customers.map((c) => c.id)).size).toBe(customers.length);
    expect(new Set(customers.map((c) => c.email)).size).toBe(customers.length);
    for (const tier of CUSTOMER_TIERS) {
      expect(customers.filter((c) => c.tier === tier).length).toBeGreaterThan(40);
    }
    for (const customer of customers) {
      expect(customer.email).toMatch(/^[a-z0-9.-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.example$/);
      if (customer.tier === 'standard') expect(customer.name).toMatch(/^\S+ .+$/);
      else expect(customer.name).toMatch(/(GmbH|AG|SE|KG|Ltd|B\.V\.|S\.A\.|Inc\.)( \(\d+\))?$/);
    }
    const companies = customers.filter((c) => c.tier !== 'standard');
    expect(new Set(companies.map((c) => c.name)).size).toBe(companies.length);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(generateDemoReference({ now: NOW, seed: 5 })).toEqual(
      generateDemoReference({ now: NOW, seed: 5 }),
    );
    expect(generateDemoReference({ now: NOW, seed: 5 }).customers).not.toEqual(
      generateDemoReference({ now: NOW, seed: 6 }).customers,
    );
  });

  it('sizes staff and customers with the desk and caps the ticket count', () => {
    const small = generateDemoReference({ now: NOW, ticketCount: 500 });
    const large = generateDemoReference({ now: NOW, ticketCount: 1_000_000 });
    expect(large.ticketCount).toBe(MAX_DEMO_TICKETS);
    expect(large.people.length).toBeGreaterThan(small.people.length);
    expect(large.customers.length).toBeGreaterThan(small.customers.length);
    expect(validateMatrix(large.matrix)).toEqual([]);
  });
});
