import { describe, expect, it } from 'vitest';
import { parseLinkHeader } from './parse-link-header.ts';
import { parseRateLimitHeaders, parseRetryAfter } from './parse-rate-limit-headers.ts';

describe('parseLinkHeader', () => {
  it("reads Procore's Link header", () => {
    const header =
      '<https://api.procore.com/rest/v1.0/projects?page=1&per_page=100>; rel="first", <https://api.procore.com/rest/v1.0/projects?page=2&per_page=100>; rel="next", <https://api.procore.com/rest/v1.0/projects?page=9&per_page=100>; rel="last"';
    expect(parseLinkHeader(header, 'https://api.procore.com/x')).toEqual({
      first: 'https://api.procore.com/rest/v1.0/projects?page=1&per_page=100',
      next: 'https://api.procore.com/rest/v1.0/projects?page=2&per_page=100',
      last: 'https://api.procore.com/rest/v1.0/projects?page=9&per_page=100',
    });
  });

  it('handles unquoted rels, relative targets, commas inside URLs, and garbage', () => {
    expect(parseLinkHeader('</a?f=1,2&page=2>; rel=next', 'https://h.example/b')).toEqual({ next: 'https://h.example/a?f=1,2&page=2' });
    expect(parseLinkHeader(null, 'https://h.example')).toEqual({});
    expect(parseLinkHeader('nonsense, <x>', 'https://h.example')).toEqual({});
  });
});

describe('rate-limit headers', () => {
  const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);
  it('reads X-Rate-Limit-* with Reset as unix seconds (or a small delta)', () => {
    expect(
      parseRateLimitHeaders(new Headers({ 'X-Rate-Limit-Limit': '3600', 'X-Rate-Limit-Remaining': '12', 'X-Rate-Limit-Reset': String(NOW / 1000 + 30) }), NOW),
    ).toEqual({
      limit: 3600,
      remaining: 12,
      resetAtMs: NOW + 30_000,
    });
    expect(parseRateLimitHeaders(new Headers({ 'X-Rate-Limit-Reset': '8' }), NOW).resetAtMs).toBe(NOW + 8000);
    expect(parseRateLimitHeaders(new Headers({ 'X-Rate-Limit-Remaining': 'lots' }), NOW)).toEqual({ limit: null, remaining: null, resetAtMs: null });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });
});
