import { describe, expect, it } from 'vitest';
import { csrfTokenMatches, decodeSessionCookie, deriveCsrfToken, encodeSessionCookie, newSecret, sha256Hex } from './session-secrets.ts';

describe('session secrets', () => {
  it('makes distinct 256-bit base64url secrets', () => {
    const secrets = new Set(Array.from({ length: 200 }, newSecret));
    expect(secrets.size).toBe(200);
    for (const s of secrets) {
      expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(s, 'base64url')).toHaveLength(32);
    }
  });

  it('round-trips a cookie value and refuses anything else', () => {
    const a = newSecret();
    const b = newSecret();
    expect(decodeSessionCookie(encodeSessionCookie(a, b))).toEqual({ sessionSecret: a, csrfKey: b });
    for (const bad of [undefined, null, '', a, `${a}.`, `.${b}`, `${a}.${b}.${a}`, `${a}.${b.slice(1)}`, `${a}!.${b}`, `${a} .${b}`, `${a}.${b}x`]) {
      expect(decodeSessionCookie(bad as string)).toBeNull();
    }
  });

  it('derives one CSRF token per key and compares it in constant time', () => {
    const key = newSecret();
    const token = deriveCsrfToken(key);
    expect(token).toBe(deriveCsrfToken(key));
    expect(token).not.toBe(deriveCsrfToken(newSecret()));
    expect(token).not.toContain(key);
    expect(csrfTokenMatches(key, token)).toBe(true);
    expect(csrfTokenMatches(key, `${token}x`)).toBe(false);
    expect(csrfTokenMatches(key, token.slice(1))).toBe(false);
    expect(csrfTokenMatches(key, deriveCsrfToken(newSecret()))).toBe(false);
    expect(csrfTokenMatches(key, '')).toBe(false);
    expect(csrfTokenMatches(key, undefined)).toBe(false);
  });

  it('hashes with SHA-256 (hex)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
