import { describe, expect, it } from 'vitest';
import { jsonBytes, MAX_JSON_DEPTH, unstorable } from './storable';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('unstorable', () => {
  it.each([
    {
      name: 'plain text, numbers, arrays',
      value: { a: 'ok', b: [1, 'two', null], c: true },
      problem: null,
    },
    { name: 'a paired surrogate (an emoji)', value: { a: 'ok 😀' }, problem: null },
    {
      name: 'a NUL in a value',
      value: { title: 'a\u0000b' },
      problem: 'x.title: contains a character',
    },
    {
      name: 'a lone high surrogate',
      value: { list: ['ok', 'a\ud800'] },
      problem: 'x.list.1: contains',
    },
    { name: 'a lone low surrogate', value: { b: '\udc00' }, problem: 'x.b: contains' },
    { name: 'a NUL in a field name', value: { 'a\u0000': 1 }, problem: 'x: a field name contains' },
    { name: 'nesting at the limit', value: nested(MAX_JSON_DEPTH), problem: null },
    { name: 'nesting past the limit', value: nested(MAX_JSON_DEPTH + 1), problem: 'levels deep' },
  ])('$name', ({ value, problem }) => {
    const found = unstorable(value, 'x');
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });
});

describe('jsonBytes', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(jsonBytes('é')).toBe(4);
    expect(jsonBytes({ a: 1 })).toBe(7);
  });
});
