import type { BusinessCalendar } from '../calendar';
import type { EscalationLevel, EscalationMatrix, EscalationRow } from '../escalation';
import { DEFAULT_PAUSE_STATUSES, type SlaPolicy } from '../sla';
import type { Customer, CustomerTier, Person, Role, Team } from '../tickets';
import {
  companyEmail,
  companyName,
  emailLocalPart,
  personName,
  phoneNumber,
  privateEmail,
} from './names';
import { DemoRandom } from './random';
import { DEMO_CATEGORIES, DEMO_TEMPLATES, type DemoCategory } from './texts';

/** A business calendar with its id and name, as the desk stores it. */
export interface DemoCalendar {
  id: string;
  name: string;
  calendar: BusinessCalendar;
}

/** A reusable customer-update text. */
export interface DemoTemplate {
  id: string;
  name: string;
  body: string;
}

/** Everything of a demo desk except its tickets: who, when, and by which rules. */
export interface DemoReference {
  seed: number;
  /** The instant the desk is generated for; ticket histories end at or before it. */
  now: number;
  /** How many days of history before `now` the tickets span. */
  days: number;
  ticketCount: number;
  customers: Customer[];
  teams: Team[];
  people: Person[];
  calendars: DemoCalendar[];
  /** In first-match-wins order; the last one is the fallback. */
  policies: SlaPolicy[];
  matrix: EscalationMatrix;
  templates: DemoTemplate[];
}

/** What to generate. */
export interface DemoDeskOptions {
  /** The same seed always gives the same desk. */
  seed?: number;
  now: number;
  /** About how many tickets; 5,000 by default. */
  ticketCount?: number;
  /** Days of history before `now`; 90 by default. */
  days?: number;
}

export const DEFAULT_DEMO_SEED = 20_250_101;
export const DEFAULT_DEMO_TICKETS = 5_000;
export const DEFAULT_DEMO_DAYS = 90;
/** The largest desk the generator makes. */
export const MAX_DEMO_TICKETS = 100_000;

export const BUSINESS_CALENDAR_ID = 'cal-business';
export const ROUND_THE_CLOCK_CALENDAR_ID = 'cal-24x7';
export const FRONTLINE_TEAM_ID = 'team-frontline';
export const MANAGEMENT_TEAM_ID = 'team-management';

const STAFF_DOMAIN = 'escalationdesk.example';

/** The team that owns a category's functional escalations. */
export function teamIdOf(category: string): string {
  return `team-${category}`;
}

const TEAM_INFO: Record<DemoCategory, { name: string; skills: string[] }> = {
  billing: { name: 'Billing', skills: ['billing', 'invoices', 'refunds'] },
  network: { name: 'Network', skills: ['network', 'connectivity', 'outages'] },
  hardware: { name: 'Hardware', skills: ['hardware', 'devices', 'repairs'] },
  accounts: { name: 'Accounts', skills: ['accounts', 'access', 'identity'] },
  returns: { name: 'Returns', skills: ['returns', 'logistics', 'exchanges'] },
  platform: { name: 'Platform', skills: ['platform', 'api', 'integrations'] },
};

const BERLIN_HOLIDAYS = [
  { date: '2025-01-01', name: "New Year's Day", recurring: true },
  { date: '2025-03-08', name: "International Women's Day", recurring: true },
  { date: '2025-05-01', name: 'Labour Day', recurring: true },
  { date: '2025-10-03', name: 'German Unity Day', recurring: true },
  { date: '2025-12-25', name: 'Christmas Day', recurring: true },
  { date: '2025-12-26', name: 'Second Day of Christmas', recurring: true },
  ...[
    ['2025-04-18', '2025-04-21', '2025-05-29', '2025-06-09'],
    ['2026-04-03', '2026-04-06', '2026-05-14', '2026-05-25'],
    ['2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17'],
    ['2028-04-14', '2028-04-17', '2028-05-25', '2028-06-05'],
  ].flatMap((dates) =>
    dates.map((date, i) => ({
      date,
      name: ['Good Friday', 'Easter Monday', 'Ascension Day', 'Whit Monday'][i]!,
    })),
  ),
];

const WORKDAY = [{ from: '08:00', to: '18:00' }];
const WHOLE_DAY = [{ from: '00:00', to: '24:00' }];

/** The desk's calendars: office hours in Berlin, and round the clock for critical tickets. */
export function demoCalendars(): DemoCalendar[] {
  return [
    {
      id: BUSINESS_CALENDAR_ID,
      name: 'Office hours Berlin (Mon–Fri 08:00–18:00)',
      calendar: {
        timeZone: 'Europe/Berlin',
        week: { mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY },
        holidays: BERLIN_HOLIDAYS,
      },
    },
    {
      id: ROUND_THE_CLOCK_CALENDAR_ID,
      name: 'Round the clock (24/7)',
      calendar: {
        timeZone: 'Europe/Berlin',
        week: {
          mon: WHOLE_DAY,
          tue: WHOLE_DAY,
          wed: WHOLE_DAY,
          thu: WHOLE_DAY,
          fri: WHOLE_DAY,
          sat: WHOLE_DAY,
          sun: WHOLE_DAY,
        },
      },
    },
  ];
}

