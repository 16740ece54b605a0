import { describe, expect, it } from 'vitest';
import { decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter, THROTTLED_WAIT_MS, type AttemptFailure } from './retry-policy.ts';

const NOW = Date.UTC(2026, 11, 7, 10, 0, 0);
const status = (code: number, headers: Record<string, string> = {}): AttemptFailure => ({ kind: 'status', status: code, headers: new Headers(headers) });
const decide = (idempotent: boolean, failure: AttemptFailure, attempt = 1) =>
  decideRetry({ idempotent, failure, attempt, policy: DEFAULT_RETRY_POLICY, nowMs: NOW, random: () => 0 });

describe('retry policy', () => {
  it('429 is resent even for a write without requestid (Intuit did not process it), after Retry-After or 60 s', () => {
    expect(decide(false, status(429, { 'Retry-After': '3' }))).toEqual({ retry: true, waitMs: 3000, serverWaitMs: 3000 });
    expect(decide(false, status(429))).toEqual({ retry: true, waitMs: THROTTLED_WAIT_MS, serverWaitMs: THROTTLED_WAIT_MS });
  });

  it('5xx, network errors and timeouts are resent only when idempotent; otherwise the outcome is unknown', () => {
    for (const failure of [status(500), status(502), status(503), status(504), { kind: 'network' } as const, { kind: 'timeout' } as const]) {
      expect(decide(true, failure).retry).toBe(true);
      expect(decide(false, failure)).toMatchObject({ retry: false, outcome: 'unknown' });
    }
  });

  it('other 4xx are never resent and are rejections', () => {
    for (const code of [400, 401, 403, 404, 409]) expect(decide(true, status(code))).toMatchObject({ retry: false, outcome: 'rejected' });
  });

  it('stops after maxRetries', () => {
    expect(decide(true, status(503), DEFAULT_RETRY_POLICY.maxRetries).retry).toBe(true);
    expect(decide(true, status(503), DEFAULT_RETRY_POLICY.maxRetries + 1).retry).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });
});
