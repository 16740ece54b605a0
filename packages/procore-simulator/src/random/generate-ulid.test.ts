import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng.ts';
import { createUlidFactory, decodeUlidTime, ULID_PATTERN } from './generate-ulid.ts';

describe('ULIDs', () => {
  it('encode the millisecond time in 10 Crockford base32 characters followed by 16 random ones', () => {
    const ulid = createUlidFactory(createRng(1));
    const t = Date.UTC(2026, 10, 21, 10, 0, 0, 123);
    const id = ulid(t);
    expect(id).toHaveLength(26);
    expect(id).toMatch(ULID_PATTERN);
    expect(decodeUlidTime(id)).toBe(t);
    // The ulid reference implementation's README: ulid(1469918176385) starts with "01ARYZ6S41".
    expect(ulid(1469918176385).slice(0, 10)).toBe('01ARYZ6S41');
  });

  it('sort by time and stay monotonic within one millisecond', () => {
    const ulid = createUlidFactory(createRng(2));
    const a = ulid(1000);
    const b = ulid(1000);
    const c = ulid(1000);
    const d = ulid(999_999);
    expect([a, b, c, d]).toEqual([a, b, c, d].sort());
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('are reproducible for a seed', () => {
    expect(createUlidFactory(createRng(9))(5)).toBe(createUlidFactory(createRng(9))(5));
    expect(createUlidFactory(createRng(9))(5)).not.toBe(createUlidFactory(createRng(10))(5));
  });
});
