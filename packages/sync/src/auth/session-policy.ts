/**
 * Lifetimes of the embedded app's sign-in: short-lived sessions, rotated while in use, so a
 * cookie that leaks is worth little for long (OWASP Session Management Cheat Sheet: idle and absolute
 * timeouts, renewal of the id at sign-in and periodically).
 */
export const SESSION_POLICY = {
  /** No request for this long ends the session. */
  idleMs: 30 * 60_000,
  /** Whatever the activity, a session ends this long after sign-in. */
  absoluteMs: 8 * 3600_000,
  /** The session secret is replaced (a new cookie) after this long of use. */
  rotateEveryMs: 15 * 60_000,
  /**
   * The secret before the last rotation is still accepted this long, without rotating again: the web app
   * sends requests in parallel, and those already in flight carry the old cookie.
   */
  rotationGraceMs: 60_000,
  /** last_seen_at is written at most this often (idle expiry is accurate to this much). */
  touchEveryMs: 60_000,
  /** The one-time code the sign-in popup hands to the iframe lives this long. */
  handoffTtlMs: 2 * 60_000,
  /** A sign-in started in the popup must come back from Procore within this long (the OAuth state). */
  signInStateTtlMs: 10 * 60_000,
  /** A stored answer to an Idempotency-Key is replayed this long. */
  idempotencyTtlMs: 24 * 3600_000,
  /** A key still "in progress" after this long belongs to a request that died; a retry may take it over. */
  idempotencyStaleMs: 5 * 60_000,
} as const;

/** The session cookie's name (the contract with the web app). */
export const SESSION_COOKIE = 'qbc_session';
