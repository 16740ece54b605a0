export interface QbwcServiceConfig {
  /** OwnerID GUID of this application, `{...}` form: one per application, never per company (QBWC guide p.37). */
  ownerId: string;
  /** Requests per qbXML message. QuickBooks handles dozens per message; more means fewer round trips. */
  batchSize: number;
  /**
   * A live session with no call for this long is taken over by the next authenticate (its lost write
   * recovered first, its ticket fenced); until then it counts as running and authenticate answers "busy".
   * See DEFAULT_SESSION_TAKEOVER_MS for the choice of default.
   */
  sessionTakeoverMs: number;
  /** @deprecated Former name of sessionTakeoverMs, always the same value; kept for code written against it. */
  sessionIdleTimeoutMs: number;
  /**
   * Longest postpone returned with "busy" while another session of the same company runs; shortened to
   * the moment that session could be taken over, so a dead session delays the next run no longer than that.
   */
  busyPostponeSeconds: number;
  /** Attempts before a request that QuickBooks keeps deferring (record in use) goes to the exception queue. */
  maxAttempts: number;
  /** Failed sign-ins per (username, source address): backoff, never a lock (SignInThrottleConfig). */
  throttle: SignInThrottleConfig;
  /** scrypt runs per source address (HashBudgetConfig): what one caller can make the server hash. */
  hashBudget: HashBudgetConfig;
  /**
   * How long a password verified with scrypt is recognised without scrypt again (verified-password-cache.ts): the
   * Web Connector signs in on every run. 0 turns it off.
   */
  verifiedPasswordTtlMs: number;
  /** Responses larger than this are parsed on a worker thread so other companies' calls are not blocked. */
  offThreadParseBytes: number;
}

/**
 * Hostile input: the former 5-failures-then-15-minute lock per username let anyone lock a company's Web Connector
 * out (the right password was refused too). Now each (username, source address) gets `freeFailures` wrong
 * passwords for nothing (a typo), then every further failure blocks that pair for baseDelayMs, doubling, at
 * most maxDelayMs; a blocked pair is answered "nvu" without hashing. The right password from another source
 * is never refused, and it clears its own pair. A pair quiet for forgetAfterMs starts again from zero and
 * its row is purged (purgeSignInThrottles).
 */
export interface SignInThrottleConfig {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

/**
 * A token bucket per source address for scrypt (~130–230 ms of CPU each): `burst` at once, then `perSecond`.
 * Unknown usernames are hashed against a dummy hash only within it, so a stream of random usernames from one
 * address costs at most perSecond hashes a second; a right password gives its token back, so the real Web
 * Connector never drains its own bucket.
 */
export interface HashBudgetConfig {
  burst: number;
  perSecond: number;
}

/**
 * 45 s. Within one update QBWC calls back-to-back: receiveResponseXML → sendRequestXML at once, a NoOp
 * pause is 5 s (QBWC guide p.72), and the longest gap is QuickBooks processing one message (a batch of
 * QBWC_BATCH_SIZE requests; reads are paged by iterators), seconds in practice. QBWC runs one update per
 * application at a time, so a new authenticate already says the old session was abandoned; the threshold
 * only protects a session that is alive on a second PC using the same credentials. It stays under the
 * shortest schedule a user can set, 1 minute (guide p.37, p.39), so a dead session costs at most one
 * "busy" postponed to its takeover point, never a scheduled run after that. (It was a 15-minute idle
 * timeout: 15 refused runs at a 1-minute schedule.)
 */
export const DEFAULT_SESSION_TAKEOVER_MS = 45_000;

export const DEFAULT_QBWC_CONFIG: Omit<QbwcServiceConfig, 'ownerId'> = {
  batchSize: 25,
  sessionTakeoverMs: DEFAULT_SESSION_TAKEOVER_MS,
  sessionIdleTimeoutMs: DEFAULT_SESSION_TAKEOVER_MS,
  busyPostponeSeconds: 60,
  maxAttempts: 5,
  throttle: { freeFailures: 3, baseDelayMs: 2_000, maxDelayMs: 5 * 60_000, forgetAfterMs: 60 * 60_000 },
  hashBudget: { burst: 20, perSecond: 1 },
  verifiedPasswordTtlMs: 30 * 60_000,
  offThreadParseBytes: 256 * 1024,
};

export type { ServiceLogger } from '../logging/service-logger.ts';
