import { describe, expect, it } from 'vitest';
import { createRealmThrottle, ThrottleWaitTooLongError } from './realm-throttle.ts';
import { createFakeClock } from './test-support/fake-clock.ts';

const MARGIN = 100;

describe('realm throttle', () => {
  it("the 11th request within a second waits until the first one's slot ages out (10/s)", async () => {
    const clock = createFakeClock();
    const throttle = createRealmThrottle({ now: clock.now, sleep: clock.sleep });
    const start = clock.now();
    for (let i = 0; i < 10; i++) (await throttle.acquire()).release();
    expect(clock.now()).toBe(start);
    await throttle.acquire();
    expect(clock.now()).toBe(start + 1000 + MARGIN);
    expect(throttle.stats()).toMatchObject({ granted: 11, waits: 1 });
  });

  it('per minute: with 5/min the 6th request waits a minute', async () => {
    const clock = createFakeClock();
    const throttle = createRealmThrottle({ perMinute: 5, now: clock.now, sleep: clock.sleep });
    const start = clock.now();
    for (let i = 0; i < 5; i++) (await throttle.acquire()).release();
    (await throttle.acquire()).release();
    expect(clock.now()).toBe(start + 60_000 + MARGIN);
  });

  it('batches have their own 40/min window (here 2/min), requests are not held by it', async () => {
    const clock = createFakeClock();
    const throttle = createRealmThrottle({ batchPerMinute: 2, now: clock.now, sleep: clock.sleep });
    const start = clock.now();
    (await throttle.acquire({ kind: 'batch' })).release();
    (await throttle.acquire({ kind: 'batch' })).release();
    (await throttle.acquire()).release();
    expect(clock.now()).toBe(start);
    (await throttle.acquire({ kind: 'batch' })).release();
    expect(clock.now()).toBe(start + 60_000 + MARGIN);
  });

  it('a request passes a batch held by the batch window; the batch goes when its window opens', async () => {
    let t = Date.UTC(2026, 11, 7, 10, 0, 0);
    const sleeps: Array<{ ms: number; resolve: () => void }> = [];
    const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
      new Promise<void>((resolve) => {
        sleeps.push({ ms, resolve });
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    const throttle = createRealmThrottle({ batchPerMinute: 1, now: () => t, sleep });
    (await throttle.acquire({ kind: 'batch' })).release();
    let batchGranted = false;
    const batch = throttle.acquire({ kind: 'batch' }).then((p) => {
      batchGranted = true;
      return p;
    });
    await new Promise((r) => setImmediate(r));
    expect(sleeps.map((s) => s.ms)).toEqual([60_000 + MARGIN]);
    (await throttle.acquire()).release(); // not held behind the batch
    expect(batchGranted).toBe(false);
    t += 60_000 + MARGIN;
    sleeps.at(-1)?.resolve();
    await batch;
    expect(batchGranted).toBe(true);
  });

  it('at most `concurrent` in flight: the next one goes when one is released', async () => {
    const clock = createFakeClock();
    const throttle = createRealmThrottle({ concurrent: 2, now: clock.now, sleep: clock.sleep });
    const first = await throttle.acquire();
    await throttle.acquire();
    let third = false;
    const pending = throttle.acquire().then((p) => {
      third = true;
      return p;
    });
    await new Promise((r) => setImmediate(r));
    expect(third).toBe(false);
    expect(throttle.stats()).toMatchObject({ inFlight: 2, queued: 1 });
    first.release();
    await pending;
    expect(third).toBe(true);
  });

  it('holdUntil (a 429 with Retry-After) holds everyone until then', async () => {
    const clock = createFakeClock();
    const throttle = createRealmThrottle({ now: clock.now, sleep: clock.sleep });
    throttle.holdUntil(clock.now() + 7000);
    const start = clock.now();
    (await throttle.acquire()).release();
    expect(clock.now()).toBe(start + 7000);
    expect(throttle.stats().serverHolds).toBe(1);
  });

  it('a caller that would wait longer than maxWaitMs is told at once, with the wait', async () => {
    const clock = createFakeClock();
    const throttle = createRealmThrottle({ perMinute: 1, now: clock.now, sleep: clock.sleep });
    (await throttle.acquire()).release();
    const error = await throttle.acquire({ maxWaitMs: 5000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottleWaitTooLongError);
    expect((error as ThrottleWaitTooLongError).retryAfterMs).toBe(60_000 + MARGIN);
    expect(clock.sleeps).toEqual([]);
  });

  it('invariant: in any window of a second (a minute) no more grants than the limit, whatever the durations', async () => {
    const clock = createFakeClock();
    const throttle = createRealmThrottle({ perSecond: 10, perMinute: 50, now: clock.now, sleep: clock.sleep });
    let seed = 40789;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const grants: number[] = [];
    for (let i = 0; i < 200; i++) {
      const permit = await throttle.acquire();
      grants.push(clock.now());
      clock.advance(Math.floor(random() * 60));
      permit.release();
      if (random() < 0.1) clock.advance(Math.floor(random() * 2000));
    }
    const maxIn = (width: number): number => Math.max(...grants.map((t) => grants.filter((g) => g >= t && g < t + width).length));
    expect(maxIn(1000)).toBeLessThanOrEqual(10);
    expect(maxIn(60_000)).toBeLessThanOrEqual(50);
    expect(maxIn(60_000)).toBe(50); // the throttle does let the full budget through
  });
});
