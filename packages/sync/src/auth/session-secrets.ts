import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The session cookie carries two random 256-bit secrets, "<session secret>.<csrf key>":
// - the session secret identifies the session; only its SHA-256 is stored, and it is replaced on rotation;
// - the CSRF key stays for the session's life; the CSRF token the page sends in X-CSRF-Token is
//   HMAC-SHA256(csrf key), so it survives rotations and is never stored (only the key's SHA-256 is, to bind
//   the key to its session). A database leak therefore yields neither a usable cookie nor a CSRF token.
// The cookie is HttpOnly, so a page script never sees the key; it gets the token from GET /api/session.

const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const CSRF_CONTEXT = 'qbc-csrf-token-v1';

/** A new random 256-bit secret, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function encodeSessionCookie(sessionSecret: string, csrfKey: string): string {
  return `${sessionSecret}.${csrfKey}`;
}

/** The two secrets of a cookie value, or null when it is not one of ours. */
export function decodeSessionCookie(value: string | undefined | null): { sessionSecret: string; csrfKey: string } | null {
  if (!value) return null;
  const [sessionSecret, csrfKey, extra] = value.split('.');
  if (extra !== undefined || !sessionSecret || !csrfKey || !SECRET_PATTERN.test(sessionSecret) || !SECRET_PATTERN.test(csrfKey)) return null;
  return { sessionSecret, csrfKey };
}

export function deriveCsrfToken(csrfKey: string): string {
  return createHmac('sha256', csrfKey).update(CSRF_CONTEXT).digest('base64url');
}

/** Constant-time comparison of a presented X-CSRF-Token with the session's. */
export function csrfTokenMatches(csrfKey: string, presented: string | undefined | null): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const expected = Buffer.from(deriveCsrfToken(csrfKey));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
