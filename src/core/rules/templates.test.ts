import { describe, expect, it } from 'vitest';
import { validateCalendar } from '../calendar';
import { validateMatrix } from '../escalation/validate-matrix';
import { validatePolicies } from '../sla/validate-policies';
import { IMPACT_LEVELS, priorityFrom, RULES_TEMPLATES } from './templates';

describe('the bundled rules templates', () => {
  it('offer the three the desk starts from', () => {
    expect(RULES_TEMPLATES.map((t) => t.id)).toEqual([
      'three-level',
      'itil-incident',
      'retail-store',
    ]);
  });

  it.each(RULES_TEMPLATES.map((t) => [t.name, t] as const))(
    '%s: every calendar, policy and matrix row is valid as the engine defines it',
    (_name, template) => {
      for (const { calendar } of template.calendars) expect(validateCalendar(calendar)).toEqual([]);
      const calendars = new Map(template.calendars.map((c) => [c.id, c.calendar]));
      expect(validatePolicies(template.policies, (id) => calendars.get(id))).toEqual([]);
      expect(validateMatrix(template.matrix)).toEqual([]);
      // The last policy and the last matrix row catch every ticket.
      expect(template.policies.at(-1)!.conditions).toBeUndefined();
      expect(template.matrix.rows.at(-1)!.criteria).toEqual({});
    },
  );

  it('the three-level matrix shows functional, hierarchical and automatic escalation', () => {
    const levels = RULES_TEMPLATES[0]!.matrix.rows[0]!.levels;
    expect(levels.map((level) => level.type)).toEqual(['functional', 'hierarchical', 'automatic']);
  });

  it.each([
    ['high', 'high', 'P1'],
    ['high', 'medium', 'P2'],
    ['high', 'low', 'P3'],
    ['medium', 'high', 'P2'],
    ['medium', 'medium', 'P3'],
    ['medium', 'low', 'P4'],
    ['low', 'high', 'P3'],
    ['low', 'medium', 'P4'],
    ['low', 'low', 'P4'],
  ] as const)('ITIL: impact %s × urgency %s is %s', (impact, urgency, priority) => {
    const itil = RULES_TEMPLATES.find((t) => t.id === 'itil-incident')!;
    expect(priorityFrom(itil.priorityMatrix!, impact, urgency)).toBe(priority);
    expect(IMPACT_LEVELS).toContain(impact);
  });
});
