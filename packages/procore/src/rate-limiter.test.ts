import { afterEach, describe, expect, it } from 'vitest';
import { ProcoreApiError } from './procore-api-error.ts';
import { createProcoreClient } from './procore-client.ts';
import { createRateLimiter, RateLimitWaitTooLongError } from './rate-limiter.ts';
import { createFakeClock, type FakeClock } from './test-support/fake-clock.ts';
import { startTestServer, type TestServer } from './test-support/start-test-server.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** A Procore-like server enforcing `limit` per sliding `windowMs` on the shared fake clock, with X-Rate-Limit-* headers. */
async function enforcingServer(clock: FakeClock, limit: number, windowMs: number) {
  const accepted: number[] = [];
  let rejected = 0;
  let maxInWindow = 0;
  server = await startTestServer(() => {
    const t = clock.now();
    const inWindow = accepted.filter((at) => at > t - windowMs);
    const oldest = inWindow[0] ?? t;
    const headers = {
      'X-Rate-Limit-Limit': String(limit),
      'X-Rate-Limit-Reset': String(Math.ceil((oldest + windowMs) / 1000)),
    };
    if (inWindow.length >= limit) {
      rejected++;
      return { status: 429, body: { errors: 'Rate limit exceeded' }, headers: { ...headers, 'X-Rate-Limit-Remaining': '0' } };
    }
    accepted.push(t);
    maxInWindow = Math.max(maxInWindow, inWindow.length + 1);
    return { body: [{ id: accepted.length, name: 'V' }], headers: { ...headers, 'X-Rate-Limit-Remaining': String(limit - inWindow.length - 1) } };
  });
  return { server, accepted, rejected: () => rejected, maxInWindow: () => maxInWindow };
}

describe('rate limiter against a server that enforces 100 per 10 s', () => {
  it('250 concurrent calls: none gets a 429; they are paced into three windows', async () => {
    const clock = createFakeClock();
    const s = await enforcingServer(clock, 100, 10_000);
    // Answers take ~no fake time: the limiter's sleep lets the requests in flight finish before time moves.
    const limiterSleep = async (ms: number): Promise<void> => {
      while (limiter.stats().inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 1));
      await clock.sleep(ms);
    };
    const limiter = createRateLimiter({ hourly: 3600, tenSecond: 100, now: clock.now, sleep: limiterSleep });
    const client = createProcoreClient({
      apiBaseUrl: s.server.url,
      companyId: 42,
      getAccessToken: async () => 'token-abcdef',
      rateLimiter: limiter,
      now: clock.now,
      sleep: clock.sleep,
      maxRetries: 0,
    });
    const started = clock.now();
    const results = await Promise.all(Array.from({ length: 250 }, (_, i) => client.vendors.get(i + 1)));
    expect(results).toHaveLength(250);
    expect(s.rejected()).toBe(0);
    expect(s.maxInWindow()).toBeLessThanOrEqual(100);
    expect(s.accepted).toHaveLength(250);
    // 100 at once, the next 100 one window later, the last 50 a window after that.
    expect(clock.now() - started).toBeGreaterThanOrEqual(20_000);
    expect(clock.now() - started).toBeLessThan(40_000);
    const stats = limiter.stats();
    expect(stats.granted).toBe(250);
    expect(stats.waits).toBe(150);
    expect(stats.totalWaitMs).toBeGreaterThan(150 * 10_000);
    expect(stats.inFlight).toBe(0);
    expect(stats.queued).toBe(0);
  });

  it('stays under the limit even when time jumps while requests are in flight', async () => {
    const clock = createFakeClock();
    const s = await enforcingServer(clock, 100, 10_000);
    // clock.sleep advances at once, before the answers of requests in flight arrive: those answers then
    // count from a later time, and the limiter must still never let the server see 101 in a window.
    const limiter = createRateLimiter({ hourly: 3600, tenSecond: 100, now: clock.now, sleep: clock.sleep });
    const client = createProcoreClient({
      apiBaseUrl: s.server.url,
      companyId: 42,
      getAccessToken: async () => 'token-abcdef',
      rateLimiter: limiter,
      now: clock.now,
      sleep: clock.sleep,
      maxRetries: 0,
    });
    await Promise.all(Array.from({ length: 250 }, (_, i) => client.vendors.get(i + 1)));
    expect(s.rejected()).toBe(0);
    expect(s.maxInWindow()).toBeLessThanOrEqual(100);
  });

  it('the same 250 calls without the limiter do hit 429s (the server really enforces)', async () => {
    const clock = createFakeClock();
    const s = await enforcingServer(clock, 100, 10_000);
    const client = createProcoreClient({
      apiBaseUrl: s.server.url,
      companyId: 42,
      getAccessToken: async () => 'token-abcdef',
      now: clock.now,
      sleep: clock.sleep,
      maxRetries: 0,
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 250 }, (_, i) => client.vendors.get(i + 1)));
    const limited = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof ProcoreApiError && o.reason.code === 'PROCORE_RATE_LIMITED');
    expect(limited).toHaveLength(150);
  });
});

