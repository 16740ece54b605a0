// Client-side throttle for one QuickBooks Online company (realm), shared by every client of that realm in
// this process, so callers wait BEFORE sending instead of discovering the limit by 429.
//
// Intuit's documented limits ("API call limits and throttles",
// https://developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles): 500 requests per minute per
// realm; 10 requests per second per realm and app; batch: 40 batch requests per minute per realm and app.
// The older policy ("QuickBooks Online API throttling changes coming soon", blogs.intuit.com 2016-08-08)
// words the 10 as "no more than 10 concurrent requests" per realm and app, batch requests counting toward
// the 500/min. Both readings are enforced: ≤ 10 in flight AND ≤ 10 per second, ≤ 500 per minute (batch
// included), ≤ 40 batches per minute.
//
// The idea is packages/procore/src/rate-limiter.ts's, copied (not imported: it is that package's
// internals): sliding windows over the time each request *finished* — a request occupies a slot from the
// moment it is granted until `width` after its answer arrived, so counting is never early whatever the
// latency — and a queue served by one pump loop that sleeps until a caller may go or a slot is released.
// A 429 with Retry-After holds everyone (holdUntil). Across processes the limit is shared with other
// instances of the connector: keep one sync worker per realm, or lower the limits (that is the sync layer's job).

import { sleep as realSleep, type Sleep } from './sleep.ts';

export interface RealmThrottleOptions {
  /** Requests per minute, batch requests included (Intuit: 500). */
  perMinute?: number | undefined;
  /** Requests per second (Intuit: 10). */
  perSecond?: number | undefined;
  /** Requests in flight at once (Intuit 2016: 10). */
  concurrent?: number | undefined;
  /** Batch requests per minute (Intuit: 40). */
  batchPerMinute?: number | undefined;
  now?: (() => number) | undefined;
  sleep?: Sleep | undefined;
  /** Added to each window to absorb clock differences between us and Intuit (default 100 ms). */
  safetyMarginMs?: number | undefined;
}

export type ThrottledKind = 'request' | 'batch';

export interface ThrottlePermit {
  /** Call once the answer (or the failure) has arrived; idempotent. */
  release(): void;
}

export interface AcquireOptions {
  kind?: ThrottledKind | undefined;
  /** Longest this caller waits; when its turn comes later, acquire rejects at once with ThrottleWaitTooLongError. */
  maxWaitMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface RealmThrottleStats {
  granted: number;
  waits: number;
  totalWaitMs: number;
  maxWaitMs: number;
  serverHolds: number;
  queued: number;
  inFlight: number;
}

export interface RealmThrottle {
  acquire(options?: AcquireOptions): Promise<ThrottlePermit>;
  /** Holds every caller until this time (epoch ms), e.g. after a 429 with Retry-After. */
  holdUntil(epochMs: number): void;
  stats(): RealmThrottleStats;
}

export class ThrottleWaitTooLongError extends Error {
  override name = 'ThrottleWaitTooLongError';
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number, maxWaitMs: number) {
    super(`the QuickBooks Online throttle leaves no slot for ${Math.ceil(retryAfterMs / 1000)} s (this caller waits at most ${Math.ceil(maxWaitMs / 1000)} s)`);
    this.retryAfterMs = retryAfterMs;
  }
}

export const INTUIT_REALM_LIMITS = Object.freeze({ perMinute: 500, perSecond: 10, concurrent: 10, batchPerMinute: 40 });

const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;

interface Waiter {
  kind: ThrottledKind;
  enqueuedAt: number;
  waited: boolean;
  deadline: number;
  maxWaitMs: number;
  resolve: (permit: ThrottlePermit) => void;
  reject: (error: unknown) => void;
  settle: () => void;
}

