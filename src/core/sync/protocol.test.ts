import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatHlc } from './hlc';
import {
  MAX_PULL_LIMIT,
  MAX_TX_MUTATIONS,
  MutationSchema,
  PullQuerySchema,
  PushRequestSchema,
  SYNC_PROTOCOL_VERSION,
  describeIssue,
  type Mutation,
} from './protocol';

const hlc = formatHlc({ wall: Date.parse('2025-06-02T09:00:00Z'), counter: 0, node: 'desk-1' });

function mutation(mid: number, overrides: Record<string, unknown> = {}): Mutation {
  return {
    mid,
    tx: mid,
    hlc,
    table: 'tickets',
    op: 'put',
    id: 'T-1042',
    changes: { priority: 'high', ownerId: null },
    ...overrides,
  } as Mutation;
}

function push(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    protocol: SYNC_PROTOCOL_VERSION,
    clientId: 'desk-1',
    spaceId: 'acme_support',
    mutations: [mutation(1), mutation(2, { table: 'matrices', baseVersion: 3 })],
    ...overrides,
  };
}

/** The readable sentence for a refused push, or null when the push is accepted. */
function problem(body: unknown): string | null {
  const result = PushRequestSchema.safeParse(body);
  return result.success ? null : describeIssue(result.error);
}

describe('PushRequestSchema', () => {
  it('accepts a good push as it is', () => {
    const body = push();
    expect(PushRequestSchema.parse(body)).toEqual(body);
  });

  it('accepts an empty push and one of exactly the most mutations allowed', () => {
    expect(problem(push({ mutations: [] }))).toBeNull();
    const most = Array.from({ length: MAX_TX_MUTATIONS }, (_, i) => mutation(i + 1));
    expect(problem(push({ mutations: most }))).toBeNull();
  });

  it.each([
    { name: 'another protocol version', body: push({ protocol: 99 }), path: 'protocol' },
    { name: 'no protocol', body: push({ protocol: undefined }), path: 'protocol' },
    {
      name: 'a client id with a space',
      body: push({ clientId: 'desk 1' }),
      path: 'clientId',
      says: 'must be 1–64 letters, digits, "_" or "-"',
    },
    { name: 'an empty space id', body: push({ spaceId: '' }), path: 'spaceId' },
    {
      name: 'a client id of 65 characters',
      body: push({ clientId: 'd'.repeat(65) }),
      path: 'clientId',
    },
    {
      name: 'an unknown table',
      body: push({ mutations: [mutation(1, { table: 'settings' })] }),
      path: 'mutations.0.table',
    },
    {
      name: `${MAX_TX_MUTATIONS + 1} mutations`,
      body: push({
        mutations: Array.from({ length: MAX_TX_MUTATIONS + 1 }, (_, i) => mutation(i + 1)),
      }),
      path: 'mutations',
      says: String(MAX_TX_MUTATIONS),
    },
    {
      name: 'a bad hlc',
      body: push({ mutations: [mutation(1), mutation(2, { hlc: '2025-06-02T09:00:00Z' })] }),
      path: 'mutations.1.hlc',
      says: 'is not a hybrid logical clock value',
    },
    {
      name: 'an unknown operation',
      body: push({ mutations: [mutation(1, { op: 'patch' })] }),
      path: 'mutations.0.op',
    },
    {
      name: 'a mutation number of 0',
      body: push({ mutations: [mutation(0)] }),
      path: 'mutations.0.mid',
    },
    {
      name: 'an empty row id',
      body: push({ mutations: [mutation(1, { id: '' })] }),
      path: 'mutations.0.id',
      says: 'must not be empty',
    },
    {
      name: 'changes that are not an object',
      body: push({ mutations: [mutation(1, { changes: 'priority=high' })] }),
      path: 'mutations.0.changes',
    },
    {
      name: 'a negative base version',
      body: push({ mutations: [mutation(1, { baseVersion: -1 })] }),
      path: 'mutations.0.baseVersion',
    },
    {
      name: 'an extra key on the push',
      body: push({ token: 'secret' }),
      path: 'body',
      says: '"token"',
    },
    {
      name: 'an extra key on a mutation',
      body: push({ mutations: [mutation(1, { author: 'ana' })] }),
      path: 'mutations.0',
      says: '"author"',
    },
  ])('refuses $name, naming the field', ({ body, path, says }) => {
    const sentence = problem(body);
    expect(sentence).toMatch(new RegExp(`^${path.replace(/\./g, '\\.')}: `));
    if (says) expect(sentence).toContain(says);
  });
});

describe('describeIssue', () => {
  it('falls back to a plain sentence when zod gives no issue', () => {
    expect(describeIssue(new z.ZodError([]))).toBe('The request is not valid.');
  });
});

describe('PullQuerySchema', () => {
  it.each([
    { query: {}, parsed: { after: 0, limit: MAX_PULL_LIMIT } },
    { query: { after: '17', limit: '50' }, parsed: { after: 17, limit: 50 } },
  ])('reads $query from the query string', ({ query, parsed }) => {
    expect(PullQuerySchema.parse(query)).toEqual(parsed);
  });

  it.each([
    { query: { after: '-1' }, path: 'after' },
    { query: { limit: String(MAX_PULL_LIMIT + 1) }, path: 'limit' },
    { query: { limit: '0' }, path: 'limit' },
    { query: { after: 'soon' }, path: 'after' },
    { query: { cursor: '3' }, path: 'body' },
  ])('refuses $query, naming $path', ({ query, path }) => {
    const result = PullQuerySchema.safeParse(query);
    expect(result.success ? null : describeIssue(result.error)).toMatch(new RegExp(`^${path}: `));
  });
});

describe('row ids', () => {
  it.each([
    ['a NUL', 'T-\u0000'],
    ['a lone surrogate', 'T-\ud800'],
  ])('refuses an id with %s, naming it', (_name, id) => {
    const checked = MutationSchema.safeParse({
      mid: 1,
      tx: 1,
      hlc: '001700000000000-0000-desk',
      table: 'tickets',
      op: 'delete',
      id,
      changes: {},
    });
    expect(checked.success).toBe(false);
    if (!checked.success) {
      expect(describeIssue(checked.error)).toMatch(
        /^id: contains a character the server cannot store/,
      );
    }
  });
});
