// Intuit's Accounting API limits, per realm (company) and app: 500 requests per minute, 10 per second, and
// 40 batch requests per minute ("API call limits and throttles",
// https://developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles). Over a limit Intuit answers
// 429 ThrottleExceeded (3001). Sliding windows over the accepted requests' times on the simulator clock;
// refused requests are not counted. Whether Intuit sends Retry-After is not documented (packages/qbo README):
// both are offered (`retryAfter: false` sends none).

export interface RealmRateLimits {
  perMinute: number;
  perSecond: number;
  batchesPerMinute: number;
  /** Send Retry-After (seconds until the window frees a slot) on 429 (default true). */
  retryAfter: boolean;
}

export const INTUIT_LIMITS: Readonly<RealmRateLimits> = Object.freeze({ perMinute: 500, perSecond: 10, batchesPerMinute: 40, retryAfter: true });

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; window: 'minute' | 'second' | 'batch-minute' };

export class RealmRateLimiter {
  private readonly requests: number[] = [];
  private readonly batches: number[] = [];
  private refusedCount = 0;

  private limits: RealmRateLimits;
  private readonly now: () => number;
  constructor(limits: RealmRateLimits, now: () => number) {
    this.limits = limits;
    this.now = now;
  }

  setLimits(limits: Partial<RealmRateLimits>): void {
    this.limits = { ...this.limits, ...limits };
  }

  get retryAfterHeader(): boolean {
    return this.limits.retryAfter;
  }

  get refused(): number {
    return this.refusedCount;
  }

  /** Counts the request when it is allowed. */
  take(isBatch: boolean): RateDecision {
    const t = this.now();
    prune(this.requests, t - 60_000);
    prune(this.batches, t - 60_000);
    const lastSecond = this.requests.filter((x) => x > t - 1000);
    const refuse = (window: 'minute' | 'second' | 'batch-minute', oldest: number, span: number): RateDecision => {
      this.refusedCount++;
      return { allowed: false, window, retryAfterSeconds: Math.max(1, Math.ceil((oldest + span - t) / 1000)) };
    };
    if (this.requests.length >= this.limits.perMinute) return refuse('minute', this.requests[this.requests.length - this.limits.perMinute] as number, 60_000);
    if (lastSecond.length >= this.limits.perSecond) return refuse('second', lastSecond[lastSecond.length - this.limits.perSecond] as number, 1000);
    if (isBatch && this.batches.length >= this.limits.batchesPerMinute)
      return refuse('batch-minute', this.batches[this.batches.length - this.limits.batchesPerMinute] as number, 60_000);
    this.requests.push(t);
    if (isBatch) this.batches.push(t);
    return { allowed: true };
  }
}

/** Drops times at or before `cutoff` (the list is in time order). */
function prune(times: number[], cutoff: number): void {
  let n = 0;
  while (n < times.length && (times[n] as number) <= cutoff) n++;
  times.splice(0, n);
}
