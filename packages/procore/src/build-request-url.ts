// Resolves a request target against the API base URL. An absolute target (a Link rel="next" URL) must be
// on the API's own origin: we attach the bearer token to it, and a Link header pointing elsewhere would
// hand the token to another host.

import type { Query } from './procore-transport.ts';

export function buildRequestUrl(apiBaseUrl: string, target: string, query?: Query): URL {
  let url: URL;
  if (/^https?:\/\//i.test(target)) {
    url = new URL(target);
    const base = new URL(apiBaseUrl);
    if (url.origin !== base.origin) {
      throw new TypeError(`refusing to send Procore credentials to ${url.origin}: the API is ${base.origin}`);
    }
  } else {
    if (!target.startsWith('/')) throw new TypeError(`request path must start with "/": ${target}`);
    url = new URL(apiBaseUrl + target);
  }
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value as ReadonlyArray<string | number>) url.searchParams.append(name, String(item));
    } else {
      url.searchParams.set(name, String(value));
    }
  }
  return url;
}

/** The API path of a URL, without the base URL's own path prefix (if the API is mounted under one). */
export function apiPathOf(url: URL, apiBaseUrl: string): string {
  const prefix = new URL(apiBaseUrl).pathname.replace(/\/+$/, '');
  return prefix && url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || '/' : url.pathname;
}
