import { describe, expect, it, vi } from 'vitest';

describe('password hashing', () => {
  it('uses argon2id at OWASP’s minimum cost (19 MiB, 2 passes) unless a test suite lowers it', async () => {
    vi.resetModules();
    const real = await import('./accounts');
    const hash = await real.hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await real.verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await real.verifyPassword('correct horse batterY', hash)).toBe(false);
  });
});
