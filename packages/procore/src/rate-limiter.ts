// Client-side limiter that keeps one Procore company (Procore limits per app and company) under both of
// Procore's windows — hourly and 10 seconds (Procore docs: "Rate Limiting"; simulator defaults 3600/h and
// 100/10 s) — by making callers wait BEFORE sending, instead of discovering the limit by 429.
//
// Sliding windows over the time each request *finished*: a request occupies a slot from the moment it is
// granted until `width` after its answer arrived. Procore counted it somewhere between sending and
// answering, so counting from the answer is never early, whatever the network latency, and "at most N in
// any interval of `width`" also keeps any fixed window Procore may use under N.
//
// It also learns from every answer's X-Rate-Limit-Limit/Remaining/Reset (Procore counts requests of every
// process of this app for the company, and ours from before a restart): Remaining = 0 holds every caller
// until Reset; a smaller Remaining caps how many more we send before Reset.
//
// Concurrency: callers wait in a FIFO queue served by one pump loop (no polling, no busy loop); the pump
// sleeps until the earliest moment the head may go, or until a slot is released.

import { parseRateLimitHeaders } from './parse-rate-limit-headers.ts';
import { sleep as realSleep, type Sleep } from './sleep.ts';

export interface RateLimiterOptions {
  /** Requests per hour for the company (Procore default 3600). */
  hourly: number;
  /** Requests per 10 seconds for the company (Procore default 100). */
  tenSecond: number;
  now?: (() => number) | undefined;
  sleep?: Sleep | undefined;
  /** Added to each window to absorb clock granularity between us and Procore (default 100 ms). */
  safetyMarginMs?: number | undefined;
}

export interface RateLimitPermit {
  /** Call once the answer (or the failure) has arrived; idempotent. */
  release(): void;
}

export interface RateLimiterStats {
  /** Permits handed out. */
  granted: number;
  /** Permits that had to wait before being handed out. */
  waits: number;
  /** Sum of those waits, ms. */
  totalWaitMs: number;
  maxWaitMs: number;
  /** Times an answer's headers (Remaining = 0) or a Retry-After held all callers. */
  serverHolds: number;
  queued: number;
  inFlight: number;
}

