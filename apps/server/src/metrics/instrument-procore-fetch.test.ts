import { describe, expect, it } from 'vitest';
import { createMetrics } from './create-metrics.ts';
import { instrumentProcoreFetch, MAX_PROCORE_ROUTES, routeOf } from './instrument-procore-fetch.ts';

const count = async (metrics: ReturnType<typeof createMetrics>) => (await metrics.procoreRequests.get()).values.map((v) => ({ ...v.labels, value: v.value }));

describe('instrumentProcoreFetch', () => {
  it('labels a call by method, route with ids replaced (never the query) and status', async () => {
    const metrics = createMetrics();
    const statuses = [200, 429, 200];
    const fetchLike = instrumentProcoreFetch(async () => new Response('{}', { status: statuses.shift()! }), metrics);
    await fetchLike('https://api.procore.com/rest/v1.0/projects/562949953425431/vendors/12?page=2&search=Acme');
    await fetchLike('https://api.procore.com/rest/v1.0/projects/7/vendors/13', { method: 'post' });
    await fetchLike(new Request('https://login.procore.com/oauth/token', { method: 'POST' }));
    expect(await count(metrics)).toEqual(
      expect.arrayContaining([
        { method: 'GET', route: '/rest/v1.0/projects/:id/vendors/:id', status: '200', value: 1 },
        { method: 'POST', route: '/rest/v1.0/projects/:id/vendors/:id', status: '429', value: 1 },
        { method: 'POST', route: '/oauth/token', status: '200', value: 1 },
      ]),
    );
  });

  it('counts a call that got no answer as network_error and still throws', async () => {
    const metrics = createMetrics();
    const fetchLike = instrumentProcoreFetch(async () => Promise.reject(new TypeError('fetch failed')), metrics);
    await expect(fetchLike('https://api.procore.com/rest/v1.0/companies')).rejects.toThrow('fetch failed');
    expect(await count(metrics)).toEqual([{ method: 'GET', route: '/rest/v1.0/companies', status: 'network_error', value: 1 }]);
  });

  it('keeps the route label bounded: past MAX_PROCORE_ROUTES distinct routes the rest are "other"', async () => {
    const metrics = createMetrics();
    const fetchLike = instrumentProcoreFetch(async () => new Response(null, { status: 204 }), metrics);
    for (let i = 0; i < MAX_PROCORE_ROUTES + 5; i++)
      await fetchLike(`https://api.procore.com/rest/v1.0/route${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}x`);
    const routes = new Set((await count(metrics)).map((v) => v.route));
    expect(routes.size).toBe(MAX_PROCORE_ROUTES + 1);
    expect((await count(metrics)).find((v) => v.route === 'other')?.value).toBe(5);
  });

  it('replaces numeric, UUID-like and very long segments', () => {
    expect(routeOf('https://x.test/rest/v1.1/companies/8/webhooks/hooks/00000000-0000-4000-8000-000000000000/triggers')).toBe(
      '/rest/v1.1/companies/:id/webhooks/hooks/:id/triggers',
    );
    expect(routeOf(`https://x.test/a/${'z'.repeat(41)}`)).toBe('/a/:id');
    expect(routeOf('not a url')).toBe('unparseable');
  });
});
