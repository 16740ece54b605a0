// Procore docs: Rate Limiting — an hourly limit (default 3600) and a short "spike" window, per app and
// company (API-CONTRACT.md: per (app, company); simulator defaults 3600/hour and 100 per 10 s). Every
// response reports X-Rate-Limit-Limit / -Remaining / -Reset (unix seconds) for whichever window is tighter.

export interface RateLimits {
  hourly: number;
  tenSecond: number;
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

interface Window {
  start: number;
  count: number;
}

interface Buckets {
  hour: Window;
  tenSeconds: Window;
}

const HOUR_MS = 3_600_000;
const TEN_SECONDS_MS = 10_000;

/** Fixed windows that start with the first request after the previous window ended. */
export class RateLimiter {
  private readonly buckets = new Map<string, Buckets>();

  private limits: RateLimits;
  private readonly now: () => number;
  constructor(limits: RateLimits, now: () => number) {
    this.limits = limits;
    this.now = now;
  }

  setLimits(limits: RateLimits): void {
    this.limits = limits;
  }

  /** Counts a request against `key` unless a window is full; answers the headers either way. */
  consume(key: string): RateDecision {
    const b = this.current(key);
    const allowed = b.hour.count < this.limits.hourly && b.tenSeconds.count < this.limits.tenSecond;
    if (allowed) {
      b.hour.count++;
      b.tenSeconds.count++;
    }
    return { allowed, headers: this.headersFor(b) };
  }

  /** The headers as they stand, without counting a request. */
  peek(key: string): Record<string, string> {
    return this.headersFor(this.current(key));
  }

  reset(): void {
    this.buckets.clear();
  }

  private current(key: string): Buckets {
    const now = this.now();
    let b = this.buckets.get(key);
    if (b === undefined) {
      b = { hour: { start: now, count: 0 }, tenSeconds: { start: now, count: 0 } };
      this.buckets.set(key, b);
    }
    if (now >= b.hour.start + HOUR_MS) b.hour = { start: now, count: 0 };
    if (now >= b.tenSeconds.start + TEN_SECONDS_MS) b.tenSeconds = { start: now, count: 0 };
    return b;
  }

  private headersFor(b: Buckets): Record<string, string> {
    const hourRemaining = Math.max(0, this.limits.hourly - b.hour.count);
    const tenRemaining = Math.max(0, this.limits.tenSecond - b.tenSeconds.count);
    // "Tighter" = fewer requests left; on a tie the window that resets later (it blocks longer).
    const useTen = tenRemaining < hourRemaining;
    const limit = useTen ? this.limits.tenSecond : this.limits.hourly;
    const remaining = useTen ? tenRemaining : hourRemaining;
    const resetMs = useTen ? b.tenSeconds.start + TEN_SECONDS_MS : b.hour.start + HOUR_MS;
    return {
      'X-Rate-Limit-Limit': String(limit),
      'X-Rate-Limit-Remaining': String(remaining),
      'X-Rate-Limit-Reset': String(Math.ceil(resetMs / 1000)),
    };
  }
}
