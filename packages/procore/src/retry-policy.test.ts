import { describe, expect, it } from 'vitest';
import { decideRetry, DEFAULT_RETRY_POLICY, type AttemptFailure } from './retry-policy.ts';

const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);
const status = (s: number, headers: Record<string, string> = {}): AttemptFailure => ({ kind: 'status', status: s, headers: new Headers(headers) });
const decide = (method: string, failure: AttemptFailure, attempt = 1, random = 0.5) =>
  decideRetry({ method, failure, attempt, policy: DEFAULT_RETRY_POLICY, nowMs: NOW, random: () => random });

describe('decideRetry', () => {
  it('never resends other 4xx, for any method', () => {
    for (const s of [400, 401, 403, 404, 409, 413, 422]) {
      for (const m of ['GET', 'PATCH', 'POST', 'DELETE'])
        expect(decide(m, status(s)), `${m} ${s}`).toEqual({ retry: false, outcome: 'rejected', serverWaitMs: null });
    }
  });

  it('resends 502/503/504, network errors and timeouts for GET and PATCH only', () => {
    const transient: AttemptFailure[] = [status(502), status(503), status(504), { kind: 'network' }, { kind: 'timeout' }];
    for (const failure of transient) {
      expect(decide('GET', failure).retry).toBe(true);
      expect(decide('PATCH', failure).retry).toBe(true);
      expect(decide('POST', failure)).toEqual({ retry: false, outcome: 'unknown', serverWaitMs: null });
      expect(decide('DELETE', failure)).toEqual({ retry: false, outcome: 'unknown', serverWaitMs: null });
    }
  });

  it('500 is not resent; its outcome is unknown', () => {
    expect(decide('GET', status(500))).toEqual({ retry: false, outcome: 'unknown', serverWaitMs: null });
  });

  it('resends 429 and 503+Retry-After for every method', () => {
    for (const m of ['GET', 'POST', 'DELETE']) {
      expect(decide(m, status(429, { 'Retry-After': '2' }))).toEqual({ retry: true, waitMs: 2250, serverWaitMs: 2000 });
      expect(decide(m, status(503, { 'Retry-After': '2' }))).toEqual({ retry: true, waitMs: 2250, serverWaitMs: 2000 });
    }
  });

  it('on 429 takes the later of X-Rate-Limit-Reset and Retry-After; with neither, plain backoff', () => {
    const reset = String(NOW / 1000 + 6);
    expect(decide('GET', status(429, { 'X-Rate-Limit-Reset': reset, 'Retry-After': '2' })).serverWaitMs).toBe(6000);
    expect(decide('GET', status(429, { 'X-Rate-Limit-Reset': reset, 'Retry-After': '9' })).serverWaitMs).toBe(9000);
    expect(decide('GET', status(429), 3, 1)).toEqual({ retry: true, waitMs: 2000, serverWaitMs: null });
    // A reset already past still waits the jitter.
    expect(decide('GET', status(429, { 'X-Rate-Limit-Reset': String(NOW / 1000 - 5) }))).toEqual({ retry: true, waitMs: 250, serverWaitMs: 0 });
  });

  it('full jitter: random × min(cap, base·2^(attempt-1))', () => {
    expect(decide('GET', status(502), 1, 0).retry && decide('GET', status(502), 1, 0)).toMatchObject({ waitMs: 0 });
    expect(decide('GET', status(502), 1, 0.999)).toMatchObject({ waitMs: 500 });
    expect(decide('GET', status(502), 4, 0.999)).toMatchObject({ waitMs: 3996 });
    expect(decide('GET', status(502), 5, 1)).toMatchObject({ waitMs: 8000 });
    const capped = decideRetry({
      method: 'GET',
      failure: status(502),
      attempt: 10,
      policy: { ...DEFAULT_RETRY_POLICY, maxRetries: 20 },
      nowMs: NOW,
      random: () => 1,
    });
    expect(capped).toMatchObject({ waitMs: 30_000 });
  });

  it('stops after maxRetries resends, and when Procore asks for more than maxRetryWaitMs', () => {
    expect(decide('GET', status(502), 5).retry).toBe(true);
    expect(decide('GET', status(502), 6)).toEqual({ retry: false, outcome: 'unknown', serverWaitMs: null });
    expect(decide('GET', status(429, { 'Retry-After': '3600' }))).toEqual({ retry: false, outcome: 'rejected', serverWaitMs: 3_600_000 });
  });
});
