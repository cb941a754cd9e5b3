import { WEEKDAYS, type BusinessCalendar, type Weekday } from '../calendar';
import type { EscalationLevel, EscalationMatrix } from '../escalation/matrix';
import { DEFAULT_PAUSE_STATUSES, type SlaPolicy } from '../sla/policy';
import type { Priority } from '../tickets';

/** A stored calendar of a template. */
export interface TemplateCalendar {
  id: string;
  name: string;
  calendar: BusinessCalendar;
}

export const IMPACT_LEVELS = ['high', 'medium', 'low'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

/** ITIL's priority from impact × urgency: `priorities[impact][urgency]`. */
export type PriorityMatrix = Record<ImpactLevel, Record<ImpactLevel, Priority>>;

/** A starting point for a desk's rules: calendars, SLA policies and an escalation matrix. */
export interface RulesTemplate {
  id: 'three-level' | 'itil-incident' | 'retail-store';
  name: string;
  description: string;
  calendars: TemplateCalendar[];
  policies: SlaPolicy[];
  matrix: EscalationMatrix;
  priorityMatrix?: PriorityMatrix;
}

/** The priority of an incident from its impact and urgency, by a template's matrix. */
export function priorityFrom(
  matrix: PriorityMatrix,
  impact: ImpactLevel,
  urgency: ImpactLevel,
): Priority {
  return matrix[impact][urgency];
}

/** The same hours on each of `days`. */
function hoursOn(days: readonly Weekday[], from: string, to: string): BusinessCalendar['week'] {
  return Object.fromEntries(days.map((day) => [day, [{ from, to }]]));
}

const WEEKDAYS_9_TO_5: BusinessCalendar = {
  timeZone: 'Europe/London',
  week: hoursOn(WEEKDAYS.slice(0, 5), '09:00', '17:00'),
};
const ALL_DAY: BusinessCalendar = { timeZone: 'UTC', week: hoursOn(WEEKDAYS, '00:00', '24:00') };
const STORE_HOURS: BusinessCalendar = {
  timeZone: 'Europe/London',
  week: {
    ...hoursOn(WEEKDAYS.slice(0, 6), '08:00', '20:00'),
    sun: [{ from: '10:00', to: '16:00' }],
  },
  holidays: [
    { date: '2026-12-25', name: 'Christmas Day', recurring: true },
    { date: '2026-01-01', name: "New Year's Day", recurring: true },
  ],
};

const pause = { pauseStatuses: [...DEFAULT_PAUSE_STATUSES], warningPercents: [75, 90] };
const hours = (h: number) => h * 60;

/** Functional to the specialists, hierarchical to the duty manager, automatic to the head. */
function threeLevels(prefix: string, percents: [number, number, number]): EscalationLevel[] {
  return [
    {
      id: `${prefix}-l1`,
      name: 'Specialists',
      type: 'functional',
      owner: {
        kind: 'team',
        id: 'tier-2',
        name: 'Tier 2 specialists',
        contacts: [{ kind: 'email', value: 'tier2@example.com' }],
      },
      trigger: { kind: 'sla_percent', target: 'resolution', percent: percents[0] },
      actions: [{ kind: 'reassign' }, { kind: 'notify', roles: ['specialist'] }],
      repeat: { kind: 'none' },
    },
    {
      id: `${prefix}-l2`,
      name: 'Duty manager',
      type: 'hierarchical',
      owner: {
        kind: 'role',
        id: 'duty-manager',
        name: 'Duty manager',
        contacts: [{ kind: 'phone', value: '+44 20 7946 0000' }],
      },
      trigger: { kind: 'sla_percent', target: 'resolution', percent: percents[1] },
      actions: [{ kind: 'notify', roles: ['manager'] }, { kind: 'raise_priority' }],
      repeat: { kind: 'every', minutes: 30, maxTimes: 4 },
    },
    {
      id: `${prefix}-l3`,
      name: 'Head of service',
      type: 'automatic',
      owner: { kind: 'role', id: 'head-of-service', name: 'Head of service', contacts: [] },
      trigger: { kind: 'sla_percent', target: 'resolution', percent: percents[2] },
      actions: [
        { kind: 'notify', roles: ['admin', 'manager'] },
        { kind: 'raise_priority', to: 'P1' },
      ],
      repeat: { kind: 'every', minutes: 60, maxTimes: 3 },
    },
  ];
}

/** Policies with P1–P4 targets (minutes of first response, next update, resolution). */
function byPriority(
  prefix: string,
  calendar: string,
  targets: Record<Priority, [number, number, number]>,
): SlaPolicy[] {
  return (Object.entries(targets) as [Priority, [number, number, number]][]).map(
    ([priority, [first, update, resolution]], index, all) => ({
      id: `${prefix}-${priority.toLowerCase()}`,
      name: `${priority} incidents`,
      // The last policy has no conditions: the fallback every desk needs.
      ...(index === all.length - 1 ? {} : { conditions: { priorities: [priority] } }),
      calendar,
      targets: {
        first_response: { minutes: first, mode: priority === 'P1' ? 'calendar' : 'business' },
        next_update: { minutes: update, mode: priority === 'P1' ? 'calendar' : 'business' },
        resolution: { minutes: resolution, mode: priority === 'P1' ? 'calendar' : 'business' },
      },
      ...pause,
    }),
  );
}

export const RULES_TEMPLATES: readonly RulesTemplate[] = [
  {
    id: 'three-level',
    name: 'Three-level escalation',
    description:
      'Functional to the specialists at half the resolution time, hierarchical to the duty manager at 75%, automatic to the head of service at 90%.',
    calendars: [{ id: 'office-hours', name: 'Office hours', calendar: WEEKDAYS_9_TO_5 }],
    policies: [
      {
        id: 'standard',
        name: 'Standard',
        calendar: 'office-hours',
        targets: {
          first_response: { minutes: 60, mode: 'business' },
          resolution: { minutes: hours(16), mode: 'business' },
        },
        ...pause,
      },
    ],
    matrix: {
      rows: [
        { id: 'all', name: 'Every ticket', criteria: {}, levels: threeLevels('all', [50, 75, 90]) },
      ],
    },
  },
  {
    id: 'itil-incident',
    name: 'ITIL incident management',
    description:
      'Priority from impact × urgency; P1 around the clock, P2–P4 in office hours; the P1 and P2 rows escalate sooner.',
    calendars: [
      { id: 'office-hours', name: 'Office hours', calendar: WEEKDAYS_9_TO_5 },
      { id: 'around-the-clock', name: 'Around the clock', calendar: ALL_DAY },
    ],
    policies: byPriority('itil', 'office-hours', {
      P1: [15, 60, hours(4)],
      P2: [30, hours(2), hours(8)],
      P3: [hours(2), hours(8), hours(24)],
      P4: [hours(8), hours(24), hours(40)],
    }).map((policy) =>
      policy.id === 'itil-p1' ? { ...policy, calendar: 'around-the-clock' } : policy,
    ),
    matrix: {
      rows: [
        {
          id: 'urgent',
          name: 'P1 and P2',
          criteria: { priorities: ['P1', 'P2'] },
          levels: threeLevels('urgent', [25, 50, 75]),
        },
        {
          id: 'other',
          name: 'P3 and P4',
          criteria: {},
          levels: threeLevels('other', [50, 75, 90]),
        },
      ],
    },
    priorityMatrix: {
      high: { high: 'P1', medium: 'P2', low: 'P3' },
      medium: { high: 'P2', medium: 'P3', low: 'P4' },
      low: { high: 'P3', medium: 'P4', low: 'P4' },
    },
  },
  {
    id: 'retail-store',
    name: 'Retail store',
    description:
      'Store hours including Sunday; tills and payments go straight to the payments team, everything else to the area manager, then head office.',
    calendars: [{ id: 'store-hours', name: 'Store hours', calendar: STORE_HOURS }],
    policies: [
      {
        id: 'store-payments',
        name: 'Tills and payments',
        conditions: { categories: ['payments', 'till'] },
        calendar: 'store-hours',
        targets: {
          first_response: { minutes: 15, mode: 'business' },
          resolution: { minutes: hours(2), mode: 'business' },
        },
        ...pause,
      },
      {
        id: 'store-other',
        name: 'Everything else in store',
        calendar: 'store-hours',
        targets: {
          first_response: { minutes: 60, mode: 'business' },
          next_update: { minutes: hours(4), mode: 'business' },
          resolution: { minutes: hours(24), mode: 'business' },
        },
        ...pause,
      },
    ],
    matrix: {
      rows: [
        {
          id: 'payments',
          name: 'Tills and payments',
          criteria: { categories: ['payments', 'till'] },
          levels: [
            {
              id: 'payments-l1',
              name: 'Payments team',
              type: 'functional',
              owner: {
                kind: 'team',
                id: 'payments',
                name: 'Payments team',
                contacts: [{ kind: 'chat', value: '#payments-oncall' }],
              },
              trigger: { kind: 'after_minutes', minutes: 10, mode: 'business' },
              actions: [{ kind: 'reassign' }, { kind: 'raise_priority', to: 'P1' }],
              repeat: { kind: 'every', minutes: 15, maxTimes: 4 },
            },
          ],
        },
        {
          id: 'store',
          name: 'Everything else',
          criteria: {},
          levels: [
            {
              id: 'store-l1',
              name: 'Area manager',
              type: 'hierarchical',
              owner: { kind: 'role', id: 'area-manager', name: 'Area manager', contacts: [] },
              trigger: { kind: 'sla_percent', target: 'first_response', percent: 100 },
              actions: [{ kind: 'notify', roles: ['supervisor'] }],
              repeat: { kind: 'none' },
            },
            {
              id: 'store-l2',
              name: 'Head office',
              type: 'automatic',
              owner: { kind: 'team', id: 'head-office', name: 'Head office support', contacts: [] },
              trigger: { kind: 'sla_percent', target: 'resolution', percent: 75 },
              actions: [{ kind: 'reassign' }, { kind: 'raise_priority' }],
              repeat: { kind: 'none' },
            },
          ],
        },
      ],
    },
  },
];
