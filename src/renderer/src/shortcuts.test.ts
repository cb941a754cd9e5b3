import { describe, expect, it } from 'vitest';
import { isTypingTarget } from './shortcuts';

describe('isTypingTarget', () => {
  it.each([
    ['input', true],
    ['textarea', true],
    ['select', true],
    ['button', false],
    ['a', false],
    ['div', false],
  ])('<%s> → %s', (tag, expected) => {
    expect(isTypingTarget(document.createElement(tag))).toBe(expected);
  });

  it('treats contenteditable elements as text fields', () => {
    const element = document.createElement('div');
    element.contentEditable = 'true';
    // jsdom does not compute isContentEditable; define it as a browser would.
    Object.defineProperty(element, 'isContentEditable', { value: true });
    expect(isTypingTarget(element)).toBe(true);
  });

  it('ignores non-element targets', () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget(window)).toBe(false);
  });
});
