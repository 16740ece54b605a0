import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The Web Connector signs in on every scheduled run (every few minutes per company), and each sign-in verified the
 * password with scrypt at N=2^15: 87 ms of a core, a third of an instance's CPU per session under `pnpm bench:scale`
 * (docs/scale.md, "What saturates first"; issue 19 counts it in a session's fixed cost). After one successful scrypt
 * verification, the same password against the same stored hash is recognised for `ttlMs` by an HMAC under a key that
 * exists only in this process's memory (never stored, never logged):
 * - a wrong password never matches an entry, so it still pays scrypt, and the failure throttle and hash budget stand;
 * - the entry is keyed by the stored hash itself, so a rotated password (a new hash) is never answered from it;
 * - a restart forgets everything (the key is new).
 * Bounded: at most `maxEntries` hashes are remembered; the oldest goes first.
 */
export interface VerifiedPasswordCache {
  /** True when `password` was verified against `storedHash` less than ttlMs ago. Constant time in the password. */
  matches(storedHash: string, password: string, nowMs: number): boolean;
  /** Records a successful scrypt verification. */
  remember(storedHash: string, password: string, nowMs: number): void;
}

export function createVerifiedPasswordCache(options: { ttlMs: number; maxEntries?: number }): VerifiedPasswordCache {
  const key = randomBytes(32);
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { mac: Buffer; expiresAtMs: number }>();
  const macOf = (storedHash: string, password: string) => createHmac('sha256', key).update(storedHash).update('\0').update(password).digest();
  return {
    matches(storedHash, password, nowMs) {
      const entry = entries.get(storedHash);
      if (!entry) return false;
      if (entry.expiresAtMs <= nowMs) {
        entries.delete(storedHash);
        return false;
      }
      return timingSafeEqual(entry.mac, macOf(storedHash, password));
    },
    remember(storedHash, password, nowMs) {
      if (options.ttlMs <= 0) return;
      entries.delete(storedHash);
      entries.set(storedHash, { mac: macOf(storedHash, password), expiresAtMs: nowMs + options.ttlMs });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
  };
}