/** One SLA policy per priority; P4 is the fallback for anything else. Minutes are business minutes except for P1. */
export function demoPolicies(): SlaPolicy[] {
  const pauseStatuses = DEFAULT_PAUSE_STATUSES.map((pause) => ({ ...pause }));
  const business = (minutes: number) => ({ minutes, mode: 'business' as const });
  return [
    {
      id: 'pol-p1',
      name: 'P1 Critical — 24/7',
      conditions: { priorities: ['P1'] },
      calendar: ROUND_THE_CLOCK_CALENDAR_ID,
      targets: {
        first_response: { minutes: 30, mode: 'calendar' },
        next_update: { minutes: 60, mode: 'calendar' },
        resolution: { minutes: 8 * 60, mode: 'calendar' },
      },
      pauseStatuses: pauseStatuses.filter((pause) => pause.status === 'pending_customer'),
      warningPercents: [75, 90],
    },
    {
      id: 'pol-p2',
      name: 'P2 High',
      conditions: { priorities: ['P2'] },
      calendar: BUSINESS_CALENDAR_ID,
      targets: {
        first_response: business(60),
        next_update: business(4 * 60),
        resolution: business(2 * 600),
      },
      pauseStatuses,
      warningPercents: [75, 90],
    },
    {
      id: 'pol-p3',
      name: 'P3 Normal',
      conditions: { priorities: ['P3'] },
      calendar: BUSINESS_CALENDAR_ID,
      targets: {
        first_response: business(4 * 60),
        next_update: business(600),
        resolution: business(5 * 600),
      },
      pauseStatuses,
      warningPercents: [75, 90],
    },
    {
      id: 'pol-p4',
      name: 'P4 Low and everything else',
      calendar: BUSINESS_CALENDAR_ID,
      targets: {
        first_response: business(8 * 60),
        next_update: business(2 * 600),
        resolution: business(10 * 600),
      },
      pauseStatuses,
      warningPercents: [75, 90],
    },
  ];
}

/** The percentages of resolution time at which the matrix levels fire by themselves. */
export const LEVEL_TRIGGER_PERCENTS = [50, 75, 90] as const;

function staffEmail(name: string): string {
  return `${emailLocalPart(name)}@${STAFF_DOMAIN}`;
}

/** The three levels of a row: specialists (functional), their supervisor, the duty manager. */
function rowLevels(team: Team, supervisor: Person): EscalationLevel[] {
  return [
    {
      id: 'l1',
      name: `${team.name} specialists`,
      type: 'functional',
      owner: {
        kind: 'team',
        id: team.id,
        name: team.name,
        contacts: [{ kind: 'email', value: `${team.id.replace('team-', '')}@${STAFF_DOMAIN}` }],
      },
      trigger: { kind: 'sla_percent', target: 'resolution', percent: LEVEL_TRIGGER_PERCENTS[0] },
      actions: [{ kind: 'reassign' }, { kind: 'notify', roles: ['specialist'] }],
      repeat: { kind: 'none' },
    },
    {
      id: 'l2',
      name: `${team.name} supervisor`,
      type: 'hierarchical',
      owner: {
        kind: 'person',
        id: supervisor.id,
        name: supervisor.name,
        contacts: [
          { kind: 'email', value: supervisor.email ?? staffEmail(supervisor.name) },
          { kind: 'phone', value: supervisor.phone ?? '+49 30 5550 0000' },
        ],
      },
      trigger: { kind: 'sla_percent', target: 'resolution', percent: LEVEL_TRIGGER_PERCENTS[1] },
      actions: [{ kind: 'reassign' }, { kind: 'notify', roles: ['supervisor'] }],
      repeat: { kind: 'none' },
    },
    {
      id: 'l3',
      name: 'Duty manager',
      type: 'automatic',
      owner: {
        kind: 'role',
        id: 'manager',
        name: 'Duty manager',
        contacts: [
          { kind: 'email', value: `duty.manager@${STAFF_DOMAIN}` },
          { kind: 'phone', value: '+49 30 5550 9110' },
        ],
      },
      trigger: { kind: 'sla_percent', target: 'resolution', percent: LEVEL_TRIGGER_PERCENTS[2] },
      actions: [{ kind: 'reassign' }, { kind: 'notify', roles: ['manager', 'supervisor'] }],
      repeat: { kind: 'every', minutes: 120, maxTimes: 2 },
    },
  ];
}

/** A row per category (functional to its team) and a fallback row to the platform team. */
export function demoMatrix(teams: readonly Team[], people: readonly Person[]): EscalationMatrix {
  const supervisorOf = (teamId: string) =>
    people.find((person) => person.role === 'supervisor' && person.teamId === teamId)!;
  const rows: EscalationRow[] = DEMO_CATEGORIES.map((category) => {
    const team = teams.find((t) => t.id === teamIdOf(category))!;
    return {
      id: `row-${category}`,
      name: `${team.name} cases`,
      criteria: { categories: [category] },
      levels: rowLevels(team, supervisorOf(team.id)),
    };
  });
  const fallbackTeam = teams.find((t) => t.id === teamIdOf('platform'))!;
  rows.push({
    id: 'row-fallback',
    name: 'Everything else',
    criteria: {},
    levels: rowLevels(fallbackTeam, supervisorOf(FRONTLINE_TEAM_ID)),
  });
  return { rows };
}

