import { describe, expect, it } from 'vitest';
import { createVerifiedPasswordCache } from './verified-password-cache.ts';

const HASH = 'scrypt$32768$8$1$c2FsdA==$a2V5';
const ROTATED = 'scrypt$32768$8$1$bmV3c2FsdA==$bmV3a2V5';

describe('verified password cache (a Web Connector sign-in after the first skips scrypt)', () => {
  it('recognises the password verified against that stored hash, and nothing else', () => {
    const cache = createVerifiedPasswordCache({ ttlMs: 600_000 });
    expect(cache.matches(HASH, 'right password', 0)).toBe(false);
    cache.remember(HASH, 'right password', 0);
    expect(cache.matches(HASH, 'right password', 1_000)).toBe(true);
    expect(cache.matches(HASH, 'wrong password', 1_000)).toBe(false);
    expect(cache.matches(HASH, 'right password ', 1_000)).toBe(false);
    expect(cache.matches(HASH, '', 1_000)).toBe(false);
  });

  it('never answers for a rotated password: the entry belongs to the old stored hash', () => {
    const cache = createVerifiedPasswordCache({ ttlMs: 600_000 });
    cache.remember(HASH, 'old password', 0);
    expect(cache.matches(ROTATED, 'old password', 1)).toBe(false);
  });

  it('forgets after ttlMs (the clock is the caller’s)', () => {
    const cache = createVerifiedPasswordCache({ ttlMs: 600_000 });
    cache.remember(HASH, 'right password', 0);
    expect(cache.matches(HASH, 'right password', 599_999)).toBe(true);
    expect(cache.matches(HASH, 'right password', 600_000)).toBe(false);
    // Once expired it is gone, even if the clock were read back.
    expect(cache.matches(HASH, 'right password', 1)).toBe(false);
  });

  it('remembers nothing with ttlMs 0 (the cache off)', () => {
    const cache = createVerifiedPasswordCache({ ttlMs: 0 });
    cache.remember(HASH, 'right password', 0);
    expect(cache.matches(HASH, 'right password', 0)).toBe(false);
  });

  it('holds at most maxEntries hashes, dropping the oldest first', () => {
    const cache = createVerifiedPasswordCache({ ttlMs: 600_000, maxEntries: 2 });
    cache.remember('h1', 'p1', 0);
    cache.remember('h2', 'p2', 0);
    cache.remember('h1', 'p1', 1); // verified again: now the newest
    cache.remember('h3', 'p3', 2);
    expect(cache.matches('h2', 'p2', 3)).toBe(false);
    expect(cache.matches('h1', 'p1', 3)).toBe(true);
    expect(cache.matches('h3', 'p3', 3)).toBe(true);
  });

  it('each cache has its own key: what one process verified means nothing to another', () => {
    const a = createVerifiedPasswordCache({ ttlMs: 600_000 });
    const b = createVerifiedPasswordCache({ ttlMs: 600_000 });
    a.remember(HASH, 'right password', 0);
    expect(b.matches(HASH, 'right password', 1)).toBe(false);
  });
});