export interface AcquireOptions {
  /** Longest this caller will wait. When the limiter sees that the caller's turn comes later than that (an
   * exhausted hourly window, a Retry-After hold), acquire rejects at once with RateLimitWaitTooLongError
   * instead of sleeping, so a background job can give its work back and come back at the reset. */
  maxWaitMs?: number | undefined;
  /** Aborting removes the caller from the queue; acquire rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** The caller would have to wait longer than its maxWaitMs; `retryAfterMs` is the shortest wait it faces. */
export class RateLimitWaitTooLongError extends Error {
  override name = 'RateLimitWaitTooLongError';
  readonly retryAfterMs: number;
  readonly maxWaitMs: number;
  constructor(retryAfterMs: number, maxWaitMs: number) {
    super(`the Procore rate limit leaves no slot for ${Math.ceil(retryAfterMs / 1000)} s (this caller waits at most ${Math.ceil(maxWaitMs / 1000)} s)`);
    this.retryAfterMs = retryAfterMs;
    this.maxWaitMs = maxWaitMs;
  }
}

export interface RateLimiter {
  /** Resolves when a request may be sent now. */
  acquire(options?: AcquireOptions): Promise<RateLimitPermit>;
  /** Learns from an answer's X-Rate-Limit-* headers; call before releasing that answer's permit. */
  observe(headers: Headers): void;
  /** Holds every caller until this time (epoch ms), e.g. after a 429 / 503 with Retry-After. */
  holdUntil(epochMs: number): void;
  stats(): RateLimiterStats;
}

interface Waiter {
  enqueuedAt: number;
  waited: boolean;
  /** Epoch ms after which this caller would rather fail than keep waiting (Infinity: waits as long as it takes). */
  deadline: number;
  maxWaitMs: number;
  resolve: (permit: RateLimitPermit) => void;
  reject: (error: unknown) => void;
  /** Detaches the abort listener. */
  settle: () => void;
}

const HOUR_MS = 3_600_000;
const TEN_SECONDS_MS = 10_000;

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  for (const [name, value] of [
    ['hourly', options.hourly],
    ['tenSecond', options.tenSecond],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  }
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const margin = options.safetyMarginMs ?? 100;
  const windows = [
    { limit: options.hourly, widthMs: HOUR_MS + margin },
    { limit: options.tenSecond, widthMs: TEN_SECONDS_MS + margin },
  ];
  const longestWidth = Math.max(...windows.map((w) => w.widthMs));

  /** Finish times of released requests, ascending (releases happen in time order). */
  let finished: number[] = [];
  let inFlight = 0;
  const queue: Waiter[] = [];
  let pumping = false;
  let wake: (() => void) | null = null;
  let heldUntil = 0;
  /** What Procore's last answer said is left before `resetAtMs`, minus what we sent since. */
  let budget: { remaining: number; resetAtMs: number } | null = null;
  const counters = { granted: 0, waits: 0, totalWaitMs: 0, maxWaitMs: 0, serverHolds: 0 };

  function prune(t: number): void {
    let drop = 0;
    while (drop < finished.length && (finished[drop] as number) + longestWidth <= t) drop++;
    if (drop > 0) finished = finished.slice(drop);
  }

  /** First index in `finished` whose slot still counts in a window of this width at time t. */
  function firstInWindow(t: number, widthMs: number): number {
    let lo = 0;
    let hi = finished.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((finished[mid] as number) + widthMs > t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** ms until the head of the queue may go: 0 now, Infinity = when a slot is released. */
  function waitFor(t: number): number {
    let wait = Math.max(0, heldUntil - t);
    if (budget !== null) {
      if (t >= budget.resetAtMs) budget = null;
      else if (budget.remaining <= 0) wait = Math.max(wait, budget.resetAtMs - t);
    }
    for (const { limit, widthMs } of windows) {
      const start = firstInWindow(t, widthMs);
      const active = inFlight + (finished.length - start);
      if (active < limit) continue;
      // `excess` finished slots must age out; if fewer than that have finished, a release must come first.
      const excess = active - limit + 1;
      const index = start + excess - 1;
      wait = Math.max(wait, index < finished.length ? (finished[index] as number) + widthMs - t : Number.POSITIVE_INFINITY);
    }
    return wait;
  }

  function grant(waiter: Waiter, t: number): void {
    waiter.settle();
    inFlight++;
    counters.granted++;
    if (budget !== null) budget.remaining--;
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
        inFlight--;
        finished.push(Math.max(now(), finished.at(-1) ?? 0));
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
        const wait = waitFor(t);
        if (wait <= 0) {
          grant(queue.shift() as Waiter, t);
          continue;
        }
        // The head goes no earlier than t + wait, and everyone behind it no earlier either: a caller whose
        // deadline comes before that is told now, with that wait, rather than slept past its limit. (An
        // Infinity wait ends when a request in flight is answered, which its own timeout bounds.)
        if (wait !== Number.POSITIVE_INFINITY) {
          for (const waiter of [...queue]) {
            if (t + wait <= waiter.deadline) continue;
            queue.splice(queue.indexOf(waiter), 1);
            waiter.settle();
            waiter.reject(new RateLimitWaitTooLongError(wait, waiter.maxWaitMs));
          }
          if (queue.length === 0) break;
        }
        for (const waiter of queue) waiter.waited = true;
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

  function hold(untilMs: number): void {
    if (untilMs > heldUntil && untilMs > now()) {
      heldUntil = untilMs;
      counters.serverHolds++;
    }
  }

  return {
    acquire(acquireOptions = {}) {
      const { signal } = acquireOptions;
      const maxWaitMs = acquireOptions.maxWaitMs ?? Number.POSITIVE_INFINITY;
      return new Promise<RateLimitPermit>((resolve, reject) => {
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
          // Let a pump sleeping for this caller alone stop (an hour-long hold must not outlive it).
          if (queue.length === 0) wake?.();
        };
        const waiter: Waiter = {
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
        void pump();
      });
    },

    observe(headers) {
      const t = now();
      const { remaining, resetAtMs } = parseRateLimitHeaders(headers, t);
      if (remaining === null || resetAtMs === null || resetAtMs <= t) return;
      if (remaining <= 0) {
        hold(resetAtMs);
        return;
      }
      // Requests still in flight besides the one answering may not have been counted yet: assume they were not.
      const estimate = remaining - Math.max(0, inFlight - 1);
      if (budget === null || resetAtMs > budget.resetAtMs) budget = { remaining: estimate, resetAtMs };
      else if (resetAtMs === budget.resetAtMs) budget.remaining = Math.min(budget.remaining, estimate);
      // An answer about an older window (arrived late) says nothing about the current one.
    },

    holdUntil(epochMs) {
      hold(epochMs);
    },

    stats() {
      return { ...counters, queued: queue.length, inFlight };
    },
  };
}
