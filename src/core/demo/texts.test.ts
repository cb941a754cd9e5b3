import { describe, expect, it } from 'vitest';
import { ROOT_CAUSES } from '../tickets';
import { DemoRandom } from './random';
import {
  categoryTexts,
  csatComment,
  DEMO_CATEGORIES,
  DEMO_TEMPLATES,
  reopenReason,
  rootCauseNotes,
  ticketText,
} from './texts';

describe('demo texts', () => {
  it('combines hundreds of distinct titles and descriptions', () => {
    const random = new DemoRandom(4);
    const titles = new Set<string>();
    const descriptions = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const { title, description } = ticketText(
        DEMO_CATEGORIES[i % DEMO_CATEGORIES.length]!,
        random,
      );
      titles.add(title);
      descriptions.add(description);
    }
    expect(titles.size).toBeGreaterThan(400);
    expect(descriptions.size).toBeGreaterThan(1_000);
  });

  it('has notes, reasons and known root causes for every category', () => {
    for (const category of DEMO_CATEGORIES) {
      const texts = categoryTexts(category);
      expect(texts.functionalReasons.length).toBeGreaterThan(0);
      expect(texts.thirdParty.length).toBeGreaterThan(0);
      for (const [cause] of texts.rootCauses) expect(ROOT_CAUSES).toContain(cause);
    }
    for (const cause of ROOT_CAUSES) expect(rootCauseNotes(cause).length).toBeGreaterThan(10);
  });

  it('pairs a reopen reason with the customer message, and fits comments to the score', () => {
    const random = new DemoRandom(5);
    expect(reopenReason(random).message).toMatch(/\.$/);
    const comments = new Set(Array.from({ length: 200 }, () => csatComment(1, random)));
    expect(comments.has(undefined)).toBe(true);
    expect([...comments].filter(Boolean).every((c) => !/thank|quick|professional/i.test(c!))).toBe(
      true,
    );
  });

  it('has customer-update templates with unique ids', () => {
    expect(new Set(DEMO_TEMPLATES.map((t) => t.id)).size).toBe(DEMO_TEMPLATES.length);
    for (const template of DEMO_TEMPLATES) expect(template.body).toMatch(/^Hello,\n\n/);
  });
});
