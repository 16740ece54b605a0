// When a failed Procore call is sent again, and after how long. docs/procore-api.md#rate-limits and Procore docs ("Rate
// Limiting"): on 429 wait until X-Rate-Limit-Reset, then back off with jitter; under platform load Procore
// answers 503 with Retry-After (API-CONTRACT.md "Conventions").
// Backoff is "full jitter" exponential (AWS Architecture Blog, "Exponential Backoff and Jitter"):
// random(0, min(cap, base·2^(attempt-1))), so many callers that failed together do not return together.
//
// Never resent: 4xx other than 429 (the same request gets the same answer). A POST or DELETE is resent
// only when Procore certainly did not process it (429; 503 that carries Retry-After). After a timeout, a
// network error, 502, 504 or a bare 503 the request may have been applied, so a POST/DELETE stops with
// outcome 'unknown' for the caller to reconcile; GET and PATCH are resent (the /sync PATCH calls match
// records by origin_id, so sending one twice updates the same records — API-CONTRACT.md "Sync endpoints").

import type { ProcoreOutcome } from './procore-api-error.ts';
import { parseRateLimitHeaders, parseRetryAfter } from './parse-rate-limit-headers.ts';

export type AttemptFailure = { kind: 'status'; status: number; headers: Headers } | { kind: 'network' } | { kind: 'timeout' };

export interface RetryPolicy {
  /** Resends after the first attempt (default 5). */
  maxRetries: number;
  /** Backoff base (default 500 ms). */
  baseDelayMs: number;
  /** Backoff cap (default 30 s). */
  maxDelayMs: number;
  /** A wait longer than this (e.g. an exhausted hourly window) is not slept through: the error is raised
   * with retryAfterMs so the caller can reschedule the work (default 5 min). */
  maxRetryWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryWaitMs: 300_000,
});

export type RetryDecision =
  { retry: true; waitMs: number; serverWaitMs: number | null } | { retry: false; outcome: ProcoreOutcome; serverWaitMs: number | null };

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'PATCH']);

export function decideRetry(input: {
  method: string;
  failure: AttemptFailure;
  /** The attempt that just failed, 1 for the first. */
  attempt: number;
  policy: RetryPolicy;
  nowMs: number;
  random: () => number;
}): RetryDecision {
  const { method, failure, attempt, policy, nowMs, random } = input;
  const status = failure.kind === 'status' ? failure.status : null;
  const serverWaitMs = failure.kind === 'status' ? serverRequestedWait(failure.status, failure.headers, nowMs) : null;

  // Procore certainly did not process the request.
  const notProcessed = status === 429 || (status === 503 && serverWaitMs !== null);
  const transient = failure.kind !== 'status' || status === 502 || status === 503 || status === 504;
  const outcome: ProcoreOutcome = notProcessed || (status !== null && status >= 400 && status < 500) ? 'rejected' : 'unknown';

  const resendable = notProcessed || (transient && IDEMPOTENT_METHODS.has(method.toUpperCase()));
  if (!resendable || attempt > policy.maxRetries) return { retry: false, outcome, serverWaitMs };

  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jitter = random() * ceiling;
  const waitMs = Math.round(serverWaitMs !== null ? serverWaitMs + jitter : jitter);
  if (waitMs > policy.maxRetryWaitMs) return { retry: false, outcome, serverWaitMs };
  return { retry: true, waitMs, serverWaitMs };
}

/** The wait Procore asked for: on 429 until X-Rate-Limit-Reset or Retry-After (the later of those given);
 * on 503 Retry-After. null when it asked for none. */
export function serverRequestedWait(status: number, headers: Headers, nowMs: number): number | null {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), nowMs);
  if (status === 429) {
    const { resetAtMs } = parseRateLimitHeaders(headers, nowMs);
    const untilReset = resetAtMs === null ? null : Math.max(0, resetAtMs - nowMs);
    if (untilReset === null) return retryAfter;
    return retryAfter === null ? untilReset : Math.max(untilReset, retryAfter);
  }
  if (status === 503) return retryAfter;
  return null;
}