/** The first-line team, one specialist team per category, and service management. */
export function demoTeams(): Team[] {
  return [
    { id: FRONTLINE_TEAM_ID, name: 'Frontline Support', skills: ['triage', 'general'] },
    ...DEMO_CATEGORIES.map((category) => ({
      id: teamIdOf(category),
      name: TEAM_INFO[category].name,
      skills: [...TEAM_INFO[category].skills],
    })),
    {
      id: MANAGEMENT_TEAM_ID,
      name: 'Service Management',
      skills: ['major incidents', 'escalations'],
    },
  ];
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The staff, sized to the ticket volume: agents, specialists, supervisors, managers, an admin. */
export function demoPeople(ticketCount: number, random: DemoRandom): Person[] {
  const people: Person[] = [];
  const usedNames = new Set<string>();
  const add = (role: Role, teamId: string | undefined) => {
    let name = personName(random);
    while (usedNames.has(name)) name = personName(random);
    usedNames.add(name);
    const number = String(people.length + 1).padStart(3, '0');
    people.push({
      id: `usr-${number}`,
      name,
      role,
      ...(teamId === undefined ? {} : { teamId }),
      email: staffEmail(name),
      phone: phoneNumber(random),
    });
  };
  const agents = clamp(Math.round(ticketCount / 400), 8, 80);
  const specialists = clamp(Math.round(ticketCount / 2_500), 3, 15);
  for (let i = 0; i < agents; i++) add('agent', FRONTLINE_TEAM_ID);
  add('supervisor', FRONTLINE_TEAM_ID);
  add('supervisor', FRONTLINE_TEAM_ID);
  for (const category of DEMO_CATEGORIES) {
    add('supervisor', teamIdOf(category));
    for (let i = 0; i < specialists; i++) add('specialist', teamIdOf(category));
  }
  for (let i = 0; i < 3; i++) add('manager', MANAGEMENT_TEAM_ID);
  add('admin', undefined);
  return people;
}

/** The share of customers in each tier. */
const CUSTOMER_TIER_SHARE: readonly (readonly [CustomerTier, number])[] = [
  ['enterprise', 0.06],
  ['business', 0.24],
  ['standard', 0.7],
];

/** Customers in three tiers: companies for enterprise and business, private people for standard. */
export function demoCustomers(ticketCount: number, random: DemoRandom): Customer[] {
  const total = clamp(Math.round(ticketCount / 5), 60, 10_000);
  const customers: Customer[] = [];
  const usedNames = new Set<string>();
  const usedEmails = new Set<string>();
  const unique = (used: Set<string>, value: string, variant: (n: number) => string) => {
    let candidate = value;
    for (let n = 2; used.has(candidate); n++) candidate = variant(n);
    used.add(candidate);
    return candidate;
  };
  for (const [tier, share] of CUSTOMER_TIER_SHARE) {
    const count = Math.max(5, Math.round(total * share));
    for (let i = 0; i < count; i++) {
      const id = `CUS-${String(customers.length + 1).padStart(5, '0')}`;
      if (tier === 'standard') {
        const name = personName(random);
        const email = privateEmail(name, random);
        const [local, domain] = email.split('@') as [string, string];
        customers.push({
          id,
          name,
          tier,
          email: unique(usedEmails, email, (n) => `${local}${n}@${domain}`),
          phone: phoneNumber(random),
        });
      } else {
        const base = companyName(random);
        const name = unique(usedNames, base, (n) => `${base} (${n})`);
        const email = companyEmail(base);
        const [local, domain] = email.split('@') as [string, string];
        customers.push({
          id,
          name,
          tier,
          email: unique(
            usedEmails,
            email,
            (n) => `${local}@${domain.replace('.example', `-${n}.example`)}`,
          ),
          phone: phoneNumber(random),
        });
      }
    }
  }
  return customers;
}

/**
 * The reference data of a demo desk for a seed: customers, teams, people, calendars, policies,
 * matrix and templates. Deterministic; reads no clock.
 */
export function generateDemoReference(options: DemoDeskOptions): DemoReference {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const ticketCount = clamp(
    Math.round(options.ticketCount ?? DEFAULT_DEMO_TICKETS),
    0,
    MAX_DEMO_TICKETS,
  );
  const days = options.days ?? DEFAULT_DEMO_DAYS;
  const random = new DemoRandom(seed, 0);
  const teams = demoTeams();
  const people = demoPeople(ticketCount, random);
  const customers = demoCustomers(ticketCount, random);
  return {
    seed,
    now: options.now,
    days,
    ticketCount,
    customers,
    teams,
    people,
    calendars: demoCalendars(),
    policies: demoPolicies(),
    matrix: demoMatrix(teams, people),
    templates: DEMO_TEMPLATES.map((template) => ({ ...template })),
  };
}