describe('createRateLimiter', () => {
  it('grants up to the 10-second limit at once, then waits until the oldest answer is 10 s old', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ hourly: 100, tenSecond: 3, now: clock.now, sleep: clock.sleep, safetyMarginMs: 0 });
    const t0 = clock.now();
    const first = await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(clock.sleeps).toEqual([]);
    clock.advance(400); // the answers take 400 ms
    first.forEach((p) => p.release());
    const fourth = await limiter.acquire();
    expect(clock.now() - t0).toBe(10_400);
    fourth.release();
    expect(limiter.stats()).toMatchObject({ granted: 4, waits: 1, totalWaitMs: 10_000, maxWaitMs: 10_000 });
  });

  it('counts requests still in flight: a slot frees only when its answer has arrived', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ hourly: 100, tenSecond: 1, now: clock.now, sleep: clock.sleep, safetyMarginMs: 0 });
    const first = await limiter.acquire();
    let granted = false;
    const second = limiter.acquire().then((p) => ((granted = true), p));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(granted).toBe(false); // waiting on the release, not on a timer
    clock.advance(2000);
    first.release();
    (await second).release();
    expect(clock.sleeps).toEqual([10_000]);
  });

  it('keeps the hourly window too', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ hourly: 2, tenSecond: 100, now: clock.now, sleep: clock.sleep, safetyMarginMs: 0 });
    const t0 = clock.now();
    for (let i = 0; i < 2; i++) (await limiter.acquire()).release();
    (await limiter.acquire()).release();
    expect(clock.now() - t0).toBe(3_600_000);
  });

  it('serves waiters first come, first served', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ hourly: 100, tenSecond: 1, now: clock.now, sleep: clock.sleep });
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map(async (n) => {
        const permit = await limiter.acquire();
        order.push(n);
        permit.release();
      }),
    );
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('honours X-Rate-Limit-Remaining = 0: every caller holds until Reset', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ hourly: 3600, tenSecond: 100, now: clock.now, sleep: clock.sleep });
    const permit = await limiter.acquire();
    const resetAt = clock.now() / 1000 + 7;
    limiter.observe(new Headers({ 'X-Rate-Limit-Limit': '3600', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': String(resetAt) }));
    permit.release();
    const grantedAt = await Promise.all([0, 1, 2].map(async () => ((await limiter.acquire()).release(), clock.now())));
    expect(grantedAt).toEqual([resetAt * 1000, resetAt * 1000, resetAt * 1000]);
    expect(limiter.stats().serverHolds).toBe(1);
  });

  it('a smaller Remaining caps what is sent before Reset (other processes used the rest)', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ hourly: 3600, tenSecond: 100, now: clock.now, sleep: clock.sleep });
    const permit = await limiter.acquire();
    const resetAt = clock.now() / 1000 + 5;
    limiter.observe(new Headers({ 'X-Rate-Limit-Remaining': '2', 'X-Rate-Limit-Reset': String(resetAt) }));
    permit.release();
    const t0 = clock.now();
    const grantedAt: number[] = [];
    for (let i = 0; i < 3; i++) {
      (await limiter.acquire()).release();
      grantedAt.push(clock.now() - t0);
    }
    expect(grantedAt).toEqual([0, 0, 5000]);
  });

  it('stale or missing headers change nothing', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ hourly: 3600, tenSecond: 100, now: clock.now, sleep: clock.sleep });
    limiter.observe(new Headers({ 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': String(clock.now() / 1000 - 1) }));
    limiter.observe(new Headers({}));
    (await limiter.acquire()).release();
    expect(clock.sleeps).toEqual([]);
  });

  it('a client sharing the limiter waits for Reset before its next request after Remaining = 0', async () => {
    const clock = createFakeClock();
    const arrivals: number[] = [];
    server = await startTestServer((_, i) => {
      arrivals.push(clock.now());
      return { body: { id: 1, name: 'V' }, headers: { 'X-Rate-Limit-Remaining': i === 0 ? '0' : '50', 'X-Rate-Limit-Reset': String(clock.now() / 1000 + 9) } };
    });
    const limiter = createRateLimiter({ hourly: 3600, tenSecond: 100, now: clock.now, sleep: clock.sleep });
    const client = createProcoreClient({
      apiBaseUrl: server.url,
      companyId: 1,
      getAccessToken: async () => 'token-abcdef',
      rateLimiter: limiter,
      now: clock.now,
      sleep: clock.sleep,
    });
    await client.vendors.get(1);
    await client.vendors.get(2);
    expect((arrivals[1] as number) - (arrivals[0] as number)).toBe(9000);
  });

  it('the client reads the access token after the wait, not before', async () => {
    const clock = createFakeClock();
    server = await startTestServer(() => ({ body: { id: 1, name: 'V' } }));
    const limiter = createRateLimiter({ hourly: 3600, tenSecond: 100, now: clock.now, sleep: clock.sleep });
    limiter.holdUntil(clock.now() + 60_000);
    const tokenReadAt: number[] = [];
    const client = createProcoreClient({
      apiBaseUrl: server.url,
      companyId: 1,
      getAccessToken: async () => (tokenReadAt.push(clock.now()), 'token-abcdef'),
      rateLimiter: limiter,
      now: clock.now,
      sleep: clock.sleep,
    });
    const t0 = clock.now();
    await client.vendors.get(1);
    expect(tokenReadAt).toEqual([t0 + 60_000]);
  });

  it('a caller with maxWaitMs is not slept past it: it is told at once how long the wait would be (data safety)', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ hourly: 1, tenSecond: 100, now: clock.now, sleep: clock.sleep, safetyMarginMs: 0 });
    (await limiter.acquire()).release();
    const error = await limiter.acquire({ maxWaitMs: 60_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitWaitTooLongError);
    expect((error as RateLimitWaitTooLongError).retryAfterMs).toBe(3_600_000);
    expect(clock.sleeps).toEqual([]);
    expect(limiter.stats()).toMatchObject({ queued: 0, granted: 1 });
  });

  it("an aborted caller leaves the queue with the signal's reason", async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ hourly: 100, tenSecond: 1, now: clock.now, sleep: clock.sleep, safetyMarginMs: 0 });
    const first = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire({ signal: controller.signal }).catch((e: unknown) => e);
    controller.abort(new Error('lease lost'));
    expect(await waiting).toEqual(new Error('lease lost'));
    first.release();
    expect(limiter.stats()).toMatchObject({ queued: 0, granted: 1, inFlight: 0 });
  });

  it('the client does not send a request whose slot is beyond maxRateLimitWaitMs: PROCORE_RATE_LIMITED with retryAfterMs', async () => {
    const clock = createFakeClock();
    let calls = 0;
    server = await startTestServer(() => ((calls += 1), { body: { id: 1, name: 'V' } }));
    const limiter = createRateLimiter({ hourly: 3600, tenSecond: 100, now: clock.now, sleep: clock.sleep });
    limiter.holdUntil(clock.now() + 120_000);
    const client = createProcoreClient({
      apiBaseUrl: server.url,
      companyId: 1,
      getAccessToken: async () => 'token-abcdef',
      rateLimiter: limiter,
      now: clock.now,
      sleep: clock.sleep,
      maxRateLimitWaitMs: 60_000,
    });
    const error = await client.vendors.get(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcoreApiError);
    expect(error).toMatchObject({ code: 'PROCORE_RATE_LIMITED', status: null, outcome: 'rejected', retryAfterMs: 120_000 });
    expect(calls).toBe(0);
    expect(clock.sleeps).toEqual([]);
  });

  it('validates its limits', () => {
    expect(() => createRateLimiter({ hourly: 0, tenSecond: 100 })).toThrow(RangeError);
    expect(() => createRateLimiter({ hourly: 10, tenSecond: 1.5 })).toThrow(RangeError);
  });
});