export function createRealmThrottle(options: RealmThrottleOptions = {}): RealmThrottle {
  const perMinute = options.perMinute ?? INTUIT_REALM_LIMITS.perMinute;
  const perSecond = options.perSecond ?? INTUIT_REALM_LIMITS.perSecond;
  const concurrent = options.concurrent ?? INTUIT_REALM_LIMITS.concurrent;
  const batchPerMinute = options.batchPerMinute ?? INTUIT_REALM_LIMITS.batchPerMinute;
  for (const [name, value] of [
    ['perMinute', perMinute],
    ['perSecond', perSecond],
    ['concurrent', concurrent],
    ['batchPerMinute', batchPerMinute],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  }
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const margin = options.safetyMarginMs ?? 100;
  const minuteMs = MINUTE_MS + margin;
  const secondMs = SECOND_MS + margin;

  /** Finish times (ascending) of released requests, all kinds, and of released batch requests. */
  let finished: number[] = [];
  let finishedBatches: number[] = [];
  let inFlight = 0;
  let inFlightBatches = 0;
  const queue: Waiter[] = [];
  let pumping = false;
  let wake: (() => void) | null = null;
  let heldUntil = 0;
  const counters = { granted: 0, waits: 0, totalWaitMs: 0, maxWaitMs: 0, serverHolds: 0 };

  function prune(t: number): void {
    finished = finished.filter((f) => f + minuteMs > t);
    finishedBatches = finishedBatches.filter((f) => f + minuteMs > t);
  }

  /** ms until a window of `limit` has room: 0 now, Infinity = when a request in flight is answered. */
  function windowWait(t: number, allTimes: number[], active: number, limit: number, widthMs: number): number {
    const times = allTimes.filter((f) => f + widthMs > t);
    const total = active + times.length;
    if (total < limit) return 0;
    const index = total - limit; // this many finished slots must age out first (times are ascending)
    return index < times.length ? (times[index] as number) + widthMs - t : Number.POSITIVE_INFINITY;
  }

  /** ms until this caller may go: 0 now, Infinity = when a request in flight is answered. */
  function waitFor(waiter: Waiter, t: number): number {
    let wait = Math.max(0, heldUntil - t);
    if (inFlight >= concurrent) wait = Number.POSITIVE_INFINITY;
    wait = Math.max(wait, windowWait(t, finished, inFlight, perMinute, minuteMs));
    wait = Math.max(wait, windowWait(t, finished, inFlight, perSecond, secondMs));
    if (waiter.kind === 'batch') wait = Math.max(wait, windowWait(t, finishedBatches, inFlightBatches, batchPerMinute, minuteMs));
    return wait;
  }

  function grant(waiter: Waiter, t: number): void {
    waiter.settle();
    inFlight++;
    if (waiter.kind === 'batch') inFlightBatches++;
    counters.granted++;
    if (waiter.waited) {
      const waited = Math.max(0, t - waiter.enqueuedAt);
      counters.waits++;
      counters.totalWaitMs += waited;
      counters.maxWaitMs = Math.max(counters.maxWaitMs, waited);
    }
    let released = false;
    waiter.resolve({
      release: () => {
        if (released) return;
        released = true;
        const at = Math.max(now(), finished.at(-1) ?? 0);
        inFlight--;
        finished.push(at);
        if (waiter.kind === 'batch') {
          inFlightBatches--;
          finishedBatches.push(Math.max(at, finishedBatches.at(-1) ?? 0));
        }
        wake?.();
      },
    });
  }

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const t = now();
        prune(t);
        // The first caller in queue order that may go now goes. Callers of one kind face the same limits,
        // so they keep their order; a request may pass a batch held by the batch window (40/min) only.
        const waits = queue.map((waiter) => waitFor(waiter, t));
        const ready = waits.findIndex((wait) => wait <= 0);
        if (ready >= 0) {
          grant(queue.splice(ready, 1)[0] as Waiter, t);
          continue;
        }
        // A caller goes no earlier than its own wait: one whose deadline comes before that is told now,
        // with that wait, rather than slept past its limit. (An Infinity wait ends when a request in flight
        // is answered, which its own timeout bounds.)
        for (const [index, waiter] of [...queue].entries()) {
          const wait = waits[index] as number;
          if (wait === Number.POSITIVE_INFINITY || t + wait <= waiter.deadline) continue;
          queue.splice(queue.indexOf(waiter), 1);
          waiter.settle();
          waiter.reject(new ThrottleWaitTooLongError(wait, waiter.maxWaitMs));
        }
        if (queue.length === 0) break;
        for (const waiter of queue) waiter.waited = true;
        const wait = Math.min(...waits);
        const controller = new AbortController();
        wake = () => controller.abort();
        if (wait === Number.POSITIVE_INFINITY) {
          await new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true }));
        } else {
          await sleep(wait, controller.signal);
        }
        wake = null;
      }
    } finally {
      pumping = false;
    }
  }

  return {
    acquire(acquireOptions = {}) {
      const { signal } = acquireOptions;
      const maxWaitMs = acquireOptions.maxWaitMs ?? Number.POSITIVE_INFINITY;
      return new Promise<ThrottlePermit>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const enqueuedAt = now();
        const onAbort = (): void => {
          const index = queue.indexOf(waiter);
          if (index < 0) return;
          queue.splice(index, 1);
          reject(signal?.reason);
          if (queue.length === 0) wake?.();
        };
        const waiter: Waiter = {
          kind: acquireOptions.kind ?? 'request',
          enqueuedAt,
          waited: false,
          deadline: enqueuedAt + maxWaitMs,
          maxWaitMs,
          resolve,
          reject,
          settle: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
        // A sleeping pump waits for someone else's turn; this caller may be able to go now.
        wake?.();
        void pump();
      });
    },
    holdUntil(epochMs) {
      if (epochMs > heldUntil && epochMs > now()) {
        heldUntil = epochMs;
        counters.serverHolds++;
        wake?.();
      }
    },
    stats() {
      return { ...counters, queued: queue.length, inFlight };
    },
  };
}
