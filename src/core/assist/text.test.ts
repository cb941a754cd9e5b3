import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentWords, noteDisplayWord, stemWord, tokenize } from './text';

describe('tokenize', () => {
  it.each([
    ['Invoice charged twice', ['invoic', 'charg', 'twic']],
    ['The router is DOWN again!', ['router', 'down', 'again']],
    ["The customer's invoices weren't sent", ['customer', 'invoic', 'sent']],
    ['3 outages since 2024-01-02, error 0x21', ['outag', 'error', '0x21']],
    ['Café crème brûlée', ['cafe', 'crem', 'brule']],
    ['a an the of to and', []],
    ['', []],
  ])('%j → %j', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });

  it.each([
    ['invoice', 'invoices', 'invoiced'],
    ['charge', 'charged', 'charging'],
    ['battery', 'batteries', 'battery'],
    ['stop', 'stopped', 'stopping'],
    ['bill', 'billed', 'billing'],
  ])('gives %s, %s and %s the same term', (a, b, c) => {
    expect(stemWord(b)).toBe(stemWord(a));
    expect(stemWord(c)).toBe(stemWord(a));
  });

  it.each(['access', 'status', 'analysis', 'speed', 'api', 'vat'])('leaves %s whole', (word) => {
    expect(stemWord(word)).toBe(word);
  });

  it('is deterministic and only ever yields lower-case tokens without digits only', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const tokens = tokenize(text);
        expect(tokenize(text)).toEqual(tokens);
        for (const token of tokens) {
          expect(token).toBe(token.toLowerCase());
          expect(token).not.toMatch(/^\d+$/);
          expect(token.length).toBeGreaterThan(1);
        }
      }),
    );
  });
});

describe('contentWords', () => {
  it('keeps the words as written, for display', () => {
    expect(contentWords('Refunds not received for invoices')).toEqual([
      'refunds',
      'received',
      'invoices',
    ]);
  });
});

describe('noteDisplayWord', () => {
  it('shows the shortest word of a term, whatever the order they came in', () => {
    const words = ['invoiced', 'invoices', 'invoice'];
    for (const order of [words, [...words].reverse()]) {
      const display = new Map<string, string>();
      for (const word of order) noteDisplayWord(display, stemWord(word), word);
      expect(display.get('invoic')).toBe('invoice');
    }
  });
});
