// When a failed QuickBooks Online call is sent again, and after how long.
//
// 429 (Intuit's throttle, "ThrottleExceeded; errorCode=003001; statusCode=429") means the request was not
// processed: it is resent after Retry-After when the answer carries one (RFC 9110 §10.2.3), otherwise after
// 60 s — "You'll see HTTP Status Code 429 when throttling occurs. If you see this, wait 60 seconds before
// retrying the request" ("API call limits and throttles",
// https://developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles) — plus jitter.
// 500/502/503/504, a timeout or a network error leave it unknown whether Intuit applied the request, so only
// a request that is safe to send twice is resent: a read (GET: read, query, CDC), or a write that carries a
// requestid — Intuit answers a reused requestid with the first answer instead of applying it again
// ("Request ID update for QuickBooks Online integration", blogs.intuit.com 2015-04-06; see request-id.ts).
// Other 4xx are never resent: the same request gets the same answer.
// Backoff is "full jitter" exponential (AWS Architecture Blog, "Exponential Backoff and Jitter"), as in
// packages/procore: random(0, min(cap, base·2^(attempt-1))), added to the server's wait when it gave one.

import type { QboOutcome } from './qbo-api-error.ts';

export type AttemptFailure = { kind: 'status'; status: number; headers: Headers } | { kind: 'network' } | { kind: 'timeout' };

export interface RetryPolicy {
  /** Resends after the first attempt (default 5). */
  maxRetries: number;
  /** Backoff base (default 500 ms). */
  baseDelayMs: number;
  /** Backoff cap (default 30 s). */
  maxDelayMs: number;
  /** A wait longer than this is not slept through: the error is raised with retryAfterMs (default 5 min). */
  maxRetryWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryWaitMs: 300_000,
});

/** Intuit: after a 429 "wait 60 seconds before retrying" (limits-and-throttles page). */
export const THROTTLED_WAIT_MS = 60_000;

export type RetryDecision = { retry: true; waitMs: number; serverWaitMs: number | null } | { retry: false; outcome: QboOutcome; serverWaitMs: number | null };

export function decideRetry(input: {
  /** A read, or a write carrying a requestid: sending it twice has the effect of sending it once. */
  idempotent: boolean;
  failure: AttemptFailure;
  /** The attempt that just failed, 1 for the first. */
  attempt: number;
  policy: RetryPolicy;
  nowMs: number;
  random: () => number;
}): RetryDecision {
  const { idempotent, failure, attempt, policy, nowMs, random } = input;
  const status = failure.kind === 'status' ? failure.status : null;
  const retryAfter = failure.kind === 'status' ? parseRetryAfter(failure.headers.get('retry-after'), nowMs) : null;
  const serverWaitMs = retryAfter ?? (status === 429 ? THROTTLED_WAIT_MS : null);

  const notProcessed = status === 429;
  const transient = failure.kind !== 'status' || status === 500 || status === 502 || status === 503 || status === 504;
  const outcome: QboOutcome = notProcessed || (status !== null && status >= 400 && status < 500) ? 'rejected' : 'unknown';

  const resendable = notProcessed || (transient && idempotent);
  if (!resendable || attempt > policy.maxRetries) return { retry: false, outcome, serverWaitMs };

  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jitter = random() * ceiling;
  const waitMs = Math.round(serverWaitMs !== null ? serverWaitMs + jitter : jitter);
  if (waitMs > policy.maxRetryWaitMs) return { retry: false, outcome, serverWaitMs };
  return { retry: true, waitMs, serverWaitMs };
}

/** Retry-After as ms from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}
