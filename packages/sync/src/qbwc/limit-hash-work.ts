import type { HashBudgetConfig } from './qbwc-config.ts';

export interface HashBudget {
  /** Takes one scrypt run from this source's bucket; false = none left, answer without hashing. */
  take(source: string): boolean;
  /** Gives a token back (a right password): the real Web Connector never drains its own bucket. */
  refund(source: string): void;
}

// Buckets of quiet sources are dropped once this many are kept (a full bucket is the same as none).
const MAX_TRACKED_SOURCES = 10_000;

/**
 * In-process token buckets, one per source address, bounding the scrypt work one caller can cause (hostile input:
 * each random-username attempt cost ~230 ms of CPU with no limit). In-process on purpose: the CPU it protects
 * is this process's; several instances each keep their own budget. `clock` is milliseconds (tests pass theirs).
 */
export function createHashBudget(config: HashBudgetConfig, clock: () => number = Date.now): HashBudget {
  const buckets = new Map<string, { tokens: number; at: number }>();

  function refill(source: string): { tokens: number; at: number } {
    const t = clock();
    const bucket = buckets.get(source);
    if (!bucket) {
      const fresh = { tokens: config.burst, at: t };
      buckets.set(source, fresh);
      return fresh;
    }
    // A clock moved backwards (tests) refills nothing rather than a negative amount.
    const elapsed = Math.max(0, t - bucket.at);
    bucket.tokens = Math.min(config.burst, bucket.tokens + (elapsed / 1000) * config.perSecond);
    bucket.at = t;
    return bucket;
  }

  function forgetFullBuckets() {
    if (buckets.size <= MAX_TRACKED_SOURCES) return;
    for (const source of [...buckets.keys()]) if (refill(source).tokens >= config.burst) buckets.delete(source);
  }

  return {
    take(source) {
      forgetFullBuckets();
      const bucket = refill(source);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    refund(source) {
      const bucket = refill(source);
      bucket.tokens = Math.min(config.burst, bucket.tokens + 1);
    },
  };
}
