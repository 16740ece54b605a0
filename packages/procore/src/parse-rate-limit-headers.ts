// Procore's rate-limit headers (Procore docs: "Rate Limiting"; API-CONTRACT.md "Conventions"):
// X-Rate-Limit-Limit, X-Rate-Limit-Remaining, X-Rate-Limit-Reset (unix seconds when the current window
// resets) on every answer, and Retry-After (seconds or an HTTP date, RFC 9110 §10.2.3) on 503s.

export interface RateLimitHeaders {
  limit: number | null;
  remaining: number | null;
  /** Epoch ms when the reported window resets; null when absent or unreadable. */
  resetAtMs: number | null;
}

/** Unix seconds below this are read as "seconds from now" (some gateways send a delta). ~2001-09-09. */
const EPOCH_SECONDS_FLOOR = 1_000_000_000;

export function parseRateLimitHeaders(headers: Headers, nowMs: number): RateLimitHeaders {
  return {
    limit: readNumber(headers.get('x-rate-limit-limit')),
    remaining: readNumber(headers.get('x-rate-limit-remaining')),
    resetAtMs: readReset(headers.get('x-rate-limit-reset'), nowMs),
  };
}

function readReset(value: string | null, nowMs: number): number | null {
  const seconds = readNumber(value);
  if (seconds === null) return null;
  return seconds >= EPOCH_SECONDS_FLOOR ? seconds * 1000 : nowMs + seconds * 1000;
}

/** Retry-After as ms from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

function readNumber(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
