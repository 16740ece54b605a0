import type { Metrics } from './create-metrics.ts';

/** Distinct Procore routes labelled before the rest count as "other" (label cardinality, create-metrics.ts). */
export const MAX_PROCORE_ROUTES = 200;

/**
 * The fetch every Procore call goes through (API client, OAuth, sign-in), counted by route and status and
 * timed (connector_procore_requests_total, _duration_seconds). Retries are separate requests, so a 429 and the
 * retry after it both show. The route is the URL path with ids replaced: never a query, a host or a token.
 */
export function instrumentProcoreFetch(inner: typeof fetch, metrics: Metrics): typeof fetch {
  const routes = new Set<string>();
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const route = boundedRoute(routeOf(request ? request.url : String(input)), routes);
    const stop = metrics.procoreRequestSeconds.startTimer({ method, route });
    try {
      const response = await inner(input, init);
      metrics.procoreRequests.inc({ method, route, status: String(response.status) });
      return response;
    } catch (error) {
      metrics.procoreRequests.inc({ method, route, status: 'network_error' });
      throw error;
    } finally {
      stop();
    }
  };
}

/** `/rest/v1.0/projects/123/vendors/9?page=2` → `/rest/v1.0/projects/:id/vendors/:id`. */
export function routeOf(url: string): string {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return 'unparseable';
  }
  return pathname
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) || /^[0-9a-f-]{16,}$/i.test(segment) || segment.length > 40 ? ':id' : segment))
    .join('/');
}

function boundedRoute(route: string, seen: Set<string>): string {
  if (seen.has(route)) return route;
  if (seen.size >= MAX_PROCORE_ROUTES) return 'other';
  seen.add(route);
  return route;
}
